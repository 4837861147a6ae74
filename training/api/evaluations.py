"""The knowledge checks and observations API.

Knowledge checks: the organisation's keepers of training list, write and edit them, read every
attempt and record paper scores; a person reads a check of a course they took (without which
option is correct) and their own attempts under /training/me/. Observations of a case: its
consultants write, its leaders read, staff get 403; another organisation's objects answer 404.
The same selectors and services as the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.access import can_manage_case, can_manage_training
from crisis.api_base import ERROR_400
from crisis.selectors import get_case_for

from .. import selectors, services
from ..models import CheckAttempt, KnowledgeCheck, Observation
from ..serializers import (
    AttemptOutputSerializer,
    CheckDetailOutputSerializer,
    CheckInputSerializer,
    CheckOutputSerializer,
    CheckUpdateInputSerializer,
    ObservationActionOutputSerializer,
    ObservationInputSerializer,
    ObservationOutputSerializer,
    PaperScoreInputSerializer,
)

CHECK_TAGS = ["training"]
OBSERVATION_TAGS = ["observations"]
ERROR_403 = OpenApiResponse(description="Staff read only their own training.")
ERROR_403_OBSERVATION = OpenApiResponse(description="Observations are read by the case's consultants and leaders, "
                                                    "and written by its consultants.")
ERROR_404 = OpenApiResponse(description="No such organisation or object, or not one you may see.")


def _keep(request, organisation_id: int):
    organisation = selectors.get_training_organisation(user=request.user, pk=organisation_id)
    if not selectors.can_manage_training(user=request.user, organisation_id=organisation.pk):
        raise PermissionDenied("An organisation's training records are kept by its consultants and leaders.")
    return organisation


def _check_output(user, check: KnowledgeCheck) -> dict:
    context = {"questions": selectors.check_questions(check=check),
               "show_correct": can_manage_training(user=user, organisation_id=check.organisation_id)}
    return CheckDetailOutputSerializer(check, context=context).data


@extend_schema(tags=CHECK_TAGS)
class CheckListApi(generics.GenericAPIView):
    serializer_class = CheckOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return KnowledgeCheck.objects.none()
        organisation = _keep(self.request, self.kwargs["organisation_id"])
        return selectors.organisation_checks(user=self.request.user, organisation=organisation)

    @extend_schema(responses={200: CheckOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List an organisation's knowledge checks, with their figures")
    def get(self, request: Request, organisation_id: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CheckOutputSerializer(page, many=True).data)

    @extend_schema(request=CheckInputSerializer,
                   responses={201: CheckDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Write a course's knowledge check, with its questions")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = _keep(request, organisation_id)
        data = CheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        course = selectors.organisation_courses(user=request.user, organisation=organisation).filter(
            pk=values.pop("course")).first()
        if course is None:
            raise ValidationError({"course": "Choose a course of this organisation."})
        check = services.knowledge_check_create(actor=request.user, course=course, **values)
        return Response(_check_output(request.user, check), status=status.HTTP_201_CREATED)


@extend_schema(tags=CHECK_TAGS)
class CheckDetailApi(generics.GenericAPIView):
    serializer_class = CheckDetailOutputSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(responses={200: CheckDetailOutputSerializer, 404: ERROR_404},
                   summary="Read a knowledge check with its questions and options (which is correct: keepers only)")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_check_output(request.user, selectors.get_check_for(user=request.user, pk=pk)))

    @extend_schema(request=CheckUpdateInputSerializer,
                   responses={200: CheckDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Change a check's title, pass mark or whether it is offered")
    def patch(self, request: Request, pk: int) -> Response:
        check = selectors.get_check_for(user=request.user, pk=pk)
        data = CheckUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        check = services.knowledge_check_update(actor=request.user, check=check, **data.validated_data)
        return Response(_check_output(request.user, check))


@extend_schema(tags=CHECK_TAGS)
class CheckAttemptListApi(generics.GenericAPIView):
    serializer_class = AttemptOutputSerializer
    filter_backends: list = []

    def _check(self) -> KnowledgeCheck:
        check = selectors.get_check_for(user=self.request.user, pk=self.kwargs["pk"])
        if not can_manage_training(user=self.request.user, organisation_id=check.organisation_id):
            raise PermissionDenied("Everyone's scores are read by those who keep the organisation's training; "
                                   "yours are under /training/me/check-attempts/.")
        return check

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CheckAttempt.objects.none()
        return (selectors.attempts_for(self.request.user).filter(knowledge_check=self._check())
                .select_related("knowledge_check", "person").order_by("-taken_at", "-id"))

    @extend_schema(responses={200: AttemptOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a knowledge check's attempts, latest first")
    def get(self, request: Request, pk: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(AttemptOutputSerializer(page, many=True).data)

    @extend_schema(request=PaperScoreInputSerializer,
                   responses={201: AttemptOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Record the score of a check done on paper")
    def post(self, request: Request, pk: int) -> Response:
        check = self._check()
        data = PaperScoreInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = selectors.people_for(request.user).filter(organisation_id=check.organisation_id,
                                                           pk=values.pop("person")).first()
        if person is None:
            raise ValidationError({"person": "Choose a person of this organisation."})
        attempt = services.check_attempt_record(actor=request.user, check=check, person=person, **values)
        return Response(AttemptOutputSerializer(attempt).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=CHECK_TAGS)
class MyAttemptListApi(generics.ListAPIView):
    """The signed-in user's own knowledge check scores, in every organisation they are on the staff list of."""

    serializer_class = AttemptOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CheckAttempt.objects.none()
        return selectors.my_attempts(self.request.user)

    @extend_schema(summary="List my own knowledge check attempts, latest first")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


# Observations ------------------------------------------------------------------------------


def _observation_case(request, reference: str, *, write: bool = False):
    case = get_case_for(user=request.user, reference=reference)
    if write and not can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Observations and learning walks are written by the case's consultants.")
    if not selectors.can_read_observations(user=request.user, case=case):
        raise PermissionDenied("A case's observations are read by its consultants and leaders.")
    return case


@extend_schema(tags=OBSERVATION_TAGS)
class ObservationListApi(generics.GenericAPIView):
    serializer_class = ObservationOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Observation.objects.none()
        case = _observation_case(self.request, self.kwargs["reference"])
        rating = self.request.query_params.get("rating") or None
        if rating and rating not in Observation.Rating.values:
            raise ValidationError({"rating": f"One of {', '.join(Observation.Rating.values)}."})
        return selectors.case_observations(user=self.request.user, case=case, rating=rating)

    @extend_schema(parameters=[OpenApiParameter("rating", enum=Observation.Rating.values, required=False)],
                   responses={200: ObservationOutputSerializer(many=True), 400: ERROR_400,
                              403: ERROR_403_OBSERVATION, 404: ERROR_404},
                   summary="List a case's observations and learning walks, latest first")
    def get(self, request: Request, reference: str) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ObservationOutputSerializer(page, many=True).data)

    @extend_schema(request=ObservationInputSerializer,
                   responses={201: ObservationOutputSerializer, 400: ERROR_400, 403: ERROR_403_OBSERVATION,
                              404: ERROR_404},
                   summary="Record an observation or learning walk")
    def post(self, request: Request, reference: str) -> Response:
        case = _observation_case(request, reference, write=True)
        data = ObservationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        observation = services.observation_create(actor=request.user, case=case, **data.validated_data)
        return Response(ObservationOutputSerializer(observation).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=OBSERVATION_TAGS)
class ObservationDetailApi(generics.GenericAPIView):
    serializer_class = ObservationOutputSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(responses={200: ObservationOutputSerializer, 403: ERROR_403_OBSERVATION, 404: ERROR_404},
                   summary="Read an observation")
    def get(self, request: Request, reference: str, pk: int) -> Response:
        case = _observation_case(request, reference)
        return Response(ObservationOutputSerializer(
            selectors.get_observation_for(user=request.user, case=case, pk=pk)).data)

    @extend_schema(request=ObservationInputSerializer(partial=True),
                   responses={200: ObservationOutputSerializer, 400: ERROR_400, 403: ERROR_403_OBSERVATION,
                              404: ERROR_404},
                   summary="Correct an observation")
    def patch(self, request: Request, reference: str, pk: int) -> Response:
        case = _observation_case(request, reference, write=True)
        observation = selectors.get_observation_for(user=request.user, case=case, pk=pk)
        data = ObservationInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        observation = services.observation_update(actor=request.user, observation=observation,
                                                  **data.validated_data)
        return Response(ObservationOutputSerializer(observation).data)


@extend_schema(tags=OBSERVATION_TAGS)
class ObservationActionApi(generics.GenericAPIView):
    serializer_class = ObservationActionOutputSerializer
    pagination_class = None
    filter_backends: list = []

    @extend_schema(request=None,
                   responses={201: ObservationActionOutputSerializer, 400: ERROR_400, 403: ERROR_403_OBSERVATION,
                              404: ERROR_404},
                   summary="Turn a concern into an action of the response plan (once)")
    def post(self, request: Request, reference: str, pk: int) -> Response:
        case = _observation_case(request, reference, write=True)
        observation = selectors.get_observation_for(user=request.user, case=case, pk=pk)
        action = services.observation_to_action(actor=request.user, observation=observation)
        return Response(ObservationActionOutputSerializer({
            "observation": observation.pk, "action": action.pk, "title": action.title, "due_on": action.due_on,
        }).data, status=status.HTTP_201_CREATED)

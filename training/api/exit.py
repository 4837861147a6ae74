"""The exit API of a case: its criteria, readiness, sign-offs, the four-eyes override and the
follow-up reviews after exit.

A case is reached by its reference like the other case endpoints: 404 for a case the user does not
see, 403 for staff (who do not read exit criteria); the writes are checked again by the services.
The same selectors and services as the exit page.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400
from crisis.models import Case

from .. import selectors, services
from ..serializers import (
    ExitCriteriaInputSerializer,
    ExitCriterionOutputSerializer,
    ExitOverrideDecisionInputSerializer,
    ExitOverrideInputSerializer,
    ExitOverrideOutputSerializer,
    ExitReadinessOutputSerializer,
    ExitSignOffInputSerializer,
    ExitSignOffOutputSerializer,
    FollowUpReviewDoneInputSerializer,
    FollowUpReviewOutputSerializer,
)

TAGS = ["training"]
ERROR_403 = OpenApiResponse(description="You see the case but may not do this (staff read no exit criteria; "
                            "only consultants edit them and decide overrides).")
ERROR_404 = OpenApiResponse(description="No such case or object, or not one you may see.")


class ExitCaseMixin:
    filter_backends: list = []
    pagination_class = None

    def get_case(self) -> Case:
        return selectors.get_exit_case_for(user=self.request.user, reference=self.kwargs["reference"])


@extend_schema(tags=TAGS)
class ExitCriteriaApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = ExitCriterionOutputSerializer

    @extend_schema(responses={200: ExitCriterionOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's exit criteria, enabled or not",
                   description="The defaults until a consultant edits them (nothing is written by reading).")
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        return Response(ExitCriterionOutputSerializer(selectors.exit_criteria(case=case), many=True).data)

    @extend_schema(request=ExitCriteriaInputSerializer,
                   responses={200: ExitCriterionOutputSerializer(many=True), 400: ERROR_400, 403: ERROR_403,
                              404: ERROR_404},
                   summary="Change a case's exit criteria",
                   description='{"criteria": [{"kind": "actions", "threshold": "85", "enabled": true}]}: the case\'s '
                   "consultants. Percentages are whole numbers from 0 to 100; the survey score is from 1.0 to 5.0. "
                   "All or nothing.")
    def patch(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ExitCriteriaInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = {}
        for item in serializer.validated_data["criteria"]:
            changes[item["kind"]] = {key: item[key] for key in ("threshold", "enabled") if key in item}
        rows = services.exit_criteria_update(actor=request.user, case=case, changes=changes)
        return Response(ExitCriterionOutputSerializer(rows, many=True).data)


@extend_schema(tags=TAGS)
class ExitReadinessApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = ExitReadinessOutputSerializer

    @extend_schema(responses={200: ExitReadinessOutputSerializer, 403: ERROR_403, 404: ERROR_404},
                   summary="How far a case meets its exit criteria today",
                   description="The figures of the exit page: each enabled criterion with its figure and whether it "
                   "is met, the sign-offs and override of the current Recovery period.")
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        return Response(ExitReadinessOutputSerializer(selectors.case_readiness(case=case)).data)


@extend_schema(tags=TAGS)
class ExitSignOffApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = ExitSignOffInputSerializer

    @extend_schema(request=ExitSignOffInputSerializer,
                   responses={201: ExitSignOffOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Sign off a case's exit",
                   description="A leader who sees the case signs as `leader`; its lead consultant as "
                   "`lead_consultant`. In Recovery only; counts in the current Recovery period.")
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ExitSignOffInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signoff = services.exit_sign_off(actor=request.user, case=case, **serializer.validated_data)
        return Response(ExitSignOffOutputSerializer(signoff).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class ExitOverrideListApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = ExitOverrideOutputSerializer

    @extend_schema(responses={200: ExitOverrideOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's exit overrides, newest first")
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        return Response(ExitOverrideOutputSerializer(selectors.case_exit_overrides(case=case)[:50], many=True).data)

    @extend_schema(request=ExitOverrideInputSerializer,
                   responses={201: ExitOverrideOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Ask to close a case although exit criteria are unmet",
                   description="A consultant of the case, with a reason; a second consultant approves or refuses.")
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ExitOverrideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        override = services.exit_override_request(actor=request.user, case=case, **serializer.validated_data)
        return Response(ExitOverrideOutputSerializer(override).data, status=status.HTTP_201_CREATED)


class _ExitOverrideDecisionApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = ExitOverrideDecisionInputSerializer
    approve = True

    def post(self, request: Request, reference: str, pk: int) -> Response:
        case = self.get_case()
        override = selectors.get_exit_override_for(user=request.user, case=case, pk=pk)
        serializer = ExitOverrideDecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        override = services.exit_override_decide(actor=request.user, override=override, approve=self.approve,
                                                 reason=serializer.validated_data["reason"])
        return Response(ExitOverrideOutputSerializer(override).data)


DECISION = {"request": ExitOverrideDecisionInputSerializer,
            "responses": {200: ExitOverrideOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404}}


@extend_schema(tags=TAGS)
class ExitOverrideApproveApi(_ExitOverrideDecisionApi):
    approve = True

    @extend_schema(**DECISION, summary="Approve an exit override",
                   description="A second consultant of the case (not the one who asked), with a reason.")
    def post(self, request: Request, reference: str, pk: int) -> Response:
        return super().post(request, reference, pk)


@extend_schema(tags=TAGS)
class ExitOverrideRefuseApi(_ExitOverrideDecisionApi):
    approve = False

    @extend_schema(**DECISION, summary="Refuse an exit override",
                   description="A second consultant of the case (not the one who asked), with a reason.")
    def post(self, request: Request, reference: str, pk: int) -> Response:
        return super().post(request, reference, pk)


@extend_schema(tags=TAGS)
class FollowUpReviewListApi(ExitCaseMixin, generics.ListAPIView):
    serializer_class = FollowUpReviewOutputSerializer
    pagination_class = generics.ListAPIView.pagination_class

    def get_queryset(self):
        return selectors.case_follow_ups(case=self.get_case())

    @extend_schema(responses={200: FollowUpReviewOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's follow-up reviews after exit", description="Soonest first; paginated.")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=TAGS)
class FollowUpReviewDoneApi(ExitCaseMixin, generics.GenericAPIView):
    serializer_class = FollowUpReviewDoneInputSerializer

    @extend_schema(request=FollowUpReviewDoneInputSerializer,
                   responses={200: FollowUpReviewOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Record a follow-up review as done",
                   description="The case's lead consultant, with what the review found.")
    def post(self, request: Request, reference: str, pk: int) -> Response:
        case = self.get_case()
        follow_up = selectors.get_follow_up_for(user=request.user, case=case, pk=pk)
        serializer = FollowUpReviewDoneInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        follow_up = services.follow_up_done(actor=request.user, follow_up=follow_up, **serializer.validated_data)
        return Response(FollowUpReviewOutputSerializer(follow_up).data)

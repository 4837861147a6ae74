"""The policy register and improvement checkpoint API."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crisis import selectors as crisis_selectors
from crisis.api_base import ERROR_400, CaseApiMixin, query_filters
from crisis.models import Organisation

from .. import selectors, services
from ..models import ImprovementCheckpoint, Policy
from ..serializers import (
    CheckpointFiguresFilterSerializer,
    CheckpointFiguresOutputSerializer,
    CheckpointInputSerializer,
    CheckpointOutputSerializer,
    PolicyCheckInputSerializer,
    PolicyCreateInputSerializer,
    PolicyDetailOutputSerializer,
    PolicyOutputSerializer,
    PolicyUpdateInputSerializer,
)
from .base import (
    CHECKPOINT_TAG,
    ERROR_403,
    ERROR_404,
    ERROR_404_POLICY,
    POLICY_TAG,
    CanCheckPolicies,
    CanKeepPolicies,
    CanManageCaseEvenToRead,
    PolicyApiMixin,
    _policy_output,
)

# Policies ---------------------------------------------------------------------------------------


@extend_schema(tags=POLICY_TAG)
class OrganisationPolicyListApi(generics.ListAPIView):
    """An organisation's policies and procedures register, with each policy's compliance."""

    serializer_class = PolicyOutputSerializer
    permission_classes = [IsAuthenticated, CanKeepPolicies]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filter_backends: list = []

    def get_organisation(self) -> Organisation:
        organisation = crisis_selectors.get_organisation_for(user=self.request.user, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, organisation)
        return organisation

    def get_queryset(self) -> list[Policy]:
        if getattr(self, "swagger_fake_view", False):
            return Policy.objects.none()
        organisation = self.get_organisation()
        self._reasons = {s["policy"].pk: s["reasons"]
                         for s in selectors.policy_suggestions(user=self.request.user, organisation=organisation)}
        return selectors.organisation_policies(user=self.request.user, organisation=organisation)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "reasons": getattr(self, "_reasons", {})}

    @extend_schema(
        responses={200: PolicyOutputSerializer(many=True), 404: ERROR_404_POLICY},
        summary="List an organisation's policies",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": PolicyCreateInputSerializer, "multipart/form-data": PolicyCreateInputSerializer},
        responses={201: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Add a policy to the register",
        description="The organisation's leaders and its consultants. Send multipart to attach the document "
        "(checked like evidence).",
    )
    def post(self, request: Request, pk: int) -> Response:
        organisation = self.get_organisation()
        serializer = PolicyCreateInputSerializer(data=request.data, context={"organisation": organisation})
        serializer.is_valid(raise_exception=True)
        policy = services.policy_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy), status=status.HTTP_201_CREATED)


@extend_schema(tags=POLICY_TAG)
class PolicyDetailApi(PolicyApiMixin, generics.GenericAPIView):
    serializer_class = PolicyDetailOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        responses={200: PolicyDetailOutputSerializer, 404: ERROR_404_POLICY},
        summary="Read a policy with its checklist",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_policy_output(user=request.user, policy=self.get_policy()))

    @extend_schema(
        request={"application/json": PolicyUpdateInputSerializer, "multipart/form-data": PolicyUpdateInputSerializer},
        responses={200: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Change a policy",
        description="The organisation's leaders and its consultants. Only the fields sent change.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        policy = self.get_policy()
        serializer = PolicyUpdateInputSerializer(data=request.data, context={"organisation": policy.organisation})
        serializer.is_valid(raise_exception=True)
        services.policy_update(actor=request.user, policy=policy, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy))


@extend_schema(tags=POLICY_TAG)
class PolicyChecklistApi(PolicyApiMixin, generics.GenericAPIView):
    serializer_class = PolicyCheckInputSerializer
    permission_classes = [IsAuthenticated, CanCheckPolicies]

    @extend_schema(
        request=PolicyCheckInputSerializer,
        responses={200: PolicyDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404_POLICY},
        summary="Mark how a policy meets one checklist requirement",
        description="Consultants of the organisation. Answers the policy with its new compliance.",
    )
    def post(self, request: Request, pk: int) -> Response:
        policy = self.get_policy()
        serializer = PolicyCheckInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.policy_check_set(actor=request.user, policy=policy, **serializer.validated_data)
        return Response(_policy_output(user=request.user, policy=policy))



# Improvement checkpoints ------------------------------------------------------------------------


@extend_schema(tags=CHECKPOINT_TAG)
class CaseCheckpointListApi(CaseApiMixin, generics.ListAPIView):
    """A case's improvement checkpoints, oldest first: the trend."""

    serializer_class = CheckpointOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[ImprovementCheckpoint]:
        if getattr(self, "swagger_fake_view", False):
            return ImprovementCheckpoint.objects.none()
        return selectors.case_checkpoints(case=self.get_case()).select_related("case")

    @extend_schema(
        request=CheckpointInputSerializer,
        responses={201: CheckpointOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Record an improvement checkpoint",
        description="Consultants of the organisation. The figures are filled from the data; see `figures/` "
        "for a preview.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CheckpointInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        checkpoint = services.checkpoint_record(actor=request.user, case=case, **serializer.validated_data)
        return Response(CheckpointOutputSerializer(checkpoint).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=CHECKPOINT_TAG)
class CaseCheckpointFiguresApi(CaseApiMixin, generics.GenericAPIView):
    serializer_class = CheckpointFiguresOutputSerializer
    permission_classes = [IsAuthenticated, CanManageCaseEvenToRead]
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        parameters=[CheckpointFiguresFilterSerializer],
        responses={200: CheckpointFiguresOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Preview the figures a checkpoint would record",
        description="Consultants of the organisation.",
    )
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        on = query_filters(CheckpointFiguresFilterSerializer, request)["on"]
        return Response(CheckpointFiguresOutputSerializer(services.checkpoint_figures(case=case, on=on)).data)

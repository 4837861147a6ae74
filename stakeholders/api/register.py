"""The stakeholder register API: stakeholders, contacts and trust."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400, query_filters

from .. import selectors, services
from ..models import (
    Contact,
    Stakeholder,
    TrustChange,
)
from ..serializers import (
    ContactInputSerializer,
    ContactOutputSerializer,
    StakeholderCreateInputSerializer,
    StakeholderDetailOutputSerializer,
    StakeholderFilterSerializer,
    StakeholderOutputSerializer,
    StakeholderUpdateInputSerializer,
    TrustChangeOutputSerializer,
    TrustInputSerializer,
)
from .base import (
    ERROR_403,
    ERROR_404,
    STAKEHOLDER_TAG,
    EngagementCaseMixin,
    EngagementObjectMixin,
    _stakeholder_output,
)

# Stakeholders -----------------------------------------------------------------------------------


@extend_schema(tags=STAKEHOLDER_TAG)
class CaseStakeholderListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's stakeholders by kind and name, with their contacts, trust and how often contacted lately."""

    serializer_class = StakeholderOutputSerializer

    def get_queryset(self) -> QuerySet[Stakeholder]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return Stakeholder.objects.none()
        case = self.get_case()
        filters = query_filters(StakeholderFilterSerializer, self.request)
        # Each row names its case's reference: join it rather than load it per row.
        return selectors.case_stakeholders(user=self.request.user, case=case, filters=filters).select_related("case")

    @extend_schema(
        parameters=[StakeholderFilterSerializer],
        responses={200: StakeholderOutputSerializer(many=True), 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="List a case's stakeholders",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=StakeholderCreateInputSerializer,
        responses={201: StakeholderDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add a stakeholder to a case",
        description="Consultants of the organisation. `owner` is the user id of one of the case's consultants or "
        "the organisation's leaders; `contacts` are added with it (a contact who receives reports needs an email "
        "address). All or nothing.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = StakeholderCreateInputSerializer(data=request.data, context={"case": case})
        serializer.is_valid(raise_exception=True)
        stakeholder = services.stakeholder_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(_stakeholder_output(user=request.user, stakeholder=stakeholder),
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=STAKEHOLDER_TAG)
class StakeholderDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    """One stakeholder: the register entry, its contacts and every change of trust."""

    serializer_class = StakeholderDetailOutputSerializer
    pagination_class = None

    @extend_schema(
        responses={200: StakeholderDetailOutputSerializer, 404: ERROR_404},
        summary="Read a stakeholder with its trust history",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_stakeholder_output(user=request.user, stakeholder=self.get_stakeholder()))

    @extend_schema(
        request=StakeholderUpdateInputSerializer,
        responses={200: StakeholderDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change a stakeholder's details",
        description="Consultants of the organisation. Only the fields sent change. Trust changes with a reason "
        "through `trust/`; contacts are added through `contacts/`.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        stakeholder = self.get_stakeholder()
        serializer = StakeholderUpdateInputSerializer(data=request.data, context={"case": stakeholder.case})
        serializer.is_valid(raise_exception=True)
        services.stakeholder_update(actor=request.user, stakeholder=stakeholder, **serializer.validated_data)
        return Response(_stakeholder_output(user=request.user, stakeholder=stakeholder))


@extend_schema(tags=STAKEHOLDER_TAG)
class StakeholderTrustApi(EngagementObjectMixin, generics.ListAPIView):
    """Every change of the stakeholder's trust, newest first, with who changed it and why."""

    serializer_class = TrustChangeOutputSerializer

    def get_queryset(self) -> QuerySet[TrustChange]:
        if getattr(self, "swagger_fake_view", False):
            return TrustChange.objects.none()
        return selectors.stakeholder_trust_history(stakeholder=self.get_stakeholder())

    @extend_schema(responses={200: TrustChangeOutputSerializer(many=True), 404: ERROR_404},
                   summary="List a stakeholder's trust history")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=TrustInputSerializer,
        responses={201: TrustChangeOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change a stakeholder's trust",
        description="Consultants of the organisation. Trust is rated 1 (broken) to 5 (strong); the reason is "
        "kept in the history.",
    )
    def post(self, request: Request, pk: int) -> Response:
        stakeholder = self.get_stakeholder()
        serializer = TrustInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        change = services.stakeholder_set_trust(actor=request.user, stakeholder=stakeholder,
                                                **serializer.validated_data)
        return Response(TrustChangeOutputSerializer(change).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=STAKEHOLDER_TAG)
class StakeholderContactListApi(EngagementObjectMixin, generics.ListAPIView):
    """The people at the stakeholder, by name."""

    serializer_class = ContactOutputSerializer

    def get_queryset(self) -> QuerySet[Contact]:
        if getattr(self, "swagger_fake_view", False):
            return Contact.objects.none()
        return selectors.stakeholder_contacts(stakeholder=self.get_stakeholder())

    @extend_schema(responses={200: ContactOutputSerializer(many=True), 404: ERROR_404},
                   summary="List a stakeholder's contacts")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ContactInputSerializer,
        responses={201: ContactOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add a contact to a stakeholder",
        description="Consultants of the organisation. A contact who receives status reports needs an email "
        "address.",
    )
    def post(self, request: Request, pk: int) -> Response:
        stakeholder = self.get_stakeholder()
        serializer = ContactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        contact = services.contact_add(actor=request.user, stakeholder=stakeholder, **serializer.validated_data)
        return Response(ContactOutputSerializer(contact).data, status=status.HTTP_201_CREATED)

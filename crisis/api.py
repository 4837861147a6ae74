"""The REST API (mounted at /api/v1/). Thin: reads through the selectors, writes through the services.

A case, organisation or chronology the user may not see answers 404, the same as a missing one;
a change the user may not make answers 403; a change the services refuse answers 400 with the
services' own words (see config/exceptions.py).
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import Throttled
from rest_framework.filters import SearchFilter
from rest_framework.permissions import SAFE_METHODS, AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import ValidationError
from rest_framework.views import APIView

from . import selectors, services
from .access import PROTECTED_NAMES_REFUSED, can_keep_protected_names
from .api_base import ERROR_400, CaseApiMixin, StableOrderingFilter
from .audit import audit_record
from .models import Case, ChronologyEntry, Organisation, ProtectedName, Rag, Severity, Stage
from .serializers import (
    CaseCreateInputSerializer,
    CaseDetailOutputSerializer,
    CaseOutputSerializer,
    CaseStageInputSerializer,
    CaseUpdateInputSerializer,
    ChronologyEntryInputSerializer,
    ChronologyEntryOutputSerializer,
    OrganisationOutputSerializer,
    ProtectedNameInputSerializer,
    ProtectedNameOutputSerializer,
    TokenInputSerializer,
    TokenOutputSerializer,
)

ERROR_403 = OpenApiResponse(description="You may see this case but not change it.")
ERROR_404 = OpenApiResponse(description="No such case, or not one you may see.")


# Permissions ------------------------------------------------------------------------------------


class CanOpenCases(BasePermission):
    """Reading lists is for every signed-in user; opening a case is for consultancy staff."""

    message = "Only consultants can open cases."

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or bool(getattr(request.user, "is_consultant", False))


# Filters ----------------------------------------------------------------------------------------


class CaseSearchFilter(SearchFilter):
    search_param = "q"
    search_title = "Search"
    search_description = "Words to find in the reference, the title or the organisation's name."


class CaseFilter(filters.FilterSet):
    status = filters.ChoiceFilter(
        choices=[("open", "Open"), ("closed", "Closed"), ("all", "All")],
        method="filter_status",
        label="open (not closed), closed, or all (the default)",
    )
    stage = filters.ChoiceFilter(choices=Stage.choices)
    rag = filters.ChoiceFilter(choices=Rag.choices)
    severity = filters.ChoiceFilter(choices=Severity.choices)
    organisation = filters.NumberFilter(field_name="organisation_id", label="Organisation id")
    restricted = filters.BooleanFilter()

    class Meta:
        model = Case
        fields = ["status", "stage", "rag", "severity", "organisation", "restricted"]

    def filter_status(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        if value == "open":
            return queryset.exclude(stage=Stage.CLOSED)
        if value == "closed":
            return queryset.filter(stage=Stage.CLOSED)
        return queryset


class OrganisationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Organisation.Kind.choices)

    class Meta:
        model = Organisation
        fields = ["kind"]


class ChronologyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ChronologyEntry.Kind.choices)
    significant = filters.BooleanFilter()

    class Meta:
        model = ChronologyEntry
        fields = ["kind", "significant"]


class ChronologyListFilter(ChronologyFilter):
    case = filters.CharFilter(field_name="case__reference", lookup_expr="iexact", label="Case reference")

    class Meta(ChronologyFilter.Meta):
        fields = ["case", "kind", "significant"]


# Authentication ---------------------------------------------------------------------------------


class TokenApi(APIView):
    """Exchange an email address and password for an API token."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(
        request=TokenInputSerializer,
        responses={200: TokenOutputSerializer, 400: ERROR_400, 429: OpenApiResponse(description="Locked out.")},
        auth=[],
        summary="Get an API token",
    )
    def post(self, request: Request) -> Response:
        serializer = TokenInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes (the first backend) needs the request to count failures and lock out.
        user = authenticate(
            request,
            username=serializer.validated_data["email"].strip().lower(),
            password=serializer.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            raise Throttled(detail="Too many failed sign-in attempts. Try again later.")
        if user is None or not user.is_active:
            raise ValidationError("Unable to sign in with that email address and password.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


# Organisations ----------------------------------------------------------------------------------


class OrganisationListApi(generics.ListAPIView):
    """The organisations you consult for or belong to."""

    serializer_class = OrganisationOutputSerializer
    filter_backends = [filters.DjangoFilterBackend, SearchFilter, StableOrderingFilter]
    filterset_class = OrganisationFilter
    search_fields = ["name", "=ofsted_urn", "=charity_number"]
    ordering_fields = ["name", "kind"]

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list(user=self.request.user)


class OrganisationDetailApi(generics.RetrieveAPIView):
    serializer_class = OrganisationOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Organisation]:
        return selectors.organisation_list(user=self.request.user)


# Cases ------------------------------------------------------------------------------------------


def _case_output(*, user, case: Case) -> dict:
    """The case as the API shows it, read again with the list's annotations (next deadline)."""
    annotated = selectors.case_list(user=user, filters={"status": "all"}).filter(pk=case.pk).first()
    if annotated is None:
        # The change itself took the case out of the user's sight (made restricted by a consultant
        # not named on it): show what they wrote, without the deadline they may no longer read.
        case.next_due_on = case.next_due_title = None
        annotated = case
    return CaseDetailOutputSerializer(annotated).data


class CaseListApi(generics.ListAPIView):
    """Cases you may see (all stages unless `status` says otherwise); consultants open new ones."""

    serializer_class = CaseOutputSerializer
    permission_classes = [IsAuthenticated, CanOpenCases]
    filter_backends = [filters.DjangoFilterBackend, CaseSearchFilter, StableOrderingFilter]
    filterset_class = CaseFilter
    search_fields = ["reference", "title", "organisation__name"]
    ordering_fields = ["opened_on", "reference", "title", "stage_changed_at", "next_due_on", "organisation__name"]

    def get_queryset(self) -> QuerySet[Case]:
        return selectors.case_list(user=self.request.user, filters={"status": "all"})

    @extend_schema(
        request=CaseCreateInputSerializer,
        responses={201: CaseDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403},
        summary="Open a case",
    )
    def post(self, request: Request) -> Response:
        serializer = CaseCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        case = services.case_create(actor=request.user, **serializer.validated_data)
        return Response(_case_output(user=request.user, case=case), status=status.HTTP_201_CREATED)


class CaseDetailApi(CaseApiMixin, generics.GenericAPIView):
    serializer_class = CaseDetailOutputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(responses={200: CaseDetailOutputSerializer, 404: ERROR_404}, summary="Read a case")
    def get(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        audit_record(actor=request.user, verb="case.viewed", obj=case, summary={"via": "api"})
        return Response(_case_output(user=request.user, case=case))

    @extend_schema(
        request=CaseUpdateInputSerializer,
        responses={200: CaseDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change a case's details",
    )
    def patch(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CaseUpdateInputSerializer(data=request.data, context={"case": case})
        serializer.is_valid(raise_exception=True)
        services.case_update(actor=request.user, case=case, **serializer.validated_data)
        return Response(_case_output(user=request.user, case=case))


class CaseStageApi(CaseApiMixin, generics.GenericAPIView):
    serializer_class = CaseStageInputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        request=CaseStageInputSerializer,
        responses={200: CaseDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Move a case to another stage",
        description="One step forward, or one step back to re-escalate; a closed case may reopen into recovery. "
        "The rationale is recorded in the chronology.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CaseStageInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.case_advance_stage(actor=request.user, case=case, **serializer.validated_data)
        return Response(_case_output(user=request.user, case=case))


class CaseChronologyApi(CaseApiMixin, generics.ListAPIView):
    """A case's chronology, newest first. Client users see the entries shared with them."""

    serializer_class = ChronologyEntryOutputSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ChronologyFilter

    def get_queryset(self) -> QuerySet[ChronologyEntry]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return ChronologyEntry.objects.none()
        # Each row names its case's reference: join it rather than load it per row.
        return selectors.case_chronology(user=self.request.user, case=self.get_case()).select_related("case")

    @extend_schema(
        request=ChronologyEntryInputSerializer,
        responses={201: ChronologyEntryOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Add a chronology entry",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ChronologyEntryInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entry = services.chronology_entry_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(ChronologyEntryOutputSerializer(entry).data, status=status.HTTP_201_CREATED)


# Chronology across cases ------------------------------------------------------------------------


class ChronologyListApi(generics.ListAPIView):
    """Chronology entries of every case you may see, newest first."""

    serializer_class = ChronologyEntryOutputSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = ChronologyListFilter

    def get_queryset(self) -> QuerySet[ChronologyEntry]:
        return selectors.chronology_for(self.request.user)


# Protected names --------------------------------------------------------------------------------

PROTECTED_NAME_TAG = ["protected names"]
ERROR_403_CONSULTANTS = OpenApiResponse(description="Protected names are for the case's consultants only.")


class KeepsProtectedNames(BasePermission):
    """Reading a case's protected names, not only changing them, is for its consultants. Checked on
    the case, after the selector has answered 404 for a case the user cannot see."""

    message = PROTECTED_NAMES_REFUSED

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return can_keep_protected_names(user=request.user, case=obj)


class ProtectedNameApiMixin(CaseApiMixin):
    """The case by its reference (404), for its consultants only (403, before any name is read)."""

    permission_classes = [IsAuthenticated, KeepsProtectedNames]
    filter_backends: list = []

    def get_protected_name(self) -> ProtectedName:
        return selectors.get_case_protected_name_for(user=self.request.user, case=self.get_case(),
                                                     pk=self.kwargs["pk"])


@extend_schema(tags=PROTECTED_NAME_TAG)
class CaseProtectedNameListApi(ProtectedNameApiMixin, generics.ListAPIView):
    """The names the case's reports are checked for, by name. Consultants of the case only."""

    serializer_class = ProtectedNameOutputSerializer

    def get_queryset(self) -> QuerySet[ProtectedName]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return ProtectedName.objects.none()
        self.case = self.get_case()
        return selectors.case_protected_names(user=self.request.user, case=self.case)

    @extend_schema(responses={200: ProtectedNameOutputSerializer(many=True), 403: ERROR_403_CONSULTANTS,
                              404: ERROR_404},
                   summary="List a case's protected names")
    def get(self, request: Request, *args, **kwargs) -> Response:
        response = super().get(request, *args, **kwargs)
        audit_record(actor=request.user, verb="protected_names.viewed", obj=self.case, summary={"via": "api"})
        return response

    @extend_schema(
        request=ProtectedNameInputSerializer,
        responses={201: ProtectedNameOutputSerializer, 400: ERROR_400, 403: ERROR_403_CONSULTANTS, 404: ERROR_404},
        summary="Protect a name on a case",
        description="The case's reports will be checked for the name (in full, without middle names, surname "
        "first) and for each of `also_known_as`. A name already protected on the case is refused.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ProtectedNameInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        protected_name = services.protected_name_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(ProtectedNameOutputSerializer(protected_name).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=PROTECTED_NAME_TAG)
class CaseProtectedNameDetailApi(ProtectedNameApiMixin, generics.GenericAPIView):
    serializer_class = ProtectedNameOutputSerializer
    queryset = ProtectedName.objects.none()  # for the schema's path parameter; reads go through get_protected_name
    pagination_class = None

    @extend_schema(responses={200: ProtectedNameOutputSerializer, 403: ERROR_403_CONSULTANTS, 404: ERROR_404},
                   summary="Read a protected name")
    def get(self, request: Request, reference: str, pk: int) -> Response:
        return Response(ProtectedNameOutputSerializer(self.get_protected_name()).data)

    @extend_schema(
        request=ProtectedNameInputSerializer,
        responses={200: ProtectedNameOutputSerializer, 400: ERROR_400, 403: ERROR_403_CONSULTANTS, 404: ERROR_404},
        summary="Change a protected name",
        description="Only the fields sent change; `also_known_as`, when sent, replaces the list.",
    )
    def patch(self, request: Request, reference: str, pk: int) -> Response:
        protected_name = self.get_protected_name()
        serializer = ProtectedNameInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        services.protected_name_update(actor=request.user, protected_name=protected_name, **serializer.validated_data)
        return Response(ProtectedNameOutputSerializer(protected_name).data)

    @extend_schema(responses={204: None, 403: ERROR_403_CONSULTANTS, 404: ERROR_404},
                   summary="Stop protecting a name")
    def delete(self, request: Request, reference: str, pk: int) -> Response:
        services.protected_name_delete(actor=request.user, protected_name=self.get_protected_name())
        return Response(status=status.HTTP_204_NO_CONTENT)


"""The staff list, roles and requirements API.

Lists hang off the organisation (/api/v1/organisations/<id>/training/...): 404 for an organisation
the user does not see, 403 for one whose training they do not keep (staff). One object hangs off
its own id (/api/v1/training/<things>/<id>/): 404 unless the user reads it (a member of staff reads
only their own entry); a change needs a consultant or leader (403).
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400, query_filters
from crisis.models import Organisation

from .. import selectors, services
from ..models import Person, Requirement, StaffRole
from ..serializers import (
    PeopleFilterSerializer,
    PeopleImportInputSerializer,
    PersonCreateInputSerializer,
    PersonOutputSerializer,
    PersonUpdateInputSerializer,
    RequirementOutputSerializer,
    RequirementUpdateInputSerializer,
    RoleInputSerializer,
    RoleOutputSerializer,
)

ERROR_403 = OpenApiResponse(description="Staff read only their own training; consultants and leaders keep it.")
ERROR_404 = OpenApiResponse(description="No such organisation, person or requirement, or not one you may see.")
PEOPLE_TAG = ["training: people"]
IMPORT_400 = OpenApiResponse(description='Nothing imported: {"detail": ["Row 7, roles: unknown role “Caretaker”.", '
                                         '…], "rows": [{"row": 7, "column": "roles", "message": "…"}]}.')


class TrainingPagination(PageNumberPagination):
    page_size = 50


class TrainingOrganisationMixin:
    """The organisation of the URL, if the user keeps its training: 404 if not theirs, 403 for staff."""

    filter_backends: list = []

    def get_organisation(self) -> Organisation:
        organisation = selectors.get_training_organisation(user=self.request.user, pk=self.kwargs["organisation_id"])
        if not selectors.can_manage_training(user=self.request.user, organisation_id=organisation.pk):
            raise PermissionDenied("An organisation's training records are kept by its consultants and leaders.")
        return organisation


def _person_output(person: Person) -> dict:
    person = Person.objects.select_related("user").prefetch_related("roles").get(pk=person.pk)
    return PersonOutputSerializer(person).data


@extend_schema(tags=PEOPLE_TAG)
class PeopleListApi(TrainingOrganisationMixin, generics.ListAPIView):
    """The organisation's staff list, by name, 50 a page."""

    serializer_class = PersonOutputSerializer
    pagination_class = TrainingPagination
    parser_classes = [JSONParser]

    def get_queryset(self) -> QuerySet[Person]:
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        organisation = self.get_organisation()
        filters = query_filters(PeopleFilterSerializer, self.request)
        return selectors.organisation_people(user=self.request.user, organisation=organisation, filters=filters)

    @extend_schema(parameters=[PeopleFilterSerializer],
                   responses={200: PersonOutputSerializer(many=True), 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="List the staff list",
                   description="Leavers (leaver date passed) are left out unless `leavers=true`.")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=PersonCreateInputSerializer,
                   responses={201: PersonOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Add a person to the staff list",
                   description="Consultants and leaders. Without `user`, a member of the organisation with the "
                               "email is linked. The leaver date may not be before the start date.")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = self.get_organisation()
        serializer = PersonCreateInputSerializer(data=request.data, context={"organisation": organisation})
        serializer.is_valid(raise_exception=True)
        person = services.person_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(_person_output(person), status=status.HTTP_201_CREATED)


@extend_schema(tags=PEOPLE_TAG)
class PeopleImportApi(TrainingOrganisationMixin, generics.GenericAPIView):
    serializer_class = PeopleImportInputSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = None

    @extend_schema(request={"multipart/form-data": PeopleImportInputSerializer},
                   responses={200: OpenApiResponse(description='{"created": [ids], "updated": [ids]}'),
                              400: IMPORT_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Import the staff list from CSV",
                   description="All or nothing. A row whose email is already on the staff list updates that "
                               "person. Every refused cell is listed by row (the header is row 1) and column.")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = self.get_organisation()
        serializer = PeopleImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        content = serializer.validated_data["file"].read(services.PEOPLE_CSV_MAX_BYTES + 1)
        try:
            result = services.people_import_csv(actor=request.user, organisation=organisation, content=content)
        except services.PeopleImportError as error:
            rows = [{"row": e.row, "column": e.column, "message": e.message} for e in error.row_errors]
            return Response({"detail": error.messages, "rows": rows}, status=status.HTTP_400_BAD_REQUEST)
        return Response({"created": [p.pk for p in result.created], "updated": [p.pk for p in result.updated],
                         "detail": str(result)})


@extend_schema(tags=PEOPLE_TAG)
class PersonDetailApi(generics.GenericAPIView):
    serializer_class = PersonOutputSerializer
    parser_classes = [JSONParser]
    pagination_class = None
    filter_backends: list = []

    def get_person(self) -> Person:
        return selectors.get_person_for(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(responses={200: PersonOutputSerializer, 404: ERROR_404}, summary="Read a person",
                   description="Consultants and leaders of the organisation; a member of staff reads their own entry.")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_person_output(self.get_person()))

    @extend_schema(request=PersonUpdateInputSerializer,
                   responses={200: PersonOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Change a person", description="Consultants and leaders. Only the fields sent change.")
    def patch(self, request: Request, pk: int) -> Response:
        person = self.get_person()
        serializer = PersonUpdateInputSerializer(data=request.data, partial=True,
                                                 context={"organisation": person.organisation})
        serializer.is_valid(raise_exception=True)
        person = services.person_update(actor=request.user, person=person, **serializer.validated_data)
        return Response(_person_output(person))


@extend_schema(tags=PEOPLE_TAG)
class RequirementListApi(TrainingOrganisationMixin, generics.ListAPIView):
    """The organisation's requirements in their order, active or not, each with its roles."""

    serializer_class = RequirementOutputSerializer
    pagination_class = TrainingPagination

    def get_queryset(self) -> QuerySet[Requirement]:
        if getattr(self, "swagger_fake_view", False):
            return Requirement.objects.none()
        return selectors.organisation_requirements(user=self.request.user, organisation=self.get_organisation())

    @extend_schema(responses={200: RequirementOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List the requirements per role")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=PEOPLE_TAG)
class RequirementDetailApi(generics.GenericAPIView):
    serializer_class = RequirementOutputSerializer
    parser_classes = [JSONParser]
    pagination_class = None
    filter_backends: list = []

    def _output(self, requirement: Requirement) -> dict:
        return RequirementOutputSerializer(
            Requirement.objects.prefetch_related("roles").get(pk=requirement.pk)).data

    @extend_schema(responses={200: RequirementOutputSerializer, 404: ERROR_404}, summary="Read a requirement")
    def get(self, request: Request, pk: int) -> Response:
        return Response(self._output(selectors.get_requirement_for(user=request.user, pk=pk)))

    @extend_schema(request=RequirementUpdateInputSerializer,
                   responses={200: RequirementOutputSerializer, 400: ERROR_400, 404: ERROR_404},
                   summary="Change a requirement",
                   description="Consultants and leaders. Only the fields sent change; the key stays.")
    def patch(self, request: Request, pk: int) -> Response:
        requirement = selectors.get_requirement_for(user=request.user, pk=pk)
        serializer = RequirementUpdateInputSerializer(data=request.data, partial=True,
                                                      context={"organisation": requirement.organisation})
        serializer.is_valid(raise_exception=True)
        requirement = services.requirement_update(actor=request.user, requirement=requirement,
                                                  **serializer.validated_data)
        return Response(self._output(requirement))


@extend_schema(tags=PEOPLE_TAG)
class RoleListApi(TrainingOrganisationMixin, generics.ListAPIView):
    """The organisation's roles, by name."""

    serializer_class = RoleOutputSerializer
    pagination_class = TrainingPagination
    parser_classes = [JSONParser]

    def get_queryset(self) -> QuerySet[StaffRole]:
        if getattr(self, "swagger_fake_view", False):
            return StaffRole.objects.none()
        return selectors.organisation_roles(user=self.request.user, organisation=self.get_organisation())

    @extend_schema(responses={200: RoleOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List the roles")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=RoleInputSerializer,
                   responses={201: RoleOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Add a role", description="Consultants and leaders. The key is made from the name.")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = self.get_organisation()
        serializer = RoleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        role = services.role_create(actor=request.user, organisation=organisation, **serializer.validated_data)
        return Response(RoleOutputSerializer(role).data, status=status.HTTP_201_CREATED)

"""The courses API: courses, sessions, the attendance register, a person's records and certificates.

The organisation's keepers of training (its consultants and leaders) use it; staff get 403, and
another organisation's objects answer 404. The same selectors and services as the pages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400
from response import selectors as response_selectors

from .. import selectors, services
from ..models import Course, Session, TrainingRecord
from ..serializers import (
    AttendanceInputSerializer,
    CertificateInputSerializer,
    CourseInputSerializer,
    CourseOutputSerializer,
    RecordExpiryInputSerializer,
    RecordOutputSerializer,
    SessionInputSerializer,
    SessionOutputSerializer,
)
from ..views.courses import record_file_response

TAGS = ["training"]
ERROR_403 = OpenApiResponse(description="Staff read only their own training.")
ERROR_404 = OpenApiResponse(description="No such organisation or object, or not one you may see.")
FILE = OpenApiResponse(description="The certificate file, as an attachment.")


def _keep(request, organisation_id: int):
    organisation = selectors.get_training_organisation(user=request.user, pk=organisation_id)
    if not selectors.can_manage_training(user=request.user, organisation_id=organisation.pk):
        raise PermissionDenied("An organisation's training records are kept by its consultants and leaders.")
    return organisation


def _requirements(user, organisation, keys):
    if keys is None:
        return None
    found = list(selectors.requirement_choices(user=user, organisation=organisation).filter(key__in=keys))
    if len(found) != len(set(keys)):
        raise ValidationError({"satisfies": "Name requirements of this organisation by their key."})
    return found


@extend_schema(tags=TAGS)
class CourseListApi(generics.GenericAPIView):
    serializer_class = CourseOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Course.objects.none()
        organisation = _keep(self.request, self.kwargs["organisation_id"])
        return selectors.organisation_courses(user=self.request.user, organisation=organisation)

    @extend_schema(responses={200: CourseOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List an organisation's courses")
    def get(self, request: Request, organisation_id: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CourseOutputSerializer(page, many=True).data)

    @extend_schema(request=CourseInputSerializer,
                   responses={201: CourseOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Add a course")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = _keep(request, organisation_id)
        data = CourseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        satisfies = _requirements(request.user, organisation, values.pop("satisfies", None))
        course = services.course_create(actor=request.user, organisation=organisation, satisfies=satisfies, **values)
        return Response(CourseOutputSerializer(course).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class CourseDetailApi(generics.GenericAPIView):
    serializer_class = CourseOutputSerializer
    filter_backends: list = []

    def get_course(self) -> Course:
        course = selectors.get_course_for(user=self.request.user, pk=self.kwargs["pk"])
        return course

    @extend_schema(responses={200: CourseOutputSerializer, 404: ERROR_404}, summary="Read a course")
    def get(self, request: Request, pk: int) -> Response:
        return Response(CourseOutputSerializer(self.get_course()).data)

    @extend_schema(request=CourseInputSerializer(partial=True),
                   responses={200: CourseOutputSerializer, 400: ERROR_400, 404: ERROR_404}, summary="Edit a course")
    def patch(self, request: Request, pk: int) -> Response:
        course = self.get_course()
        data = CourseInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        satisfies = _requirements(request.user, course.organisation, values.pop("satisfies", None))
        course = services.course_update(actor=request.user, course=course, satisfies=satisfies, **values)
        return Response(CourseOutputSerializer(selectors.get_course_for(user=request.user, pk=course.pk)).data)


@extend_schema(tags=TAGS)
class SessionListApi(generics.GenericAPIView):
    serializer_class = SessionOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Session.objects.none()
        organisation = _keep(self.request, self.kwargs["organisation_id"])
        return selectors.organisation_sessions(user=self.request.user, organisation=organisation)

    @extend_schema(responses={200: SessionOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List an organisation's sessions, latest first")
    def get(self, request: Request, organisation_id: int) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(SessionOutputSerializer(page, many=True).data)

    @extend_schema(request=SessionInputSerializer,
                   responses={201: SessionOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Add a session of a course (a past date records history)")
    def post(self, request: Request, organisation_id: int) -> Response:
        organisation = _keep(request, organisation_id)
        data = SessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            course = selectors.get_course_for(user=request.user, pk=values.pop("course"), organisation=organisation)
        except Exception:
            raise ValidationError({"course": "Choose a course of this organisation."}) from None
        action_id = values.pop("action", None)
        action = None
        if action_id:
            action = response_selectors.actions_for(request.user).filter(pk=action_id).first()
            if action is None:
                raise ValidationError({"action": "Choose an open action of this organisation's open case."})
        session = services.session_create(actor=request.user, course=course, action=action, **values)
        return Response(SessionOutputSerializer(session).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class SessionDetailApi(generics.GenericAPIView):
    serializer_class = SessionOutputSerializer
    filter_backends: list = []

    @extend_schema(responses={200: SessionOutputSerializer, 404: ERROR_404}, summary="Read a session")
    def get(self, request: Request, pk: int) -> Response:
        return Response(SessionOutputSerializer(selectors.get_session_for(user=request.user, pk=pk)).data)


@extend_schema(tags=TAGS)
class SessionAttendanceApi(generics.GenericAPIView):
    serializer_class = RecordOutputSerializer
    filter_backends: list = []
    pagination_class = None

    def _records(self, session):
        return TrainingRecord.objects.filter(organisation_id=session.organisation_id, session=session).select_related(
            "person", "course")

    @extend_schema(responses={200: RecordOutputSerializer(many=True), 404: ERROR_404},
                   summary="Read a session's register")
    def get(self, request: Request, pk: int) -> Response:
        session = selectors.get_session_for(user=request.user, pk=pk)
        return Response(RecordOutputSerializer(self._records(session), many=True).data)

    @extend_schema(request=AttendanceInputSerializer,
                   responses={200: RecordOutputSerializer(many=True), 400: ERROR_400, 404: ERROR_404},
                   summary="Save a session's register in one go (all or nothing)")
    def post(self, request: Request, pk: int) -> Response:
        session = selectors.get_session_for(user=request.user, pk=pk)
        data = AttendanceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            marks = {int(k): v for k, v in data.validated_data["marks"].items()}
        except ValueError:
            raise ValidationError({"marks": "Name people by their id."}) from None
        services.attendance_save(actor=request.user, session=session, marks=marks)
        return Response(RecordOutputSerializer(self._records(session), many=True).data)


@extend_schema(tags=TAGS)
class PersonRecordListApi(generics.GenericAPIView):
    serializer_class = RecordOutputSerializer
    filter_backends: list = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TrainingRecord.objects.none()
        person = selectors.get_person_for(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.person_records(user=self.request.user, person=person)

    @extend_schema(responses={200: RecordOutputSerializer(many=True), 404: ERROR_404},
                   summary="List a person's training records (staff: their own)")
    def get(self, request: Request, pk: int) -> Response:
        page = self.paginate_queryset(self.get_queryset().select_related("person"))
        return self.get_paginated_response(RecordOutputSerializer(page, many=True).data)

    @extend_schema(request={"multipart/form-data": CertificateInputSerializer},
                   responses={201: RecordOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Record a certificate of a course taken elsewhere, with its file")
    def post(self, request: Request, pk: int) -> Response:
        person = selectors.get_person_for(user=request.user, pk=pk)
        _keep(request, person.organisation_id)
        data = CertificateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        course = None
        if values.get("course"):
            course = selectors.get_course_for(user=request.user, pk=values["course"],
                                              organisation=person.organisation)
        record = services.certificate_record(
            actor=request.user, person=person, course=course, completed_on=values["completed_on"],
            expires_on=values.get("expires_on"), uploaded_file=values.get("file"),
            new_course={"title": values.get("new_title", ""), "kind": values.get("new_kind"),
                        "provider": values.get("new_provider", "")},
        )
        return Response(RecordOutputSerializer(record).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=TAGS)
class RecordDetailApi(generics.GenericAPIView):
    """One training record: read it (staff: their own), correct its expiry, or delete it."""

    serializer_class = RecordOutputSerializer
    filter_backends: list = []

    @extend_schema(responses={200: RecordOutputSerializer, 404: ERROR_404}, summary="Read a training record")
    def get(self, request: Request, pk: int) -> Response:
        return Response(RecordOutputSerializer(selectors.get_record_for(user=request.user, pk=pk)).data)

    @extend_schema(request=RecordExpiryInputSerializer,
                   responses={200: RecordOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
                   summary="Correct when a training record expires",
                   description="The organisation's consultants and leaders. Never before it was completed (400). "
                               "Audited with the old and the new date.")
    def patch(self, request: Request, pk: int) -> Response:
        record = selectors.get_record_for(user=request.user, pk=pk)
        _keep(request, record.organisation_id)
        data = RecordExpiryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.record_set_expiry(actor=request.user, record=record,
                                            expires_on=data.validated_data["expires_on"])
        return Response(RecordOutputSerializer(record).data)

    @extend_schema(request=None, responses={204: None, 403: ERROR_403, 404: ERROR_404},
                   summary="Delete a wrongly recorded training record",
                   description="The organisation's consultants and leaders; its certificate file goes with it. "
                               "Audited with what it was.")
    def delete(self, request: Request, pk: int) -> Response:
        record = selectors.get_record_for(user=request.user, pk=pk)
        _keep(request, record.organisation_id)
        services.record_delete(actor=request.user, record=record)
        return Response(status=status.HTTP_204_NO_CONTENT)


class RecordFileApi(generics.GenericAPIView):
    filter_backends: list = []

    @extend_schema(responses={(200, "application/octet-stream"): FILE, 404: ERROR_404},
                   summary="Download a record's certificate (staff: their own)")
    def get(self, request: Request, pk: int):
        record = selectors.get_record_for(user=request.user, pk=pk)
        return record_file_response(user=request.user, record=record, via="api")

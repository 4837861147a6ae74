"""The stakeholder engagement API (mounted at /api/v1/): the register and trust, the communication log
with its files and follow-ups, press lines, update schedules and status reports with their deliveries.
Thin: reads through the selectors, writes through the services.

Consultants and the organisation's leaders read the engagement; staff do not (403 on a case's lists).
An object of a case the user may not read answers 404, the same as a missing one: every object is
looked up through the selectors that take the user, before the body is read. Leaders only read,
except that they approve press line versions; a change the user may not make answers 403, checked
before the input; a change the services refuse answers 400 with the services' own words.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.access import can_manage_case, can_view_confidential
from crisis.api import ERROR_400
from crisis.models import Case
from crisis.selectors import get_case_for

from . import downloads, selectors, services
from .models import (
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    PressLine,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)
from .serializers import (
    AttachmentDetailOutputSerializer,
    AttachmentInputSerializer,
    CommunicationFilterSerializer,
    CommunicationInputSerializer,
    CommunicationOutputSerializer,
    ContactInputSerializer,
    ContactOutputSerializer,
    DeliveryOutputSerializer,
    FollowUpFilterSerializer,
    FollowUpOutputSerializer,
    PressLineInputSerializer,
    PressLineOutputSerializer,
    PressLineVersionInputSerializer,
    PressLineVersionOutputSerializer,
    ScheduleInputSerializer,
    ScheduleOutputSerializer,
    ScheduleUpdateInputSerializer,
    SendNowInputSerializer,
    StakeholderCreateInputSerializer,
    StakeholderDetailOutputSerializer,
    StakeholderFilterSerializer,
    StakeholderOutputSerializer,
    StakeholderUpdateInputSerializer,
    StatusReportDetailOutputSerializer,
    StatusReportOutputSerializer,
    TrustChangeOutputSerializer,
    TrustInputSerializer,
)

ERROR_403 = OpenApiResponse(description="Staff do not read the engagement; leaders read it but do not change it.")
ERROR_404 = OpenApiResponse(description="No such case or object, or not one you may see.")
STAKEHOLDER_TAG = ["stakeholders"]
COMMUNICATION_TAG = ["communications"]
PRESS_LINE_TAG = ["press lines"]
REPORT_TAG = ["status reports"]
FILE_RESPONSE = OpenApiResponse(response=OpenApiTypes.BINARY, description="The file, as an attachment.")


def _filters(serializer_class, request: Request) -> dict:
    """The query parameters, checked (an unknown value is a 400, as on the other lists)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _stakeholder_output(*, user, stakeholder: Stakeholder) -> dict:
    """The stakeholder as the API shows it, read again like a list row (contacts, recent contacts)."""
    row = selectors.case_stakeholders(user=user, case=stakeholder.case).select_related("case").filter(
        pk=stakeholder.pk).first()
    if row is None:  # not expected: the stakeholder was just read or written through the user's selectors
        raise Http404("No such stakeholder.")
    history = selectors.stakeholder_trust_history(stakeholder=row)
    return StakeholderDetailOutputSerializer(row, context={"trust_history": history}).data


def _communication_output(*, user, communication: Communication) -> dict:
    """The contact read again through the selector, which decides who sees the mediation notes."""
    row = selectors.get_communication_for(user=user, pk=communication.pk)
    show = can_view_confidential(user=user, organisation_id=row.organisation_id)
    return CommunicationOutputSerializer(row, context={"show_confidential": show}).data


def _press_line_output(*, user, press_line: PressLine) -> dict:
    return PressLineOutputSerializer(selectors.get_press_line_for(user=user, pk=press_line.pk)).data


def _schedule_output(*, user, schedule: UpdateSchedule) -> dict:
    row = selectors.case_schedules(user=user, case=schedule.case).select_related("case").filter(
        pk=schedule.pk).first()
    if row is None:
        raise Http404("No such schedule.")
    return ScheduleOutputSerializer(row).data


def _status_report_output(*, user, status_report: StatusReport) -> dict:
    row = selectors.get_status_report_for(user=user, pk=status_report.pk)
    return StatusReportDetailOutputSerializer(row).data


# Permissions ------------------------------------------------------------------------------------


class ReadsEngagement(BasePermission):
    """A case's engagement is read by its consultants and the organisation's leaders, not by staff.
    Checked on the case, after the selector has answered 404 for a case the user cannot see."""

    message = "Stakeholder engagement is for the organisation's leaders and its consultants."

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return selectors.can_view_engagement(user=request.user, case=obj)


class CanManageEngagement(BasePermission):
    """Changes are for the consultants of the organisation. `obj` is the case."""

    message = "Only the consultants assigned to this organisation can do this."

    def has_object_permission(self, request, view, obj: Case) -> bool:
        return request.method in SAFE_METHODS or can_manage_case(user=request.user, case=obj)


class EngagementCaseMixin:
    """A case by its reference: 404 unless the user sees it, 403 unless they read its engagement, and
    403 for a change they may not make."""

    permission_classes = [IsAuthenticated, ReadsEngagement, CanManageEngagement]
    filter_backends: list = []

    def get_case(self) -> Case:
        case = get_case_for(user=self.request.user, reference=self.kwargs["reference"])
        self.check_object_permissions(self.request, case)
        return case


class EngagementObjectMixin:
    """One engagement object by its id, through the selectors: 404 unless the user reads its case's
    engagement; 403 for a change they may not make (checked before the body is read)."""

    permission_classes = [IsAuthenticated, CanManageEngagement]
    filter_backends: list = []

    def _checked(self, obj, case: Case):
        self.check_object_permissions(self.request, case)
        return obj

    def get_stakeholder(self) -> Stakeholder:
        stakeholder = selectors.get_stakeholder_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(stakeholder, stakeholder.case)

    def get_communication(self) -> Communication:
        communication = selectors.get_communication_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(communication, communication.case)

    def get_press_line(self) -> PressLine:
        press_line = selectors.get_press_line_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(press_line, press_line.case)

    def get_schedule(self) -> UpdateSchedule:
        schedule = selectors.get_schedule_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(schedule, schedule.case)

    def get_status_report(self) -> StatusReport:
        status_report = selectors.get_status_report_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(status_report, status_report.case)

    def get_delivery(self) -> Delivery:
        delivery = selectors.get_delivery_for(user=self.request.user, pk=self.kwargs["pk"])
        return self._checked(delivery, delivery.status_report.case)


# Stakeholders -----------------------------------------------------------------------------------


@extend_schema(tags=STAKEHOLDER_TAG)
class CaseStakeholderListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's stakeholders by kind and name, with their contacts, trust and how often contacted lately."""

    serializer_class = StakeholderOutputSerializer

    def get_queryset(self) -> QuerySet[Stakeholder]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular builds the schema without a case
            return Stakeholder.objects.none()
        case = self.get_case()
        filters = _filters(StakeholderFilterSerializer, self.request)
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


# Communications ---------------------------------------------------------------------------------


@extend_schema(tags=COMMUNICATION_TAG)
class CaseCommunicationListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's communication log, newest first. `mediation_notes` is present for consultants only."""

    serializer_class = CommunicationOutputSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[Communication]:
        if getattr(self, "swagger_fake_view", False):
            return Communication.objects.none()
        self.case = self.get_case()
        filters = _filters(CommunicationFilterSerializer, self.request)
        return selectors.case_communications(user=self.request.user, case=self.case,
                                             filters=filters).select_related("case")

    def get_serializer_context(self) -> dict:
        case = getattr(self, "case", None)
        show = case is not None and can_view_confidential(user=self.request.user,
                                                          organisation_id=case.organisation_id)
        return {**super().get_serializer_context(), "show_confidential": show}

    @extend_schema(
        parameters=[CommunicationFilterSerializer],
        responses={200: CommunicationOutputSerializer(many=True), 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="List a case's communications",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"application/json": CommunicationInputSerializer,
                 "multipart/form-data": CommunicationInputSerializer},
        responses={201: CommunicationOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Log a contact with stakeholders",
        description="Consultants of the organisation. `stakeholders` are ids of this case's stakeholders. Send "
        "multipart to attach files (`attachments`, repeated): each is checked by content before anything is "
        "stored, and a refused file answers 400 with nothing written. The contact enters the chronology as a "
        "consultant-only entry, without the mediation notes.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = CommunicationInputSerializer(data=request.data, context={"case": case, "request": request})
        serializer.is_valid(raise_exception=True)
        communication = services.communication_log(actor=request.user, case=case, **serializer.validated_data)
        return Response(_communication_output(user=request.user, communication=communication),
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = CommunicationOutputSerializer
    pagination_class = None

    @extend_schema(
        responses={200: CommunicationOutputSerializer, 404: ERROR_404},
        summary="Read a logged contact",
        description="`mediation_notes` is present for consultants only.",
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_communication_output(user=request.user, communication=self.get_communication()))


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationFollowUpDoneApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = CommunicationOutputSerializer
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: CommunicationOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Mark a contact's follow-up done",
        description="Consultants of the organisation. Dated today; a contact with no open follow-up is a 400.",
    )
    def post(self, request: Request, pk: int) -> Response:
        communication = self.get_communication()
        services.communication_follow_up_done(actor=request.user, communication=communication)
        return Response(_communication_output(user=request.user, communication=communication))


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationAttachmentListApi(EngagementObjectMixin, generics.ListAPIView):
    """The files of a logged contact, oldest first."""

    serializer_class = AttachmentDetailOutputSerializer
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[CommunicationAttachment]:
        if getattr(self, "swagger_fake_view", False):
            return CommunicationAttachment.objects.none()
        # The contact's files, already read (prefetched) through the selector with the contact.
        return self.get_communication().attachments.all()

    @extend_schema(responses={200: AttachmentDetailOutputSerializer(many=True), 404: ERROR_404},
                   summary="List the files of a logged contact")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: AttachmentDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Attach a file to a logged contact",
        description="Consultants of the organisation. Multipart field `file`: PDF, DOCX, XLSX, PNG or JPG, checked "
        "by content, up to the size limit. A refused file answers 400 with the reason, and nothing is stored.",
    )
    def post(self, request: Request, pk: int) -> Response:
        communication = self.get_communication()
        serializer = AttachmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        attachment = services.communication_attachment_add(actor=request.user, communication=communication,
                                                           uploaded_file=serializer.validated_data["file"])
        return Response(AttachmentDetailOutputSerializer(attachment).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=COMMUNICATION_TAG)
class CommunicationAttachmentDownloadApi(EngagementObjectMixin, generics.GenericAPIView):
    pagination_class = None

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The file goes out whatever the client says it accepts; the 404s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/octet-stream"): FILE_RESPONSE, 404: ERROR_404},
        summary="Download a file of a logged contact",
        description="Audited as `communication.attachment_downloaded`.",
    )
    def get(self, request: Request, pk: int, attachment_pk: int) -> FileResponse:
        communication = self.get_communication()
        attachment = selectors.get_attachment_for(user=request.user, communication=communication, pk=attachment_pk)
        return downloads.attachment_file(user=request.user, communication=communication, attachment=attachment,
                                         via="api")


@extend_schema(tags=COMMUNICATION_TAG)
class FollowUpListApi(generics.ListAPIView):
    """Open follow-ups due within `days` (and every overdue one), across the open cases whose engagement
    you read; soonest first."""

    serializer_class = FollowUpOutputSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Communication]:
        days = _filters(FollowUpFilterSerializer, self.request)["days"]
        return selectors.follow_ups_due(user=self.request.user, within_days=days)

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        parameters=[FollowUpFilterSerializer],
        responses={200: FollowUpOutputSerializer(many=True), 400: ERROR_400},
        summary="Follow-ups due",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


# Press lines ------------------------------------------------------------------------------------


@extend_schema(tags=PRESS_LINE_TAG)
class CasePressLineListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's press lines and holding statements by title, each with its versions, newest first."""

    serializer_class = PressLineOutputSerializer

    def get_queryset(self) -> QuerySet[PressLine]:
        if getattr(self, "swagger_fake_view", False):
            return PressLine.objects.none()
        return selectors.case_press_lines(user=self.request.user, case=self.get_case()).select_related("case")

    @extend_schema(responses={200: PressLineOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's press lines")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=PressLineInputSerializer,
        responses={201: PressLineOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Write a new press line",
        description="Consultants of the organisation. The wording is version 1, to be approved by someone other "
        "than its writer before use.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = PressLineInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.press_line_write(actor=request.user, case=case, **serializer.validated_data)
        return Response(_press_line_output(user=request.user, press_line=version.press_line),
                        status=status.HTTP_201_CREATED)


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    """One press line with its versions, newest first, and whether it is approved for use."""

    serializer_class = PressLineOutputSerializer
    pagination_class = None

    @extend_schema(responses={200: PressLineOutputSerializer, 404: ERROR_404}, summary="Read a press line")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_press_line_output(user=request.user, press_line=self.get_press_line()))


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineVersionCreateApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = PressLineVersionInputSerializer
    pagination_class = None

    @extend_schema(
        request=PressLineVersionInputSerializer,
        responses={201: PressLineVersionOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Write a new version of a press line",
        description="Consultants of the organisation. The new version is not approved: the press line is not "
        "approved for use until it is.",
    )
    def post(self, request: Request, pk: int) -> Response:
        press_line = self.get_press_line()
        serializer = PressLineVersionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = services.press_line_write(actor=request.user, case=press_line.case, press_line=press_line,
                                            text=serializer.validated_data["text"])
        return Response(PressLineVersionOutputSerializer(version).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=PRESS_LINE_TAG)
class PressLineVersionApproveApi(generics.GenericAPIView):
    serializer_class = PressLineVersionOutputSerializer
    filter_backends: list = []
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: PressLineVersionOutputSerializer, 400: ERROR_400,
                   403: OpenApiResponse(description="Only the case's consultants or the organisation's leaders "
                                                    "approve press lines."),
                   404: ERROR_404},
        summary="Approve a press line version",
        description="A consultant of the organisation or one of its leaders, never the version's writer.",
    )
    def post(self, request: Request, pk: int) -> Response:
        version = selectors.get_press_line_version_for(user=request.user, pk=pk)
        # The service decides who approves (leaders included) and answers PermissionDenied (403) otherwise.
        version = services.press_line_approve(actor=request.user, version=version)
        return Response(PressLineVersionOutputSerializer(version).data)


# Schedules --------------------------------------------------------------------------------------


@extend_schema(tags=REPORT_TAG)
class CaseScheduleListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's update schedules: active ones first, by when they are next due."""

    serializer_class = ScheduleOutputSerializer

    def get_queryset(self) -> QuerySet[UpdateSchedule]:
        if getattr(self, "swagger_fake_view", False):
            return UpdateSchedule.objects.none()
        return selectors.case_schedules(user=self.request.user, case=self.get_case()).select_related("case")

    @extend_schema(responses={200: ScheduleOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's update schedules")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ScheduleInputSerializer,
        responses={201: ScheduleOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Schedule status reports",
        description="Consultants of the organisation. Weekly and fortnightly schedules need `weekday` (0 = Monday), "
        "monthly ones `day_of_month`; `time_of_day` is HH:MM UK time, correct across clock changes. Every "
        "stakeholder must be of this case and set to receive status reports.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = ScheduleInputSerializer(data=request.data, context={"case": case, "request": request})
        serializer.is_valid(raise_exception=True)
        schedule = services.schedule_create(actor=request.user, case=case, **serializer.validated_data)
        return Response(_schedule_output(user=request.user, schedule=schedule), status=status.HTTP_201_CREATED)


@extend_schema(tags=REPORT_TAG)
class ScheduleDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    """One update schedule: who receives the reports, when, and when the next one is due."""

    serializer_class = ScheduleOutputSerializer
    pagination_class = None

    @extend_schema(responses={200: ScheduleOutputSerializer, 404: ERROR_404}, summary="Read an update schedule")
    def get(self, request: Request, pk: int) -> Response:
        return Response(_schedule_output(user=request.user, schedule=self.get_schedule()))

    @extend_schema(
        request=ScheduleUpdateInputSerializer,
        responses={200: ScheduleOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Replace an update schedule",
        description="Consultants of the organisation. The whole schedule; its next due time is worked out again "
        "from now. `active` (optional) pauses or resumes it.",
    )
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        request=ScheduleUpdateInputSerializer,
        responses={200: ScheduleOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Change an update schedule, pause or resume it",
        description="Consultants of the organisation. Only the fields sent change; a change of the cadence fields "
        "works out the next due time again from now. `active: false` pauses the schedule, `active: true` resumes "
        "it from its next slot (no backlog is sent).",
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, partial=True)

    def _update(self, request: Request, *, partial: bool) -> Response:
        schedule = self.get_schedule()
        serializer = ScheduleUpdateInputSerializer(data=request.data, partial=partial,
                                                   context={"case": schedule.case, "request": request})
        serializer.is_valid(raise_exception=True)
        services.schedule_change(actor=request.user, schedule=schedule, **serializer.validated_data)
        return Response(_schedule_output(user=request.user, schedule=schedule))


# Status reports ---------------------------------------------------------------------------------


@extend_schema(tags=REPORT_TAG)
class CaseStatusReportListApi(EngagementCaseMixin, generics.ListAPIView):
    """A case's status reports, newest first, with where each is on its way out."""

    serializer_class = StatusReportOutputSerializer

    def get_queryset(self) -> QuerySet[StatusReport]:
        if getattr(self, "swagger_fake_view", False):
            return StatusReport.objects.none()
        return selectors.case_status_reports(user=self.request.user, case=self.get_case()).select_related("case")

    @extend_schema(responses={200: StatusReportOutputSerializer(many=True), 403: ERROR_403, 404: ERROR_404},
                   summary="List a case's status reports")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=SendNowInputSerializer,
        responses={202: StatusReportDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Send a status report now",
        description="Consultants of the organisation, outside any schedule. The report is rendered and emailed "
        "by a worker (once per recipient): the answer is the new report, usually still `generating`. With "
        "`requires_approval` it waits for a consultant's approval (`approve/`) before it is sent.",
    )
    def post(self, request: Request, reference: str) -> Response:
        case = self.get_case()
        serializer = SendNowInputSerializer(data=request.data, context={"case": case, "request": request})
        serializer.is_valid(raise_exception=True)
        report = services.status_report_send_now(actor=request.user, case=case, **serializer.validated_data)
        return Response(_status_report_output(user=request.user, status_report=report),
                        status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=REPORT_TAG)
class StatusReportDetailApi(EngagementObjectMixin, generics.GenericAPIView):
    """One status report: where it is on its way out, and each recipient's delivery."""

    serializer_class = StatusReportDetailOutputSerializer
    pagination_class = None

    @extend_schema(responses={200: StatusReportDetailOutputSerializer, 404: ERROR_404},
                   summary="Read a status report with its deliveries")
    def get(self, request: Request, pk: int) -> Response:
        return Response(StatusReportDetailOutputSerializer(self.get_status_report()).data)


@extend_schema(tags=REPORT_TAG)
class StatusReportApproveApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = StatusReportDetailOutputSerializer
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: StatusReportDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Approve a status report for sending",
        description="Consultants of the organisation, for a report awaiting approval; it is then sent.",
    )
    def post(self, request: Request, pk: int) -> Response:
        status_report = self.get_status_report()
        services.status_report_approve(actor=request.user, status_report=status_report)
        return Response(_status_report_output(user=request.user, status_report=status_report))


@extend_schema(tags=REPORT_TAG)
class StatusReportDownloadApi(EngagementObjectMixin, generics.GenericAPIView):
    pagination_class = None

    def perform_content_negotiation(self, request: Request, force: bool = False):
        # The PDF goes out whatever the client says it accepts; the 404s stay JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        responses={(200, "application/pdf"): FILE_RESPONSE,
                   404: OpenApiResponse(description="No such status report, not one you may see, or not rendered "
                                                    "yet.")},
        summary="Download a status report's PDF",
        description="Consultants and the organisation's leaders. Audited as `status_report.downloaded`.",
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        return downloads.status_report_file(user=request.user, status_report=self.get_status_report(), via="api")


@extend_schema(tags=REPORT_TAG)
class StatusReportDeliveryListApi(EngagementObjectMixin, generics.ListAPIView):
    """Each recipient of a status report, by email: queued, sent or failed, with the last error."""

    serializer_class = DeliveryOutputSerializer

    def get_queryset(self) -> QuerySet[Delivery]:
        if getattr(self, "swagger_fake_view", False):
            return Delivery.objects.none()
        # The report's deliveries, already read (prefetched) through the selector with the report.
        return self.get_status_report().deliveries.all()

    @extend_schema(responses={200: DeliveryOutputSerializer(many=True), 404: ERROR_404},
                   summary="List a status report's deliveries")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


@extend_schema(tags=REPORT_TAG)
class DeliveryResendApi(EngagementObjectMixin, generics.GenericAPIView):
    serializer_class = DeliveryOutputSerializer
    pagination_class = None

    @extend_schema(
        request=None,
        responses={200: DeliveryOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
        summary="Send a failed delivery again",
        description="Consultants of the organisation. Only a failed delivery is sent again (queued now, emailed "
        "by a worker); any other is a 400.",
    )
    def post(self, request: Request, pk: int) -> Response:
        delivery = self.get_delivery()
        delivery = services.delivery_resend(actor=request.user, delivery=delivery)
        return Response(DeliveryOutputSerializer(delivery).data)


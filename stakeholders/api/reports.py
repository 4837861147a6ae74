"""The schedules and status reports API: schedules, reports, approval, download, deliveries and resend."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from crisis.api_base import ERROR_400

from .. import downloads, selectors, services
from ..models import (
    AudienceProfile,
    Delivery,
    StatusReport,
    UpdateSchedule,
)
from ..serializers import (
    AudienceSerializer,
    DecisionInputSerializer,
    DeliveryOutputSerializer,
    OverrideInputSerializer,
    RefuseInputSerializer,
    ScheduleInputSerializer,
    ScheduleOutputSerializer,
    ScheduleUpdateInputSerializer,
    SendNowInputSerializer,
    StatusReportDetailOutputSerializer,
    StatusReportOutputSerializer,
)
from .base import (
    ERROR_403,
    ERROR_404,
    FILE_RESPONSE,
    REPORT_TAG,
    EngagementCaseMixin,
    EngagementObjectMixin,
    _schedule_output,
    _status_report_output,
)

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
        "by a worker (once per recipient) after the personal-data check: the answer is the new report, usually "
        "still `generating`. `audience` chooses the version; to an audience outside the organisation the report "
        "always waits for a second consultant's approval (`approve/`); `requires_approval` holds a report to "
        "the organisation's own governors too.",
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


class _StatusReportDecisionApi(EngagementObjectMixin, generics.GenericAPIView):
    """POST to a status report: checks the input, calls the service, answers with the report."""

    serializer_class = StatusReportDetailOutputSerializer
    pagination_class = None
    input_serializer: type | None = None
    answer_status = status.HTTP_200_OK

    def decide(self, *, actor, status_report: StatusReport, **data) -> None:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        status_report = self.get_status_report()
        data = {}
        if self.input_serializer is not None:
            serializer = self.input_serializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
        self.decide(actor=request.user, status_report=status_report, **data)
        return Response(_status_report_output(user=request.user, status_report=status_report),
                        status=self.answer_status)


def _decision_schema(*, request, summary: str, description: str, answer: int = 200):
    return extend_schema_view(post=extend_schema(
        tags=REPORT_TAG, request=request, summary=summary, description=description,
        responses={answer: StatusReportDetailOutputSerializer, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
    ))


@_decision_schema(
    request=DecisionInputSerializer, summary="Approve a status report for sending",
    description="A consultant of the case (or the consultancy admin) other than the one who asked for the "
    "report — sent it now or set up its schedule: their own approval is a 400. The personal-data check runs "
    "again first: a finding blocks the report (400, nothing sent). Audited with the optional `reason`.",
)
class StatusReportApproveApi(_StatusReportDecisionApi):
    input_serializer = DecisionInputSerializer

    def decide(self, *, actor, status_report: StatusReport, reason: str = "") -> None:
        services.status_report_approve(actor=actor, status_report=status_report, reason=reason)


@_decision_schema(
    request=RefuseInputSerializer, summary="Refuse a status report",
    description="Consultants of the case, for a report awaiting approval or blocked by the check: nothing is "
    "sent. The reason is required and audited.",
)
class StatusReportRefuseApi(_StatusReportDecisionApi):
    input_serializer = RefuseInputSerializer

    def decide(self, *, actor, status_report: StatusReport, reason: str) -> None:
        services.status_report_refuse(actor=actor, status_report=status_report, reason=reason)


@_decision_schema(
    request=None, answer=202, summary="Generate a status report again and check it",
    description="Consultants of the case, for a report awaiting approval or blocked: a worker renders it "
    "again from the case as it is now (a new version) and runs the personal-data check again.",
)
class StatusReportRecheckApi(_StatusReportDecisionApi):
    answer_status = status.HTTP_202_ACCEPTED

    def decide(self, *, actor, status_report: StatusReport) -> None:
        services.status_report_recheck(actor=actor, status_report=status_report)


@_decision_schema(
    request=OverrideInputSerializer, summary="Override one finding of the personal-data check",
    description="Consultants of the case, for a blocked report: the finding `hit_id` may go out as it is, for "
    "the `reason` given (audited). When no finding is left the report waits for approval (a second "
    "consultant's). The PDF then never says it carries no personal data of children.",
)
class StatusReportOverrideApi(_StatusReportDecisionApi):
    input_serializer = OverrideInputSerializer

    def decide(self, *, actor, status_report: StatusReport, hit_id: str, reason: str) -> None:
        services.status_report_override(actor=actor, status_report=status_report, hit_id=hit_id, reason=reason)


@extend_schema(tags=REPORT_TAG)
class AudienceListApi(generics.ListAPIView):
    """The audience profiles: which sections each audience's version of a status report shows."""

    serializer_class = AudienceSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[AudienceProfile]:
        return AudienceProfile.objects.order_by("position", "name")

    @extend_schema(responses={200: AudienceSerializer(many=True)}, summary="List the audience profiles")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


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

"""Serializers of update schedules, status reports and their deliveries."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.forms import MAX_ID
from crisis.serializers import PersonRefSerializer

from ..models import (
    AudienceProfile,
    Delivery,
    Stakeholder,
    StatusReport,
    UpdateSchedule,
)
from ..schedule import UK
from .base import (
    TIME_ERRORS,
    DeliveryStatusField,
    StakeholderRefSerializer,
    StatusReportStatusField,
    _refuse_unknown_fields,
    case_stakeholders_by_id,
)

# Schedules --------------------------------------------------------------------------------------


class AudienceSerializer(serializers.ModelSerializer):
    """An audience profile: which sections its version of the report shows."""

    class Meta:
        model = AudienceProfile
        fields = ["key", "name", "description", "sections", "external", "stakeholder_kinds", "protective_marking"]
        read_only_fields = fields


class AudienceRefSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    external = serializers.BooleanField(read_only=True)


def audience_input_field() -> serializers.SlugRelatedField:
    return serializers.SlugRelatedField(
        slug_field="key", queryset=AudienceProfile.objects.all(), required=False, allow_null=True, default=None,
        help_text="The version of the report (`/api/v1/audiences/` lists them: regulator, local_authority, "
                  "governors, funder, parents, media). Without it, the one the stakeholders' kind takes; "
                  "stakeholders taking different versions are refused.",
        error_messages={"does_not_exist": "No audience “{value}”.", "invalid": "Give an audience key."},
    )


class ScheduleOutputSerializer(serializers.ModelSerializer):
    """An update schedule. Expects selectors.case_schedules or get_schedule_for rows (with the case)."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    time_of_day = serializers.TimeField(format="%H:%M", read_only=True, help_text="HH:MM, UK time.")
    next_due_at = serializers.DateTimeField(default_timezone=ZoneInfo("UTC"), read_only=True,
                                            help_text="When the next report is due, in UTC.")
    next_due_local = serializers.DateTimeField(source="next_due_at", default_timezone=UK, read_only=True,
                                               help_text="The same instant in UK time (Europe/London).")
    created_by = PersonRefSerializer(read_only=True)
    audience = AudienceRefSerializer(read_only=True)

    class Meta:
        model = UpdateSchedule
        fields = ["id", "case", "name", "stakeholders", "cadence", "weekday", "day_of_month", "time_of_day",
                  "audience", "requires_approval", "active", "next_due_at", "next_due_local", "created_by",
                  "created_at"]
        read_only_fields = fields


SCHEDULE_FIELDS = ("name", "stakeholders", "cadence", "weekday", "day_of_month", "time_of_day", "requires_approval",
                   "audience")
APPROVAL_HELP = ("A second consultant approves each report before it is sent: always for an audience outside the "
                 "organisation (true is then implied); false is kept only for the organisation's own governors.")


class ScheduleInputSerializer(serializers.Serializer):
    """A new schedule. Needs the case and the request in the context."""

    name = serializers.CharField(max_length=200)
    stakeholders = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the case's stakeholders who receive status reports."
    )
    cadence = serializers.ChoiceField(choices=UpdateSchedule.Cadence.choices)
    weekday = serializers.IntegerField(min_value=0, max_value=6, required=False, allow_null=True, default=None,
                                       help_text="Weekly and fortnightly: 0 = Monday … 6 = Sunday.")
    day_of_month = serializers.IntegerField(
        min_value=1, max_value=31, required=False, allow_null=True, default=None,
        help_text="Monthly: 1 to 31; past the month's end means its last day.",
    )
    time_of_day = serializers.TimeField(format="%H:%M", input_formats=["%H:%M"], error_messages=TIME_ERRORS,
                                        help_text="HH:MM, UK time.")
    requires_approval = serializers.BooleanField(required=False, default=True, help_text=APPROVAL_HELP)
    audience = audience_input_field()

    def validate_stakeholders(self, value: list[int]) -> list[Stakeholder]:
        return case_stakeholders_by_id(user=self.context["request"].user, case=self.context["case"], ids=value)


class ScheduleUpdateInputSerializer(ScheduleInputSerializer):
    """PUT: the whole schedule; PATCH: only the fields sent. `active` pauses (false) or resumes (true)."""

    active = serializers.BooleanField(required=False, help_text="false pauses the schedule, true resumes it.")

    def to_internal_value(self, data):
        _refuse_unknown_fields(self, data, {})
        return super().to_internal_value(data)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        return attrs



# Status reports ---------------------------------------------------------------------------------


class DeliveryOutputSerializer(serializers.ModelSerializer):
    status = DeliveryStatusField(choices=Delivery.Status.choices, read_only=True)
    resend = serializers.SerializerMethodField(help_text="For a failed delivery: the API path that sends it again.")

    class Meta:
        model = Delivery
        fields = ["id", "email", "as_link", "status", "attempts", "last_error", "queued_at", "sent_at", "resend"]
        read_only_fields = fields

    def get_resend(self, delivery: Delivery) -> str | None:
        if delivery.status != Delivery.Status.FAILED:
            return None
        return reverse("api-delivery-resend", kwargs={"pk": delivery.pk})


class DeliveryCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    queued = serializers.IntegerField()
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()


class ScheduleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class GuardHitSerializer(serializers.Serializer):
    hit_id = serializers.CharField(read_only=True, help_text="Send it to `override/` with a reason.")
    record = serializers.CharField(read_only=True)
    field = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="protected_name, date_of_birth, postcode, phone, email, "
                                                           "ni_number or upn.")
    message = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True, help_text="The page where it is fixed.")


class StatusReportOutputSerializer(serializers.ModelSerializer):
    """A status report. Expects selectors.case_status_reports or get_status_report_for rows (with the case)."""

    audience = AudienceRefSerializer(read_only=True)
    guard_hits = GuardHitSerializer(many=True, read_only=True,
                                    help_text="What the personal-data check found and nobody has overridden.")
    refused_by = PersonRefSerializer(read_only=True, allow_null=True)

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    status = StatusReportStatusField(choices=StatusReport.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    schedule = ScheduleRefSerializer(read_only=True, allow_null=True, help_text="null for a report sent by hand.")
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    requested_by = PersonRefSerializer(read_only=True, allow_null=True)
    approved_by = PersonRefSerializer(read_only=True, allow_null=True)
    sha256 = serializers.SerializerMethodField(help_text="SHA-256 of the PDF, once rendered.")
    size = serializers.SerializerMethodField(help_text="The PDF's size in bytes, once rendered.")
    download = serializers.SerializerMethodField(help_text="The API path of the PDF, once rendered.")
    delivery_counts = serializers.SerializerMethodField(help_text="Recipients by delivery status.")

    class Meta:
        model = StatusReport
        fields = ["id", "case", "number", "revision", "audience", "sections", "status", "status_label", "schedule",
                  "stakeholders", "requires_approval", "requested_by", "approved_by", "approved_at", "refused_by",
                  "refused_at", "decision_reason", "awaiting_since", "approval_overdue_at", "guard_checked_at",
                  "guard_clean", "guard_hits", "created_at", "sent_at", "sha256", "size", "download",
                  "delivery_counts"]
        read_only_fields = fields

    def get_sha256(self, status_report: StatusReport) -> str | None:
        return status_report.report.sha256 if status_report.report_id else None

    def get_size(self, status_report: StatusReport) -> int | None:
        return status_report.report.size if status_report.report_id else None

    def get_download(self, status_report: StatusReport) -> str | None:
        if not status_report.report_id:
            return None
        return reverse("api-status-report-download", kwargs={"pk": status_report.pk})

    @extend_schema_field(DeliveryCountsSerializer)
    def get_delivery_counts(self, status_report: StatusReport) -> dict:
        statuses = [d.status for d in status_report.deliveries.all()]  # prefetched
        return {"total": len(statuses), **{s: statuses.count(s) for s in Delivery.Status.values}}


class StatusReportDetailOutputSerializer(StatusReportOutputSerializer):
    """One status report with each recipient's delivery."""

    deliveries = DeliveryOutputSerializer(many=True, read_only=True)

    class Meta(StatusReportOutputSerializer.Meta):
        fields = [*StatusReportOutputSerializer.Meta.fields, "deliveries"]
        read_only_fields = fields


class SendNowInputSerializer(serializers.Serializer):
    """A status report to send now. Needs the case and the request in the context."""

    stakeholders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
                                         help_text="Ids of the case's stakeholders to send it to.")
    requires_approval = serializers.BooleanField(required=False, default=False, help_text=APPROVAL_HELP)
    audience = audience_input_field()

    def validate_stakeholders(self, value: list[int]) -> list[Stakeholder]:
        return case_stakeholders_by_id(user=self.context["request"].user, case=self.context["case"], ids=value)


class DecisionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                   help_text="Optional when approving; required when refusing.")


class RefuseInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text="Why the report is refused.",
                                   error_messages={"required": "Say why the report is refused.",
                                                   "blank": "Say why the report is refused."})


class OverrideInputSerializer(serializers.Serializer):
    hit_id = serializers.CharField(max_length=40, help_text="A `guard_hits[].hit_id` of the report.")
    reason = serializers.CharField(max_length=2000, help_text="Why this may go out as it is.",
                                   error_messages={"required": "Say why this may go out as it is.",
                                                   "blank": "Say why this may go out as it is."})

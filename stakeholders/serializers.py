"""Shapes of the stakeholder engagement API's requests and responses. No business logic: the services decide.

Input serializers check types and choices and turn ids into objects the user may refer to (a
stakeholder of another case, or an owner who may not hold the relationship, reads as unknown, like a
missing one); the services check the rules again. Output serializers expect the selectors' rows, with
their joins and prefetches: they never query per row.

Mediation notes are consultant-only. They are shown from the selectors' `visible_mediation_notes`
(never the model field), and the key is left out unless the context says `show_confidential`.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.forms import MAX_ID
from crisis.models import Case, User
from crisis.serializers import PersonRefSerializer

from . import selectors
from .models import (
    TRUST_LEVELS,
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    PressLine,
    PressLineVersion,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)
from .schedule import UK
from .services import STAKEHOLDER_FIELDS

TRUST_HELP = "1 (broken) to 5 (strong): " + ", ".join(f"{n} {label.lower()}" for n, label in TRUST_LEVELS.items())
TRUST_ERRORS = {
    "invalid": "Trust is rated from 1 (broken) to 5 (strong).",
    "min_value": "Trust is rated from 1 (broken) to 5 (strong).",
    "max_value": "Trust is rated from 1 (broken) to 5 (strong).",
}
TIME_ERRORS = {"invalid": "Give the time as HH:MM, UK time (for example 09:00)."}


def _one_of(values) -> dict:
    """A string limited to these values, described without "enum": several models here have a
    "status" or "kind" of their own, and drf-spectacular warns when enums of one name differ."""
    return {"type": "string", "pattern": "^(" + "|".join(values) + ")$"}


@extend_schema_field(_one_of(Stakeholder.Kind.values))
class StakeholderKindField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(StatusReport.Status.values))
class StatusReportStatusField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(Delivery.Status.values))
class DeliveryStatusField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(Communication.Channel.values))
class CommunicationChannelField(serializers.ChoiceField):
    pass


def _refuse_unknown_fields(serializer: serializers.Serializer, data, redirects: dict[str, str]) -> None:
    """A change names only fields it may change: a typo or a derived field is a 400, not ignored;
    a field that changes elsewhere says where."""
    if hasattr(data, "keys"):
        unknown = {name: [redirects.get(name, "This field cannot be changed.")]
                   for name in data.keys() if name not in serializer.fields}  # noqa: SIM118
        if unknown:
            raise serializers.ValidationError(unknown)


def case_stakeholders_by_id(*, user, case: Case, ids: list[int]) -> list[Stakeholder]:
    """The case's stakeholders with these ids, among those the user reads; any other id is unknown."""
    found = {s.pk: s for s in selectors.stakeholders_for(user).filter(organisation_id=case.organisation_id,
                                                                       case=case, pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise serializers.ValidationError(f"Unknown stakeholder for this case: {', '.join(unknown)}.")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _possible_owner(case: Case, pk: int) -> User:
    owner = selectors.stakeholder_owner_choices(case=case).filter(pk=pk).first()
    if owner is None:
        raise serializers.ValidationError(
            "Unknown owner: the owner is one of the case's consultants or the organisation's leaders."
        )
    return owner


class StakeholderRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


# Stakeholders: outputs --------------------------------------------------------------------------


class ContactOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "role", "email", "phone", "receives_reports"]
        read_only_fields = fields


class TrustChangeOutputSerializer(serializers.ModelSerializer):
    to_label = serializers.SerializerMethodField(help_text="The new level in words.")
    changed_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = TrustChange
        fields = ["id", "from_level", "to_level", "to_label", "reason", "changed_by", "changed_at"]
        read_only_fields = fields

    def get_to_label(self, change: TrustChange) -> str:
        return TRUST_LEVELS.get(change.to_level, "")


class StakeholderOutputSerializer(serializers.ModelSerializer):
    """A stakeholder as the register shows it. Expects selectors.case_stakeholders rows (with the case)."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    kind = StakeholderKindField(choices=Stakeholder.Kind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    trust_label = serializers.CharField(read_only=True, help_text="Broken, Strained, Neutral, Good or Strong.")
    owner = PersonRefSerializer(read_only=True, allow_null=True, help_text="Who holds the relationship.")
    contacts = ContactOutputSerializer(many=True, read_only=True)
    recent_contacts = serializers.IntegerField(read_only=True, help_text="Contacts logged in the last 30 days.")
    last_contact_at = serializers.DateTimeField(read_only=True, allow_null=True,
                                                help_text="When the last contact was, if any.")

    class Meta:
        model = Stakeholder
        fields = ["id", "case", "kind", "kind_label", "name", "preferred_channel", "trust_level", "trust_label",
                  "owner", "receives_reports", "report_delivery", "contacts", "recent_contacts", "last_contact_at",
                  "created_at"]
        read_only_fields = fields


class StakeholderDetailOutputSerializer(StakeholderOutputSerializer):
    """One stakeholder with its trust history. Expects "trust_history" in the context."""

    trust_history = serializers.SerializerMethodField(help_text="Every change of trust, newest first.")

    class Meta(StakeholderOutputSerializer.Meta):
        fields = [*StakeholderOutputSerializer.Meta.fields, "trust_history"]
        read_only_fields = fields

    @extend_schema_field(TrustChangeOutputSerializer(many=True))
    def get_trust_history(self, stakeholder: Stakeholder) -> list[dict]:
        return TrustChangeOutputSerializer(self.context.get("trust_history", []), many=True).data


# Stakeholders: inputs ---------------------------------------------------------------------------


class StakeholderFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Stakeholder.Kind.choices, required=False)
    trust = serializers.IntegerField(min_value=1, max_value=5, required=False, error_messages=TRUST_ERRORS,
                                     help_text="Only stakeholders at this trust level.")
    receives_reports = serializers.BooleanField(required=False, default=False,
                                                help_text="Only those who receive status reports.")


class ContactInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    role = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="",
                                   help_text="Needed when the contact receives status reports.")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    receives_reports = serializers.BooleanField(required=False, default=True)


class StakeholderCreateInputSerializer(serializers.Serializer):
    """A new stakeholder, with its first contacts. Needs the case in the context."""

    kind = StakeholderKindField(choices=Stakeholder.Kind.choices)
    name = serializers.CharField(max_length=200)
    trust_level = serializers.IntegerField(min_value=1, max_value=5, required=False, default=3,
                                           error_messages=TRUST_ERRORS, help_text=TRUST_HELP)
    preferred_channel = serializers.ChoiceField(choices=Stakeholder.Channel.choices, required=False,
                                                default=Stakeholder.Channel.EMAIL)
    owner = serializers.IntegerField(required=False, allow_null=True, default=None,
                                     help_text="User id of one of the case's consultants or the organisation's "
                                               "leaders.")
    receives_reports = serializers.BooleanField(required=False, default=False)
    report_delivery = serializers.ChoiceField(choices=Stakeholder.ReportDelivery.choices, required=False,
                                              default=Stakeholder.ReportDelivery.ATTACHMENT)
    contacts = ContactInputSerializer(many=True, required=False, default=list)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _possible_owner(self.context["case"], value)


TRUST_ELSEWHERE = "Trust changes with a reason: POST {level, reason} to the stakeholder's trust/ endpoint."


class StakeholderUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent change. Needs the case in the context."""

    kind = StakeholderKindField(choices=Stakeholder.Kind.choices, required=False)
    name = serializers.CharField(max_length=200, required=False)
    preferred_channel = serializers.ChoiceField(choices=Stakeholder.Channel.choices, required=False)
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="A user id, or null for no owner.")
    receives_reports = serializers.BooleanField(required=False)
    report_delivery = serializers.ChoiceField(choices=Stakeholder.ReportDelivery.choices, required=False)

    def to_internal_value(self, data):
        _refuse_unknown_fields(self, data, {"trust_level": TRUST_ELSEWHERE})
        return super().to_internal_value(data)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _possible_owner(self.context["case"], value)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        assert set(attrs) <= set(STAKEHOLDER_FIELDS)  # noqa: S101  (the fields above)
        return attrs


class TrustInputSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=5, error_messages=TRUST_ERRORS, help_text=TRUST_HELP)
    reason = serializers.CharField(help_text="Why trust has changed: kept in the history.",
                                   error_messages={"required": "Say why trust has changed.",
                                                   "blank": "Say why trust has changed."})


# Communications ---------------------------------------------------------------------------------


class AttachmentOutputSerializer(serializers.ModelSerializer):
    """A file of a contact, as lists show it (only the columns the selectors load)."""

    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField(help_text="The API path that downloads the file.")

    class Meta:
        model = CommunicationAttachment
        fields = ["id", "name", "size", "content_type", "download"]
        read_only_fields = fields

    def get_download(self, attachment: CommunicationAttachment) -> str:
        return reverse("api-communication-attachment-download",
                       kwargs={"pk": attachment.communication_id, "attachment_pk": attachment.pk})


class AttachmentDetailOutputSerializer(AttachmentOutputSerializer):
    class Meta(AttachmentOutputSerializer.Meta):
        fields = [*AttachmentOutputSerializer.Meta.fields, "sha256", "uploaded_at"]
        read_only_fields = fields


class PressLineUseSerializer(serializers.ModelSerializer):
    """The press line wording a contact used."""

    press_line = serializers.IntegerField(source="press_line_id", read_only=True, help_text="The press line's id.")
    title = serializers.CharField(source="press_line.title", read_only=True)

    class Meta:
        model = PressLineVersion
        fields = ["id", "press_line", "title", "number"]
        read_only_fields = fields


class CommunicationOutputSerializer(serializers.ModelSerializer):
    """A logged contact. Expects selectors.case_communications or get_communication_for rows (with the
    case), and "show_confidential" in the context for the mediation notes."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, read_only=True)
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    attachments = AttachmentOutputSerializer(many=True, read_only=True)
    follow_up_open = serializers.SerializerMethodField(help_text="A follow-up is due and not yet done.")
    press_line_version = PressLineUseSerializer(read_only=True, allow_null=True)
    created_by = PersonRefSerializer(read_only=True)
    # Not read-only, so the schema shows it as optional: the organisation's leaders never receive the key.
    mediation_notes = serializers.CharField(
        source="visible_mediation_notes", required=False,
        help_text="Consultants only: the key is absent for the organisation's leaders.",
    )

    class Meta:
        model = Communication
        fields = ["id", "case", "occurred_at", "direction", "direction_label", "channel", "channel_label",
                  "summary", "stakeholders", "attachments", "follow_up_due", "follow_up_done_on", "follow_up_open",
                  "press_line_version", "created_by", "created_at", "mediation_notes"]
        read_only_fields = [f for f in fields if f != "mediation_notes"]

    def get_follow_up_open(self, communication: Communication) -> bool:
        return communication.follow_up_due is not None and communication.follow_up_done_on is None

    def to_representation(self, communication: Communication) -> dict:
        data = super().to_representation(communication)
        if not self.context.get("show_confidential"):
            data.pop("mediation_notes", None)
        return data


class FollowUpOutputSerializer(serializers.ModelSerializer):
    """An open follow-up, across cases. Expects selectors.follow_ups_due rows."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, read_only=True)
    stakeholders = StakeholderRefSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField(help_text="The follow-up was due before today.")
    detail = serializers.SerializerMethodField(help_text="The API path of the contact.")

    class Meta:
        model = Communication
        fields = ["id", "case", "occurred_at", "direction", "channel", "summary", "stakeholders", "follow_up_due",
                  "overdue", "detail"]
        read_only_fields = fields

    def get_overdue(self, communication: Communication) -> bool:
        return communication.follow_up_due < self.context["today"]

    def get_detail(self, communication: Communication) -> str:
        return reverse("api-communication-detail", kwargs={"pk": communication.pk})


class CommunicationFilterSerializer(serializers.Serializer):
    stakeholder = serializers.IntegerField(required=False, help_text="Only contacts with this stakeholder (id).")
    channel = CommunicationChannelField(choices=Communication.Channel.choices, required=False)
    direction = serializers.ChoiceField(choices=Communication.Direction.choices, required=False)
    follow_up = serializers.ChoiceField(choices=[("open", "open")], required=False,
                                        help_text="open: only contacts with a follow-up still to do.")


class FollowUpFilterSerializer(serializers.Serializer):
    days = serializers.IntegerField(
        min_value=0, max_value=90, required=False, default=7,
        help_text="Follow-ups due within this many days from today (overdue ones always show); 0 to 90.",
        error_messages={"invalid": "Give a whole number of days from 0 to 90.",
                        "min_value": "Give a whole number of days from 0 to 90.",
                        "max_value": "Give a whole number of days from 0 to 90."},
    )


class CommunicationInputSerializer(serializers.Serializer):
    """A contact to log, as JSON or multipart (with files). Needs the case and the request in the context."""

    stakeholders = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
                                         help_text="Ids of the case's stakeholders.")
    direction = serializers.ChoiceField(choices=Communication.Direction.choices)
    channel = CommunicationChannelField(choices=Communication.Channel.choices)
    summary = serializers.CharField(error_messages={"required": "Say what was said or agreed.",
                                                    "blank": "Say what was said or agreed."})
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None,
                                            help_text="Defaults to now; never in the future.")
    mediation_notes = serializers.CharField(required=False, allow_blank=True, default="",
                                            help_text="Consultant-only: never shown to the organisation.")
    follow_up_due = serializers.DateField(required=False, allow_null=True, default=None)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, default=list,
        help_text="Files that went with the contact (multipart): PDF, DOCX, XLSX, PNG or JPG, checked by content.",
    )
    press_line_version = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="Id of the press line version the contact used: the latest approved wording of a press line "
                  "of this case.",
    )

    def validate_stakeholders(self, value: list[int]) -> list[Stakeholder]:
        return case_stakeholders_by_id(user=self.context["request"].user, case=self.context["case"], ids=value)

    def validate_press_line_version(self, value: int | None) -> PressLineVersion | None:
        """A version of this case's press lines the user reads; whether it may be used is the service's call."""
        if value is None:
            return None
        version = (PressLineVersion.objects.filter(press_line__in=selectors.case_press_lines(
            user=self.context["request"].user, case=self.context["case"])).select_related("press_line")
            .filter(pk=value).first())
        if version is None:
            raise serializers.ValidationError(f"Unknown press line version for this case: {value}.")
        return version


class AttachmentInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, DOCX, XLSX, PNG or JPG, checked by content.")


# Press lines ------------------------------------------------------------------------------------


class PressLineVersionOutputSerializer(serializers.ModelSerializer):
    written_by = PersonRefSerializer(read_only=True)
    approved_by = PersonRefSerializer(read_only=True, allow_null=True)
    press_line = serializers.IntegerField(source="press_line_id", read_only=True, help_text="The press line's id.")

    class Meta:
        model = PressLineVersion
        fields = ["id", "press_line", "number", "text", "written_by", "written_at", "approved_by", "approved_at"]
        read_only_fields = fields


class PressLineOutputSerializer(serializers.ModelSerializer):
    """A press line with its versions, newest first. Expects selectors.case_press_lines rows (with the case)."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    versions = PressLineVersionOutputSerializer(many=True, read_only=True)
    approved_for_use = serializers.SerializerMethodField(
        help_text="Some wording is approved: the line may be used, with `version_in_use`.")
    version_in_use = serializers.SerializerMethodField(
        help_text="Id of the latest approved version, the one a contact may use (a newer draft waits for "
                  "approval); null when none is approved.")
    awaiting_approval = serializers.SerializerMethodField(help_text="A newer version waits for approval.")

    class Meta:
        model = PressLine
        fields = ["id", "case", "title", "approved_for_use", "version_in_use", "awaiting_approval", "versions",
                  "created_at"]
        read_only_fields = fields

    @staticmethod
    def _in_use(press_line: PressLine) -> PressLineVersion | None:
        approved = [v for v in press_line.versions.all() if v.approved_at]  # prefetched
        return max(approved, key=lambda v: v.number, default=None)

    def get_approved_for_use(self, press_line: PressLine) -> bool:
        return self._in_use(press_line) is not None

    def get_version_in_use(self, press_line: PressLine) -> int | None:
        version = self._in_use(press_line)
        return version.pk if version else None

    def get_awaiting_approval(self, press_line: PressLine) -> bool:
        latest = max(press_line.versions.all(), key=lambda v: v.number, default=None)
        return latest is not None and latest.approved_at is None


class PressLineInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, error_messages={"required": "Give the press line a title.",
                                                                  "blank": "Give the press line a title."})
    text = serializers.CharField(error_messages={"required": "Write the wording.", "blank": "Write the wording."})


class PressLineVersionInputSerializer(serializers.Serializer):
    text = serializers.CharField(error_messages={"required": "Write the wording.", "blank": "Write the wording."})


# Schedules --------------------------------------------------------------------------------------


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

    class Meta:
        model = UpdateSchedule
        fields = ["id", "case", "name", "stakeholders", "cadence", "weekday", "day_of_month", "time_of_day",
                  "requires_approval", "active", "next_due_at", "next_due_local", "created_by", "created_at"]
        read_only_fields = fields


SCHEDULE_FIELDS = ("name", "stakeholders", "cadence", "weekday", "day_of_month", "time_of_day", "requires_approval")


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
    requires_approval = serializers.BooleanField(required=False, default=False,
                                                 help_text="A consultant approves each report before it is sent.")

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


class StatusReportOutputSerializer(serializers.ModelSerializer):
    """A status report. Expects selectors.case_status_reports or get_status_report_for rows (with the case)."""

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
        fields = ["id", "case", "status", "status_label", "schedule", "stakeholders", "requires_approval",
                  "requested_by", "approved_by", "approved_at", "created_at", "sent_at", "sha256", "size", "download",
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
    requires_approval = serializers.BooleanField(required=False, default=False,
                                                 help_text="Hold it until a consultant approves it.")

    def validate_stakeholders(self, value: list[int]) -> list[Stakeholder]:
        return case_stakeholders_by_id(user=self.context["request"].user, case=self.context["case"], ids=value)

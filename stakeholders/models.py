"""Stage 2, engagement with key stakeholders: who they are, every contact with them, press lines,
and the status reports they receive on a schedule."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from crisis.models import Case, Organisation, Report
from crisis.storage import communication_upload_to, private_storage

TRUST_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
TRUST_LEVELS = {1: "Broken", 2: "Strained", 3: "Neutral", 4: "Good", 5: "Strong"}


class Stakeholder(models.Model):
    """Someone the organisation must keep informed during the crisis."""

    class Kind(models.TextChoices):
        REGULATOR = "regulator", "Regulator (Ofsted, Charity Commission, ISI…)"
        LOCAL_AUTHORITY = "local_authority", "Local authority / LADO"
        GOVERNMENT = "government", "Government department"
        POLICE = "police", "Police"
        PARENTS = "parents", "Parents and carers"
        STAFF = "staff", "Staff"
        GOVERNORS = "governors", "Governors or trustees"
        FUNDER = "funder", "Funder or commissioner"
        LOCAL_MEDIA = "local_media", "Local media"
        NATIONAL_MEDIA = "national_media", "National media"
        OTHER = "other", "Other"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        LETTER = "letter", "Letter"

    class ReportDelivery(models.TextChoices):
        ATTACHMENT = "attachment", "PDF attached to the email"
        LINK = "link", "Signed download link (expires)"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stakeholders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField("organisation or group", max_length=200)
    preferred_channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    trust_level = models.PositiveSmallIntegerField(default=3, validators=TRUST_VALIDATORS)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        help_text="The consultant or leader who holds the relationship.",
    )
    receives_reports = models.BooleanField(default=False, help_text="Receives the scheduled status reports.")
    report_delivery = models.CharField(max_length=10, choices=ReportDelivery.choices,
                                       default=ReportDelivery.ATTACHMENT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["organisation", "case", "kind"], name="stakeholder_org_case_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def trust_label(self) -> str:
        return TRUST_LEVELS.get(self.trust_level, "")


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=150)
    role = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    receives_reports = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.stakeholder})"


class TrustChange(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="trust_changes")
    from_level = models.PositiveSmallIntegerField()
    to_level = models.PositiveSmallIntegerField()
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.stakeholder}: {self.from_level} → {self.to_level}"


class Communication(models.Model):
    """One contact with one or more stakeholders."""

    class Direction(models.TextChoices):
        IN = "in", "Incoming"
        OUT = "out", "Outgoing"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        CALL = "call", "Call"
        MEETING = "meeting", "Meeting"
        LETTER = "letter", "Letter"
        PRESS_RELEASE = "press_release", "Press release"
        SOCIAL_MEDIA = "social_media", "Social media"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="communications")
    stakeholders = models.ManyToManyField(Stakeholder, related_name="communications")
    occurred_at = models.DateTimeField(default=timezone.now)
    direction = models.CharField(max_length=3, choices=Direction.choices)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    summary = models.TextField()
    mediation_notes = models.TextField(blank=True, help_text="Consultant-only: never shown to the organisation.")
    follow_up_due = models.DateField(null=True, blank=True)
    follow_up_done_on = models.DateField(null=True, blank=True)
    press_line_version = models.ForeignKey(
        "PressLineVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="uses",
        help_text="The approved press line wording this contact used (a statement, a release, an answer).",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "case", "-occurred_at"], name="comm_org_case_time_idx"),
            models.Index(fields=["organisation", "follow_up_due"], name="comm_org_followup_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.get_channel_display().lower()} {self.occurred_at:%d %b %Y}"


class CommunicationAttachment(models.Model):
    """A file that went with a contact: the letter, the minutes, the press release sent."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    communication = models.ForeignKey(Communication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=communication_upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class PressLine(models.Model):
    """A press line or holding statement; its wording lives in versions, each approved before use."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="press_lines")
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class PressLineVersion(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    press_line = models.ForeignKey(PressLine, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["press_line", "-number"]
        constraints = [models.UniqueConstraint(fields=["press_line", "number"], name="pressline_version_unique")]

    def __str__(self) -> str:
        return f"{self.press_line} v{self.number}"


class AudienceProfile(models.Model):
    """Which version of the status report an audience receives: the sections it shows, whether it
    leaves the organisation (and so needs a second consultant's approval), and its marking.

    Shipped with defaults (migration 0004) and editable in the admin.
    """

    class Section(models.TextChoices):
        HEADLINE = "headline", "Case title, stage and overall status"
        STAGE = "stage", "Stage and overall status, without the case title"
        CHANGES = "changes", "What changed since the last report"
        RISK_FIGURES = "risk_figures", "Risks in figures and the heat map"
        TOP_RISKS = "top_risks", "The top risks by title"
        ACTION_FIGURES = "action_figures", "The action plan in figures"
        OVERDUE_ACTIONS = "overdue_actions", "Overdue actions by title"
        STAKEHOLDERS = "stakeholders", "Named stakeholders and contact with them (statutory contacts, police)"
        TREND = "trend", "The improvement trend chart"
        NEXT_STEPS = "next_steps", "Next steps: actions due in the next fortnight"
        DEADLINES = "deadlines", "Deadlines, statutory ones included"
        PUBLIC_STATEMENT = "public_statement", "The agreed public statement (approved press lines in use)"

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    sections = models.JSONField(default=list, help_text="The sections this audience's report shows, in report order.")
    external = models.BooleanField(
        default=True,
        help_text="Leaves the organisation: every report needs a second consultant's approval. Internal "
                  "audiences (the organisation's own governors or leaders) may go without approval.",
    )
    stakeholder_kinds = models.JSONField(
        default=list, blank=True, help_text="The stakeholder kinds that receive this version unless told otherwise.",
    )
    protective_marking = models.CharField(
        max_length=200, blank=True,
        help_text="Printed on every page and in the email; blank uses the consultancy's default marking.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def shows(self, section: str) -> bool:
        return section in self.sections

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = sorted(set(self.sections or []) - set(self.Section.values))
        if unknown:
            raise ValidationError({"sections": f"Unknown sections: {', '.join(unknown)}."})
        if not self.sections:
            raise ValidationError({"sections": "Choose at least one section."})
        kinds = sorted(set(self.stakeholder_kinds or []) - set(Stakeholder.Kind.values))
        if kinds:
            raise ValidationError({"stakeholder_kinds": f"Unknown stakeholder kinds: {', '.join(kinds)}."})


class UpdateSchedule(models.Model):
    """When a group of stakeholders receives a status report. Times are Europe/London wall-clock."""

    class Cadence(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="update_schedules")
    name = models.CharField(max_length=200)
    stakeholders = models.ManyToManyField(Stakeholder, related_name="schedules")
    cadence = models.CharField(max_length=12, choices=Cadence.choices)
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(6)], help_text="0 = Monday … 6 = Sunday"
    )
    day_of_month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text="For monthly reports; past the month's end means its last day.",
    )
    time_of_day = models.TimeField(help_text="UK time.")
    audience = models.ForeignKey(AudienceProfile, on_delete=models.PROTECT, related_name="+",
                                 help_text="Which version of the report these stakeholders receive.")
    requires_approval = models.BooleanField(
        default=True, help_text="A second consultant approves each report before it is sent (always, for an "
                                "audience outside the organisation).",
    )
    next_due_at = models.DateTimeField(db_index=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["next_due_at", "id"]

    def __str__(self) -> str:
        return self.name


class StatusReport(models.Model):
    """One status report for a case at a point in time, and where it is on its way out."""

    class Status(models.TextChoices):
        GENERATING = "generating", "Generating"
        BLOCKED = "blocked", "Blocked by the personal-data check"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        REFUSED = "refused", "Refused"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_reports")
    schedule = models.ForeignKey(UpdateSchedule, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reports")
    stakeholders = models.ManyToManyField(Stakeholder, related_name="status_reports")
    report = models.OneToOneField(Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    audience = models.ForeignKey(AudienceProfile, on_delete=models.PROTECT, related_name="+")
    sections = models.JSONField(default=list, blank=True, help_text="The audience's sections when it was rendered.")
    number = models.PositiveIntegerField(default=0, help_text="The case's status reports, counted from 1.")
    revision = models.PositiveSmallIntegerField(default=0, help_text="Renderings of this report, counted from 1.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.GENERATING)
    requires_approval = models.BooleanField(default=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    refused_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True, help_text="Why it was approved or refused.")
    awaiting_since = models.DateTimeField(null=True, blank=True)
    approval_overdue_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was flagged for waiting too long for approval.",
    )
    # The outgoing texts as checked by the personal-data guard, and what it found.
    guard_texts = models.JSONField(default=list, blank=True)
    guard_hits = models.JSONField(default=list, blank=True)
    guard_checked_at = models.DateTimeField(null=True, blank=True)
    guard_clean = models.BooleanField(
        default=False, help_text="The check found nothing and nothing was overridden: the footer says so.",
    )
    # The figures the report showed, kept to say "what changed" in the next one.
    snapshot = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "-created_at"], name="statusreport_org_case_idx")]

    def __str__(self) -> str:
        return f"Status report {self.case.reference} {self.created_at:%d %b %Y}"


class GuardOverride(models.Model):
    """A consultant's decision that one hit of the personal-data check may go out, and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status_report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="guard_overrides")
    hit_id = models.CharField(max_length=40)
    kind = models.CharField(max_length=30)
    message = models.CharField(max_length=300)
    reason = models.TextField()
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overridden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["overridden_at", "id"]
        constraints = [models.UniqueConstraint(fields=["status_report", "hit_id"], name="guard_override_once")]

    def __str__(self) -> str:
        return self.message


class Delivery(models.Model):
    """One report to one recipient: the row that makes sending idempotent."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status_report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="deliveries")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="deliveries")
    email = models.EmailField()
    as_link = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    queued_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status_report", "email"]
        constraints = [
            models.UniqueConstraint(fields=["status_report", "contact"], name="delivery_once_per_recipient"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="delivery_org_status_idx")]

    def __str__(self) -> str:
        return f"{self.status_report} → {self.email} ({self.status})"

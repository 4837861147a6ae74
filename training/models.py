"""Training records of an organisation (stages 3 and 4): the roles its people hold, what each role
must have and how often it is renewed, the courses and sessions delivered, and each person's
record of attendance or certificate, with when it expires.

People to train are adults on the organisation's staff list, with or without a login. No child is
ever recorded here.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from crisis.models import Organisation
from crisis.storage import private_storage, training_upload_to


class CourseKind(models.TextChoices):
    """What a course is about: a requirement is met by a course of its kind."""

    DSL = "dsl", "Designated safeguarding lead training"
    DSL_UPDATE = "dsl_update", "DSL knowledge update"
    SAFEGUARDING = "safeguarding", "Safeguarding and child protection"
    SAFEGUARDING_UPDATE = "safeguarding_update", "Safeguarding update"
    KCSIE_READ = "kcsie_read", "Read Keeping Children Safe in Education (Part 1 or Annex A)"
    SAFER_RECRUITMENT = "safer_recruitment", "Safer recruitment"
    BOARD_SAFEGUARDING = "board_safeguarding", "Safeguarding for governors and trustees"
    ONLINE_SAFETY = "online_safety", "Online safety: filtering and monitoring"
    WELFARE_OFFICER = "welfare_officer", "Welfare officer / safeguarding officer training"
    SPORT_SAFEGUARDING = "sport_safeguarding", "Safeguarding and protecting children in sport"
    FAITH_SAFEGUARDING = "faith_safeguarding", "Safeguarding in a faith setting"
    OTHER = "other", "Other"


class StaffRole(models.Model):
    """A role an organisation's people hold, for training: "DSL", "Coach", "Trustee"."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=40)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="staffrole_key_per_org")]

    def __str__(self) -> str:
        return self.name


class Requirement(models.Model):
    """What a role must have: a course of a kind, renewed every so many months (or each September).

    Shipped per kind of organisation (training/defaults.py), then the organisation's own to edit;
    `source` says where the expectation comes from.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    course_kind = models.CharField(max_length=30, choices=CourseKind.choices)
    everyone = models.BooleanField(default=False, help_text="Applies to every person on the staff list.")
    roles = models.ManyToManyField(StaffRole, blank=True, related_name="requirements",
                                   help_text="The roles that must hold it (when not everyone).")
    renewal_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How long it stays current; empty: once (at induction), unless renewed each September.",
    )
    renew_each_september = models.BooleanField(
        default=False, help_text="Current until the next 1 September (e.g. reading KCSIE Part 1 each year).",
    )
    mandatory = models.BooleanField(default=True)
    source = models.TextField(blank=True, help_text="Where the expectation comes from.")
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "title"]
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="requirement_key_per_org")]

    def __str__(self) -> str:
        return self.title

    def expiry_after(self, completed_on: dt.date) -> dt.date | None:
        """When training completed on a day stops being current for this requirement."""
        if self.renew_each_september:
            year = completed_on.year + (1 if completed_on.month >= 9 else 0)
            return dt.date(year, 9, 1)
        if not self.renewal_months:
            return None
        month = completed_on.month - 1 + self.renewal_months
        year, month = completed_on.year + month // 12, month % 12 + 1
        return dt.date(year, month, min(completed_on.day, calendar.monthrange(year, month)[1]))


class Person(models.Model):
    """An adult on the organisation's staff list (staff, volunteer, governor, trustee), with or
    without a login."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    roles = models.ManyToManyField(StaffRole, blank=True, related_name="people")
    department = models.CharField(max_length=100, blank=True)
    start_date = models.DateField(null=True, blank=True)
    leaver_date = models.DateField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", help_text="Their Safehold account, when they have one.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], condition=~Q(email=""),
                                    name="person_email_per_org"),
            models.UniqueConstraint(fields=["organisation", "user"], condition=Q(user__isnull=False),
                                    name="person_user_per_org"),
        ]
        indexes = [models.Index(fields=["organisation", "full_name"], name="person_org_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    def is_leaver(self, on: dt.date | None = None) -> bool:
        return self.leaver_date is not None and self.leaver_date <= (on or timezone.localdate())


class Course(models.Model):
    """A course: delivered in sessions by the organisation, or taken elsewhere (a certificate)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=CourseKind.choices)
    provider = models.CharField(max_length=200, blank=True)
    internal = models.BooleanField(default=True, help_text="Delivered by or for the organisation itself.")
    duration_minutes = models.PositiveIntegerField(null=True, blank=True)
    satisfies = models.ManyToManyField(Requirement, blank=True, related_name="courses",
                                       help_text="The requirements completing it meets.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    """One delivery of a course: when, by whom, where, for how many."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions")
    date = models.DateField()
    trainer = models.CharField(max_length=150, blank=True)
    venue = models.CharField(max_length=200, blank=True, help_text="Where, or “Online”.")
    online = models.BooleanField(default=False)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    action = models.ForeignKey("response.Action", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", help_text="The response-plan action this session delivers.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["organisation", "-date"], name="session_org_date_idx")]

    def __str__(self) -> str:
        return f"{self.course} {self.date:%d %b %Y}"


class TrainingRecord(models.Model):
    """One person's attendance at a session, or a certificate of a course taken elsewhere."""

    class Attendance(models.TextChoices):
        ATTENDED = "attended", "Attended"
        PARTIAL = "partial", "Attended in part"
        ABSENT = "absent", "Absent"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="records")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="records")
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.ATTENDED)
    completed_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True, help_text="Worked out from the requirement; editable.")
    file = models.FileField(storage=private_storage, upload_to=training_upload_to, blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], condition=Q(session__isnull=False),
                                    name="record_once_per_session"),
            models.CheckConstraint(condition=Q(expires_on__isnull=True) | Q(completed_on__isnull=True)
                                   | Q(expires_on__gte=models.F("completed_on")), name="record_expires_after_done"),
        ]
        indexes = [
            models.Index(fields=["organisation", "person"], name="record_org_person_idx"),
            models.Index(fields=["organisation", "expires_on"], name="record_org_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.course}"

    @property
    def counts(self) -> bool:
        """Attended (in full) and completed: it meets requirements."""
        return self.attendance == self.Attendance.ATTENDED and self.completed_on is not None


class ReminderSent(models.Model):
    """One expiry reminder for one record on one day: claimed before it is sent, so it goes once."""

    class Kind(models.TextChoices):
        DAYS_60 = "60", "60 days before"
        DAYS_30 = "30", "30 days before"
        EXPIRED = "0", "On the day it expires"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(TrainingRecord, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=2, choices=Kind.choices)
    day = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "id"]
        constraints = [models.UniqueConstraint(fields=["record", "kind"], name="reminder_once_per_record_kind")]

    def __str__(self) -> str:
        return f"{self.record} ({self.get_kind_display()})"


class ReminderEmail(models.Model):
    """One reminder email to one address on one day, for one organisation: claimed before it is
    sent, so a second run (or a retry after a failure) never sends it twice. ReminderSent says which
    records were reminded; this row says who was emailed, as one record goes to several people."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField()
    day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    item_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email", "day"], name="reminderemail_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"Training reminder to {self.email} on {self.day:%d %b %Y}"


# Closure report ----------------------------------------------------------------------------------
# The report for the board and the regulators when a case moves out of critical care: drafted by the
# case's consultants, approved by a second one, checked for personal data, rendered as a PDF.


class ClosureReport(models.Model):
    """One version of a case's closure report: the consultant's words (lessons learned, handover),
    the four-eyes decision on it, what the personal-data check found, and the PDF once approved.
    Versions are numbered per case; an approved version stays as it is and a new one may follow."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="closure_reports")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    lessons_learned = models.TextField(blank=True)
    handover = models.TextField(blank=True, help_text="What remains and who owns it now, beside the open actions.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    requested_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # The check's findings not overridden, without the text found (that is shown live, to consultants).
    guard_hits = models.JSONField(default=list, blank=True)
    guard_checked_at = models.DateTimeField(null=True, blank=True)
    guard_clean = models.BooleanField(default=False)
    report = models.ForeignKey("crisis.Report", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["case", "number"], name="closure_report_number_per_case")]
        indexes = [models.Index(fields=["organisation", "case", "-number"], name="closure_org_case_idx")]

    def __str__(self) -> str:
        return f"Closure report {self.number}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REFUSED)


class ClosureGuardOverride(models.Model):
    """A consultant's decision that one finding of the personal-data check may stay in the closure
    report, and why. Keyed by the finding's hit id: it holds while the same text stands in the field."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    closure_report = models.ForeignKey(ClosureReport, on_delete=models.CASCADE, related_name="guard_overrides")
    hit_id = models.CharField(max_length=40)
    kind = models.CharField(max_length=30)
    message = models.CharField(max_length=300)
    reason = models.TextField()
    overridden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    overridden_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["overridden_at", "id"]
        constraints = [models.UniqueConstraint(fields=["closure_report", "hit_id"], name="closure_override_once")]

    def __str__(self) -> str:
        return self.message

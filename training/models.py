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


# Exit criteria, sign-offs, the override and follow-up reviews (stage 4) ------------------------


class ExitCriterionKind(models.TextChoices):
    """What a case must show before it leaves critical care (Recovery → Closed)."""

    RISKS = "risks", "Open critical or high risks"
    ACTIONS = "actions", "Actions verified"
    TRAINING = "training", "Mandatory training in date"
    SURVEY = "survey", "Staff survey, key questions"
    DEADLINES = "deadlines", "Statutory deadlines met"
    POLICIES = "policies", "Policy compliance"
    LEADER_SIGNOFF = "leader_signoff", "Leader's sign-off"
    LEAD_SIGNOFF = "lead_signoff", "Lead consultant's sign-off"


class ExitCriterion(models.Model):
    """One exit criterion of a case, with its threshold (a percentage, or a survey score of 5).

    A case starts from the defaults (`EXIT_DEFAULTS` in training/selectors/exit.py) without rows; the
    first edit by a consultant writes one row per kind."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="exit_criteria")
    kind = models.CharField(max_length=20, choices=ExitCriterionKind.choices)
    threshold = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    enabled = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="exitcriterion_once_per_case")]
        indexes = [models.Index(fields=["organisation", "case"], name="exitcriterion_org_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.get_kind_display()}"


class ExitSignOff(models.Model):
    """A leader or the lead consultant saying the case is ready to leave critical care. It counts
    only in the Recovery period it was given in (a re-opened case is signed off again)."""

    class Role(models.TextChoices):
        LEADER = "leader", "Leader of the organisation"
        LEAD_CONSULTANT = "lead_consultant", "Lead consultant"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="exit_sign_offs")
    role = models.CharField(max_length=20, choices=Role.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "-signed_at"], name="exitsignoff_org_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user} ({self.signed_at:%d %b %Y})"


class ExitOverride(models.Model):
    """Closing a case although some exit criteria are unmet: asked for by one consultant of the case
    with a reason, decided by a second one (four eyes). It counts in the Recovery period it was
    requested in."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a second consultant"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="exit_overrides")
    reason = models.TextField()
    unmet = models.JSONField(default=list, blank=True, help_text="The unmet criteria, with figures, when requested.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "-requested_at"], name="exitoverride_org_case_idx")]

    def __str__(self) -> str:
        return f"Exit override for case {self.case_id} ({self.get_status_display()})"


class ExitDecision(models.Model):
    """What the exit criteria showed when the case closed, and the override if one was used."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="exit_decisions")
    change = models.OneToOneField("crisis.StageChange", on_delete=models.CASCADE, related_name="+")
    criteria = models.JSONField(default=list)
    all_met = models.BooleanField(default=False)
    override = models.ForeignKey(ExitOverride, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case"], name="exitdecision_org_case_idx")]

    def __str__(self) -> str:
        return f"Exit decision for case {self.case_id} on {self.decided_at:%d %b %Y}"


class FollowUpReview(models.Model):
    """A review some months after a case closed: is the culture of safeguarding holding?"""

    class Status(models.TextChoices):
        PENDING = "pending", "Due"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled (the case re-opened)"

    class ReminderStatus(models.TextChoices):
        NONE = "", "Not reminded"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="follow_up_reviews")
    due_on = models.DateField()
    months = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_status = models.CharField(max_length=10, choices=ReminderStatus.choices, default="", blank=True)
    reminder_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "case", "due_on"], name="followup_org_case_due_idx"),
            models.Index(fields=["status", "due_on"], name="followup_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.months}-month follow-up of case {self.case_id} (due {self.due_on:%d %b %Y})"

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
from django.core.exceptions import ValidationError
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
# Surveys (stage 4): anonymous culture and confidence surveys -----------------------------------


class SurveyGroup(models.TextChoices):
    """Who a survey asks: each group has its own questions and its own link."""

    STAFF = "staff", "Staff"
    LEADERS = "leaders", "Leaders and governors"
    PARENTS = "parents", "Parents and carers"
    PUPILS = "pupils", "Pupils and young people"


def default_min_responses() -> int:
    return max(getattr(settings, "SURVEY_MIN_RESPONSES", 5), 3)


class SurveyQuestion(models.Model):
    """A question of the consultancy's bank (not an organisation's): copied into a survey when the
    survey is created, so editing the bank never changes a survey already run."""

    key = models.SlugField(max_length=60, unique=True)
    group = models.CharField(max_length=10, choices=SurveyGroup.choices)
    text = models.CharField(max_length=300)
    key_question = models.BooleanField(default=False,
                                       help_text="Counted in the key score the exit criteria read.")
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Survey(models.Model):
    """An anonymous survey of a case: a baseline, or a re-run (checkpoint, exit) of it that asks the
    same questions so the rounds compare."""

    class Round(models.TextChoices):
        BASELINE = "baseline", "Baseline"
        CHECKPOINT = "checkpoint", "Checkpoint"
        EXIT = "exit", "Exit"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    round = models.CharField(max_length=10, choices=Round.choices, default=Round.BASELINE)
    baseline = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="reruns",
                                 help_text="The baseline this survey re-runs; empty for a baseline.")
    groups = models.JSONField(default=list, help_text="The groups asked, e.g. [\"staff\", \"parents\"].")
    min_responses = models.PositiveSmallIntegerField(
        default=default_min_responses, validators=[MinValueValidator(3, "Results need at least 3 responses a group: "
                                                                        "fewer could identify someone.")],
        help_text="Results of a group are shown only from this many responses (never fewer than 3).",
    )
    opens_on = models.DateField()
    closes_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "opens_on"], name="survey_org_case_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(min_responses__gte=3), name="survey_min_responses_3"),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="survey_closes_after_opens"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": "A survey closes on or after the day it opens."})

    @property
    def series_root_id(self) -> int:
        return self.baseline_id or self.pk

    def group_labels(self) -> list[str]:
        return [SurveyGroup(g).label for g in self.groups if g in SurveyGroup.values]


class SurveyItem(models.Model):
    """A question as the survey asked it: copied from the bank (or from the baseline) when the survey
    was created, and never changed after."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    group = models.CharField(max_length=10, choices=SurveyGroup.choices)
    key = models.SlugField(max_length=60)
    text = models.CharField(max_length=300)
    key_question = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["group", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "key"], name="surveyitem_key_per_survey")]
        indexes = [models.Index(fields=["organisation", "survey"], name="surveyitem_org_survey_idx")]

    def __str__(self) -> str:
        return self.text


class SurveyLink(models.Model):
    """The link one group answers through. The token is stored as it is, so the consultant can copy
    the link again at any time; it opens nothing but the anonymous response page, and a link is
    revoked (and a new one issued) when it went where it should not."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    group = models.CharField(max_length=10, choices=SurveyGroup.choices)
    token = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["group", "-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "survey"], name="surveylink_org_survey_idx")]

    def __str__(self) -> str:
        return f"{self.survey} — {self.get_group_display()}"

    @property
    def prefix(self) -> str:
        return self.token[:6]

    def is_active(self, now: dt.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())


class SurveyResponse(models.Model):
    """One anonymous response: nothing about who sent it (no user, no address, no browser), and the
    day only, so the order of responses cannot point at anyone."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=10, choices=SurveyGroup.choices)
    submitted_on = models.DateField()

    class Meta:
        ordering = ["submitted_on"]
        indexes = [models.Index(fields=["organisation", "survey", "group"], name="surveyresp_org_survey_idx")]

    def __str__(self) -> str:
        return f"Response to {self.survey} ({self.get_group_display()})"


class SurveyAnswer(models.Model):
    """One answer, 1 (strongly disagree) to 5 (strongly agree); "prefer not to say" stores nothing."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="surveyanswer_value_1_to_5"),
            models.UniqueConstraint(fields=["response", "item"], name="surveyanswer_once_per_item"),
        ]
        indexes = [models.Index(fields=["organisation", "item"], name="surveyanswer_org_item_idx")]

    def __str__(self) -> str:
        return f"{self.item.key}: {self.value}"


class SurveyComment(models.Model):
    """Free text a respondent wrote: read by the case's consultants only, until one of them marks it
    shareable; then the organisation's leaders read it too."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    response = models.OneToOneField(SurveyResponse, on_delete=models.CASCADE, related_name="comment")
    text = models.TextField(max_length=2000)
    shareable = models.BooleanField(default=False)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+")
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["organisation", "response"], name="surveycomment_org_resp_idx")]

    def __str__(self) -> str:
        return self.text[:60]


# Other evaluations (stage 4): knowledge checks after training, observations and learning walks ---


class KnowledgeCheck(models.Model):
    """A short quiz on a course, taken after the training: one per course."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    course = models.OneToOneField(Course, on_delete=models.PROTECT, related_name="knowledge_check")
    title = models.CharField(max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="The score, in percent, that passes.",
    )
    active = models.BooleanField(default=True, help_text="Offered to the people who took the course.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class CheckQuestion(models.Model):
    """One question of a knowledge check; its options say which answer is right."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    # Not "check": a model field of that name would hide Model.check().
    knowledge_check = models.ForeignKey(KnowledgeCheck, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CheckOption(models.Model):
    """One answer offered to a question: exactly one of a question's options is correct."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey(CheckQuestion, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(max_length=300)
    correct = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class CheckAttempt(models.Model):
    """One person's go at a knowledge check: taken here (with each answer), or a paper check's score
    recorded by a keeper of the organisation's training (no answers)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    knowledge_check = models.ForeignKey(KnowledgeCheck, on_delete=models.PROTECT, related_name="attempts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="check_attempts")
    score = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)], help_text="Percent.")
    pass_mark = models.PositiveSmallIntegerField(help_text="The check's pass mark when it was taken.")
    passed = models.BooleanField()
    paper = models.BooleanField(default=False, help_text="A paper check, its score recorded afterwards.")
    taken_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-taken_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(score__lte=100), name="attempt_score_at_most_100"),
        ]
        indexes = [
            models.Index(fields=["organisation", "knowledge_check"], name="attempt_org_check_idx"),
            models.Index(fields=["organisation", "person"], name="attempt_org_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.knowledge_check} ({self.score}%)"


class CheckAttemptAnswer(models.Model):
    """The option a person chose for one question, and whether it was right when they chose it: a
    later correction of the check never changes a past score. An answered question or option cannot
    be removed (PROTECT)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    attempt = models.ForeignKey(CheckAttempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(CheckQuestion, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(CheckOption, on_delete=models.PROTECT, null=True, blank=True, related_name="answers",
                               help_text="Empty: not answered.")
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question__position", "question_id"]
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_question")]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.question_id} → {self.option_id}"


class Observation(models.Model):
    """What a consultant saw of the organisation's practice on a case: an observation or a learning
    walk of one area, rated. A concern may become an action of the response plan."""

    class Kind(models.TextChoices):
        OBSERVATION = "observation", "Observation"
        LEARNING_WALK = "learning_walk", "Learning walk"

    class Rating(models.TextChoices):
        WORKING_WELL = "working_well", "Working well"
        DEVELOPING = "developing", "Developing"
        CONCERN = "concern", "Concern"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey("crisis.Case", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OBSERVATION)
    observed_on = models.DateField()
    area = models.CharField(max_length=200, help_text="Where: “Reception and signing-in”, “Year 9 corridor at lunch”.")
    seen = models.TextField(help_text="What was seen.")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    observer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.OneToOneField("response.Action", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", help_text="The response-plan action made of this concern.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_on", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "-observed_on"], name="observation_case_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.area} ({self.observed_on:%d %b %Y})"


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

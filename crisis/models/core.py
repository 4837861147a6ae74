"""The shared core: people, organisations (the tenants), cases, chronology and the audit log."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from guardian.models import UserObjectPermissionBase


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, consultancy_role=User.ConsultancyRole.ADMIN)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with their email address."""

    class ConsultancyRole(models.TextChoices):
        NONE = "", "Client user"
        CONSULTANT = "consultant", "Consultant"
        ADMIN = "admin", "Consultancy admin"

    username = None
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    consultancy_role = models.CharField(
        max_length=20,
        choices=ConsultancyRole.choices,
        default=ConsultancyRole.NONE,
        blank=True,
        help_text="Consultancy staff only. Client users get access through memberships.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return (self.full_name or self.email).split(" ")[0]

    @property
    def is_consultancy_admin(self) -> bool:
        return self.is_superuser or self.consultancy_role == self.ConsultancyRole.ADMIN

    @property
    def is_consultant(self) -> bool:
        """Consultancy staff: consultants and consultancy admins."""
        return self.is_consultancy_admin or self.consultancy_role == self.ConsultancyRole.CONSULTANT


class Organisation(models.Model):
    """A client organisation responsible for children: the unit of tenancy."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "School"
        ACADEMY_TRUST = "academy_trust", "Academy trust"
        COLLEGE = "college", "College"
        EARLY_YEARS = "early_years", "Early years setting"
        SPORTS_CLUB = "sports_club", "Sports club"
        CHARITY = "charity", "Charity"
        FAITH = "faith", "Faith organisation"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="For example the academy trust a school belongs to.",
    )
    ofsted_urn = models.CharField("Ofsted URN", max_length=20, blank=True)
    charity_number = models.CharField(max_length=20, blank=True)
    company_number = models.CharField(max_length=20, blank=True)
    local_authority = models.CharField(max_length=120, blank=True)
    address = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("view_org_cases", "See the organisation's cases that are not restricted"),
            ("manage_org_cases", "Open, edit and move the organisation's cases; keep the chronology"),
            ("view_confidential", "See consultant-only notes"),
            ("view_risk_register", "See the whole risk register of the organisation's cases"),
            ("comment_on_risks", "Comment on the organisation's risks"),
            ("manage_policies", "Keep the organisation's policies and procedures register"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("crisis:organisation_detail", kwargs={"pk": self.pk})


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    """django-guardian permissions on an Organisation, in a direct foreign-key table."""

    content_object = models.ForeignKey(Organisation, on_delete=models.CASCADE)


class Membership(models.Model):
    """A client user's role in one organisation."""

    class Role(models.TextChoices):
        LEADER = "leader", "Leader"
        STAFF = "staff", "Staff"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    job_title = models.CharField(
        max_length=120, blank=True, help_text="Head teacher, DSL, trust CEO, chair of governors…"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique_user_org"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.organisation}"


class Assignment(models.Model):
    """A consultant assigned to a client organisation."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["consultant", "organisation"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.consultant} → {self.organisation}"


class Stage(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment"
    ENGAGEMENT = "engagement", "Engagement"
    RESPONSE = "response", "Response"
    RECOVERY = "recovery", "Recovery"
    CLOSED = "closed", "Closed"


STAGE_ORDER = [Stage.ASSESSMENT, Stage.ENGAGEMENT, Stage.RESPONSE, Stage.RECOVERY, Stage.CLOSED]


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MODERATE = "moderate", "Moderate"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Case(models.Model):
    """One safeguarding crisis of one organisation, led through the four stages."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=20, unique=True, editable=False)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    lead_consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_cases",
        null=True,
        blank=True,
    )
    consultants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="case_teams",
        blank=True,
        help_text="The named consultants; for a restricted case, the only consultants who see it.",
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="leader_cases",
        blank=True,
        help_text="The named leaders of the organisation; for a restricted case, the only leaders who see it.",
    )
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.HIGH)
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.RED)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.ASSESSMENT)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    restricted = models.BooleanField(
        default=False,
        help_text="Only the named consultants and the named leaders see a restricted case.",
    )
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    action_threshold_percent = models.PositiveSmallIntegerField(
        "actions done to leave Response (%)",
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="The share of actions done or verified before the case may move to Recovery.",
    )
    checkpoint_interval_days = models.PositiveSmallIntegerField(
        "days between improvement checkpoints",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "stage"], name="case_org_stage_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True) | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("crisis:case_detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def days_open(self) -> int:
        end = self.closed_on or timezone.localdate()
        return (end - self.opened_on).days

    @property
    def stage_index(self) -> int:
        return STAGE_ORDER.index(Stage(self.stage))


class CaseUserObjectPermission(UserObjectPermissionBase):
    """django-guardian permissions on a Case, in a direct foreign-key table: `view_case` for each consultant
    and leader named on it, who alone see it once it is restricted."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseReferenceCounter(models.Model):
    """The last case number issued in a year; locked while a reference is drawn."""

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class StageChange(models.Model):
    """A stage move: who moved the case, when, from where to where, and why."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=12, choices=Stage.choices)
    to_stage = models.CharField(max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rationale = models.TextField()
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case"], name="stagechange_org_case_idx")]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.from_stage} → {self.to_stage}"


class ChronologyEntry(models.Model):
    """A dated record on the case: what happened, what was decided and why."""

    class Kind(models.TextChoices):
        EVENT = "event", "Event"
        DECISION = "decision", "Decision"
        CONTACT = "contact", "Contact"
        STAGE_CHANGE = "stage_change", "Stage change"
        REPORT = "report", "Report"
        NOTE = "note", "Note"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="chronology")
    occurred_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EVENT)
    title = models.CharField(max_length=200)
    details = models.TextField("what happened", blank=True)
    decision = models.TextField("what was decided", blank=True)
    rationale = models.TextField("why", blank=True)
    significant = models.BooleanField(default=False)
    shared_with_organisation = models.BooleanField(
        default=False,
        help_text="Shown to the organisation's leaders and staff. Leave unticked for consultant-only notes.",
    )
    automatic = models.BooleanField(default=False, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name_plural = "chronology entries"
        indexes = [
            models.Index(fields=["organisation", "case", "-occurred_at"], name="chron_org_case_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d %b %Y} {self.title}"

    def clean(self) -> None:
        if (self.kind == self.Kind.DECISION or self.decision.strip()) and not self.rationale.strip():
            raise ValidationError({"rationale": "A decision must record the reasons for it."})


class DeadlineQuerySet(models.QuerySet):
    """"Open" and "overdue" for deadlines, defined once."""

    def open(self) -> DeadlineQuerySet:
        """Not met yet."""
        return self.filter(completed_on__isnull=True)

    def overdue(self, on: dt.date | None = None) -> DeadlineQuerySet:
        """Not met, and due before `on` (today)."""
        return self.open().filter(due_on__lt=on or timezone.localdate())


class Deadline(models.Model):
    """Something due on a case: a statutory notification, a review, a promised reply."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    statutory = models.BooleanField(
        default=False, help_text="Set by law or a regulator, e.g. LADO referral within 1 working day."
    )
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "case", "due_on"], name="deadline_org_case_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due_on:%d %b %Y})"

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_on < timezone.localdate()


class AuditEventQuerySet(models.QuerySet):
    """The audit log is append-only: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise PermissionError("Audit events cannot be changed.")

    def delete(self):
        raise PermissionError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One write or one view of sensitive data. Append-only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    verb = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-at"], name="audit_org_at_idx"),
            models.Index(fields=["case", "-at"], name="audit_case_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d %b %Y %H:%M} {self.actor} {self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: an audit row is written once and never again.
        if self.pk is not None:
            raise PermissionError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events cannot be deleted.")

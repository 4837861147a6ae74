"""Stage 3, the rapid response plan: actions, their evidence, notes and history."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from crisis.models import Case, Organisation, Rag
from crisis.storage import evidence_upload_to, private_storage

__all__ = ["Action", "ActionEvent", "ActionNote", "Evidence", "COMPLETE_STATUSES", "COMPLETE_Q", "overdue_q",
           "percent_complete"]

# An action due within this many days, and less than this far along, is amber.
DUE_SOON_DAYS = 7
DUE_SOON_PROGRESS = 75


def percent_complete(complete: int, total: int) -> int:
    """The share of a plan done, in whole percent, rounded down: the one formula the case page, the
    checkpoints, the reports and the gate to Recovery use, so "80%" is shown only when 80% is met."""
    return 100 * complete // total if total else 0


class ActionQuerySet(models.QuerySet):
    """The words the whole project uses about actions, defined once."""

    def complete(self) -> ActionQuerySet:
        """Done or verified."""
        return self.filter(COMPLETE_Q)

    def not_complete(self) -> ActionQuerySet:
        return self.exclude(COMPLETE_Q)

    def overdue(self, on: dt.date | None = None) -> ActionQuerySet:
        """Not complete and due before `on` (today)."""
        return self.filter(overdue_q(on or timezone.localdate()))

    def due_between(self, start: dt.date, end: dt.date) -> ActionQuerySet:
        """Not complete and due from `start` to `end`, both included."""
        return self.not_complete().filter(due_on__gte=start, due_on__lte=end)


class Action(models.Model):
    """One step of the action plan, owned by one person, with evidence that it was done."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        BLOCKED = "blocked", "Blocked"
        DONE = "done", "Done"
        VERIFIED = "verified", "Verified"

    class Priority(models.TextChoices):
        URGENT = "urgent", "Urgent"
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    risks = models.ManyToManyField("assessment.Risk", related_name="actions", blank=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_actions", null=True, blank=True,
        help_text="A member of the organisation or a consultant.",
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.HIGH)
    start_on = models.DateField(null=True, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    blocked_reason = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(
        default=0, validators=[MinValueValidator(0), MaxValueValidator(100)], help_text="Per cent done."
    )
    completion_notes = models.TextField(blank=True)
    consultant_notes = models.TextField(
        blank=True, help_text="Consultant-only: never shown to the organisation's leaders or staff."
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        db_table = "crisis_action"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["organisation", "case", "status", "due_on"], name="action_org_case_status_idx"),
            models.Index(fields=["organisation", "owner", "due_on"], name="action_org_owner_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100), name="action_progress_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("response:action_detail", kwargs={"reference": self.case.reference, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.BLOCKED and not (self.blocked_reason or "").strip():
            errors["blocked_reason"] = "Say what is blocking the action."
        if self.start_on and self.due_on and self.start_on > self.due_on:
            errors["due_on"] = "The due date cannot be before the start date."
        if errors:
            raise ValidationError(errors)

    @property
    def is_complete(self) -> bool:
        return self.status in COMPLETE_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return not self.is_complete and self.due_on < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def rag(self) -> str:
        """Red when overdue or blocked; amber when due soon and not far along, or behind schedule."""
        if self.is_complete:
            return Rag.GREEN
        today = timezone.localdate()
        if self.status == self.Status.BLOCKED or self.due_on < today:
            return Rag.RED
        if (self.due_on - today).days <= DUE_SOON_DAYS and self.progress < DUE_SOON_PROGRESS:
            return Rag.AMBER
        if self.start_on and self.start_on < today:
            span = (self.due_on - self.start_on).days or 1
            expected = min(100, round(100 * (today - self.start_on).days / span))
            if self.progress + 25 < expected:
                return Rag.AMBER
        return Rag.GREEN


class ActionEvent(models.Model):
    """The action's history: every change, who made it and when."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    verb = models.CharField(max_length=40)
    changes = models.JSONField(default=dict, blank=True)
    # Consultant-only detail (e.g. a change to consultant notes) is left out for client users.
    consultant_only = models.BooleanField(default=False)

    class Meta:
        db_table = "crisis_actionevent"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "action", "-at"], name="actionevent_org_action_idx")]

    def __str__(self) -> str:
        return f"{self.action}: {self.verb}"


class ActionNote(models.Model):
    """A progress note on an action; consultant-only notes are never shown to the organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    consultant_only = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "crisis_actionnote"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["organisation", "action", "created_at"], name="actionnote_org_action_idx")]

    def __str__(self) -> str:
        return f"Note by {self.author} on {self.action}"


class Evidence(models.Model):
    """A file or a link showing that an action was done."""

    class Kind(models.TextChoices):
        FILE = "file", "File"
        LINK = "link", "Link"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=4, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(storage=private_storage, upload_to=evidence_upload_to, blank=True, max_length=255)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "crisis_evidence"
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["organisation", "action"], name="evidence_org_action_idx")]

    def __str__(self) -> str:
        return self.title


# "Complete" and "overdue" as conditions, for aggregates and subqueries (the queryset uses them too).
COMPLETE_STATUSES = (Action.Status.DONE, Action.Status.VERIFIED)
COMPLETE_Q = models.Q(status__in=COMPLETE_STATUSES)


def overdue_q(on: dt.date) -> models.Q:
    return ~COMPLETE_Q & models.Q(due_on__lt=on)

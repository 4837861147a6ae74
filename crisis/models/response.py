"""Evidence of improvement and what is sent out: checkpoints, rendered reports, reminder digests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..storage import private_storage, report_upload_to
from .core import Case, Organisation

__all__ = ["StakeholderGroup", "ImprovementCheckpoint", "Report", "ReminderDigest"]


class StakeholderGroup(models.TextChoices):
    REGULATORS = "regulators", "Regulators"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    PARENTS = "parents", "Parents and carers"
    STAFF = "staff", "Staff"
    GOVERNORS = "governors", "Governors or trustees"
    MEDIA = "media", "Media"


class ImprovementCheckpoint(models.Model):
    """A rapid improvement assessment: the figures at a date, confidence per group, commentary."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checkpoints")
    recorded_on = models.DateField(default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Filled from the data when the checkpoint is recorded.
    actions_total = models.PositiveIntegerField(default=0)
    actions_complete = models.PositiveIntegerField(default=0)
    actions_completed_since_last = models.PositiveIntegerField(default=0)
    actions_overdue = models.PositiveIntegerField(default=0)
    risks_by_band = models.JSONField(default=dict)
    # {"parents": 3, "regulators": 2, ...}, each 1 (no confidence) to 5 (full confidence).
    confidence = models.JSONField(default=dict)
    commentary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_on", "id"]
        indexes = [models.Index(fields=["organisation", "case", "recorded_on"], name="checkpoint_org_case_idx")]

    def __str__(self) -> str:
        return f"Checkpoint {self.recorded_on:%d %b %Y} on {self.case.reference}"

    @property
    def completion_percent(self) -> int:
        return round(100 * self.actions_complete / self.actions_total) if self.actions_total else 0

    @property
    def average_confidence(self) -> float | None:
        values = [v for v in self.confidence.values() if isinstance(v, int)]
        return round(sum(values) / len(values), 1) if values else None


class Report(models.Model):
    """A PDF rendered by a worker, stored privately with its hash, downloaded through a checked view."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", "Action plan"
        STATUS_REPORT = "status_report", "Status report"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(storage=private_storage, upload_to=report_upload_to, blank=True, max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    rendered_at = models.DateTimeField(null=True, blank=True)
    render_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "case", "-requested_at"], name="report_org_case_idx")]

    def __str__(self) -> str:
        return self.title


class ReminderDigest(models.Model):
    """One digest email to one person on one day: the row that makes the daily task idempotent."""

    class Kind(models.TextChoices):
        OWNER = "owner", "Owner's actions"
        LEAD = "lead", "Lead consultant's overdue items"

    class Status(models.TextChoices):
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    day = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENDING)
    item_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminderdigest_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} digest for {self.user} on {self.day:%d %b %Y}"



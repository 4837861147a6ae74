"""Evidence of improvement: rapid improvement checkpoints and the stakeholder groups they ask."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from crisis.models import Case, Organisation

from .actions import percent_complete

__all__ = ["StakeholderGroup", "ImprovementCheckpoint"]


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
    # What other stages add when it is recorded (survey results...): [{"label", "value", "detail"}].
    figures = models.JSONField(default=list, blank=True)
    commentary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "crisis_improvementcheckpoint"
        ordering = ["recorded_on", "id"]
        indexes = [models.Index(fields=["organisation", "case", "recorded_on"], name="checkpoint_org_case_idx")]

    def __str__(self) -> str:
        return f"Checkpoint {self.recorded_on:%d %b %Y} on {self.case.reference}"

    @property
    def completion_percent(self) -> int:
        return percent_complete(self.actions_complete, self.actions_total)

    @property
    def average_confidence(self) -> float | None:
        values = [v for v in self.confidence.values() if isinstance(v, int)]
        return round(sum(values) / len(values), 1) if values else None

"""Stored reports: PDFs rendered by a worker, kept privately with their hash, listed on the case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..storage import private_storage, report_upload_to
from .core import Case, Organisation

__all__ = ["Report"]


class Report(models.Model):
    """A PDF rendered by a worker, stored privately with its hash, downloaded through a checked view."""

    class Kind(models.TextChoices):
        ACTION_PLAN = "action_plan", "Action plan"
        STATUS_REPORT = "status_report", "Status report"
        TRAINING_RECORD = "training_record", "Training record"
        CLOSURE_REPORT = "closure_report", "Closure report"

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

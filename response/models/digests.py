"""Daily reminder digests: one row a person, kind and day, which makes the daily task idempotent."""

from __future__ import annotations

from django.conf import settings
from django.db import models

__all__ = ["ReminderDigest"]


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
        db_table = "crisis_reminderdigest"
        ordering = ["-day", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "day"], name="reminderdigest_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} digest for {self.user} on {self.day:%d %b %Y}"

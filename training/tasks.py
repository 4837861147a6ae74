"""Celery tasks of the training records. Tasks take plain values or ids and are safe to retry."""

from __future__ import annotations

from celery import shared_task


@shared_task
def send_training_reminders(*, day: str | None = None) -> int:
    """Email the day's expiry reminders (60 and 30 days before, and on the day) to each person and
    their organisation's leaders: once per address and day.

    Runs from beat every morning; running it twice (or again after a failed email) sends nothing
    twice, because each record's reminder and each address's email are claimed in the database
    before they are sent.
    """
    import datetime as dt

    from django.utils import timezone

    from .services import reminders

    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.send_training_reminders(day=on)

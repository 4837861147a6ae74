"""Celery tasks of the response stage: the action plan PDF and the daily reminder digests. Tasks
take plain values or ids and are safe to retry."""

from __future__ import annotations

import smtplib

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_report(*, report_id: int) -> None:
    """Render a queued PDF report. Idempotent: a report already rendered is left as it is."""
    from .services import report_render

    report_render(report_id=report_id)


@shared_task
def send_daily_digests(*, day: str | None = None) -> int:
    """Email each action owner and each lead consultant their digest: once a day per person.

    Runs from beat every morning; running it twice (or retrying) sends nothing twice, because
    each person's digest for the day is claimed in the database before it is sent.
    """
    import datetime as dt

    from django.utils import timezone

    from .selectors import digest_items
    from .services import digest_send

    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    found = digest_items(day=on)
    sent = 0
    for (user_id, kind), items in found["items"].items():
        try:
            sent += digest_send(user=found["users"][user_id], kind=kind, day=on, items=items)
        except (smtplib.SMTPException, ConnectionError, TimeoutError):
            # Marked failed on its row; the next run (or a manual one) sends it again.
            continue
    return sent

"""Celery tasks of the training records: the daily expiry reminders, the training record PDF and the
follow-up reviews after a case closes.
Tasks take plain values or ids and are safe to retry."""

from __future__ import annotations

import datetime as dt

from celery import shared_task


@shared_task
def send_training_reminders(*, day: str | None = None) -> int:
    """Email the day's expiry reminders (60 and 30 days before, and on the day) to each person and
    their organisation's leaders: once per address and day.

    Runs from beat every morning; running it twice (or again after a failed email) sends nothing
    twice, because each record's reminder and each address's email are claimed in the database
    before they are sent.
    """
    from django.utils import timezone

    from .services import reminders

    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.send_training_reminders(day=on)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_training_record(*, report_id: int, period_from: str, period_to: str) -> None:
    """Render a queued training record. Idempotent: a record already rendered is left as it is."""
    from .services.reports import record_render

    record_render(report_id=report_id, period_from=dt.date.fromisoformat(period_from),
                  period_to=dt.date.fromisoformat(period_to))


@shared_task
def send_follow_up_reminders(*, day: str | None = None) -> int:
    """Email the lead consultant of each closed case whose follow-up review is due today, or overdue
    and never reminded. Each follow-up is claimed in the database before its email is sent, so a
    second run (or a retry) sends nothing twice; a refused email is sent again on the next run."""
    from django.utils import timezone

    from .services import exit as exit_services

    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    return exit_services.send_follow_up_reminders(day=on)
@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_closure_report(*, closure_report_id: int) -> None:
    """Render an approved closure report as its PDF. Idempotent: a report already rendered is left as it is."""
    from .services.closure import closure_render

    closure_render(closure_report_id=closure_report_id)

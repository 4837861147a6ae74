"""Celery tasks of the training records: the training record PDF. Tasks take plain values or ids and
are safe to retry."""

from __future__ import annotations

import datetime as dt

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def render_training_record(*, report_id: int, period_from: str, period_to: str) -> None:
    """Render a queued training record. Idempotent: a record already rendered is left as it is."""
    from .services.reports import record_render

    record_render(report_id=report_id, period_from=dt.date.fromisoformat(period_from),
                  period_to=dt.date.fromisoformat(period_to))

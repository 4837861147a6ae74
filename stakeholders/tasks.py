"""Celery tasks of stakeholder engagement. They take ids, re-load and call the services."""

from __future__ import annotations

import smtplib

from celery import shared_task

from . import services

SEND_RETRIES = 4
SEND_BACKOFF_SECONDS = (30, 120, 600, 1800)


@shared_task
def dispatch_due_updates() -> int:
    """Run by beat every few minutes: start a report for every schedule that is due."""
    return len(services.dispatch_due_schedules())


@shared_task
def flag_unapproved_reports() -> int:
    """Run by beat: flag reports waiting for approval too long, and tell the lead (never sends)."""
    return len(services.flag_unapproved_reports())


@shared_task(acks_late=True, autoretry_for=(smtplib.SMTPException, OSError), retry_backoff=30, max_retries=5)
def notify_approvers(*, status_report_id: int, why: str) -> int:
    """Email the consultants who may approve a report that waits, or has waited too long."""
    return services.notify_approvers(status_report_id=status_report_id, why=why)


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=10, max_retries=3)
def generate_status_report(*, status_report_id: int) -> int:
    """Render a status report and queue its deliveries (none while it waits for approval)."""
    return len(services.status_report_generate(status_report_id=status_report_id))


@shared_task(bind=True, acks_late=True, max_retries=SEND_RETRIES)
def send_delivery(self, *, delivery_id: int) -> bool:
    """Email one report to one recipient. SMTP failures retry with backoff, then mark it failed."""
    try:
        return services.delivery_send(delivery_id=delivery_id)
    except (smtplib.SMTPException, ConnectionError, TimeoutError, OSError) as exc:
        if self.request.retries >= SEND_RETRIES:
            services.delivery_mark_failed(delivery_id=delivery_id, error=f"{type(exc).__name__}: {exc}")
            return False
        countdown = SEND_BACKOFF_SECONDS[min(self.request.retries, len(SEND_BACKOFF_SECONDS) - 1)]
        raise self.retry(exc=exc, countdown=countdown) from exc

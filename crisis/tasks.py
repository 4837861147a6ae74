"""Celery tasks of the core. Tasks take plain values or ids and are safe to retry."""

from __future__ import annotations

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def send_account_email(*, subject: str, body: str, to: str, html_body: str | None = None) -> None:
    """Send an already-rendered account email (such as a password reset link) to one person."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()

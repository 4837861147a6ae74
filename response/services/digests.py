"""The daily reminder digests: one email a person and day, claimed before it is sent."""

from __future__ import annotations

import datetime as dt

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from crisis.models import User

from ..models import (
    ReminderDigest,
)

__all__ = [
    "digest_send",
]

def digest_send(*, user: User, kind: str, day: dt.date, items: dict) -> bool:
    """Email one person their digest for the day, once: returns False if it was already sent.

    The ReminderDigest row is claimed (unique per user, kind and day) before the email goes out,
    so a second run of the task on the same day — or a duplicate task — sends nothing.
    """
    try:
        with transaction.atomic():
            digest, created = ReminderDigest.objects.get_or_create(user=user, kind=kind, day=day)
    except IntegrityError:  # claimed by a concurrent run
        return False
    if not created and digest.status != ReminderDigest.Status.FAILED:
        return False
    count = sum(len(v) for v in items.values())
    context = {"user": user, "day": day, "items": items, "kind": kind, "count": count}
    subject = render_to_string("response/email/digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("response/email/digest.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string("response/email/digest.html", context), "text/html")
    try:
        message.send()
    except Exception as exc:
        ReminderDigest.objects.filter(pk=digest.pk).update(
            status=ReminderDigest.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    ReminderDigest.objects.filter(pk=digest.pk).update(
        status=ReminderDigest.Status.SENT, sent_at=timezone.now(), item_count=count, error=""
    )
    return True

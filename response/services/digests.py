"""The daily reminder digests: one email a person and day, claimed before it is sent."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from crisis.email import templated_email
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
    message = templated_email("response/email/digest", context, to=user.email)
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

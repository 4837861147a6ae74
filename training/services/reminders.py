"""Expiry reminders: 60 and 30 days before a certificate expires, and on the day, the person and
their organisation's leaders are emailed — one email per address and day, listing its items.

Two rows make the daily task safe to run twice, concurrently, or again after a failure:
- ReminderSent (one per record and kind) is claimed first, so a record's "30 days" reminder goes out
  on one day only; its `sent_at` is set once everybody it was for has had their email;
- ReminderEmail (one per organisation, address and day) is claimed before each email is sent, as the
  action digests do: an address already sent to is skipped, a failed one is sent on the next run.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from crisis.access import organisation_leaders
from crisis.email import templated_email
from crisis.models import Organisation

from ..models import ReminderEmail, ReminderSent, TrainingRecord
from ..selectors.gaps import reminders_due

__all__ = [
    "reminder_email_send",
    "send_training_reminders",
]


@dataclass
class ReminderItem:
    record: TrainingRecord
    kind: str
    expires_on: dt.date


@dataclass
class Recipient:
    email: str
    name: str
    leader: bool = False
    items: list[ReminderItem] = field(default_factory=list)


def _claim(record: TrainingRecord, kind: str, day: dt.date) -> ReminderSent | None:
    """The record's reminder of this kind, if it is today's to send: claimed now, or claimed today
    by a run that did not finish. None when it was sent, or belongs to another day."""
    try:
        with transaction.atomic():
            claim, _ = ReminderSent.objects.get_or_create(
                record=record, kind=kind, defaults={"organisation_id": record.organisation_id, "day": day})
    except IntegrityError:  # claimed by a concurrent run: it sends it
        return None
    return claim if claim.day == day and claim.sent_at is None else None


def _person_email(record: TrainingRecord) -> str:
    person = record.person
    return (person.email or (person.user.email if person.user_id and person.user.is_active else "")).strip()


def reminder_email_send(*, organisation: Organisation, recipient: Recipient, day: dt.date) -> bool:
    """Email one address its reminders for the day, once: returns False if it was already sent.

    The ReminderEmail row is claimed (unique per organisation, address and day) before the email
    goes out; a failure marks it failed and re-raises, and the next run sends it again.
    """
    try:
        with transaction.atomic():
            row, created = ReminderEmail.objects.get_or_create(organisation=organisation, email=recipient.email,
                                                               day=day)
    except IntegrityError:  # claimed by a concurrent run
        return False
    if not created and row.status != ReminderEmail.Status.FAILED:
        return False
    site = settings.SITE_URL.rstrip("/")
    context = {
        "organisation": organisation, "recipient": recipient, "day": day, "items": recipient.items,
        "count": len(recipient.items), "within": max(((i.expires_on - day).days for i in recipient.items), default=0),
        "matrix_url": f"{site}/training/{organisation.pk}/matrix/", "my_training_url": f"{site}/training/me/",
    }
    message = templated_email("training/email/reminder", context, to=recipient.email)
    try:
        message.send()
    except Exception as exc:
        ReminderEmail.objects.filter(pk=row.pk).update(status=ReminderEmail.Status.FAILED,
                                                       error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    ReminderEmail.objects.filter(pk=row.pk).update(status=ReminderEmail.Status.SENT, sent_at=timezone.now(),
                                                   item_count=len(recipient.items), error="")
    return True


def _recipients(organisation_id: int, items: list[ReminderItem], leaders) -> list[Recipient]:
    """Each person (their own items) and each leader (all the organisation's): one per address; a
    leader who is also a person of the list gets the leader's email, which holds their items too."""
    by_email: dict[str, Recipient] = {}
    for leader in leaders:
        key = leader.email.strip().lower()
        if key:
            by_email[key] = Recipient(email=leader.email.strip(), name=leader.get_short_name(), leader=True,
                                      items=list(items))
    for item in items:
        email = _person_email(item.record)
        key = email.lower()
        if not key or (key in by_email and by_email[key].leader):
            continue
        by_email.setdefault(key, Recipient(email=email, name=item.record.person.full_name)).items.append(item)
    return list(by_email.values())


def send_training_reminders(*, day: dt.date, failures: list | None = None) -> int:
    """Send the day's expiry reminders; returns how many emails went out.

    An email the mail server refuses is recorded on its ReminderEmail row and in `failures` (when
    given), and the others still go; the records it was about stay unsent, so the next run sends it again — and
    only it, as the addresses already sent to are skipped.
    """
    claimed: dict[int, list[tuple[ReminderItem, ReminderSent]]] = defaultdict(list)
    organisations: dict[int, Organisation] = {}
    for record, kind, expires_on in reminders_due(day=day):
        claim = _claim(record, kind, day)
        if claim is not None:
            claimed[record.organisation_id].append((ReminderItem(record, kind, expires_on), claim))
            organisations[record.organisation_id] = record.organisation
    sent = 0
    for organisation_id, pairs in claimed.items():
        items = [item for item, _ in pairs]
        failed: set[int] = set()
        for recipient in _recipients(organisation_id, items, organisation_leaders(organisation_id)):
            try:
                sent += reminder_email_send(organisation=organisations[organisation_id], recipient=recipient, day=day)
            except (smtplib.SMTPException, ConnectionError, TimeoutError) as exc:
                # Marked failed on its row; the next run (or a manual one) sends it again.
                failed.update(item.record.pk for item in recipient.items)
                if failures is not None:
                    failures.append(exc)
        done = [claim.pk for item, claim in pairs if item.record.pk not in failed]
        ReminderSent.objects.filter(pk__in=done, sent_at__isnull=True).update(sent_at=timezone.now())
    return sent

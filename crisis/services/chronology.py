"""The chronology entries the system writes itself, as part of another service (stage moves, met
deadlines, reports, contacts with stakeholders), and when a dated event is taken to have happened.

Every stage app writes its automatic entries through here, so the chronology has one writer."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..models import Case, ChronologyEntry, User

__all__ = ["chronology_record_automatic", "start_of_day"]


def start_of_day(day: dt.date) -> dt.datetime:
    """When a dated event is taken to have happened: now for today, 09:00 UK time for an earlier day."""
    if day >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def chronology_record_automatic(
    *,
    actor: User,
    case: Case,
    title: str,
    occurred_at: dt.datetime | None = None,
    kind: str = ChronologyEntry.Kind.EVENT,
    details: str = "",
    decision: str = "",
    rationale: str = "",
    significant: bool = False,
    shared_with_organisation: bool = True,
) -> ChronologyEntry:
    """An entry the system writes as part of another service (stage moves, met deadlines, reports).

    Called inside the caller's transaction; the caller has checked permissions and writes the audit.
    """
    return ChronologyEntry.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        occurred_at=occurred_at or timezone.now(),
        kind=kind,
        title=title,
        details=details,
        decision=decision,
        rationale=rationale,
        significant=significant,
        shared_with_organisation=shared_with_organisation,
        automatic=True,
        author=actor,
    )

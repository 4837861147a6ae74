"""Who is missing or out of date on which mandatory training, and which certificates are due a
reminder. Both follow the one expiry rule: a record counts for a requirement when it was attended in
full and completed and its course satisfies the requirement; it expires on its own `expires_on`,
else when the requirement says (`Requirement.expiry_after`), and never when neither says.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from crisis.access import can_manage_training, is_active_user, leader_org_ids

from ..models import Person, Requirement, TrainingRecord

__all__ = [
    "REMINDER_DAYS",
    "RequirementGaps",
    "effective_expiry",
    "leader_training_gaps",
    "reminders_due",
    "training_gaps",
]

# Days before the expiry a reminder goes out, with the ReminderSent kind of each.
REMINDER_DAYS = {60: "60", 30: "30", 0: "0"}


@dataclass
class RequirementGaps:
    """One mandatory requirement of an organisation and who does not meet it today."""

    requirement: Requirement
    expired: list[Person] = field(default_factory=list)
    missing: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.expired) + len(self.missing)


def _counting() -> Q:
    return Q(attendance=TrainingRecord.Attendance.ATTENDED, completed_on__isnull=False)


def _current_people(on: dt.date) -> Q:
    return Q(leaver_date__isnull=True) | Q(leaver_date__gt=on)


def effective_expiry(record: TrainingRecord) -> dt.date | None:
    """When a record stops being current: its own date, else the earliest its course's active
    requirements give (prefetched as `course.active_requirements`); None when it never expires."""
    if record.expires_on:
        return record.expires_on
    dates = [d for r in record.course.active_requirements if (d := r.expiry_after(record.completed_on))]
    return min(dates) if dates else None


def _with_requirements(qs: QuerySet[TrainingRecord]) -> QuerySet[TrainingRecord]:
    return qs.select_related("course").prefetch_related(
        Prefetch("course__satisfies", queryset=Requirement.objects.filter(active=True), to_attr="active_requirements"))


def reminders_due(*, day: dt.date) -> list[tuple[TrainingRecord, str, dt.date]]:
    """(record, ReminderSent kind, expiry) for every certificate of a current person that expires
    60 or 30 days after `day`, or on it. For the daily task, which acts for no user: it spans every
    organisation, and each email is addressed to the record's own organisation only.

    A record is left out when the same person has a newer record of the same kind of course (done
    later, or expiring later): the old one is superseded, not lapsing.
    """
    targets = {day + dt.timedelta(days=n): kind for n, kind in REMINDER_DAYS.items()}
    candidates = _with_requirements(
        TrainingRecord.objects.filter(_counting(), person__in=Person.objects.filter(_current_people(day)))
        .filter(Q(expires_on__in=targets) | Q(expires_on__isnull=True, course__satisfies__active=True))
        .select_related("person__user", "organisation").distinct()
    )
    found = [(r, targets[e], e) for r in candidates if (e := effective_expiry(r)) in targets]
    if not found:
        return []
    newer = defaultdict(list)
    others = _with_requirements(TrainingRecord.objects.filter(
        _counting(), person_id__in={r.person_id for r, _, _ in found},
        course__kind__in={r.course.kind for r, _, _ in found}))
    for other in others:
        newer[(other.person_id, other.course.kind)].append((other, effective_expiry(other)))

    def superseded(record: TrainingRecord, expiry: dt.date) -> bool:
        return any(o.pk != record.pk and (o.completed_on > record.completed_on or (e is not None and e > expiry))
                   for o, e in newer[(record.person_id, record.course.kind)])

    return sorted(((r, k, e) for r, k, e in found if not superseded(r, e)),
                  key=lambda item: (item[0].organisation_id, item[2], item[0].person.full_name, item[0].pk))


def _gaps(organisation_ids, on: dt.date) -> dict[int, list[RequirementGaps]]:
    """Per organisation, its active mandatory requirements that somebody current does not meet.
    A fixed number of queries, whatever the number of organisations, people and records."""
    people = list(Person.objects.filter(_current_people(on), organisation_id__in=organisation_ids)
                  .prefetch_related("roles").order_by("full_name", "id"))
    requirements = list(Requirement.objects.filter(organisation_id__in=organisation_ids, active=True, mandatory=True)
                        .select_related("organisation").prefetch_related("roles", "courses"))
    records = TrainingRecord.objects.filter(_counting(), organisation_id__in=organisation_ids,
                                            person__in=[p.pk for p in people]).only(
        "person_id", "course_id", "completed_on", "expires_on")
    by_person = defaultdict(list)
    for record in records:
        by_person[record.person_id].append(record)
    result: dict[int, list[RequirementGaps]] = defaultdict(list)
    for requirement in requirements:
        role_ids = {role.pk for role in requirement.roles.all()}
        course_ids = {course.pk for course in requirement.courses.all()}
        row = RequirementGaps(requirement)
        for person in people:
            if person.organisation_id != requirement.organisation_id:
                continue
            if not (requirement.everyone or role_ids & {role.pk for role in person.roles.all()}):
                continue
            meeting = [r for r in by_person[person.pk] if r.course_id in course_ids]
            if not meeting:
                row.missing.append(person)
                continue
            expiries = [r.expires_on or requirement.expiry_after(r.completed_on) for r in meeting]
            if all(e is not None and e <= on for e in expiries):
                row.expired.append(person)
        if row.count:
            result[requirement.organisation_id].append(row)
    return result


def training_gaps(*, user, organisation, on: dt.date | None = None) -> list[RequirementGaps]:
    """The organisation's mandatory requirements with who is missing or expired: for those who keep
    its training (the page checks first; anyone else gets nothing)."""
    if not can_manage_training(user=user, organisation_id=organisation.pk):
        return []
    return _gaps([organisation.pk], on or timezone.localdate())[organisation.pk]


def leader_training_gaps(*, user, on: dt.date | None = None) -> list[tuple[int, list[RequirementGaps]]]:
    """(organisation id, its gaps) for each organisation the user leads that has any: what the
    leader's "Our action plan" shows. Staff and consultants get nothing here."""
    if not is_active_user(user):
        return []
    found = _gaps(leader_org_ids(user), on or timezone.localdate())
    return sorted(found.items())

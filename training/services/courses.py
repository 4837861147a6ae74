"""Writes of courses, sessions, attendance and certificates.

Each checks that the actor keeps the organisation's training, validates everything before writing
anything (a refused save changes nothing), and is audited. Records get their expiry from the
requirements their course satisfies: the earliest of their intervals, editable afterwards but
never before the date the training was completed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction

from crisis.audit import audit_record
from crisis.evidence import check_upload
from crisis.models import Organisation, User
from response import services as response_services

from .. import selectors
from ..models import Course, CourseKind, Person, Requirement, Session, TrainingRecord
from .base import require_training_manager

__all__ = [
    "COURSE_FIELDS",
    "PRESENT",
    "attendance_save",
    "certificate_record",
    "course_create",
    "course_update",
    "record_delete",
    "record_set_expiry",
    "session_create",
]

COURSE_FIELDS = ("title", "kind", "provider", "internal", "duration_minutes")
PRESENT = (TrainingRecord.Attendance.ATTENDED, TrainingRecord.Attendance.PARTIAL)


def _check_requirements(organisation: Organisation, requirements: Iterable[Requirement]) -> list[Requirement]:
    chosen = list(requirements)
    if any(r.organisation_id != organisation.pk for r in chosen):
        raise ValidationError({"satisfies": "A course can only satisfy its own organisation's requirements."})
    return chosen


def _clean_course(course: Course) -> None:
    course.title = (course.title or "").strip()
    course.provider = (course.provider or "").strip()
    course.full_clean(exclude=["organisation", "satisfies"])


@transaction.atomic
def course_create(
    *, actor: User, organisation: Organisation, title: str, kind: str, provider: str = "", internal: bool = True,
    duration_minutes: int | None = None, satisfies: Iterable[Requirement] | None = None,
) -> Course:
    """A course; without a choice of requirements it satisfies those of its kind."""
    require_training_manager(actor, organisation.pk)
    if satisfies is None:
        satisfies = selectors.suggested_requirements(user=actor, organisation=organisation, kind=kind)
    chosen = _check_requirements(organisation, satisfies)
    course = Course(organisation=organisation, title=title, kind=kind, provider=provider, internal=internal,
                    duration_minutes=duration_minutes)
    _clean_course(course)
    course.save()
    course.satisfies.set(chosen)
    audit_record(actor=actor, verb="training.course_created", obj=course,
                 summary={"title": course.title, "kind": course.kind, "satisfies": [r.key for r in chosen]})
    return course


@transaction.atomic
def course_update(*, actor: User, course: Course, satisfies: Iterable[Requirement] | None = None,
                  **changes) -> Course:
    require_training_manager(actor, course.organisation_id)
    unknown = set(changes) - set(COURSE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    before = {name: getattr(course, name) for name in changes}
    for name, value in changes.items():
        setattr(course, name, value)
    _clean_course(course)
    diff = {n: {"from": str(before[n]), "to": str(getattr(course, n))}
            for n in changes if before[n] != getattr(course, n)}
    if satisfies is not None:
        chosen = _check_requirements(course.organisation, satisfies)
        old = sorted(r.key for r in course.satisfies.all())
        new = sorted(r.key for r in chosen)
        if old != new:
            course.satisfies.set(chosen)
            diff["satisfies"] = {"from": old, "to": new}
    if diff:
        course.save()
        audit_record(actor=actor, verb="training.course_updated", obj=course, summary=diff)
    return course


@transaction.atomic
def session_create(
    *, actor: User, course: Course, date: dt.date, trainer: str = "", venue: str = "", online: bool = False,
    capacity: int | None = None, action=None,
) -> Session:
    """A session of a course; a past date records history. It may deliver an open action of an open
    case of the same organisation."""
    require_training_manager(actor, course.organisation_id)
    if date is None:
        raise ValidationError({"date": "Give the date of the session."})
    if action is not None and not selectors.course_action_choices(
        user=actor, organisation=course.organisation
    ).filter(pk=action.pk).exists():
        raise ValidationError({"action": "Choose an open action of this organisation's open case."})
    session = Session(organisation_id=course.organisation_id, course=course, date=date,
                      trainer=(trainer or "").strip(), venue=(venue or "").strip(), online=online,
                      capacity=capacity, action=action, created_by=actor)
    session.full_clean(exclude=["organisation", "course", "action", "created_by"])
    session.save()
    audit_record(actor=actor, verb="training.session_created", obj=session,
                 summary={"course": course.title, "date": date.isoformat(), "action": action.pk if action else None})
    return session


def _person_left(person: Person, on: dt.date) -> bool:
    return person.leaver_date is not None and person.leaver_date <= on


@transaction.atomic
def attendance_save(*, actor: User, session: Session, marks: Mapping[int, str]) -> dict:
    """Save the register in one go: `marks` maps a person's id to attended, partial or absent ("" to
    clear). All or nothing: an unknown person, a leaver, a wrong mark or more present than the
    session holds refuses the whole save. When the session delivers an action, its progress becomes
    the share of the people the course is required for who now hold it."""
    require_training_manager(actor, session.organisation_id)
    # Only the session row is locked: its action is a nullable join, which PostgreSQL cannot lock.
    session = (Session.objects.select_for_update(of=("self",)).select_related("course", "action", "action__case")
               .get(pk=session.pk))
    people = {p.pk: p for p in Person.objects.filter(organisation_id=session.organisation_id, pk__in=list(marks))}
    errors = []
    for person_id, mark in marks.items():
        person = people.get(person_id)
        if person is None:
            errors.append("The register can only record the organisation's own people.")
        elif mark and mark not in TrainingRecord.Attendance.values:
            errors.append(f"“{mark}” is not attended, partial or absent ({person}).")
        elif mark and _person_left(person, session.date):
            errors.append(f"{person} left on {person.leaver_date:%d %b %Y}, on or before the session: "
                          "attendance after leaving cannot be recorded.")
    if errors:
        raise ValidationError({"marks": sorted(set(errors))})
    existing = {r.person_id: r for r in TrainingRecord.objects.filter(session=session)}
    present = {pid for pid, r in existing.items() if r.attendance in PRESENT}
    for person_id, mark in marks.items():
        present.discard(person_id)
        if mark in PRESENT:
            present.add(person_id)
    if session.capacity is not None and len(present) > session.capacity:
        raise ValidationError({"marks": f"{len(present)} people marked present; the session holds "
                                        f"{session.capacity}. Nothing was saved."})
    expires_on = selectors.course_expiry(course=session.course, completed_on=session.date)
    counts = {"created": 0, "changed": 0, "cleared": 0}
    new = []
    for person_id, mark in marks.items():
        record = existing.get(person_id)
        if not mark:
            if record is not None:
                record.delete()
                counts["cleared"] += 1
        elif record is None:
            new.append(TrainingRecord(
                organisation_id=session.organisation_id, person_id=person_id, course=session.course,
                session=session, attendance=mark, completed_on=session.date, expires_on=expires_on,
                recorded_by=actor,
            ))
        elif record.attendance != mark:
            record.attendance = mark
            record.recorded_by = actor
            record.save(update_fields=["attendance", "recorded_by"])
            counts["changed"] += 1
    TrainingRecord.objects.bulk_create(new)
    counts["created"] = len(new)
    totals = dict.fromkeys(TrainingRecord.Attendance.values, 0)
    for attendance in TrainingRecord.objects.filter(session=session).values_list("attendance", flat=True):
        totals[attendance] += 1
    result = {**counts, **totals, "action_progress": None}
    if session.action is not None and not session.action.is_complete:
        held, required = selectors.course_held_share(course=session.course)
        if required:
            progress = round(100 * held / required)
            response_services.action_update_progress(actor=actor, action=session.action, progress=progress)
            result["action_progress"] = progress
    audit_record(actor=actor, verb="training.attendance_saved", obj=session,
                 summary={"course": session.course.title, "date": session.date.isoformat(), **result})
    return result


def _check_expiry(completed_on: dt.date | None, expires_on: dt.date | None) -> None:
    if expires_on is not None and completed_on is not None and expires_on < completed_on:
        raise ValidationError({"expires_on": "The expiry date cannot be before the date it was completed "
                                             f"({completed_on:%d %b %Y})."})


@transaction.atomic
def certificate_record(
    *, actor: User, person: Person, completed_on: dt.date, course: Course | None = None,
    new_course: Mapping | None = None, expires_on: dt.date | None = None, compute_expiry: bool = True,
    uploaded_file=None,
) -> TrainingRecord:
    """A course taken elsewhere (a certificate), for one person, without a session.

    The course is an existing one of the organisation or a new external course (`new_course`: title,
    kind, provider). Without `expires_on` the expiry follows the requirements (compute_expiry), or
    none. The file, when given, is checked like action evidence and kept privately with its hash.
    """
    require_training_manager(actor, person.organisation_id)
    if completed_on is None:
        raise ValidationError({"completed_on": "Give the date the course was completed."})
    if _person_left(person, completed_on):
        raise ValidationError({"completed_on": f"{person} left on {person.leaver_date:%d %b %Y}: training after "
                                               "leaving cannot be recorded."})
    _check_expiry(completed_on, expires_on)
    checked = check_upload(uploaded_file) if uploaded_file is not None else None
    if course is None:
        if not new_course or not (new_course.get("title") or "").strip():
            raise ValidationError({"course": "Choose a course, or give the title of the course taken."})
        course = course_create(
            actor=actor, organisation=person.organisation, title=new_course["title"],
            kind=new_course.get("kind") or CourseKind.OTHER, provider=new_course.get("provider", ""), internal=False,
        )
    elif course.organisation_id != person.organisation_id:
        raise ValidationError({"course": "Choose a course of this organisation."})
    if expires_on is None and compute_expiry:
        expires_on = selectors.course_expiry(course=course, completed_on=completed_on)
    record = TrainingRecord(
        organisation_id=person.organisation_id, person=person, course=course, completed_on=completed_on,
        expires_on=expires_on, attendance=TrainingRecord.Attendance.ATTENDED, recorded_by=actor,
    )
    if checked is not None:
        record.original_name, record.content_type = checked.name, checked.content_type
        record.size, record.sha256 = checked.size, checked.sha256
        # The file is written before the row: if the row or its audit fails, the file goes too.
        record.file.save(checked.name, uploaded_file, save=False)
    try:
        record.save()
        audit_record(actor=actor, verb="training.certificate_recorded", obj=record, summary={
            "person": person.full_name, "course": course.title, "completed_on": completed_on.isoformat(),
            "expires_on": expires_on.isoformat() if expires_on else None, "sha256": record.sha256 or None,
        })
    except Exception:
        if record.file:
            record.file.delete(save=False)
        raise
    return record


@transaction.atomic
def record_set_expiry(*, actor: User, record: TrainingRecord, expires_on: dt.date | None) -> TrainingRecord:
    """Correct when a record expires (None: never); not before it was completed."""
    require_training_manager(actor, record.organisation_id)
    _check_expiry(record.completed_on, expires_on)
    before = record.expires_on
    if before != expires_on:
        record.expires_on = expires_on
        record.save(update_fields=["expires_on"])
        audit_record(actor=actor, verb="training.record_expiry_changed", obj=record, summary={
            "person": record.person.full_name, "course": record.course.title,
            "from": before.isoformat() if before else None, "to": expires_on.isoformat() if expires_on else None,
        })
    return record


@transaction.atomic
def record_delete(*, actor: User, record: TrainingRecord) -> None:
    """Remove a wrongly recorded record, and its file once the deletion is committed."""
    require_training_manager(actor, record.organisation_id)
    audit_record(actor=actor, verb="training.record_deleted", obj=record, summary={
        "person": record.person.full_name, "course": record.course.title,
        "completed_on": record.completed_on.isoformat() if record.completed_on else None,
        "attendance": record.attendance, "sha256": record.sha256 or None,
    })
    file = record.file if record.file else None
    record.reminders.all().delete()
    record.delete()
    if file is not None:
        name, storage = file.name, file.storage
        transaction.on_commit(lambda: storage.delete(name))

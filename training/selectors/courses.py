"""Reads of courses, sessions, attendance registers and records, always given the acting user."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from crisis.models import Organisation, Stage
from response import selectors as response_selectors

from ..models import Course, Person, Requirement, Session, TrainingRecord
from .base import courses_for, records_for, requirements_for, sessions_for

__all__ = [
    "course_action_choices",
    "course_expiry",
    "course_held_share",
    "get_course_for",
    "get_record_for",
    "get_session_for",
    "organisation_courses",
    "organisation_sessions",
    "person_records",
    "register_people",
    "register_rows",
    "requirement_choices",
    "suggested_requirements",
]

_REQUIREMENTS = Prefetch("satisfies", queryset=Requirement.objects.order_by("position", "title"))


def organisation_courses(*, user, organisation: Organisation) -> QuerySet[Course]:
    """The organisation's courses, each with the requirements it satisfies and how many sessions it had."""
    return (
        courses_for(user).filter(organisation=organisation)
        .annotate(session_count=Count("sessions", distinct=True))
        .prefetch_related(_REQUIREMENTS)
        .order_by("title", "id")
    )


def get_course_for(*, user, pk, organisation: Organisation | None = None) -> Course:
    qs = courses_for(user).select_related("organisation").prefetch_related(_REQUIREMENTS)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (Course.DoesNotExist, ValueError, TypeError):
        raise Http404("No such course.") from None


def organisation_sessions(*, user, organisation: Organisation) -> QuerySet[Session]:
    """The organisation's sessions, latest first, with how many attended (in full or in part)."""
    present = Q(records__attendance__in=[TrainingRecord.Attendance.ATTENDED, TrainingRecord.Attendance.PARTIAL])
    return (
        sessions_for(user).filter(organisation=organisation)
        .select_related("course", "action")
        .annotate(present_count=Count("records", filter=present, distinct=True))
        .order_by("-date", "-id")
    )


def get_session_for(*, user, pk, organisation: Organisation | None = None) -> Session:
    qs = sessions_for(user).select_related("organisation", "course", "action", "action__case")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (Session.DoesNotExist, ValueError, TypeError):
        raise Http404("No such session.") from None


def get_record_for(*, user, pk, organisation: Organisation | None = None) -> TrainingRecord:
    """One record: the organisation's keepers read all of them, anyone else only their own (404)."""
    qs = records_for(user).select_related("organisation", "person", "course", "session")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (TrainingRecord.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record.") from None


def person_records(*, user, person: Person) -> QuerySet[TrainingRecord]:
    return records_for(user).filter(organisation_id=person.organisation_id, person=person).select_related(
        "course", "session"
    )


def requirement_choices(*, user, organisation: Organisation) -> QuerySet[Requirement]:
    return requirements_for(user).filter(organisation=organisation, active=True)


def suggested_requirements(*, user, organisation: Organisation, kind: str) -> QuerySet[Requirement]:
    """What a new course of a kind is suggested to satisfy: the requirements of that kind."""
    return requirement_choices(user=user, organisation=organisation).filter(course_kind=kind)


def course_expiry(*, course: Course, completed_on: dt.date) -> dt.date | None:
    """The earliest expiry among the requirements the course satisfies; None when none expires."""
    dates = [d for d in (r.expiry_after(completed_on) for r in course.satisfies.all() if r.active) if d]
    return min(dates, default=None)


def register_people(*, session: Session) -> QuerySet[Person]:
    """Who the register lists: the organisation's people who had not left by the session's date."""
    return Person.objects.filter(organisation_id=session.organisation_id).filter(
        Q(leaver_date__isnull=True) | Q(leaver_date__gt=session.date)
    )


def register_rows(*, session: Session) -> list[tuple[Person, TrainingRecord | None]]:
    """Each person of the register with their record of this session, if one was made (two queries)."""
    records = {r.person_id: r for r in TrainingRecord.objects.filter(organisation_id=session.organisation_id,
                                                                     session=session)}
    return [(person, records.get(person.pk)) for person in register_people(session=session)]


def _required_people(course: Course) -> QuerySet[Person]:
    """The current people a requirement the course satisfies applies to (everyone, or by role)."""
    requirements = [r for r in course.satisfies.all() if r.active]
    if not requirements:
        return Person.objects.none()
    today = timezone.localdate()
    people = Person.objects.filter(organisation_id=course.organisation_id).filter(
        Q(leaver_date__isnull=True) | Q(leaver_date__gt=today)
    )
    if any(r.everyone for r in requirements):
        return people
    return people.filter(roles__requirements__in=[r.pk for r in requirements]).distinct()


def course_held_share(*, course: Course) -> tuple[int, int]:
    """(held, required): of the people a requirement the course satisfies applies to, how many hold a
    current, counting record of the course."""
    required = _required_people(course)
    today = timezone.localdate()
    holders = TrainingRecord.objects.filter(
        organisation_id=course.organisation_id, course=course, attendance=TrainingRecord.Attendance.ATTENDED,
        completed_on__isnull=False,
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today)).values("person_id")
    held = required.filter(pk__in=holders)
    return held.count(), required.count()


def course_action_choices(*, user, organisation: Organisation):
    """The open actions of the organisation's open cases that a session may deliver."""
    return (
        response_selectors.actions_for(user)
        .filter(organisation_id=organisation.pk)
        .exclude(case__stage=Stage.CLOSED)
        .not_complete()
        .select_related("case")
        .order_by("due_on", "id")
    )

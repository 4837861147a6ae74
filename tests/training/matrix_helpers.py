"""Rows for the matrix tests, written straight to the models (the staff list, courses and sessions
have pages of their own)."""

from __future__ import annotations

import datetime as dt

from training.models import Course, CourseKind, Person, Requirement, Session, StaffRole, TrainingRecord


def requirement(organisation, key: str) -> Requirement:
    return Requirement.objects.get(organisation=organisation, key=key)


def role(organisation, key: str) -> StaffRole:
    return StaffRole.objects.get(organisation=organisation, key=key)


def course_for(organisation, *requirements: Requirement, title: str = "") -> Course:
    course = Course.objects.create(organisation=organisation, title=title or f"Course for {requirements[0].title}",
                                   kind=requirements[0].course_kind if requirements else CourseKind.OTHER)
    course.satisfies.set(requirements)
    return course


def person(organisation, name: str, *, roles=(), department: str = "", user=None, leaver_date=None) -> Person:
    found = Person.objects.create(organisation=organisation, full_name=name, department=department, user=user,
                                  leaver_date=leaver_date)
    if roles:
        found.roles.set(roles)
    return found


def record(who: Person, course: Course, completed_on: dt.date | None, *, by, expires_on=None, session=None,
           attendance=TrainingRecord.Attendance.ATTENDED) -> TrainingRecord:
    return TrainingRecord.objects.create(organisation=who.organisation, person=who, course=course, session=session,
                                         completed_on=completed_on, expires_on=expires_on, attendance=attendance,
                                         recorded_by=by)


def session(course: Course, day: dt.date, *, by, trainer: str = "Jo Trainer") -> Session:
    return Session.objects.create(organisation=course.organisation, course=course, date=day, trainer=trainer,
                                  venue="Main hall", created_by=by)

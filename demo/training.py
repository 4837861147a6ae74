"""The demo's training records, through the training services: each organisation's staff list, its
courses, the sessions it held with their registers, and certificates taken elsewhere (the tables are
in demo/data/training.py). Written once per organisation: an organisation that already has a staff
list is left as it is."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from crisis.models import Organisation, User
from response import selectors as response_selectors
from training import services
from training.models import Person, Requirement, StaffRole

from .clock import session_day
from .data import PRIYA
from .data.training import TRAINING, TrainingSpec


def seed_training(organisations: dict[str, Organisation], users: dict[str, User], created: list[str]) -> None:
    actor = users[PRIYA]  # the consultant of every demo organisation
    for name, spec in TRAINING.items():
        organisation = organisations[name]
        if Person.objects.filter(organisation=organisation).exists():
            continue
        count = _seed_organisation(actor, organisation, spec)
        created.append(f"{len(spec.people)} people and {count} training records of {name}")


def _seed_organisation(actor: User, organisation: Organisation, spec: TrainingSpec) -> int:
    today = timezone.localdate()
    roles = {role.key: role for role in StaffRole.objects.filter(organisation=organisation)}
    requirements = {r.key: r for r in Requirement.objects.filter(organisation=organisation)}
    people: dict[str, Person] = {}
    for item in spec.people:
        people[item.name] = services.person_create(
            actor=actor, organisation=organisation, full_name=item.name, email=item.email,
            roles=[roles[key] for key in item.roles], department=item.department,
            start_date=today - dt.timedelta(days=item.started_days_ago),
        )
    courses = {
        item.title: services.course_create(
            actor=actor, organisation=organisation, title=item.title, kind=item.kind, provider=item.provider,
            internal=item.internal, duration_minutes=item.minutes,
            satisfies=[requirements[key] for key in item.requirements if key in requirements],
        )
        for item in spec.courses
    }
    renewed_each_september = {item.title for item in spec.courses
                              if any(requirements[key].renew_each_september for key in item.requirements
                                     if key in requirements)}
    records = 0
    for item in spec.sessions:
        held_on = session_day(today, item.days_ago, this_school_year=item.course in renewed_each_september)
        session = services.session_create(
            actor=actor, course=courses[item.course], date=held_on, trainer=item.trainer, venue=item.venue,
            online=item.venue == "Online", action=_action(actor, organisation, item.delivers_action),
        )
        there = [p for p in people.values() if p.start_date is None or p.start_date <= held_on]
        if item.only_roles:
            wanted = set(item.only_roles)
            there = [p for p in there if wanted & {role.key for role in p.roles.all()}]
        if item.only_people:
            there = [p for p in there if p.full_name in item.only_people]
        services.attendance_save(actor=actor, session=session, marks={
            p.pk: "absent" if p.full_name in item.absent else "attended" for p in there})
        records += len(there)
    for item in spec.certificates:
        services.certificate_record(actor=actor, person=people[item.person], course=courses[item.course],
                                    completed_on=today - dt.timedelta(days=item.days_ago))
        records += 1
    return records


def _action(actor: User, organisation: Organisation, title: str):
    """The open response-plan action of the organisation with this title, if it is still open."""
    if not title:
        return None
    return (response_selectors.actions_for(actor).not_complete()
            .filter(organisation_id=organisation.pk, title=title).order_by("-pk").first())

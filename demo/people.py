"""The demo's consultancy, client organisations and their people (memberships and assignments)."""

from __future__ import annotations

from crisis import services
from crisis.models import Membership, Organisation, User

from .data import (
    CONSULTANCY,
    DEMO_PASSWORD,
    ORGANISATIONS,
)


def seed_users(created: list[str]) -> dict[str, User]:
    users: dict[str, User] = {}
    for email, full_name, role in CONSULTANCY:
        users[email] = _user(created, email, full_name, consultancy_role=role)
    for org in ORGANISATIONS:
        for person in org.people:
            if person.email not in users:
                users[person.email] = _user(created, person.email, person.full_name)
    return users


def _user(created: list[str], email: str, full_name: str, consultancy_role: str = "") -> User:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user
    if consultancy_role == User.ConsultancyRole.ADMIN:
        user = User.objects.create_superuser(email, DEMO_PASSWORD, full_name=full_name)
    else:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, consultancy_role=consultancy_role
        )
    created.append(f"user {email}")
    return user


def seed_organisations(admin: User, users: dict[str, User], created: list[str]) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for spec in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=spec.name).first()
        if organisation is None:
            parent = organisations[spec.parent] if spec.parent else None
            organisation = services.organisation_create(
                actor=admin, name=spec.name, kind=spec.kind, parent=parent, **spec.fields
            )
            created.append(f"organisation {spec.name}")
        organisations[spec.name] = organisation
        for email in spec.consultants:
            # assignment_create is itself idempotent (get_or_create).
            services.assignment_create(actor=admin, consultant=users[email], organisation=organisation)
        for person in spec.people:
            user = users[person.email]
            if not Membership.objects.filter(user=user, organisation=organisation).exists():
                services.membership_create(
                    actor=admin, user=user, organisation=organisation, role=person.role,
                    job_title=person.job_title,
                )
                created.append(f"membership {person.email} at {spec.name}")
    return organisations

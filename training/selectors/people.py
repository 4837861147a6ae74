"""Reads of the staff list, the roles and the requirements, always given the acting user.

Lists are of one organisation whose training the user keeps (the view has checked that first);
they are built on the base selectors, so another organisation's rows never appear.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from crisis.models import Membership, Organisation, User

from ..models import Person, Requirement, StaffRole, TrainingRecord
from .base import people_for, records_for, requirements_for, roles_for

__all__ = [
    "get_requirement_for",
    "get_role_for",
    "organisation_departments",
    "organisation_members",
    "organisation_people",
    "organisation_requirements",
    "organisation_roles",
    "person_records",
    "person_requirements",
]


def organisation_people(*, user, organisation: Organisation, filters: dict | None = None) -> QuerySet[Person]:
    """The organisation's staff list, by name, with roles and account in a fixed number of queries.

    `filters`: `q` (part of the name or email), `role` (a StaffRole id), `department`, and
    `leavers` (true: include people whose leaver date has passed; they are hidden otherwise).
    """
    filters = filters or {}
    qs = (
        people_for(user).filter(organisation=organisation)
        .select_related("user")
        .prefetch_related(Prefetch("roles", queryset=StaffRole.objects.order_by("name")))
    )
    if text := (filters.get("q") or "").strip():
        qs = qs.filter(Q(full_name__icontains=text) | Q(email__icontains=text))
    if role := filters.get("role"):
        qs = qs.filter(roles=role)
    if department := (filters.get("department") or "").strip():
        qs = qs.filter(department__iexact=department)
    if not filters.get("leavers"):
        qs = qs.filter(Q(leaver_date__isnull=True) | Q(leaver_date__gt=timezone.localdate()))
    return qs.order_by("full_name", "id").distinct()


def organisation_departments(*, user, organisation: Organisation) -> list[str]:
    """The departments named on the staff list, for the filter."""
    return sorted(
        set(people_for(user).filter(organisation=organisation).exclude(department="")
            .values_list("department", flat=True)),
        key=str.casefold,
    )


def organisation_roles(*, user, organisation: Organisation) -> QuerySet[StaffRole]:
    return roles_for(user).filter(organisation=organisation).order_by("name")


def get_role_for(*, user, organisation: Organisation, pk) -> StaffRole:
    try:
        return organisation_roles(user=user, organisation=organisation).get(pk=pk)
    except (StaffRole.DoesNotExist, ValueError, TypeError):
        raise Http404("No such role.") from None


def organisation_requirements(*, user, organisation: Organisation, active_only: bool = False) -> QuerySet[Requirement]:
    """The organisation's requirements in their order, each with its roles (one query for all roles)."""
    qs = requirements_for(user).filter(organisation=organisation).prefetch_related(
        Prefetch("roles", queryset=StaffRole.objects.order_by("name"))
    )
    if active_only:
        qs = qs.filter(active=True)
    return qs.order_by("position", "title", "id")


def get_requirement_for(*, user, pk, organisation: Organisation | None = None) -> Requirement:
    qs = requirements_for(user).select_related("organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (Requirement.DoesNotExist, ValueError, TypeError):
        raise Http404("No such requirement.") from None


def person_requirements(*, user, person: Person) -> QuerySet[Requirement]:
    """The active requirements that apply to a person: those for everyone, and those of their roles.

    Read through the user's selector: a member of staff reading their own record sees what applies
    to them without reading the organisation's requirement list as such.
    """
    base = Requirement.objects if person.user_id == getattr(user, "pk", None) else requirements_for(user)
    return (
        base.filter(organisation_id=person.organisation_id, active=True)
        .filter(Q(everyone=True) | Q(roles__in=person.roles.all()))
        .prefetch_related(Prefetch("roles", queryset=StaffRole.objects.order_by("name")))
        .distinct()
        .order_by("position", "title", "id")
    )


def person_records(*, user, person: Person) -> QuerySet[TrainingRecord]:
    """A person's training records, latest first, with their course and session."""
    return (
        records_for(user).filter(person=person)
        .select_related("course", "session")
        .order_by("-completed_on", "-id")
    )


def organisation_members(*, organisation: Organisation) -> QuerySet[User]:
    """The organisation's members (leaders and staff): the accounts a person may be linked to."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(organisation=organisation).values("user_id"), is_active=True
    ).order_by("full_name", "email")

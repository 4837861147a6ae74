"""Who reads which training rows: the base every training selector builds on."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from crisis.access import can_manage_training, is_active_user, training_manager_condition
from crisis.models import Organisation
from crisis.selectors import organisations_for

from ..models import Course, Person, Requirement, Session, StaffRole, TrainingRecord

__all__ = [
    "can_manage_training",
    "courses_for",
    "get_person_for",
    "get_training_organisation",
    "my_people",
    "people_for",
    "records_for",
    "requirements_for",
    "roles_for",
    "sessions_for",
]


def get_training_organisation(*, user, pk) -> Organisation:
    """An organisation the user may see (404 otherwise); what they may do in it is asked separately."""
    try:
        return organisations_for(user).get(pk=pk)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such organisation.") from None


def people_for(user) -> QuerySet[Person]:
    """The people whose records the user reads: everyone of the organisations whose training they
    keep, and otherwise only themselves."""
    if not is_active_user(user):
        return Person.objects.none()
    return Person.objects.filter(training_manager_condition(user) | Q(user_id=user.pk))


def my_people(user) -> QuerySet[Person]:
    """The staff-list entries linked to the user's own account (one per organisation they work for)."""
    if not is_active_user(user):
        return Person.objects.none()
    return Person.objects.filter(user_id=user.pk).select_related("organisation")


def get_person_for(*, user, pk, organisation: Organisation | None = None) -> Person:
    qs = people_for(user)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person.") from None


def records_for(user) -> QuerySet[TrainingRecord]:
    """Training records the user reads: all of the organisations they keep training for, else their own."""
    if not is_active_user(user):
        return TrainingRecord.objects.none()
    return TrainingRecord.objects.filter(person__in=people_for(user))


def _managed(model, user) -> QuerySet:
    if not is_active_user(user):
        return model.objects.none()
    return model.objects.filter(training_manager_condition(user))


def roles_for(user) -> QuerySet[StaffRole]:
    return _managed(StaffRole, user)


def requirements_for(user) -> QuerySet[Requirement]:
    return _managed(Requirement, user)


def courses_for(user) -> QuerySet[Course]:
    return _managed(Course, user)


def sessions_for(user) -> QuerySet[Session]:
    return _managed(Session, user)

"""Who may do what: every access rule of the project, named once.

Pages, the API, services and other apps ask these predicates instead of spelling a permission
check out again. Roles become django-guardian permissions on the Organisation (crisis/permissions.py);
a leader is a member with the leader role, and that is asked as such (`is_leader`), never inferred
from a permission that means something else.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from . import permissions as perms
from .models import Case, CaseUserObjectPermission, Membership, Organisation, OrganisationUserObjectPermission, User


def org_ids_with(user: User, codename: str) -> QuerySet:
    """Ids of the organisations on which the user holds a permission (a subquery, not a list)."""
    return OrganisationUserObjectPermission.objects.filter(
        user_id=user.pk,
        permission__codename=codename,
        permission__content_type__app_label="crisis",
        permission__content_type__model="organisation",
    ).values("content_object_id")


def case_ids_with(user: User, codename: str) -> QuerySet:
    return CaseUserObjectPermission.objects.filter(
        user_id=user.pk,
        permission__codename=codename,
        permission__content_type__app_label="crisis",
        permission__content_type__model="case",
    ).values("content_object_id")


def is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_org_permission(*, user, organisation_id: int, codename: str) -> bool:
    """Whether the user holds a role permission on the organisation (admins hold them all)."""
    if not is_active_user(user):
        return False
    if user.is_consultancy_admin:
        return True
    return org_ids_with(user, codename).filter(content_object_id=organisation_id).exists()


def can_manage_case(*, user, case: Case) -> bool:
    """A consultant of the organisation — and, for a restricted case, one named on it.

    Pages and endpoints reach a case through `get_case_for` first (404 for a restricted case one is
    not named on); services check again here, so a write never depends on the caller's lookup.
    """
    if not has_org_permission(user=user, organisation_id=case.organisation_id, codename=perms.MANAGE_CASES):
        return False
    if case.pk is None or not case.restricted or user.is_consultancy_admin:
        return True
    return case_ids_with(user, perms.VIEW_CASE).filter(content_object_id=case.pk).exists()


PROTECTED_NAMES_REFUSED = "Protected names are kept by the case's consultants; nobody else sees them."


def can_keep_protected_names(*, user, case: Case) -> bool:
    """The names a case's reports are checked for are seen, not only changed, by those who manage the
    case — its consultants and the consultancy admins. Leaders and staff, who may see the case, do not:
    the names are of children and witnesses, and the list would be a register of them."""
    return can_manage_case(user=user, case=case)


def can_view_confidential(*, user, organisation_id: int) -> bool:
    return has_org_permission(user=user, organisation_id=organisation_id, codename=perms.VIEW_CONFIDENTIAL)


def can_read_reports(*, user, organisation_id: int) -> bool:
    """Consultants and leaders: reports, and the engagement with stakeholders, go to governors."""
    return can_view_confidential(user=user, organisation_id=organisation_id) or is_leader(
        user=user, organisation_id=organisation_id
    )


def report_reader_condition(user, field: str = "organisation") -> Q:
    """Rows of the organisations whose reports and engagement the user reads (subqueries, no list)."""
    if not is_active_user(user):
        return Q(pk__in=[])
    if user.is_consultancy_admin:
        return Q()
    return Q(**{f"{field}__in": org_ids_with(user, perms.VIEW_CONFIDENTIAL)}) | Q(
        **{f"{field}__in": leader_org_ids(user)}
    )


def leader_org_ids(user: User) -> QuerySet:
    """Ids of the organisations the user leads (a subquery, not a list)."""
    return Membership.objects.filter(user_id=user.pk, role=Membership.Role.LEADER).values("organisation_id")


def is_leader(*, user, organisation_id: int) -> bool:
    """A head teacher, DSL, chair or CEO of the organisation: a member with the leader role."""
    if not is_active_user(user):
        return False
    return Membership.objects.filter(user_id=user.pk, organisation_id=organisation_id,
                                     role=Membership.Role.LEADER).exists()


def can_manage_training(*, user, organisation_id: int) -> bool:
    """An organisation's training records are kept by its consultants and its leaders."""
    return has_org_permission(user=user, organisation_id=organisation_id, codename=perms.MANAGE_CASES) or is_leader(
        user=user, organisation_id=organisation_id
    )


def training_manager_condition(user, field: str = "organisation") -> Q:
    """Rows of the organisations whose training the user keeps (subqueries, no list)."""
    if not is_active_user(user):
        return Q(pk__in=[])
    if user.is_consultancy_admin:
        return Q()
    return Q(**{f"{field}__in": org_ids_with(user, perms.MANAGE_CASES)}) | Q(**{f"{field}__in": leader_org_ids(user)})


def can_see_people(*, user, organisation: Organisation) -> bool:
    """Consultants and leaders see who works for an organisation; staff do not."""
    return can_view_confidential(user=user, organisation_id=organisation.pk) or is_leader(
        user=user, organisation_id=organisation.pk
    )


# Who sees a case: its leaders ------------------------------------------------------------------


def case_leader_condition(case: Case) -> Q:
    """The leaders who see this case, as a condition on User: the organisation's leaders, and on a
    restricted case only those named on it. (A case not yet saved stands for the organisation.)"""
    leaders = Q(memberships__organisation_id=case.organisation_id, memberships__role=Membership.Role.LEADER)
    if case.pk is not None and case.restricted:
        leaders &= Q(leader_cases=case)
    return leaders


def is_case_leader(*, user, case: Case) -> bool:
    """A leader of the case's organisation who sees the case (on a restricted case, one named on it):
    who speaks for the organisation on this case — approves its press lines, exports its plan."""
    if not is_active_user(user):
        return False
    return User.objects.filter(case_leader_condition(case), pk=user.pk).exists()


def organisation_leaders(organisation_id: int) -> QuerySet:
    """The organisation's leaders, active ones only: who may be named on its cases."""
    return User.objects.filter(
        memberships__organisation_id=organisation_id, memberships__role=Membership.Role.LEADER, is_active=True
    ).order_by("full_name", "email")


def check_leaders(organisation: Organisation, leaders) -> list[User]:
    """Only the organisation's leaders may be named on its cases: anyone else is refused by name."""
    chosen = list(leaders)
    allowed = set(organisation_leaders(organisation.pk).filter(pk__in=[u.pk for u in chosen])
                  .values_list("pk", flat=True))
    wrong = [user for user in chosen if user.pk not in allowed]
    if wrong:
        names = ", ".join(str(user) for user in wrong)
        raise ValidationError({"leaders": f"Not a leader of {organisation}: {names}."})
    return chosen


# Who may own an item of a case -------------------------------------------------------------


def owner_condition(case: Case) -> Q:
    """Who may own an item of this case (a risk, an action) — only people who can see the case.

    An unrestricted case: the organisation's members and its assigned consultants. A restricted
    case: the leaders and the consultants named on it. (A case not yet saved stands for the
    organisation as a whole, e.g. a policy owner.)
    """
    if case.pk is not None and case.restricted:
        return case_leader_condition(case) | Q(assignments__organisation_id=case.organisation_id, case_teams=case)
    return Q(memberships__organisation_id=case.organisation_id) | Q(assignments__organisation_id=case.organisation_id)


def owner_choices(*, case: Case, include_id: int | None = None) -> QuerySet:
    """Who may own an item (a risk, an action) of this case: `owner_condition`, as a queryset.

    `include_id` keeps a risk's current owner choosable (e.g. a consultancy admin). One query.
    """
    condition = owner_condition(case)
    if include_id:
        condition |= Q(pk=include_id)
    return User.objects.filter(condition, is_active=True).distinct().order_by("full_name", "email")


def check_owner(case: Case, owner: User | None) -> None:
    """An owner is a member of the organisation or a consultant working with it, who can see the case
    (on a restricted case: its named leaders and consultants)."""
    if owner is None or owner.is_consultancy_admin:
        return
    if not User.objects.filter(owner_condition(case), pk=owner.pk, is_active=True).exists():
        if case.pk is not None and case.restricted:
            raise ValidationError({"owner": f"{owner} cannot see this restricted case, so cannot own its items."})
        raise ValidationError({"owner": f"{owner} is neither a member of {case.organisation} nor assigned to it."})

"""Every read of tenant data goes through here, always given the acting user.

Lists are scoped in SQL (never filtered after fetching); a single object that is not the user's
raises Http404, exactly as a missing one does.
"""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from .. import permissions as perms
from ..access import (  # noqa: F401  (re-exported: pages ask the selectors first)
    can_manage_case,
    can_read_reports,
    can_see_people,
    can_view_confidential,
    case_ids_with,
    has_org_permission,
    is_active_user,
    is_case_leader,
    is_leader,
    org_ids_with,
    organisation_leaders,
    report_reader_condition,
)
from ..models import (
    Case,
    ChronologyEntry,
    Deadline,
    Membership,
    Organisation,
    Stage,
    StageChange,
    User,
)

# Organisations ---------------------------------------------------------------------------------


def organisations_for(user) -> QuerySet[Organisation]:
    """The organisations the user may see: assigned, member of, or all for consultancy admins."""
    if not is_active_user(user):
        return Organisation.objects.none()
    qs = Organisation.objects.select_related("parent")
    if user.is_consultancy_admin:
        return qs
    return qs.filter(pk__in=org_ids_with(user, perms.VIEW_ORGANISATION))


def organisation_list(*, user, search: str = "") -> QuerySet[Organisation]:
    qs = organisations_for(user).annotate(
        open_case_count=Count("cases", filter=~Q(cases__stage=Stage.CLOSED) & Q(cases__in=cases_for(user)))
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(ofsted_urn__iexact=search) | Q(charity_number__iexact=search))
    return qs.order_by("name")


def get_organisation_for(*, user, pk) -> Organisation:
    return get_object_or_404(organisations_for(user), pk=pk)


def organisation_people(*, user, organisation: Organisation) -> QuerySet[Membership]:
    """Members of an organisation the user can already see (the caller passes a scoped object)."""
    return (
        Membership.objects.filter(organisation=organisation)
        .filter(organisation__in=organisations_for(user))
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def organisation_consultants(*, user, organisation: Organisation) -> QuerySet[User]:
    """The organisation's active consultants, each once. Both conditions on the assignment stay in
    one filter(): a second one would join the assignments again, and list a consultant once for
    every organisation they serve."""
    return User.objects.filter(
        assignments__organisation=organisation, assignments__organisation__in=organisations_for(user), is_active=True
    ).order_by("full_name")


# Cases -----------------------------------------------------------------------------------------


def cases_for(user) -> QuerySet[Case]:
    """Every case the user may see.

    - consultancy admins: all cases;
    - consultants and leaders: unrestricted cases of their organisations, and restricted ones on
      which they are named (guardian's `view_case` on the case);
    - staff: unrestricted cases of their organisation (staff are never named).

    Two subqueries on the permission tables, whatever the number of cases.
    """
    if not is_active_user(user):
        return Case.objects.none()
    if user.is_consultancy_admin:
        return Case.objects.all()
    visible_orgs = org_ids_with(user, perms.VIEW_CASES)
    return Case.objects.filter(
        Q(restricted=False) | Q(pk__in=case_ids_with(user, perms.VIEW_CASE)), organisation__in=visible_orgs
    )


def _with_next_deadline(qs: QuerySet[Case]) -> QuerySet[Case]:
    open_deadlines = Deadline.objects.filter(case=OuterRef("pk")).open().order_by("due_on", "id")
    return qs.annotate(
        next_due_on=Subquery(open_deadlines.values("due_on")[:1]),
        next_due_title=Subquery(open_deadlines.values("title")[:1]),
    )


def case_list(*, user, filters: dict | None = None) -> QuerySet[Case]:
    """Cases for lists and the dashboard, with what the rows show loaded in the same query."""
    filters = filters or {}
    qs = _with_next_deadline(
        cases_for(user).select_related("organisation", "lead_consultant")
    )
    search = (filters.get("q") or "").strip()
    if search:
        qs = qs.filter(
            Q(reference__icontains=search) | Q(title__icontains=search) | Q(organisation__name__icontains=search)
        )
    status = filters.get("status") or "open"
    if status == "open":
        qs = qs.exclude(stage=Stage.CLOSED)
    elif status == "closed":
        qs = qs.filter(stage=Stage.CLOSED)
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("rag"):
        qs = qs.filter(rag=filters["rag"])
    if filters.get("severity"):
        qs = qs.filter(severity=filters["severity"])
    if filters.get("organisation"):
        qs = qs.filter(organisation_id=filters["organisation"])
    return qs.order_by("organisation__name", "-opened_on", "-id")


def get_case_for(*, user, reference: str) -> Case:
    """The case with this reference if the user may see it; Http404 otherwise."""
    qs = cases_for(user).select_related("organisation", "organisation__parent", "lead_consultant")
    try:
        return qs.get(reference__iexact=(reference or "").strip())
    except Case.DoesNotExist:
        raise Http404("No case with that reference.") from None


def case_chronology(*, user, case: Case) -> QuerySet[ChronologyEntry]:
    """A visible case's chronology; consultant-only entries are left out for client users."""
    qs = ChronologyEntry.objects.filter(organisation_id=case.organisation_id, case=case).select_related("author")
    if not can_view_confidential(user=user, organisation_id=case.organisation_id):
        qs = qs.filter(shared_with_organisation=True)
    return qs.order_by("-occurred_at", "-id")


def chronology_for(user) -> QuerySet[ChronologyEntry]:
    """Chronology entries across every case the user may see (the API's list)."""
    if not is_active_user(user):
        return ChronologyEntry.objects.none()
    qs = ChronologyEntry.objects.filter(case__in=cases_for(user)).select_related("author", "case")
    if not user.is_consultancy_admin:
        confidential_orgs = org_ids_with(user, perms.VIEW_CONFIDENTIAL)
        qs = qs.filter(Q(shared_with_organisation=True) | Q(organisation__in=confidential_orgs))
    return qs.order_by("-occurred_at", "-id")


def case_stage_changes(*, case: Case) -> QuerySet[StageChange]:
    return StageChange.objects.filter(organisation_id=case.organisation_id, case=case).select_related("actor")


def case_deadlines(*, case: Case) -> QuerySet[Deadline]:
    return Deadline.objects.filter(organisation_id=case.organisation_id, case=case).order_by(
        "completed_on", "due_on", "id"
    )


def case_team(*, case: Case) -> QuerySet[User]:
    return case.consultants.order_by("full_name")


def case_named_leaders(*, case: Case) -> QuerySet[User]:
    """The leaders named on a case: on a restricted case, the only leaders who see it."""
    return case.leaders.order_by("full_name", "email")


def assignable_consultants(*, organisation: Organisation) -> QuerySet[User]:
    """Consultants who may lead or be named on a case of this organisation."""
    return User.objects.filter(
        Q(assignments__organisation=organisation) | Q(consultancy_role=User.ConsultancyRole.ADMIN),
        is_active=True,
    ).distinct().order_by("full_name")


def leaders_of(organisations: QuerySet[Organisation]) -> QuerySet[User]:
    """The active leaders of these organisations, once per organisation they lead, each carrying
    `led_organisation` (its name): the choices for naming leaders on a new case. One query."""
    return (
        User.objects.filter(memberships__role=Membership.Role.LEADER, memberships__organisation__in=organisations,
                            is_active=True)
        .annotate(led_organisation=F("memberships__organisation__name"))
        .order_by("led_organisation", "full_name", "email")
    )


def organisations_user_can_manage(user) -> QuerySet[Organisation]:
    if not is_active_user(user):
        return Organisation.objects.none()
    if user.is_consultancy_admin:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=org_ids_with(user, perms.MANAGE_CASES))


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user_id=user.pk).select_related("organisation").order_by("organisation__name")


# Pages -----------------------------------------------------------------------------------------


def consultant_choices() -> QuerySet[User]:
    """Active consultancy staff, for the lead and team pickers (the service checks assignments)."""
    return User.objects.filter(
        Q(consultancy_role__in=[User.ConsultancyRole.CONSULTANT, User.ConsultancyRole.ADMIN]) | Q(is_superuser=True),
        is_active=True,
    ).order_by("full_name", "email")


def get_case_deadline_for(*, user, case: Case, pk: int) -> Deadline:
    """A deadline of a case the user can already see (the caller passes a scoped case); 404 otherwise."""
    return get_object_or_404(
        Deadline.objects.filter(organisation_id=case.organisation_id, case=case, case__in=cases_for(user))
        .select_related("case", "case__organisation"),
        pk=pk,
    )

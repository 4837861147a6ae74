"""Reads of the response stage: the action plan, policies, checkpoints and reports.

Everyone who sees a case sees its action plan; consultant-only notes and history are left out
for client users. Policies are visible to anyone who sees the organisation.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from assessment import selectors as assessment_selectors
from crisis import permissions as perms
from crisis.access import is_active_user
from crisis.models import Case, Organisation, Report, Stage, User
from crisis.pdf import document_furniture
from crisis.selectors import can_read_reports, can_view_confidential, cases_for, has_org_permission, organisations_for

from .models import (
    COMPLETE_Q,
    Action,
    ActionEvent,
    ActionNote,
    ChecklistRequirement,
    Evidence,
    ImprovementCheckpoint,
    Policy,
    PolicyCheck,
    overdue_q,
    percent_complete,
)

if TYPE_CHECKING:  # type hints only: later stages read the register through its selectors
    from assessment.models import Risk

__all__ = [
    "case_actions_open",
    "organisation_policies_with_compliance",
    "case_actions_due_between",
    "case_actions_overdue",
    "checkpoint_summary",
    "policy_register_summary",
    "action_events",
    "action_evidence",
    "action_notes",
    "action_plan_context",
    "action_plan_for",
    "action_plan_stats",
    "action_risk_choices",
    "action_risks",
    "actions_due_soon",
    "actions_for",
    "can_export_action_plan",
    "case_action_stats",
    "case_actions",
    "case_checkpoints",
    "case_reports",
    "digest_items",
    "checkpoint_next_due",
    "get_action_for",
    "get_checkpoint_for",
    "get_evidence_for",
    "get_policy_for",
    "get_report_for",
    "organisation_policies",
    "organisation_policy_compliance",
    "policies_for",
    "policy_action_cases",
    "policy_checklist",
    "policy_suggestions",
]

DUE_SOON_DAYS = 7


def actions_for(user) -> QuerySet[Action]:
    if not is_active_user(user):
        return Action.objects.none()
    return Action.objects.filter(case__in=cases_for(user))


def _with_row_data(qs: QuerySet[Action], user) -> QuerySet[Action]:
    """What an action row shows, in a fixed number of queries: owner, case, evidence count, risks."""
    return qs.select_related("owner", "case").annotate(
        evidence_count=Count("evidence", distinct=True)
    ).prefetch_related(
        Prefetch("risks", queryset=assessment_selectors.risks_for(user).only("id", "title", "band", "case_id"))
    )


def case_actions(*, user, case: Case, filters: dict | None = None) -> QuerySet[Action]:
    """A visible case's actions: overdue first, then by due date. Filters: status, owner, overdue, q."""
    filters = filters or {}
    today = timezone.localdate()
    qs = actions_for(user).filter(organisation_id=case.organisation_id, case=case)
    status = filters.get("status") or "all"
    if status == "open":
        qs = qs.not_complete()
    elif status in Action.Status.values:
        qs = qs.filter(status=status)
    owner = filters.get("owner")
    if owner and str(owner).isdigit():
        qs = qs.filter(owner_id=int(owner))
    if filters.get("overdue") in ("1", "true", "on", True):
        qs = qs.overdue(today)
    if (filters.get("q") or "").strip():
        qs = qs.filter(title__icontains=filters["q"].strip())
    return _with_row_data(qs, user).annotate(
        overdue_first=Coalesce(
            Subquery(Action.objects.filter(pk=OuterRef("pk")).overdue(today)
                     .values("id")[:1]), Value(0), output_field=IntegerField()),
    ).order_by("-overdue_first", "due_on", "id")


def action_plan_for(*, user, filters: dict | None = None) -> QuerySet[Action]:
    """"Our action plan": the actions of every open case the user sees, overdue first."""
    filters = filters or {}
    today = timezone.localdate()
    qs = actions_for(user).exclude(case__stage=Stage.CLOSED)
    if filters.get("mine") in ("1", "true", "on", True):
        qs = qs.filter(owner_id=user.pk)
    status = filters.get("status") or "open"
    if status == "open":
        qs = qs.not_complete()
    elif status in Action.Status.values:
        qs = qs.filter(status=status)
    return _with_row_data(qs, user).annotate(
        overdue_first=Coalesce(
            Subquery(Action.objects.filter(pk=OuterRef("pk")).overdue(today)
                     .values("id")[:1]), Value(0), output_field=IntegerField()),
    ).order_by("-overdue_first", "due_on", "id")


def get_action_for(*, user, case: Case, pk) -> Action:
    try:
        return actions_for(user).select_related("owner", "case", "done_by", "verified_by", "created_by").get(
            organisation_id=case.organisation_id, case=case, pk=pk
        )
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404("No such action.") from None


def action_events(*, user, action: Action) -> QuerySet[ActionEvent]:
    qs = ActionEvent.objects.filter(organisation_id=action.organisation_id, action=action).select_related("actor")
    if not can_view_confidential(user=user, organisation_id=action.organisation_id):
        qs = qs.filter(consultant_only=False)
    return qs.order_by("-at", "-id")


def action_notes(*, user, action: Action) -> QuerySet[ActionNote]:
    qs = ActionNote.objects.filter(organisation_id=action.organisation_id, action=action).select_related("author")
    if not can_view_confidential(user=user, organisation_id=action.organisation_id):
        qs = qs.filter(consultant_only=False)
    return qs.order_by("created_at", "id")


def action_evidence(*, action: Action) -> QuerySet[Evidence]:
    return Evidence.objects.filter(organisation_id=action.organisation_id, action=action).select_related(
        "uploaded_by"
    ).order_by("uploaded_at", "id")


def get_evidence_for(*, user, action: Action, pk) -> Evidence:
    """Evidence of an action the caller already sees (get_action_for first)."""
    try:
        return Evidence.objects.get(organisation_id=action.organisation_id, action=action, pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404("No such evidence.") from None


def case_action_stats(*, case: Case) -> dict:
    today = timezone.localdate()
    stats = Action.objects.filter(organisation_id=case.organisation_id, case=case).aggregate(
        total=Count("id"),
        complete=Count("id", filter=COMPLETE_Q),
        verified=Count("id", filter=Q(status=Action.Status.VERIFIED)),
        overdue=Count("id", filter=overdue_q(today)),
        blocked=Count("id", filter=Q(status=Action.Status.BLOCKED)),
        due_this_week=Count("id", filter=~COMPLETE_Q & Q(due_on__gte=today, due_on__lte=today + dt.timedelta(7))),
    )
    stats["percent_complete"] = percent_complete(stats["complete"], stats["total"])
    stats["threshold_met"] = stats["total"] > 0 and stats["percent_complete"] >= case.action_threshold_percent
    stats["threshold"] = case.action_threshold_percent
    return stats


# Policies --------------------------------------------------------------------------------------


def policies_for(user) -> QuerySet[Policy]:
    if not is_active_user(user):
        return Policy.objects.none()
    return Policy.objects.filter(organisation__in=organisations_for(user))


def _with_compliance(qs: QuerySet[Policy]) -> QuerySet[Policy]:
    required = (
        ChecklistRequirement.objects.filter(policy_type=OuterRef("policy_type"), active=True)
        .order_by().values("policy_type").annotate(n=Count("id")).values("n")
    )
    return qs.select_related("owner").annotate(
        requirement_count=Coalesce(Subquery(required, output_field=IntegerField()), Value(0)),
        met_count=Count("checks", filter=Q(checks__result=PolicyCheck.Result.MET,
                                            checks__requirement__active=True), distinct=True),
        partly_count=Count("checks", filter=Q(checks__result=PolicyCheck.Result.PARTLY,
                                               checks__requirement__active=True), distinct=True),
        checked_count=Count("checks", filter=Q(checks__requirement__active=True), distinct=True),
    )


def compliance_percent(policy: Policy) -> int | None:
    """Met counts 1, partly met a half; None when the type has no checklist."""
    if not policy.requirement_count:
        return None
    return round(100 * (policy.met_count + 0.5 * policy.partly_count) / policy.requirement_count)


def _scored(qs: QuerySet[Policy]) -> list[Policy]:
    """The policies, each with `compliance`, in the register's order (one query)."""
    policies = list(_with_compliance(qs).order_by("policy_type", "title", "id"))
    for policy in policies:
        policy.compliance = compliance_percent(policy)
    return policies


def organisation_policies(*, user, organisation: Organisation) -> list[Policy]:
    return _scored(policies_for(user).filter(organisation=organisation))


def get_policy_for(*, user, organisation: Organisation, pk) -> Policy:
    try:
        policy = _with_compliance(policies_for(user)).get(organisation=organisation, pk=pk)
    except (Policy.DoesNotExist, ValueError, TypeError):
        raise Http404("No such policy.") from None
    policy.compliance = compliance_percent(policy)
    return policy


def policy_checklist(*, policy: Policy) -> list[tuple[ChecklistRequirement, PolicyCheck | None]]:
    requirements = ChecklistRequirement.objects.filter(policy_type=policy.policy_type, active=True).order_by(
        "order", "id")
    checks = {c.requirement_id: c for c in PolicyCheck.objects.filter(policy=policy).select_related("checked_by")}
    return [(r, checks.get(r.pk)) for r in requirements]


def policy_suggestions(*, user, organisation: Organisation) -> list[dict]:
    """Policies that should become actions: out of date, or checked and short of the checklist."""
    suggestions = []
    for policy in organisation_policies(user=user, organisation=organisation):
        reasons = []
        if policy.review_overdue:
            reasons.append(f"review was due on {policy.next_review_on:%d %b %Y}")
        if policy.compliance is not None and policy.checked_count and policy.compliance < 100:
            reasons.append(f"meets {policy.compliance}% of its best-practice checklist")
        if reasons:
            suggestions.append({"policy": policy, "reasons": reasons})
    return suggestions


# Checkpoints and reports -----------------------------------------------------------------------


def case_checkpoints(*, case: Case) -> QuerySet[ImprovementCheckpoint]:
    return ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case).select_related(
        "recorded_by"
    ).order_by("recorded_on", "id")


def case_reports(*, case: Case) -> QuerySet[Report]:
    return Report.objects.filter(organisation_id=case.organisation_id, case=case).select_related(
        "requested_by"
    ).order_by("-requested_at", "-id")


def get_report_for(*, user, case: Case, pk) -> Report:
    """A report of a case the user sees. Consultants and leaders only: reports go to governors."""
    try:
        if not can_read_reports(user=user, organisation_id=case.organisation_id):
            raise Report.DoesNotExist
        return Report.objects.get(organisation_id=case.organisation_id, case=case, pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError):
        raise Http404("No such report.") from None


def action_plan_context(*, case: Case, report: Report | None = None) -> dict:
    """What the action plan PDF shows: no consultant notes, no consultant-only history."""
    today = timezone.localdate()
    actions = list(
        Action.objects.filter(organisation_id=case.organisation_id, case=case)
        .select_related("owner").annotate(evidence_count=Count("evidence"))
        .order_by("due_on", "id")
    )
    groups = defaultdict(list)
    for action in actions:
        groups[action.get_status_display()].append(action)
    order = [label for _, label in Action.Status.choices]
    version = 1 if report is None else Report.objects.filter(
        case=case, kind=Report.Kind.ACTION_PLAN, pk__lte=report.pk).count()
    return {
        **document_furniture(case=case, version=f"Action plan version {version}", dated=today),
        "case": case,
        "report": report,
        "today": today,
        "stats": case_action_stats(case=case),
        "overdue": [a for a in actions if a.is_overdue(today)],
        "groups": [(label, groups[label]) for label in order if groups.get(label)],
    }


def digest_items(*, day: dt.date) -> dict:
    """Everything the daily digests say, keyed by (user id, kind), in a fixed number of queries.

    Owners: their overdue actions and those due in the next seven days. Lead consultants: every
    overdue action, risk review and deadline of the open cases they lead.
    """
    soon = day + dt.timedelta(days=DUE_SOON_DAYS)
    open_actions = (
        Action.objects.not_complete().exclude(case__stage=Stage.CLOSED)
        .filter(owner__isnull=False, owner__is_active=True, due_on__lte=soon)
        .select_related("case", "owner").order_by("due_on", "id")
    )
    result: dict[tuple[int, str], dict] = {}
    users: dict[int, User] = {}
    for action in open_actions:
        users[action.owner_id] = action.owner
        entry = result.setdefault((action.owner_id, "owner"), {"overdue": [], "due_soon": []})
        entry["overdue" if action.due_on < day else "due_soon"].append(action)
    lead_cases = Case.objects.exclude(stage=Stage.CLOSED).filter(lead_consultant__isnull=False,
                                                                 lead_consultant__is_active=True)
    overdue_actions = (
        Action.objects.filter(case__in=lead_cases).overdue(day)
        .select_related("case", "case__lead_consultant", "owner").order_by("due_on", "id")
    )
    overdue_reviews = assessment_selectors.risks_due_for_review(cases=lead_cases, day=day)
    from crisis.models import Deadline

    overdue_deadlines = (
        Deadline.objects.filter(case__in=lead_cases).overdue(day)
        .select_related("case", "case__lead_consultant").order_by("due_on", "id")
    )
    for name, rows in (("actions", overdue_actions), ("risk_reviews", overdue_reviews),
                       ("deadlines", overdue_deadlines)):
        for row in rows:
            lead = row.case.lead_consultant
            users[lead.pk] = lead
            entry = result.setdefault((lead.pk, "lead"), {"actions": [], "risk_reviews": [], "deadlines": []})
            entry[name].append(row)
    # Nobody is told about a case they can no longer see (a restricted case, a role that ended):
    # one query per recipient, in a daily batch.
    visible = {pk: set(cases_for(user).values_list("pk", flat=True)) for pk, user in users.items()}
    for (user_id, kind), entry in list(result.items()):
        for name, rows in entry.items():
            entry[name] = [row for row in rows if row.case_id in visible[user_id]]
        if not any(entry.values()):
            del result[(user_id, kind)]
    return {"items": result, "users": users}


# Action plan pages -----------------------------------------------------------------------------


def action_risk_choices(*, user, case: Case, include_ids=()) -> QuerySet[Risk]:
    """The risks an action of this case may address: its open risks (and those already linked)."""
    risks = assessment_selectors.risks_for(user).filter(organisation_id=case.organisation_id, case=case)
    if include_ids:
        return (risks.open() | risks.filter(pk__in=list(include_ids))).by_priority()
    return risks.open().by_priority()


def action_risks(*, user, action: Action) -> QuerySet[Risk]:
    """The risks an action addresses, as far as the user sees them (staff see the risks they own)."""
    risks = assessment_selectors.risks_for(user)
    return risks.filter(organisation_id=action.organisation_id, actions=action).by_priority()


def can_export_action_plan(*, user, case: Case) -> bool:
    """Consultants and the organisation's leaders export and download the action plan PDF."""
    return can_read_reports(user=user, organisation_id=case.organisation_id)


def action_plan_stats(*, user) -> dict:
    """"Our action plan" headline figures over every open case the user sees (one query)."""
    today = timezone.localdate()
    open_ = ~COMPLETE_Q
    return actions_for(user).exclude(case__stage=Stage.CLOSED).aggregate(
        open=Count("id", filter=open_),
        overdue=Count("id", filter=overdue_q(today)),
        due_this_week=Count("id", filter=open_ & Q(due_on__gte=today, due_on__lte=today + dt.timedelta(7))),
        blocked=Count("id", filter=Q(status=Action.Status.BLOCKED)),
        mine=Count("id", filter=open_ & Q(owner_id=user.pk)),
    )


def actions_due_soon(*, user, days: int = DUE_SOON_DAYS, limit: int = 20) -> QuerySet[Action]:
    """Open actions of open cases due from today to `days` ahead, soonest first (one query)."""
    today = timezone.localdate()
    return (
        actions_for(user).exclude(case__stage=Stage.CLOSED)
        .due_between(today, today + dt.timedelta(days))
        .select_related("owner", "case").order_by("due_on", "id")[:limit]
    )


# Policy and checkpoint pages -------------------------------------------------------------------


def policy_action_cases(*, user, organisation: Organisation) -> QuerySet[Case]:
    """The organisation's open cases whose action plan the user may add a policy suggestion to."""
    if not has_org_permission(user=user, organisation_id=organisation.pk, codename=perms.MANAGE_CASES):
        return Case.objects.none()
    return cases_for(user).filter(organisation=organisation).exclude(stage=Stage.CLOSED).order_by("-opened_on", "id")


def get_checkpoint_for(*, user, case: Case, pk) -> ImprovementCheckpoint:
    """One checkpoint of a case the user already sees (get_case_for first); Http404 otherwise."""
    try:
        return ImprovementCheckpoint.objects.select_related("recorded_by").get(
            organisation_id=case.organisation_id, case=case, pk=pk
        )
    except (ImprovementCheckpoint.DoesNotExist, ValueError, TypeError):
        raise Http404("No such checkpoint.") from None


def checkpoint_next_due(*, case: Case, last: ImprovementCheckpoint | None) -> dict:
    """When the next checkpoint is due: the last one plus the case's interval (or its opening)."""
    base = last.recorded_on if last else case.opened_on
    due_on = base + dt.timedelta(days=case.checkpoint_interval_days)
    today = timezone.localdate()
    return {"due_on": due_on, "overdue": due_on < today, "due_today": due_on == today,
            "first": last is None}


def policy_register_summary(*, user, organisation: Organisation) -> dict:
    """The organisation page's policies panel, from one query."""
    policies = organisation_policies(user=user, organisation=organisation)
    scored = [p.compliance for p in policies if p.compliance is not None and p.checked_count]
    return {
        "organisation": organisation,
        "total": len(policies),
        "overdue": sum(1 for p in policies if p.review_overdue),
        "approved": sum(1 for p in policies if p.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED)),
        "average_compliance": round(sum(scored) / len(scored)) if scored else None,
        "checked": len(scored),
    }


def checkpoint_summary(*, case: Case) -> dict:
    """The case page's Improvement block: every checkpoint, the latest, and when the next is due."""
    checkpoints = list(case_checkpoints(case=case))
    latest = checkpoints[-1] if checkpoints else None
    return {
        "case": case,
        "checkpoints": checkpoints,
        "latest": latest,
        "next_due": checkpoint_next_due(case=case, last=latest),
    }


# Reads for later stages ------------------------------------------------------------------------


def case_actions_overdue(*, case: Case, on: dt.date) -> QuerySet[Action]:
    """The case's actions not complete and due before `on`, oldest first (status reports)."""
    return Action.objects.filter(organisation_id=case.organisation_id, case=case).overdue(on).order_by("due_on", "id")


def case_actions_due_between(*, case: Case, start: dt.date, end: dt.date) -> QuerySet[Action]:
    """The case's actions not complete and due from `start` to `end`, soonest first (status reports)."""
    return (Action.objects.filter(organisation_id=case.organisation_id, case=case)
            .due_between(start, end).order_by("due_on", "id"))


def organisation_policy_compliance(*, organisation: Organisation) -> dict:
    """How far the organisation's policies meet their best-practice checklists, in one query:
    {"average": mean percent (rounded down) or None, "count": policies with a checklist, "lowest":
    the policy furthest short (with `.compliance`) or None}. A policy with a checklist that was never
    checked counts as 0%: it has not been shown to comply. For later stages (the exit criteria)."""
    policies = [p for p in organisation_policies_with_compliance(organisation=organisation) if p.requirement_count]
    if not policies:
        return {"average": None, "count": 0, "lowest": None}
    lowest = min(policies, key=lambda p: (p.compliance, p.title, p.pk))
    return {"average": sum(p.compliance for p in policies) // len(policies), "count": len(policies),
            "lowest": lowest}


def case_actions_open(*, case: Case) -> QuerySet[Action]:
    """The case's actions not complete (done or verified), soonest due first, with their owners
    (closure reports: what remains and who owns it)."""
    return (Action.objects.filter(organisation_id=case.organisation_id, case=case).not_complete()
            .select_related("owner").order_by("due_on", "id"))


def organisation_policies_with_compliance(*, organisation: Organisation) -> list[Policy]:
    """The organisation's policies with `compliance` (percent of the checklist met, or None) and
    `review_overdue`, in one query (closure reports, rendered by a worker)."""
    return _scored(Policy.objects.filter(organisation=organisation))

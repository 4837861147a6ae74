"""Reads of the risk register, always given the acting user.

Consultants and leaders see the whole register of the cases they may see; staff see the risks
they own. Counts and the heat map are aggregated in SQL, in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from crisis import permissions as perms
from crisis.access import is_active_user, org_ids_with
from crisis.models import Case
from crisis.selectors import cases_for, has_org_permission

from .models import CATEGORY_HELP, AssessmentSignOff, CategoryNoRisk, Risk, RiskCategory, RiskComment, RiskScoreChange
from .risk_matrix import BAND_ORDER, LEVELS, Band, band_for

__all__ = [
    "HEAT_MAP_BASES",
    "assessment_status",
    "can_comment_on_risks",
    "can_view_risk_register",
    "case_risks",
    "get_risk_for",
    "risk_comments",
    "risk_heat_map",
    "risk_history",
    "risk_register_counts",
    "risks_for",
    "get_category_no_risk_for",
    # For later stages (response, stakeholders), which read the register only through here.
    "BAND_ORDER",
    "Band",
    "open_risks",
    "open_risk_counts_by_band",
    "serious_risks_to_mitigate",
    "risks_due_for_review",
    "case_register_risks",
]

HEAT_MAP_BASES = ("inherent", "current", "target")


def risks_for(user) -> QuerySet[Risk]:
    """Every risk the user may see: whole registers for consultants and leaders, own risks for staff."""
    if not is_active_user(user):
        return Risk.objects.none()
    qs = Risk.objects.filter(case__in=cases_for(user))
    if user.is_consultancy_admin:
        return qs
    return qs.filter(
        Q(organisation__in=org_ids_with(user, perms.VIEW_RISK_REGISTER)) | Q(owner_id=user.pk)
    )


def can_view_risk_register(*, user, case: Case) -> bool:
    return has_org_permission(user=user, organisation_id=case.organisation_id, codename=perms.VIEW_RISK_REGISTER)


def can_comment_on_risks(*, user, case: Case) -> bool:
    return has_org_permission(user=user, organisation_id=case.organisation_id, codename=perms.COMMENT_ON_RISKS)


def _level(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number in LEVELS else None


def case_risks(*, user, case: Case, filters: dict | None = None) -> QuerySet[Risk]:
    """A visible case's register, sorted by priority then score, with the filters applied in SQL.

    Filters: category, band, status ("active" = not closed, the default; "all"), owner (a user
    id), overdue (reviews past due), q (title), a heat-map cell: basis + likelihood + impact, and
    unactioned (mitigated, open and with no action). Each risk carries `action_count`.
    """
    filters = filters or {}
    qs = risks_for(user).filter(organisation_id=case.organisation_id, case=case).select_related("owner")
    if filters.get("category") in RiskCategory.values:
        qs = qs.filter(category=filters["category"])
    if filters.get("band") in [b.value for b in BAND_ORDER]:
        qs = qs.filter(band=filters["band"])
    status = filters.get("status") or "active"
    if status == "active":
        qs = qs.exclude(status=Risk.Status.CLOSED)
    elif status in Risk.Status.values:
        qs = qs.filter(status=status)
    owner = filters.get("owner")
    if owner and str(owner).isdigit():
        qs = qs.filter(owner_id=int(owner))
    if filters.get("overdue") in ("1", "true", "on", True):
        qs = qs.review_overdue()
    search = (filters.get("q") or "").strip()
    if search:
        qs = qs.filter(title__icontains=search)
    basis = filters.get("basis") if filters.get("basis") in HEAT_MAP_BASES else "current"
    likelihood, impact = _level(filters.get("likelihood")), _level(filters.get("impact"))
    if likelihood:
        qs = qs.filter(**{f"{basis}_likelihood": likelihood})
    if impact:
        qs = qs.filter(**{f"{basis}_impact": impact})
    # How many actions treat each risk: a correlated subquery, not a join, so that the counts and
    # the heat map aggregated from this queryset still count each risk once.
    qs = qs.annotate(action_count=Coalesce(Subquery(
        Risk.actions.through.objects.filter(risk_id=OuterRef("pk")).order_by().values("risk_id")
        .annotate(n=Count("id")).values("n"), output_field=IntegerField()), Value(0)))
    if filters.get("unactioned") in ("1", "true", "on", True):
        # "A risk with no action and not accepted": being mitigated, still open, and no action on the plan.
        qs = qs.filter(action_count=0, treatment=Risk.Treatment.MITIGATE).exclude(status=Risk.Status.CLOSED)
    return qs.order_by("band_rank", "-current_score", "id")


def get_risk_for(*, user, case: Case, pk) -> Risk:
    """One risk of a case the user already sees; Http404 when it is not theirs to see."""
    try:
        return risks_for(user).select_related("owner", "created_by", "case").get(
            organisation_id=case.organisation_id, case=case, pk=pk
        )
    except (Risk.DoesNotExist, ValueError, TypeError):
        raise Http404("No such risk.") from None


def risk_register_counts(risks: QuerySet[Risk]) -> dict:
    """Counts by category and by band, and overdue reviews, in one query."""
    rows = risks.order_by().values("category", "band").annotate(n=Count("id"))
    by_category = {c.value: 0 for c in RiskCategory}
    by_band = {b.value: 0 for b in BAND_ORDER}
    for row in rows:
        by_category[row["category"]] += row["n"]
        by_band[row["band"]] += row["n"]
    return {
        "by_category": [(c.value, c.label, by_category[c.value]) for c in RiskCategory],
        "by_band": [(b.value, b.label, by_band[b.value]) for b in BAND_ORDER],
        "total": sum(by_band.values()),
    }


def risk_heat_map(risks: QuerySet[Risk], *, basis: str = "current") -> list[list[dict]]:
    """The 5×5 grid for one basis: rows from likelihood 5 down to 1, columns impact 1 to 5.

    Each cell: likelihood, impact, band, count. One query.
    """
    if basis not in HEAT_MAP_BASES:
        basis = "current"
    l_field, i_field = f"{basis}_likelihood", f"{basis}_impact"
    counts = {
        (row[l_field], row[i_field]): row["n"]
        for row in risks.order_by().values(l_field, i_field).annotate(n=Count("id"))
    }
    return [
        [
            {"likelihood": likelihood, "impact": impact, "band": band_for(likelihood, impact).value,
             "count": counts.get((likelihood, impact), 0)}
            for impact in LEVELS
        ]
        for likelihood in reversed(LEVELS)
    ]


def risk_history(*, risk: Risk) -> QuerySet[RiskScoreChange]:
    return RiskScoreChange.objects.filter(organisation_id=risk.organisation_id, risk=risk).select_related(
        "changed_by"
    ).order_by("changed_at", "id")


def risk_comments(*, risk: Risk) -> QuerySet[RiskComment]:
    return RiskComment.objects.filter(organisation_id=risk.organisation_id, risk=risk).select_related(
        "author"
    ).order_by("created_at", "id")


def assessment_status(*, case: Case) -> dict:
    """Where the assessment stands: the latest sign-off and, per category, risks or a no-risk mark."""
    counts = dict(
        Risk.objects.filter(organisation_id=case.organisation_id, case=case)
        .order_by()
        .values_list("category")
        .annotate(n=Count("id"))
    )
    no_risk = {
        entry.category: entry
        for entry in CategoryNoRisk.objects.filter(organisation_id=case.organisation_id, case=case)
        .select_related("recorded_by")
    }
    categories = [
        {
            "value": c.value,
            "label": c.label,
            "help": CATEGORY_HELP[c.value],
            "risk_count": counts.get(c.value, 0),
            "no_risk": no_risk.get(c.value),
            "considered": bool(counts.get(c.value)) or c.value in no_risk,
        }
        for c in RiskCategory
    ]
    sign_off = (
        AssessmentSignOff.objects.filter(organisation_id=case.organisation_id, case=case)
        .select_related("signed_by")
        .order_by("-signed_at", "-id")
        .first()
    )
    return {
        "sign_off": sign_off,
        "categories": categories,
        "complete": sign_off is not None and all(c["considered"] for c in categories),
    }


def get_category_no_risk_for(*, user, case: Case, pk) -> CategoryNoRisk:
    """A "no risk identified" mark of a case the user sees the register of; Http404 otherwise."""
    if not can_view_risk_register(user=user, case=case):
        raise Http404("No such entry.")
    try:
        return CategoryNoRisk.objects.select_related("case", "case__organisation").get(
            organisation_id=case.organisation_id, case=case, pk=pk
        )
    except (CategoryNoRisk.DoesNotExist, ValueError, TypeError):
        raise Http404("No such entry.") from None


# Reads for later stages ------------------------------------------------------------------------
# The response plan and the engagement read the register only through these (and `risks_for`,
# `risk_register_counts`, `risk_heat_map`), never through the models: one place says what an
# open or a serious risk is.


def open_risks(*, case: Case) -> QuerySet[Risk]:
    """The case's risks still on the register (not closed), highest priority first. Callers have
    reached the case through a user-scoped selector (or are a worker re-checking by id)."""
    return Risk.objects.filter(organisation_id=case.organisation_id, case=case).open().by_priority()


def open_risk_counts_by_band(*, case: Case) -> dict[str, int]:
    """{"critical": 2, "high": 5, "medium": 0, "low": 1} for the case's open risks (one query)."""
    counts = dict(open_risks(case=case).order_by().values_list("band").annotate(n=Count("id")))
    return {band.value: counts.get(band.value, 0) for band in BAND_ORDER}


def serious_risks_to_mitigate(*, case: Case) -> QuerySet[Risk]:
    """Open critical and high risks whose treatment is to mitigate them: each needs an action."""
    return open_risks(case=case).filter(band__in=[Band.CRITICAL, Band.HIGH], treatment=Risk.Treatment.MITIGATE)


def risks_due_for_review(*, cases: QuerySet[Case], day: dt.date) -> QuerySet[Risk]:
    """Open risks of these cases whose review was due before `day`, oldest first (daily digests)."""
    return (Risk.objects.filter(case__in=cases).review_overdue(day)
            .select_related("case", "case__lead_consultant").order_by("review_due_on", "id"))



def case_register_risks(*, case: Case) -> QuerySet[Risk]:
    """Every risk the case's register has held, closed ones too (a closure report's "at the start"
    heat map scores them all by their inherent score). Callers reached the case through a user-scoped
    selector (or are a worker re-checking by id)."""
    return Risk.objects.filter(organisation_id=case.organisation_id, case=case).by_priority()

"""Reads of stakeholder engagement, given the acting user; and the content of a status report.

Mediation notes are consultant-only: callers show them only when `can_view_confidential`.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from crisis.models import Action, Case, Deadline, Risk, Stage
from crisis.risk_matrix import BAND_ORDER
from crisis.selectors import (
    case_action_stats,
    case_checkpoints,
    cases_for,
    risk_heat_map,
    risk_register_counts,
)

from .models import Communication, Delivery, PressLine, PressLineVersion, Stakeholder, StatusReport, UpdateSchedule

COMPLETE = [Action.Status.DONE, Action.Status.VERIFIED]


def stakeholders_for(user) -> QuerySet[Stakeholder]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Stakeholder.objects.none()
    return Stakeholder.objects.filter(case__in=cases_for(user))


def case_stakeholders(*, user, case: Case) -> QuerySet[Stakeholder]:
    since = timezone.now() - dt.timedelta(days=30)
    return (
        stakeholders_for(user).filter(organisation_id=case.organisation_id, case=case)
        .select_related("owner").prefetch_related("contacts")
        .annotate(recent_contacts=Count("communications", filter=Q(communications__occurred_at__gte=since),
                                        distinct=True))
        .order_by("kind", "name", "id")
    )


def get_stakeholder_for(*, user, case: Case, pk) -> Stakeholder:
    try:
        return stakeholders_for(user).select_related("owner", "case").get(
            organisation_id=case.organisation_id, case=case, pk=pk)
    except (Stakeholder.DoesNotExist, ValueError, TypeError):
        raise Http404("No such stakeholder.") from None


def case_communications(*, user, case: Case, stakeholder: Stakeholder | None = None) -> QuerySet[Communication]:
    qs = Communication.objects.filter(organisation_id=case.organisation_id, case=case,
                                      case__in=cases_for(user))
    if stakeholder is not None:
        qs = qs.filter(stakeholders=stakeholder)
    return qs.select_related("created_by").prefetch_related(
        Prefetch("stakeholders", queryset=Stakeholder.objects.only("id", "name", "kind"))
    ).order_by("-occurred_at", "-id")


def follow_ups_due(*, user, within_days: int = 7) -> QuerySet[Communication]:
    """Open follow-ups due soon or overdue, across the cases the user sees (for the dashboard)."""
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    return (Communication.objects.filter(case__in=cases_for(user), follow_up_due__isnull=False,
                                         follow_up_due__lte=horizon, follow_up_done_on__isnull=True)
            .exclude(case__stage=Stage.CLOSED).select_related("case").order_by("follow_up_due", "id"))


def case_press_lines(*, user, case: Case) -> QuerySet[PressLine]:
    return (PressLine.objects.filter(organisation_id=case.organisation_id, case=case, case__in=cases_for(user))
            .prefetch_related(Prefetch("versions", queryset=PressLineVersion.objects.select_related(
                "written_by", "approved_by").order_by("-number"))).order_by("title"))


def case_schedules(*, user, case: Case) -> QuerySet[UpdateSchedule]:
    return (UpdateSchedule.objects.filter(organisation_id=case.organisation_id, case=case, case__in=cases_for(user))
            .prefetch_related("stakeholders").order_by("next_due_at", "id"))


def case_status_reports(*, user, case: Case) -> QuerySet[StatusReport]:
    return (StatusReport.objects.filter(organisation_id=case.organisation_id, case=case, case__in=cases_for(user))
            .select_related("report", "approved_by")
            .prefetch_related("stakeholders", Prefetch("deliveries", queryset=Delivery.objects.order_by("email")))
            .order_by("-created_at", "-id"))


def get_status_report_for(*, user, case: Case, pk) -> StatusReport:
    try:
        return case_status_reports(user=user, case=case).get(pk=pk)
    except (StatusReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such status report.") from None


# The content of a status report ----------------------------------------------------------------


def previous_report(*, status_report: StatusReport) -> StatusReport | None:
    """The last report sent to any of the same stakeholders: what "changed since" compares with."""
    return (StatusReport.objects.filter(case=status_report.case, status=StatusReport.Status.SENT,
                                        stakeholders__in=status_report.stakeholders.all())
            .exclude(pk=status_report.pk).order_by("-sent_at", "-id").first())


def _changes(before: dict, after: dict) -> list[str]:
    if not before:
        return ["This is the first status report sent to these stakeholders."]
    changes = []
    if before.get("stage") != after["stage"]:
        changes.append(f"The case moved from {before.get('stage_label')} to {after['stage_label']}.")
    if before.get("rag") != after["rag"]:
        changes.append(f"Overall status changed from {before.get('rag', '').title()} to {after['rag'].title()}.")
    for band in BAND_ORDER:
        old, new = before.get("bands", {}).get(band.value, 0), after["bands"][band.value]
        if old != new:
            word = "fewer" if new < old else "more"
            changes.append(f"{band.label} risks: {old} → {new} ({abs(new - old)} {word}).")
    if before.get("actions_percent") != after["actions_percent"]:
        changes.append(f"Actions done or verified: {before.get('actions_percent')}% → {after['actions_percent']}%.")
    if before.get("actions_overdue") != after["actions_overdue"]:
        changes.append(f"Overdue actions: {before.get('actions_overdue')} → {after['actions_overdue']}.")
    return changes or ["No change in stage, risks or the action plan since the last report."]


def status_report_context(*, case: Case, previous: StatusReport | None, status_report: StatusReport) -> dict:
    """Everything a status report shows — case-level figures, titles and dates only.

    It carries no personal data of children: no chronology text, no risk descriptions, no notes,
    no mediation notes; only titles, counts, bands and dates of this one case.
    """
    today = timezone.localdate()
    risks = Risk.objects.filter(organisation_id=case.organisation_id, case=case).exclude(status=Risk.Status.CLOSED)
    counts = risk_register_counts(risks)
    top_risks = list(risks.order_by("band_rank", "-current_score", "id")[:5])
    stats = case_action_stats(case=case)
    actions = Action.objects.filter(organisation_id=case.organisation_id, case=case)
    overdue = list(actions.filter(due_on__lt=today).exclude(status__in=COMPLETE).order_by("due_on")[:10])
    next_actions = list(actions.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=14))
                        .exclude(status__in=COMPLETE).order_by("due_on")[:8])
    deadlines = list(Deadline.objects.filter(organisation_id=case.organisation_id, case=case,
                                             completed_on__isnull=True).order_by("due_on")[:5])
    stakeholders = list(
        Stakeholder.objects.filter(organisation_id=case.organisation_id, case=case)
        .annotate(contacts_30_days=Count("communications", filter=Q(
            communications__occurred_at__gte=timezone.now() - dt.timedelta(days=30)), distinct=True))
        .order_by("kind", "name")
    )
    snapshot = {
        "at": timezone.now().isoformat(),
        "stage": case.stage,
        "stage_label": case.get_stage_display(),
        "rag": case.rag,
        "bands": {value: n for value, _, n in counts["by_band"]},
        "actions_percent": stats["percent_complete"],
        "actions_overdue": stats["overdue"],
    }
    return {
        "case": case,
        "today": today,
        "status_report": status_report,
        "previous": previous,
        "changes": _changes(previous.snapshot if previous else {}, snapshot),
        "counts": counts,
        "grid": risk_heat_map(risks, basis="current"),
        "top_risks": top_risks,
        "stats": stats,
        "overdue": overdue,
        "next_actions": next_actions,
        "deadlines": deadlines,
        "stakeholders": stakeholders,
        "checkpoints": list(case_checkpoints(case=case)),
        "snapshot": snapshot,
    }

"""Reads of a case's closure report: who sees which version, what the report shows, and the texts
the personal-data check reads.

The case's consultants (those who manage it) see every version, its findings and overrides; the
leaders who see the case read approved versions only; staff read none. A version someone may not
read answers 404, as a missing one does.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from assessment import selectors as assessment_selectors
from crisis.access import can_manage_case, is_case_leader
from crisis.models import Case, ChronologyEntry, Membership
from crisis.pdf import document_furniture
from crisis.privacy import GuardHit, GuardText, protected_names_for, scan
from crisis.selectors import case_stage_changes
from response import selectors as response_selectors

from ..models import ClosureGuardOverride, ClosureReport
from . import exit as readiness
from . import surveys
from .matrix import _coverage, _organisation_grid

__all__ = [
    "can_read_closure_reports",
    "closure_guard_hits",
    "closure_guard_texts",
    "closure_overrides",
    "closure_report_context",
    "closure_reports_for",
    "get_closure_report_for",
    "latest_closure_report",
]

# The chronology entries that say why the case was opened: the first ones shared with the organisation.
OPENING_ENTRIES = 5
# The PDF lists at most this many open actions and open risks, and says how many more there are.
LIST_LIMIT = 60


def can_read_closure_reports(*, user, case: Case) -> bool:
    """The case's consultants, and the leaders who see the case (approved versions only)."""
    return can_manage_case(user=user, case=case) or is_case_leader(user=user, case=case)


def closure_reports_for(*, user, case: Case) -> QuerySet[ClosureReport]:
    """The versions of a visible case's closure report the user may read, newest first."""
    qs = ClosureReport.objects.filter(organisation_id=case.organisation_id, case=case).select_related(
        "case", "requested_by", "decided_by", "created_by", "report")
    if can_manage_case(user=user, case=case):
        return qs.order_by("-number")
    if is_case_leader(user=user, case=case):
        return qs.filter(status=ClosureReport.Status.APPROVED).order_by("-number")
    return qs.none()


def get_closure_report_for(*, user, case: Case, pk) -> ClosureReport:
    """One version of a visible case's closure report; Http404 when the user may not read it."""
    try:
        return closure_reports_for(user=user, case=case).get(pk=pk)
    except (ClosureReport.DoesNotExist, ValueError, TypeError):
        raise Http404("No such closure report.") from None


def latest_closure_report(*, case: Case) -> ClosureReport | None:
    """The newest version of the case's report, whatever its status (services decide from it)."""
    return ClosureReport.objects.filter(organisation_id=case.organisation_id, case=case).order_by("-number").first()


def closure_overrides(*, closure: ClosureReport) -> QuerySet[ClosureGuardOverride]:
    """The findings consultants let stand on this version, with who and why (consultants only)."""
    return ClosureGuardOverride.objects.filter(organisation_id=closure.organisation_id,
                                               closure_report=closure).select_related("overridden_by")


# What the report shows ------------------------------------------------------------------------


def _band_counts(grid: list[list[dict]]) -> list[tuple[str, str, int]]:
    """(band, label, count) from a heat map's cells, highest band first: no query of its own."""
    counts = Counter()
    for row in grid:
        for cell in row:
            counts[cell["band"]] += cell["count"]
    return [(band.value, band.label, counts[band.value]) for band in assessment_selectors.BAND_ORDER]


def _owner_roles(case: Case, owners) -> dict[int, str]:
    """What each owner is to the organisation: their job title or role there, else "Consultant"."""
    ids = {owner.pk for owner in owners if owner is not None}
    roles: dict[int, str] = {}
    if ids:
        for user_id, role, job_title in Membership.objects.filter(
                organisation_id=case.organisation_id, user_id__in=ids).values_list("user_id", "role", "job_title"):
            roles[user_id] = job_title or Membership.Role(role).label
    return {pk: roles.get(pk, "Consultant") for pk in ids}


def _dated(closure: ClosureReport) -> dt.date:
    return timezone.localdate(closure.decided_at or closure.requested_at or closure.created_at)


def closure_report_context(*, case: Case, closure: ClosureReport) -> dict:
    """Everything the closure report shows, in a fixed number of queries whatever the size of the
    case: why it was opened, what was found (the register at the start and now), what was done, what
    remains and who owns it, the lessons learned, the exit criteria and the sign-offs."""
    today = _dated(closure)
    organisation = case.organisation
    register = assessment_selectors.case_register_risks(case=case)
    open_risks_qs = assessment_selectors.open_risks(case=case)
    grid_start = assessment_selectors.risk_heat_map(register, basis="inherent")
    grid_now = assessment_selectors.risk_heat_map(open_risks_qs, basis="current")
    open_risks = list(open_risks_qs.select_related("owner")[:LIST_LIMIT + 1])
    open_actions = list(response_selectors.case_actions_open(case=case)[:LIST_LIMIT + 1])
    roles = _owner_roles(case, [item.owner for item in [*open_actions[:LIST_LIMIT], *open_risks[:LIST_LIMIT]]])
    for item in [*open_actions, *open_risks]:
        item.owner_role = roles.get(item.owner_id, "") if item.owner_id else ""
    requirements, people, cells = _organisation_grid(organisation, today=timezone.localdate())
    coverage, overall = _coverage(requirements, people, cells)
    opening = list(ChronologyEntry.objects.filter(organisation_id=case.organisation_id, case=case,
                                                  shared_with_organisation=True, occurred_at__lt=closure.created_at)
                   .order_by("occurred_at", "id")[:OPENING_ENTRIES])
    case_readiness = readiness.case_readiness(case=case)
    survey_trend = surveys.case_survey_trend(case=case)
    shown = {(point["survey_id"], group["group"]) for group in survey_trend for point in group["points"]}
    start_counts, now_counts = _band_counts(grid_start), _band_counts(grid_now)
    return {
        **document_furniture(case=case, version=f"Closure report {closure.number}", dated=today),
        "case": case,
        "organisation": organisation,
        "closure": closure,
        "today": today,
        "opening": opening,
        "stage_changes": list(case_stage_changes(case=case)),
        "grid_start": grid_start,
        "grid_now": grid_now,
        "bands": [(label, start, now) for (_, label, start), (_, _, now) in zip(start_counts, now_counts, strict=True)],
        "risks_start_total": sum(n for _, _, n in start_counts),
        "risks_now_total": sum(n for _, _, n in now_counts),
        "open_risks": open_risks[:LIST_LIMIT],
        "open_risks_more": max(0, len(open_risks) - LIST_LIMIT),
        "stats": response_selectors.case_action_stats(case=case),
        "open_actions": open_actions[:LIST_LIMIT],
        "open_actions_more": max(0, len(open_actions) - LIST_LIMIT),
        "policies": response_selectors.organisation_policies_with_compliance(organisation=organisation),
        "training_coverage": coverage,
        "training_overall": overall,
        "training_people": len(people),
        # What staff, pupils and parents said over the case: each group's key score per round (only
        # rounds at or above the threshold) and the free-text answers a consultant marked shareable.
        "survey_trend": survey_trend,
        "surveys": [
            {"title": f"{group['label']}: {point['round_label'].lower()} ({point['opens_on']:%b %Y})",
             "responses": point["responses"],
             "result": (f"{point['score']} of 5 on the key questions"
                        + (f" ({point['difference']:+} since the baseline)"
                           if point["difference"] is not None and point["round"] != "baseline" else ""))}
            for group in survey_trend for point in group["points"]
        ],
        # Only from a round and group whose results are shown: a quote from fewer respondents could
        # identify its writer.
        "survey_quotes": [comment for comment in surveys.case_shareable_quotes(case=case)
                          if (comment.response.survey_id, comment.response.group) in shown],
        "readiness": case_readiness,
    }


# The personal-data check ------------------------------------------------------------------------


def _url(name: str, case: Case, **kwargs) -> str:
    return reverse(name, kwargs={"reference": case.reference, **kwargs})


def closure_guard_texts(context: dict) -> list[GuardText]:
    """Every free text the report carries out of the organisation, with where to fix it."""
    case: Case = context["case"]
    closure: ClosureReport = context["closure"]
    here = _url("training:closure_detail", case, pk=closure.pk)
    texts = [
        GuardText(key=f"case:{case.pk}:title", record=f"Case {case.reference}", field="title", text=case.title,
                  url=_url("crisis:case_edit", case)),
        GuardText(key=f"case:{case.pk}:summary", record=f"Case {case.reference}", field="summary",
                  text=case.summary, url=_url("crisis:case_edit", case)),
        GuardText(key=f"closure:{closure.pk}:lessons_learned", record=f"Closure report {closure.number}",
                  field="lessons learned", text=closure.lessons_learned, url=here),
        GuardText(key=f"closure:{closure.pk}:handover", record=f"Closure report {closure.number}",
                  field="handover", text=closure.handover, url=here),
    ]
    for change in context["stage_changes"]:
        texts.append(GuardText(key=f"stage_change:{change.pk}:rationale", record="Stage change",
                               field=f"of {timezone.localdate(change.changed_at):%d %b %Y}", text=change.rationale,
                               url=_url("crisis:case_detail", case)))
    for entry in context["opening"]:
        text = "\n".join(part for part in (entry.title, entry.details, entry.decision, entry.rationale) if part)
        texts.append(GuardText(key=f"chronology:{entry.pk}:text", record="Chronology entry",
                               field=f"of {timezone.localdate(entry.occurred_at):%d %b %Y}", text=text,
                               url=_url("crisis:case_detail", case) + "#chronology"))
    for action in context["open_actions"]:
        texts.append(GuardText(key=f"action:{action.pk}:title", record=f"Action A-{action.pk}", field="title",
                               text=action.title, url=_url("response:action_detail", case, pk=action.pk)))
    for risk in context["open_risks"]:
        texts.append(GuardText(key=f"risk:{risk.pk}:title", record=f"Risk R-{risk.pk}", field="title",
                               text=risk.title, url=_url("assessment:risk_detail", case, pk=risk.pk)))
    for policy in context["policies"]:
        texts.append(GuardText(key=f"policy:{policy.pk}:title", record="Policy", field="title", text=policy.title,
                               url=reverse("response:policy_detail",
                                           kwargs={"pk": case.organisation_id, "policy_pk": policy.pk})))
    override = context["readiness"].get("override")
    if override is not None and getattr(override, "reason", ""):
        texts.append(GuardText(key=f"exit_override:{getattr(override, 'pk', '')}:reason",
                               record="Exit criteria override", field="reason", text=override.reason, url=""))
    for comment in context.get("survey_quotes") or []:
        survey = comment.response.survey
        texts.append(GuardText(key=f"survey_comment:{comment.pk}:text", record=f"Survey “{survey.title}”",
                               field="shared comment", text=comment.text,
                               url=_url("training:survey_detail", case, pk=survey.pk)))
    return texts


def _allowed(case: Case) -> list[str]:
    """What the document's own furniture carries: the lead consultant's address, the reply-to."""
    allowed = [settings.REPORT_REPLY_TO, settings.DEFAULT_FROM_EMAIL]
    if case.lead_consultant_id:
        allowed.append(case.lead_consultant.email)
    return allowed


def closure_guard_hits(*, case: Case, closure: ClosureReport, context: dict | None = None) -> list[GuardHit]:
    """What the check finds in the report as it would be rendered now, overridden findings left out.
    Each hit carries the text found (`match`): for the case's consultants only."""
    context = context or closure_report_context(case=case, closure=closure)
    hits = scan(closure_guard_texts(context), protected_names=protected_names_for(case),
                today=timezone.localdate(), allowed=_allowed(case))
    overridden = set(closure_overrides(closure=closure).values_list("hit_id", flat=True)) if closure.pk else set()
    return [hit for hit in hits if hit.hit_id not in overridden]

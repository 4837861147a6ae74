"""Moving out of critical care: a case's exit criteria, how far it meets each today, its sign-offs,
its override and its follow-up reviews.

A case has eight criteria (`EXIT_DEFAULTS`), proposed from the defaults until a consultant edits
them. Each is read live, in a fixed number of queries whatever the size of the case or the
organisation: the risk counts (assessment's selectors), the action stats and the policies'
compliance (response's selectors), the training grid (the matrix's own reading), the statutory
deadlines, the sign-offs and the overrides.

Sign-offs and overrides belong to one Recovery period: they count from the moment the case last
entered Recovery (`recovery_period_start`); a case re-opened from Closed is signed off again.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from assessment import selectors as assessment_selectors
from crisis.access import can_manage_case, is_case_leader
from crisis.models import Case, Deadline, Stage, StageChange, User
from crisis.selectors import get_case_for
from response import selectors as response_selectors

from ..models import ExitCriterion, ExitCriterionKind, ExitDecision, ExitOverride, ExitSignOff, FollowUpReview
from . import surveys
from .matrix import CURRENT, EXPIRING, _organisation_grid

__all__ = [
    "EXIT_DEFAULTS",
    "PERCENT_KINDS",
    "add_months",
    "can_read_exit",
    "can_record_follow_up",
    "can_sign_off_as",
    "case_exit_decision",
    "case_exit_overrides",
    "case_follow_ups",
    "case_readiness",
    "exit_criteria",
    "exit_problems",
    "follow_up_recipients",
    "follow_ups_due",
    "get_exit_case_for",
    "get_exit_override_for",
    "get_follow_up_for",
    "recovery_period_start",
    "threshold_text",
]

K = ExitCriterionKind

# The criteria a case starts from, in order, with their default thresholds (a percentage, a score
# of 5, or None where there is nothing to set).
EXIT_DEFAULTS: list[tuple[str, Decimal | None]] = [
    (K.RISKS, None),
    (K.ACTIONS, Decimal(90)),
    (K.TRAINING, Decimal(95)),
    (K.SURVEY, Decimal("4.0")),
    (K.DEADLINES, None),
    (K.POLICIES, Decimal(90)),
    (K.LEADER_SIGNOFF, None),
    (K.LEAD_SIGNOFF, None),
]
PERCENT_KINDS = (K.ACTIONS, K.TRAINING, K.POLICIES)
SCORE_KINDS = (K.SURVEY,)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day so many months later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# Who may do what ---------------------------------------------------------------------------


def can_read_exit(*, user, case: Case) -> bool:
    """The exit page is read by the case's consultants and its leaders; staff do not read it."""
    return can_manage_case(user=user, case=case) or is_case_leader(user=user, case=case)


def can_sign_off_as(*, user, case: Case, role: str) -> bool:
    """A leader who sees the case signs as leader; the case's lead consultant signs as lead."""
    if role == ExitSignOff.Role.LEADER:
        return is_case_leader(user=user, case=case)
    if role == ExitSignOff.Role.LEAD_CONSULTANT:
        return bool(case.lead_consultant_id and user.pk == case.lead_consultant_id
                    and can_manage_case(user=user, case=case))
    return False


def can_record_follow_up(*, user, case: Case) -> bool:
    """The lead consultant records a follow-up review (any consultant of the case when it has no lead;
    a consultancy admin always)."""
    if not can_manage_case(user=user, case=case):
        return False
    return user.is_consultancy_admin or case.lead_consultant_id in (None, user.pk)


def get_exit_case_for(*, user, reference: str) -> Case:
    """The case, if the user sees it (404 otherwise) and reads its exit criteria (403 for staff)."""
    case = get_case_for(user=user, reference=reference)
    if not can_read_exit(user=user, case=case):
        raise PermissionDenied("A case's exit criteria are read by its consultants and its leaders.")
    return case


# The criteria ------------------------------------------------------------------------------


def exit_criteria(*, case: Case) -> list[ExitCriterion]:
    """Every criterion of the case in order, enabled or not: its rows, and the defaults (unsaved)
    for any kind without one. One query; nothing is written."""
    rows = {row.kind: row for row in ExitCriterion.objects.filter(organisation_id=case.organisation_id, case=case)}
    found = []
    for position, (kind, threshold) in enumerate(EXIT_DEFAULTS):
        found.append(rows.get(kind) or ExitCriterion(organisation_id=case.organisation_id, case=case, kind=kind,
                                                     threshold=threshold, enabled=True, position=position))
    return sorted(found, key=lambda row: (row.position, [k for k, _ in EXIT_DEFAULTS].index(row.kind)))


def _percent(value: Decimal | None) -> int:
    return int(value or 0)


def threshold_text(kind: str, threshold: Decimal | None) -> str:
    """What a criterion asks for, in words: "at least 90%", "none open", "all met"."""
    if kind in PERCENT_KINDS:
        return f"at least {_percent(threshold)}%"
    if kind in SCORE_KINDS:
        return f"at least {threshold or 0:.1f} of 5"
    return {
        K.RISKS: "none open",
        K.DEADLINES: "all met",
        K.LEADER_SIGNOFF: "signed by a leader of the organisation",
        K.LEAD_SIGNOFF: "signed by the lead consultant",
    }[kind]


def _need_text(kind: str, threshold: Decimal | None) -> str:
    if kind in PERCENT_KINDS or kind in SCORE_KINDS:
        return f"{threshold_text(kind, threshold)} needed"
    return {
        K.RISKS: "none may remain open",
        K.DEADLINES: "every one must be met",
        K.LEADER_SIGNOFF: "a leader of the organisation must sign",
        K.LEAD_SIGNOFF: "the lead consultant must sign",
    }[kind]


@dataclass
class Result:
    kind: str
    label: str
    threshold_text: str
    figure_text: str
    met: bool
    fix_url: str | None
    fix_label: str
    problem: str

    def as_item(self) -> dict:
        return {"kind": self.kind, "label": self.label, "threshold_text": self.threshold_text,
                "figure_text": self.figure_text, "met": self.met, "fix_url": self.fix_url,
                "fix_label": self.fix_label}


def recovery_period_start(*, case: Case) -> dt.datetime | None:
    """When the case entered its current Recovery period: now in Recovery, since it moved there; now
    Closed, since it last entered Recovery before closing (what its closing counted). None in any
    other stage: no sign-off or override counts then."""
    if case.stage == Stage.RECOVERY:
        return case.stage_changed_at
    if case.stage == Stage.CLOSED:
        entered = (StageChange.objects.filter(organisation_id=case.organisation_id, case=case,
                                              to_stage=Stage.RECOVERY)
                   .order_by("-changed_at", "-id").values_list("changed_at", flat=True).first())
        # A case brought into Safehold already in Recovery never moved there: its whole life counts.
        return entered or timezone.make_aware(dt.datetime.combine(case.opened_on, dt.time.min))
    return None


def _signoffs(case: Case, start: dt.datetime | None) -> dict[str, ExitSignOff]:
    """The latest sign-off of each role in the period (one query)."""
    if start is None:
        return {}
    latest: dict[str, ExitSignOff] = {}
    for signoff in (ExitSignOff.objects.filter(organisation_id=case.organisation_id, case=case,
                                               signed_at__gte=start).select_related("user")
                    .order_by("-signed_at", "-id")):
        latest.setdefault(signoff.role, signoff)
    return latest


def _overrides(case: Case, start: dt.datetime | None) -> tuple[ExitOverride | None, ExitOverride | None]:
    """(the approved override, the pending one) of the period (one query)."""
    if start is None:
        return None, None
    approved = pending = None
    for override in (ExitOverride.objects.filter(
            organisation_id=case.organisation_id, case=case, requested_at__gte=start,
            status__in=[ExitOverride.Status.APPROVED, ExitOverride.Status.PENDING])
            .select_related("requested_by", "decided_by").order_by("-requested_at", "-id")):
        if override.status == ExitOverride.Status.APPROVED and approved is None:
            approved = override
        elif override.status == ExitOverride.Status.PENDING and pending is None:
            pending = override
    return approved, pending


def _risks(case: Case) -> tuple[str, bool]:
    counts = assessment_selectors.open_risk_counts_by_band(case=case)
    critical, high = counts.get("critical", 0), counts.get("high", 0)
    if not critical and not high:
        return "None open", True
    return f"{critical + high} open ({critical} critical, {high} high)", False


def _actions(case: Case, threshold: Decimal | None) -> tuple[str, bool]:
    stats = response_selectors.case_action_stats(case=case)
    total, verified = stats["total"], stats["verified"]
    if not total:
        return "No actions in the plan yet", False
    percent = 100 * verified // total
    return f"{percent}% ({verified} of {total})", percent >= _percent(threshold)


def _training(case: Case, threshold: Decimal | None, today: dt.date) -> tuple[str, bool]:
    """The share of (current person, mandatory requirement that applies to them) pairs in date."""
    requirements, people, cells = _organisation_grid(case.organisation, today=today)
    mandatory = [index for index, requirement in enumerate(requirements) if requirement.mandatory]
    applicable = in_date = 0
    for person in people:
        row = cells[person["id"]]
        for index in mandatory:
            if row[index].applies:
                applicable += 1
                in_date += row[index].status in (CURRENT, EXPIRING)
    if not applicable:
        return "No mandatory training applies to anyone on the staff list yet", False
    percent = 100 * in_date // applicable
    return f"{percent}% ({in_date} of {applicable})", percent >= _percent(threshold)


def _survey(case: Case, threshold: Decimal | None) -> tuple[str, bool]:
    found = surveys.staff_survey_key_score(case=case)
    if not found:
        return "No staff survey with enough responses yet", False
    score = float(found["score"])
    text = f"{score:.1f} of 5 ({found['responses']} responses)"
    if found.get("baseline_score") is not None:
        text += f"; {float(found['baseline_score']):.1f} at the baseline"
    return text, score >= float(threshold or 0)


def _deadlines(case: Case, today: dt.date) -> tuple[str, bool]:
    statutory = list(Deadline.objects.filter(organisation_id=case.organisation_id, case=case, statutory=True)
                     .order_by("due_on", "id"))
    if not statutory:
        return "No statutory deadlines on this case", True
    open_ = [d for d in statutory if d.completed_on is None]
    if not open_:
        return f"All {len(statutory)} met", True
    shown = "; ".join(f"{d.title} (due {d.due_on:%-d %b %Y}{', overdue' if d.due_on < today else ''})"
                      for d in open_[:5]) + ("; …" if len(open_) > 5 else "")
    return f"{len(statutory) - len(open_)} of {len(statutory)} met; not met: {shown}", False


def _policies(case: Case, threshold: Decimal | None) -> tuple[str, bool]:
    found = response_selectors.organisation_policy_compliance(organisation=case.organisation)
    if not found["count"]:
        return "No policy with a best-practice checklist in the register yet", False
    lowest = found["lowest"]
    plural = "policy" if found["count"] == 1 else "policies"
    text = (f"{found['average']}% on average over {found['count']} {plural}; "
            f"lowest: {lowest.title} ({lowest.compliance}%)")
    return text, found["average"] >= _percent(threshold)


def _signed(signoff: ExitSignOff | None) -> tuple[str, bool]:
    if signoff is None:
        return "Not signed in this Recovery period", False
    return f"Signed by {signoff.user} on {timezone.localtime(signoff.signed_at):%-d %b %Y}", True


def _fix(kind: str, case: Case) -> tuple[str | None, str]:
    if kind == K.RISKS:
        return reverse("assessment:risk_register", args=[case.reference]), "Open the risk register"
    if kind == K.ACTIONS:
        return reverse("response:action_list", args=[case.reference]), "Open the action plan"
    if kind == K.TRAINING:
        return reverse("training:gaps", args=[case.organisation_id]), "See the training gaps"
    if kind == K.SURVEY:
        try:
            return reverse("training:survey_list", args=[case.reference]), "Open the staff surveys"
        except NoReverseMatch:
            return case.get_absolute_url(), "Open the case"
    if kind == K.DEADLINES:
        return f"{case.get_absolute_url()}#deadlines", "See the deadlines"
    if kind == K.POLICIES:
        return reverse("response:policy_list", args=[case.organisation_id]), "Open the policy register"
    return f"{reverse('training:exit_readiness', args=[case.reference])}#sign-off", "Sign off"


def _lower_first(text: str) -> str:
    """"No survey yet" reads "no survey yet" after a colon; "DSL training" stays as it is."""
    return text[0].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def _evaluate(case: Case, *, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    start = recovery_period_start(case=case)
    signoffs = _signoffs(case, start)
    approved, pending = _overrides(case, start)
    results = []
    for criterion in exit_criteria(case=case):
        if not criterion.enabled:
            continue
        kind, threshold = criterion.kind, criterion.threshold
        if kind == K.RISKS:
            figure, met = _risks(case)
        elif kind == K.ACTIONS:
            figure, met = _actions(case, threshold)
        elif kind == K.TRAINING:
            figure, met = _training(case, threshold, today)
        elif kind == K.SURVEY:
            figure, met = _survey(case, threshold)
        elif kind == K.DEADLINES:
            figure, met = _deadlines(case, today)
        elif kind == K.POLICIES:
            figure, met = _policies(case, threshold)
        elif kind == K.LEADER_SIGNOFF:
            figure, met = _signed(signoffs.get(ExitSignOff.Role.LEADER))
        else:
            if not case.lead_consultant_id:
                figure, met = "The case has no lead consultant", False
            else:
                figure, met = _signed(signoffs.get(ExitSignOff.Role.LEAD_CONSULTANT))
        label = K(kind).label
        fix_url, fix_label = _fix(kind, case)
        problem = f"{label}: {_lower_first(figure)}; {_need_text(kind, threshold)}."
        results.append(Result(kind, label, threshold_text(kind, threshold), figure, met, fix_url, fix_label,
                              problem))
    return {"results": results, "signoffs": signoffs, "override": approved, "pending_override": pending}


def case_readiness(*, case: Case) -> dict:
    """How far the case meets its enabled exit criteria today, in a fixed number of queries:

    {"criteria": [{"kind", "label", "threshold_text", "figure_text", "met", "fix_url", "fix_label"}],
     "all_met": bool, "unmet": [the unmet items], "override": the approved ExitOverride of the current
     Recovery period or None, "pending_override": the pending one or None,
     "signoffs": [{"role", "role_label", "name", "signed_at"}]}

    The caller has checked that the user may read it (`can_read_exit`); nothing is written.
    """
    found = _evaluate(case)
    criteria = [result.as_item() for result in found["results"]]
    unmet = [item for item in criteria if not item["met"]]
    signoffs = [
        {"role": role, "role_label": ExitSignOff.Role(role).label, "name": str(signoff.user),
         "signed_at": signoff.signed_at}
        for role in (ExitSignOff.Role.LEADER, ExitSignOff.Role.LEAD_CONSULTANT)
        if (signoff := found["signoffs"].get(role)) is not None
    ]
    return {"criteria": criteria, "all_met": not unmet, "unmet": unmet, "override": found["override"],
            "pending_override": found["pending_override"], "signoffs": signoffs}


def exit_problems(*, case: Case) -> list[str]:
    """Each unmet enabled criterion in a sentence with its figure ("Actions verified: 71% (22 of 31);
    at least 90% needed."); empty when all are met."""
    return [result.problem for result in _evaluate(case)["results"] if not result.met]


# Overrides, decisions and follow-ups ---------------------------------------------------------


def case_exit_overrides(*, case: Case) -> QuerySet[ExitOverride]:
    """Every override asked for on the case, newest first."""
    return (ExitOverride.objects.filter(organisation_id=case.organisation_id, case=case)
            .select_related("requested_by", "decided_by").order_by("-requested_at", "-id"))


def get_exit_override_for(*, user, case: Case, pk) -> ExitOverride:
    """An override of this case (the case was reached through `get_exit_case_for`); 404 otherwise."""
    if not can_read_exit(user=user, case=case):
        raise Http404("No such override.")
    try:
        return case_exit_overrides(case=case).get(pk=pk)
    except (ExitOverride.DoesNotExist, ValueError, TypeError):
        raise Http404("No such override.") from None


def case_exit_decision(*, case: Case) -> ExitDecision | None:
    """What the criteria showed when the case last closed."""
    return (ExitDecision.objects.filter(organisation_id=case.organisation_id, case=case)
            .select_related("override", "decided_by").order_by("-decided_at", "-id").first())


def case_follow_ups(*, case: Case) -> QuerySet[FollowUpReview]:
    return (FollowUpReview.objects.filter(organisation_id=case.organisation_id, case=case)
            .select_related("done_by").order_by("due_on", "id"))


def get_follow_up_for(*, user, case: Case, pk) -> FollowUpReview:
    if not can_read_exit(user=user, case=case):
        raise Http404("No such follow-up review.")
    try:
        return case_follow_ups(case=case).get(pk=pk)
    except (FollowUpReview.DoesNotExist, ValueError, TypeError):
        raise Http404("No such follow-up review.") from None


def follow_ups_due(*, day: dt.date) -> QuerySet[FollowUpReview]:
    """Follow-up reviews of closed cases due on `day` or before and never reminded (or whose reminder
    failed): for the daily task, which acts for no user and spans every organisation."""
    return (FollowUpReview.objects.filter(status=FollowUpReview.Status.PENDING, due_on__lte=day,
                                          reminded_at__isnull=True, case__stage=Stage.CLOSED)
            .filter(Q(reminder_status="") | Q(reminder_status=FollowUpReview.ReminderStatus.FAILED))
            .order_by("due_on", "id"))


def follow_up_recipients(case: Case) -> list[User]:
    """Who hears of a follow-up due: the lead consultant, or else the case's named consultants."""
    if case.lead_consultant_id and case.lead_consultant.is_active:
        return [case.lead_consultant]
    return list(case.consultants.filter(is_active=True).order_by("full_name", "email"))

"""Writes of the risk register: identify, edit, re-score, close, comment, and sign the assessment off."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis import permissions as perms
from crisis.access import can_manage_case, check_owner, has_org_permission
from crisis.audit import audit_record
from crisis.models import Case, Stage, User
from crisis.services import chronology_record_automatic, start_of_day

from ..models import AssessmentSignOff, CategoryNoRisk, Risk, RiskCategory, RiskComment, RiskScoreChange
from ..risk_matrix import band_for, band_rank, review_due, score

__all__ = [
    "RISK_EDITABLE_FIELDS",
    "SCORE_FIELDS",
    "assessment_gate_problems",
    "assessment_sign_off",
    "category_mark_no_risk",
    "category_unmark_no_risk",
    "risk_close",
    "risk_comment_create",
    "risk_create",
    "risk_rescore",
    "risk_update",
]

SCORE_FIELDS = (
    "inherent_likelihood", "inherent_impact",
    "current_likelihood", "current_impact",
    "target_likelihood", "target_impact",
)
RISK_EDITABLE_FIELDS = (
    "category", "title", "description", "cause", "consequence", "owner", "identified_on",
    "treatment", "treatment_rationale", "status", "review_due_on",
)


def _require_editor(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can change its risk register.")


def _require_open_case(case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise ValidationError("The case is closed: its risk register can no longer be changed.")


def _snapshot(risk: Risk) -> dict[str, list[int]]:
    return {
        "inherent": [risk.inherent_likelihood, risk.inherent_impact],
        "current": [risk.current_likelihood, risk.current_impact],
        "target": [risk.target_likelihood, risk.target_impact],
    }


def _check_levels(values: dict[str, int | None]) -> None:
    errors = {}
    for name, value in values.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            errors[name] = f"{name.replace('_', ' ').capitalize()} must be a whole number from 1 to 5, not {value!r}."
    if errors:
        raise ValidationError(errors)


def _derive(risk: Risk, *, reviewed_on: dt.date | None = None) -> None:
    """Score, band and (unless overridden) review date, all from crisis.risk_matrix."""
    risk.current_score = score(risk.current_likelihood, risk.current_impact)
    risk.band = band_for(risk.current_likelihood, risk.current_impact)
    risk.band_rank = band_rank(risk.band)
    if reviewed_on is not None and not risk.review_due_overridden:
        risk.review_due_on = review_due(risk.band, reviewed_on)


@transaction.atomic
def risk_create(
    *,
    actor: User,
    case: Case,
    title: str,
    category: str,
    inherent_likelihood: int,
    inherent_impact: int,
    current_likelihood: int | None = None,
    current_impact: int | None = None,
    target_likelihood: int | None = None,
    target_impact: int | None = None,
    description: str = "",
    cause: str = "",
    consequence: str = "",
    owner: User | None = None,
    identified_on: dt.date | None = None,
    treatment: str = Risk.Treatment.MITIGATE,
    treatment_rationale: str = "",
    status: str = Risk.Status.OPEN,
    review_due_on: dt.date | None = None,
) -> Risk:
    """Put a risk on the register. Current defaults to inherent, target to current."""
    _require_editor(actor, case)
    _require_open_case(case)
    # Not given (None) means "same as the level before"; a 0 is a bad value and is refused below.
    current_likelihood = inherent_likelihood if current_likelihood is None else current_likelihood
    current_impact = inherent_impact if current_impact is None else current_impact
    target_likelihood = current_likelihood if target_likelihood is None else target_likelihood
    target_impact = current_impact if target_impact is None else target_impact
    levels = dict(zip(SCORE_FIELDS, (inherent_likelihood, inherent_impact, current_likelihood, current_impact,
                                     target_likelihood, target_impact), strict=True))
    _check_levels(levels)
    check_owner(case, owner)
    if status == Risk.Status.CLOSED:
        raise ValidationError({"status": "A new risk cannot be closed; close it once it is on the register."})
    identified_on = identified_on or timezone.localdate()
    if identified_on > timezone.localdate():
        raise ValidationError({"identified_on": "A risk cannot be identified on a future date."})
    identified_at = start_of_day(identified_on)
    risk = Risk(
        organisation_id=case.organisation_id,
        case=case,
        category=category,
        title=(title or "").strip(),
        description=description,
        cause=cause,
        consequence=consequence,
        owner=owner,
        identified_on=identified_on,
        treatment=treatment,
        treatment_rationale=treatment_rationale,
        status=status,
        review_due_overridden=review_due_on is not None,
        review_due_on=review_due_on or identified_on,
        last_reviewed_at=identified_at,
        created_by=actor,
        **levels,
    )
    _derive(risk, reviewed_on=identified_on if review_due_on is None else None)
    risk.full_clean(exclude=["case", "organisation", "created_by"])
    risk.save()
    RiskScoreChange.objects.create(
        organisation_id=case.organisation_id, case=case, risk=risk, changed_by=actor, reason="Identified",
        changed_at=identified_at, after=_snapshot(risk), current_score=risk.current_score, band=risk.band,
    )
    audit_record(
        actor=actor, verb="risk.created", obj=risk, case=case,
        summary={"title": risk.title, "category": category, "score": risk.current_score, "band": risk.band},
    )
    # A risk found in a category marked "assessed, no risk identified" withdraws the mark.
    for entry in CategoryNoRisk.objects.filter(case=case, category=category):
        audit_record(actor=actor, verb="risk_category.no_risk_removed", obj=entry, case=case,
                     summary={"category": category, "because": risk.title})
        entry.delete()
    return risk


@transaction.atomic
def risk_update(*, actor: User, risk: Risk, **changes) -> Risk:
    """Edit a risk's description, owner, treatment, status or review date; scores move by re-scoring."""
    _require_editor(actor, risk.case)
    _require_open_case(risk.case)
    unknown = set(changes) - set(RISK_EDITABLE_FIELDS)
    if unknown:
        hint = " Re-score to change likelihood or impact." if unknown & set(SCORE_FIELDS) else ""
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.{hint}")
    if changes.get("status") == Risk.Status.CLOSED and risk.status != Risk.Status.CLOSED:
        raise ValidationError({"status": "Close a risk with “Close risk”, which records why."})
    if "owner" in changes:
        check_owner(risk.case, changes["owner"])
    if changes.get("identified_on") and changes["identified_on"] > timezone.localdate():
        raise ValidationError({"identified_on": "A risk cannot be identified on a future date."})
    before = {name: getattr(risk, name) for name in changes}
    for name, value in changes.items():
        setattr(risk, name, value)
    if "review_due_on" in changes and changes["review_due_on"] != before["review_due_on"]:
        if changes["review_due_on"] is None:
            raise ValidationError({"review_due_on": "A risk always has a review date."})
        risk.review_due_overridden = True
    if before.get("status") == Risk.Status.CLOSED and risk.status != Risk.Status.CLOSED:
        risk.closed_on = None  # reopened
    risk.full_clean(exclude=["case", "organisation", "created_by"])
    diff = {name: {"from": str(before[name]), "to": str(value)} for name, value in changes.items()
            if before[name] != value}
    if diff:
        risk.save()
        audit_record(actor=actor, verb="risk.updated", obj=risk, case=risk.case, summary=diff)
    return risk


@transaction.atomic
def risk_rescore(
    *,
    actor: User,
    risk: Risk,
    reason: str,
    inherent_likelihood: int,
    inherent_impact: int,
    current_likelihood: int,
    current_impact: int,
    target_likelihood: int,
    target_impact: int,
    reviewed_at: dt.datetime | None = None,
) -> RiskScoreChange:
    """Review a risk's scores. The change is kept (who, when, old → new, why); the review clock restarts.

    Re-scoring with unchanged scores records a review with no change. `reviewed_at` records a
    review held earlier: never in the future, never before the risk's last review.
    """
    _require_editor(actor, risk.case)
    _require_open_case(risk.case)
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if risk.is_closed:
        raise ValidationError("The risk is closed: reopen it before re-scoring.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the scores changed (or that a review found no change)."})
    levels = dict(zip(SCORE_FIELDS, (inherent_likelihood, inherent_impact, current_likelihood, current_impact,
                                     target_likelihood, target_impact), strict=True))
    _check_levels(levels)
    reviewed_at = reviewed_at or timezone.now()
    if reviewed_at > timezone.now() + dt.timedelta(minutes=5) or reviewed_at < risk.last_reviewed_at:
        raise ValidationError({"reviewed_at": "A review is dated between the risk's last review and now."})
    before = _snapshot(risk)
    risk.previous_score = risk.current_score
    for name, value in levels.items():
        setattr(risk, name, value)
    risk.review_due_overridden = False
    risk.last_reviewed_at = reviewed_at
    _derive(risk, reviewed_on=timezone.localdate(reviewed_at))
    risk.save()
    change = RiskScoreChange.objects.create(
        organisation_id=risk.organisation_id, case=risk.case, risk=risk, changed_by=actor, reason=reason,
        changed_at=reviewed_at, before=before, after=_snapshot(risk), current_score=risk.current_score, band=risk.band,
    )
    audit_record(
        actor=actor, verb="risk.rescored", obj=risk, case=risk.case,
        summary={"before": before, "after": change.after, "reason": reason},
    )
    return change


@transaction.atomic
def risk_close(*, actor: User, risk: Risk, note: str, closed_on: dt.date | None = None) -> Risk:
    """Close a risk that no longer applies, saying why; the note is kept as a comment.

    `closed_on` records a closure decided earlier: not before the risk's last review, not in the future.
    """
    _require_editor(actor, risk.case)
    _require_open_case(risk.case)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Say why the risk is closed."})
    if risk.is_closed:
        raise ValidationError("The risk is already closed.")
    closed_on = closed_on or timezone.localdate()
    if closed_on > timezone.localdate() or closed_on < timezone.localdate(risk.last_reviewed_at):
        raise ValidationError({"closed_on": "A risk is closed between its last review and today."})
    risk.status = Risk.Status.CLOSED
    risk.closed_on = closed_on
    risk.save(update_fields=["status", "closed_on", "updated_at"])
    RiskComment.objects.create(
        organisation_id=risk.organisation_id, case=risk.case, risk=risk, author=actor, body=f"Closed: {note}",
        created_at=start_of_day(closed_on),
    )
    audit_record(actor=actor, verb="risk.closed", obj=risk, case=risk.case, summary={"note": note})
    return risk


@transaction.atomic
def risk_comment_create(
    *, actor: User, risk: Risk, body: str, created_at: dt.datetime | None = None
) -> RiskComment:
    """Consultants and the organisation's leaders may comment on a risk.

    `created_at` records a comment made earlier (e.g. at a meeting): never in the future.
    """
    if not has_org_permission(user=actor, organisation_id=risk.organisation_id, codename=perms.COMMENT_ON_RISKS):
        raise PermissionDenied("Only consultants and the organisation's leaders can comment on risks.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write a comment first."})
    created_at = created_at or timezone.now()
    if created_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"created_at": "A comment cannot be dated in the future."})
    comment = RiskComment.objects.create(
        organisation_id=risk.organisation_id, case=risk.case, risk=risk, author=actor, body=body,
        created_at=created_at,
    )
    audit_record(actor=actor, verb="risk.commented", obj=risk, case=risk.case, summary={"length": len(body)})
    return comment


@transaction.atomic
def category_mark_no_risk(*, actor: User, case: Case, category: str, reason: str) -> CategoryNoRisk:
    """Record that a category was assessed and holds no risk, and why."""
    _require_editor(actor, case)
    _require_open_case(case)
    if category not in RiskCategory.values:
        raise ValidationError({"category": f"“{category}” is not a risk category."})
    label = RiskCategory(category).label
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": f"Say why no {label.lower()} risk was identified."})
    count = Risk.objects.filter(organisation_id=case.organisation_id, case=case, category=category).count()
    if count:
        raise ValidationError({"category": f"{label} already has {count} risk(s) on the register."})
    if CategoryNoRisk.objects.filter(case=case, category=category).exists():
        raise ValidationError({"category": f"{label} is already marked as assessed with no risk."})
    entry = CategoryNoRisk.objects.create(
        organisation_id=case.organisation_id, case=case, category=category, reason=reason, recorded_by=actor
    )
    audit_record(actor=actor, verb="risk_category.no_risk", obj=entry, case=case,
                 summary={"category": category, "reason": reason})
    return entry


@transaction.atomic
def category_unmark_no_risk(*, actor: User, entry: CategoryNoRisk) -> None:
    _require_editor(actor, entry.case)
    _require_open_case(entry.case)
    audit_record(actor=actor, verb="risk_category.no_risk_removed", obj=entry, case=entry.case,
                 summary={"category": entry.category})
    entry.delete()


def assessment_gate_problems(*, case: Case) -> list[str]:
    """What stops a case leaving assessment: the sign-off and every category considered."""
    problems = []
    if not AssessmentSignOff.objects.filter(organisation_id=case.organisation_id, case=case).exists():
        problems.append("The assessment has not been signed off.")
    with_risks = set(
        Risk.objects.filter(organisation_id=case.organisation_id, case=case).values_list("category", flat=True)
    )
    without = set(CategoryNoRisk.objects.filter(case=case).values_list("category", flat=True))
    missing = [c.label for c in RiskCategory if c.value not in with_risks | without]
    if missing:
        problems.append(
            "These categories have no risk and are not marked “assessed, no risk identified”: "
            + ", ".join(missing) + "."
        )
    return problems


@transaction.atomic
def assessment_sign_off(
    *, actor: User, case: Case, summary: str, signed_at: dt.datetime | None = None
) -> AssessmentSignOff:
    """The consultant signs the assessment off: who, when, and what it found.

    `signed_at` records a sign-off given earlier (never in the future, never before the case
    entered Assessment); the audit event keeps the real time.
    """
    _require_editor(actor, case)
    if case.stage != Stage.ASSESSMENT:
        raise ValidationError("Only a case in the Assessment stage can have its assessment signed off.")
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": "Summarise what the assessment found before signing it off."})
    signed_at = signed_at or timezone.now()
    if signed_at > timezone.now() + dt.timedelta(minutes=5) or signed_at < case.stage_changed_at:
        raise ValidationError(
            {"signed_at": "A sign-off is dated between the start of the assessment and now."}
        )
    open_risks = Risk.objects.filter(organisation_id=case.organisation_id, case=case).exclude(
        status=Risk.Status.CLOSED
    )
    sign_off = AssessmentSignOff.objects.create(
        organisation_id=case.organisation_id, case=case, signed_by=actor, summary=summary,
        risk_count=open_risks.count(), signed_at=signed_at,
    )
    chronology_record_automatic(
        actor=actor, case=case, title="Assessment signed off", occurred_at=signed_at,
        decision="The assessment is complete.", rationale=summary, significant=True,
    )
    audit_record(actor=actor, verb="assessment.signed_off", obj=sign_off, case=case,
                 summary={"risk_count": sign_off.risk_count})
    return sign_off

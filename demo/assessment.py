"""Stage 1 of the demo: each case's risk register with its history, comments and sign-off."""

from __future__ import annotations

import datetime as dt

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.models import Risk
from crisis.models import Case, Stage, User

from .clock import moment
from .data import (
    CaseSpec,
    Rescore,
    RiskSpec,
)


def seed_register(case: Case, spec: CaseSpec, users: dict[str, User], created: list[str], *, new_case: bool) -> None:
    """Put the spec's missing risks (keyed on title) on the register, sign a new case's assessment
    off if it moves on, then write each new risk's history: re-scores, closing, comments."""
    if case.stage == Stage.CLOSED:
        return  # a closed case's register can no longer be written
    lead = users[spec.lead]
    opened_on = case.opened_on
    titles = set(
        Risk.objects.filter(organisation_id=case.organisation_id, case=case).values_list("title", flat=True)
    )
    added: list[tuple[RiskSpec, Risk]] = []
    for item in spec.risks:
        if item.title in titles:
            continue
        if item.accepted:
            treatment, status = Risk.Treatment.ACCEPT, Risk.Status.ACCEPTED
        else:
            treatment = Risk.Treatment.MITIGATE
            status = Risk.Status.TREATING if item.rescores else Risk.Status.OPEN
        risk = assessment_services.risk_create(
            actor=lead, case=case, category=item.category, title=item.title, description=item.description,
            consequence=item.consequence, owner=users[item.owner],
            identified_on=opened_on + dt.timedelta(days=item.day),
            inherent_likelihood=item.inherent[0], inherent_impact=item.inherent[1],
            current_likelihood=item.current[0], current_impact=item.current[1],
            target_likelihood=item.target[0], target_impact=item.target[1],
            treatment=treatment, treatment_rationale=item.accepted, status=status,
        )
        added.append((item, risk))
    if added:
        created.append(f"{len(added)} risks on the register of {case.reference}")
    if new_case and spec.stages:
        _complete_assessment(case, lead, opened_on, spec.stages[0][0], spec.sign_off)
    for item, risk in added:
        _risk_history(item, risk, spec, users, opened_on)


def _risk_history(
    item: RiskSpec, risk: Risk, spec: CaseSpec, users: dict[str, User], opened_on: dt.date
) -> None:
    """Re-scores in date order (the spec's own, and the case's register review unless the risk missed
    it or was re-scored since), then closing and the leaders' comments."""
    lead = users[spec.lead]
    reviews: list[tuple[int, str, Rescore | None]] = [(r.day, "15:00", r) for r in item.rescores]
    if spec.register_review and not item.missed_review:
        day = spec.register_review[0]
        if day > item.day and all(r.day < day for r in item.rescores):
            reviews.append((day, "16:30", None))
    current, target = item.current, item.target
    for day, at, rescore in sorted(reviews, key=lambda review: review[0]):
        if rescore is not None:
            current, target = rescore.current, rescore.target or target
        assessment_services.risk_rescore(
            actor=lead, risk=risk, reason=rescore.reason if rescore else spec.register_review[1],
            inherent_likelihood=item.inherent[0], inherent_impact=item.inherent[1],
            current_likelihood=current[0], current_impact=current[1],
            target_likelihood=target[0], target_impact=target[1],
            reviewed_at=moment(opened_on, day, at),
        )
    # Closing and comments follow the risk's last review, on the days they happened.
    last_day = max([item.day, *(day for day, _, _ in reviews)])
    if item.closed:
        risk.refresh_from_db()
        assessment_services.risk_close(actor=lead, risk=risk, note=item.closed,
                            closed_on=moment(opened_on, last_day + 1, "10:00").date())
    for n, (author, body) in enumerate(item.comments):
        assessment_services.risk_comment_create(actor=users[author], risk=risk, body=body,
                                     created_at=moment(opened_on, last_day, f"{18 + n}:00"))


def _complete_assessment(case: Case, lead: User, opened_on: dt.date, day: int, summary: str) -> None:
    """Before a case leaves Assessment: every category considered, and the sign-off.

    Signed at 16:00 on the day of the first stage move, after every risk of the seed was identified
    (the specs identify risks in the first days), so a register covering all six categories needs no
    "no risk" marks.
    """
    status = assessment_selectors.assessment_status(case=case)
    for category in status["categories"]:
        if not category["considered"]:
            assessment_services.category_mark_no_risk(
                actor=lead, case=case, category=category["value"],
                reason="Considered with the leadership team; nothing found in this category.",
            )
    assessment_services.assessment_sign_off(
        actor=lead, case=case, signed_at=moment(opened_on, day, "16:00"), summary=summary
    )

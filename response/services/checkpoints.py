"""Rapid improvement checkpoints: the action plan's figures at a date, confidence per stakeholder
group, and the consultant's commentary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from assessment import selectors as assessment_selectors
from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.models import Case, User
from crisis.services import chronology_record_automatic, start_of_day

from ..models import (
    COMPLETE_Q,
    Action,
    ImprovementCheckpoint,
    StakeholderGroup,
    overdue_q,
)

__all__ = [
    "checkpoint_figures",
    "checkpoint_other_figures",
    "checkpoint_record",
    "register_checkpoint_figures",
]

# Figures other stages add to a checkpoint (survey results, training): each provider is called as
# `provider(case=case)` and returns [{"label": str, "value": str, "detail": str}]. Registered in the
# provider's AppConfig.ready(), as gates are; this app knows none of their details.
FigureProvider = Callable[..., list[dict]]
_figure_providers: list[FigureProvider] = []


def register_checkpoint_figures(provider: FigureProvider) -> None:
    """Make `provider(case=...)` add its figures to every checkpoint recorded from now on."""
    if provider not in _figure_providers:  # ready() may run twice (tests, autoreload): register once
        _figure_providers.append(provider)


def checkpoint_other_figures(*, case: Case) -> list[dict]:
    """What every registered provider says of the case now, as label, value and detail strings."""
    figures: list[dict] = []
    for provider in _figure_providers:
        for figure in provider(case=case) or []:
            figures.append({"label": str(figure.get("label", "")), "value": str(figure.get("value", "")),
                            "detail": str(figure.get("detail", ""))})
    return figures

def checkpoint_figures(*, case: Case, on: dt.date | None = None) -> dict:
    """The figures a checkpoint records, read from the data (three queries)."""
    on = on or timezone.localdate()
    last = (
        ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case, recorded_on__lt=on)
        .order_by("-recorded_on", "-id").values_list("recorded_on", flat=True).first()
    )
    since = Q(done_at__date__gt=last) if last else Q()
    actions = Action.objects.filter(organisation_id=case.organisation_id, case=case).aggregate(
        total=Count("id"),
        complete=Count("id", filter=COMPLETE_Q),
        completed_since=Count("id", filter=COMPLETE_Q & since),
        overdue=Count("id", filter=overdue_q(on)),
    )
    return {
        "actions_total": actions["total"],
        "actions_complete": actions["complete"],
        "actions_completed_since_last": actions["completed_since"],
        "actions_overdue": actions["overdue"],
        "risks_by_band": assessment_selectors.open_risk_counts_by_band(case=case),
        "previous_on": last,
    }


@transaction.atomic
def checkpoint_record(
    *, actor: User, case: Case, confidence: dict[str, int], commentary: str, recorded_on: dt.date | None = None
) -> ImprovementCheckpoint:
    """Record a rapid improvement checkpoint: figures from the data, confidence per group, commentary."""
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Consultants record improvement checkpoints.")
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate() or recorded_on < case.opened_on:
        raise ValidationError({"recorded_on": "A checkpoint is dated between the case's opening and today."})
    commentary = (commentary or "").strip()
    if not commentary:
        raise ValidationError({"commentary": "Say what the figures mean: the commentary is what stakeholders read."})
    errors = {}
    for group, value in confidence.items():
        if group not in StakeholderGroup.values:
            errors[group] = f"Unknown stakeholder group {group!r}."
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[group] = f"Confidence of {StakeholderGroup(group).label.lower()} is rated 1 to 5."
    if not confidence:
        errors["confidence"] = "Rate the confidence of at least one stakeholder group."
    if errors:
        raise ValidationError(errors)
    figures = checkpoint_figures(case=case, on=recorded_on)
    figures.pop("previous_on")
    checkpoint = ImprovementCheckpoint.objects.create(
        organisation_id=case.organisation_id, case=case, recorded_on=recorded_on, recorded_by=actor,
        confidence=confidence, commentary=commentary, figures=checkpoint_other_figures(case=case), **figures,
    )
    chronology_record_automatic(
        actor=actor, case=case, title="Improvement checkpoint recorded", occurred_at=start_of_day(recorded_on),
        details=(f"{checkpoint.actions_complete} of {checkpoint.actions_total} actions done "
                 f"({checkpoint.actions_completed_since_last} since the last checkpoint); "
                 f"{checkpoint.actions_overdue} overdue."),
    )
    audit_record(actor=actor, verb="checkpoint.recorded", obj=checkpoint, case=case,
                 summary={"recorded_on": recorded_on.isoformat(), "confidence": confidence})
    return checkpoint

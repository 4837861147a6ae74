"""Turn an organisation's training gaps into suggested actions on a case's response plan."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis import permissions as perms
from crisis.access import can_manage_case, has_org_permission
from crisis.audit import audit_record
from crisis.models import Case, Stage, User
from response import selectors as response_selectors
from response import services as response_services

from ..selectors.gaps import RequirementGaps, training_gaps

__all__ = [
    "GAP_ACTION_DUE_DAYS",
    "can_add_gap_actions",
    "gap_action_title",
    "gaps_to_actions",
]

GAP_ACTION_DUE_DAYS = 30


def can_add_gap_actions(*, user, organisation) -> bool:
    """Actions are added to a case's plan by the organisation's consultants (as response decides:
    `action_create` checks again, per case)."""
    return has_org_permission(user=user, organisation_id=organisation.pk, codename=perms.MANAGE_CASES)


def gap_action_title(row: RequirementGaps) -> str:
    people = f"{row.count} {'person' if row.count == 1 else 'people'}"
    return f"Train {people} in {row.requirement.title} (expired or missing)"


def _same_requirement(title: str, row: RequirementGaps) -> bool:
    """An action made for the same requirement earlier, whatever the number of people it named then."""
    pattern = rf"Train \d+ (person|people) in {re.escape(row.requirement.title)} \(expired or missing\)"
    return re.fullmatch(pattern, title) is not None


@transaction.atomic
def gaps_to_actions(*, actor: User, case: Case) -> dict:
    """One suggested action per mandatory requirement with gaps, on an open case in the Response
    stage, due in 30 days and with no owner yet (the consultant assigns it). A requirement that
    already has an open action of this kind on the case is left as it is ("already in the plan").

    Actions carry counts, not names: staff read the plan; the names stay on the gaps page.
    Returns {"created": [Action], "already": [title]}.
    """
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can add actions to its plan.")
    if case.stage != Stage.RESPONSE:
        raise ValidationError(f"Case {case.reference} is not in the Response stage: training gaps become actions "
                              "on a case's response plan.")
    rows = training_gaps(user=actor, organisation=case.organisation)
    open_titles = list(response_selectors.case_actions(user=actor, case=case, filters={"status": "open"})
                       .values_list("title", flat=True))
    due_on = timezone.localdate() + dt.timedelta(days=GAP_ACTION_DUE_DAYS)
    created, already = [], []
    for row in rows:
        title = gap_action_title(row)
        if any(_same_requirement(t, row) for t in open_titles):
            already.append(title)
            continue
        description = (f"{len(row.expired)} expired and {len(row.missing)} missing on "
                       f"{timezone.localdate():%d %b %Y}. Who they are is on the organisation's training gaps page.")
        created.append(response_services.action_create(actor=actor, case=case, title=title, due_on=due_on,
                                                       description=description))
    audit_record(actor=actor, verb="training.gaps_to_actions", obj=case,
                 summary={"created": len(created), "already_in_plan": len(already)})
    return {"created": created, "already": already}

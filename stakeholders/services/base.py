"""What the engagement services share: the manager check, the stakeholders of a case, the link salt."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError

from crisis.access import can_manage_case
from crisis.models import Case, User

from ..models import (
    Stakeholder,
)

LINK_SALT = "stakeholders.report-link"


def _require_manager(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can do this.")


def _check_stakeholders(case: Case, stakeholders: Iterable[Stakeholder]) -> list[Stakeholder]:
    chosen = list(stakeholders)
    if any(s.case_id != case.pk for s in chosen):
        raise ValidationError({"stakeholders": "Choose stakeholders of this case."})
    return chosen

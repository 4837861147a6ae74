"""What the training services share: the check that the actor keeps the organisation's training."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from crisis.access import can_manage_training
from crisis.models import User

__all__ = ["require_training_manager"]


def require_training_manager(actor: User, organisation_id: int) -> None:
    if not can_manage_training(user=actor, organisation_id=organisation_id):
        raise PermissionDenied("Only the organisation's consultants and leaders keep its training records.")

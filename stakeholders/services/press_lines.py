"""Writes of press lines: versions, and their approval by someone who did not write them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.access import can_manage_case, is_case_leader
from crisis.audit import audit_record
from crisis.models import Case, User

from ..models import (
    PressLine,
    PressLineVersion,
)
from .base import _require_manager

# Press lines -----------------------------------------------------------------------------------


@transaction.atomic
def press_line_write(*, actor: User, case: Case, title: str = "", text: str,
                     press_line: PressLine | None = None) -> PressLineVersion:
    """A new press line (version 1) or a new version of an existing one; approved separately."""
    _require_manager(actor, case)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the wording."})
    if press_line is None:
        if not (title or "").strip():
            raise ValidationError({"title": "Give the press line a title."})
        press_line = PressLine.objects.create(organisation_id=case.organisation_id, case=case, title=title.strip())
    elif press_line.case_id != case.pk:
        raise ValidationError("That press line belongs to another case.")
    else:  # two writers at once: the second waits, then numbers after the first
        press_line = PressLine.objects.select_for_update().get(pk=press_line.pk)
    number = (press_line.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = PressLineVersion.objects.create(organisation_id=case.organisation_id, press_line=press_line,
                                              number=number, text=text, written_by=actor)
    audit_record(actor=actor, verb="press_line.written", obj=press_line, case=case, summary={"version": number})
    return version


@transaction.atomic
def press_line_approve(*, actor: User, version: PressLineVersion) -> PressLineVersion:
    """Approve a version before it is used: by a consultant or a leader of the organisation (who
    speaks for it), never by its own writer."""
    case = version.press_line.case
    if not (can_manage_case(user=actor, case=case) or is_case_leader(user=actor, case=case)):
        raise PermissionDenied("A press line is approved by the case's consultants or the organisation's leaders.")
    if version.approved_at:
        raise ValidationError("This version is already approved.")
    if version.written_by_id == actor.pk:
        raise ValidationError("A press line is approved by someone other than its writer.")
    version.approved_by, version.approved_at = actor, timezone.now()
    version.save(update_fields=["approved_by", "approved_at"])
    audit_record(actor=actor, verb="press_line.approved", obj=version.press_line, case=case,
                 summary={"version": version.number})
    return version

"""Writes of the communication log: contacts logged with their files, follow-ups done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.audit import audit_record
from crisis.evidence import CheckedFile, check_upload
from crisis.models import Case, User
from crisis.services import chronology_record_automatic

from ..models import (
    Communication,
    CommunicationAttachment,
    PressLineVersion,
    Stakeholder,
)
from .base import _check_stakeholders, _require_manager


@transaction.atomic
def communication_log(*, actor: User, case: Case, stakeholders: Iterable[Stakeholder], direction: str,
                      channel: str, summary: str, occurred_at: dt.datetime | None = None,
                      mediation_notes: str = "", follow_up_due: dt.date | None = None,
                      attachments: Iterable = (), press_line_version: PressLineVersion | None = None
                      ) -> Communication:
    """Record a contact, with its files and the press line wording it used. It enters the
    chronology as a consultant-only entry (mediation notes never). Every file is checked before
    anything is written; a press line is used only once approved."""
    _require_manager(actor, case)
    files = [(uploaded, check_upload(uploaded, field="attachments")) for uploaded in attachments]
    if press_line_version is not None:
        _check_usable(case, press_line_version)
    chosen = _check_stakeholders(case, stakeholders)
    if not chosen:
        raise ValidationError({"stakeholders": "Choose who the contact was with."})
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"occurred_at": "A contact is logged once it has happened."})
    communication = Communication(
        organisation_id=case.organisation_id, case=case, occurred_at=occurred_at, direction=direction,
        channel=channel, summary=(summary or "").strip(), mediation_notes=(mediation_notes or "").strip(),
        follow_up_due=follow_up_due, press_line_version=press_line_version, created_by=actor,
    )
    communication.full_clean(exclude=["case", "organisation", "created_by", "press_line_version"])
    communication.save()
    communication.stakeholders.set(chosen)
    stored = []
    try:
        for uploaded, checked in files:
            stored.append(_attach(actor, communication, uploaded, checked))
        _communication_recorded(actor, case, communication, chosen, len(stored))
    except Exception:  # the rows roll back with the transaction; the files are removed here
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return communication


def _check_usable(case: Case, version: PressLineVersion) -> None:
    """A press line is used as approved: this case's, approved, and not replaced by a later approved
    wording (a newer draft awaiting approval leaves the approved one in use)."""
    line = version.press_line
    if line.case_id != case.pk:
        raise ValidationError({"press_line_version": "Choose a press line of this case."})
    if version.approved_at is None:
        raise ValidationError({"press_line_version": f"Version {version.number} of “{line.title}” is not approved: "
                                                     "it cannot be used until someone approves it."})
    latest = (line.versions.filter(approved_at__isnull=False).order_by("-number")
              .values_list("number", flat=True).first())
    if latest != version.number:
        raise ValidationError({"press_line_version": f"Version {version.number} of “{line.title}” has been "
                                                     f"replaced by version {latest}: use the current wording."})


def _communication_recorded(actor, case, communication, chosen, attachments: int) -> None:
    names = ", ".join(s.name for s in chosen)
    chronology_record_automatic(
        actor=actor, case=case, kind="contact", occurred_at=communication.occurred_at,
        title=f"{communication.get_direction_display()} {communication.get_channel_display().lower()}: {names}",
        details=communication.summary, shared_with_organisation=False,
    )
    audit_record(actor=actor, verb="communication.logged", obj=communication, case=case,
                 summary={"with": names, "channel": communication.channel, "direction": communication.direction,
                          "attachments": attachments})


def _attach(actor: User, communication: Communication, uploaded, checked: CheckedFile) -> CommunicationAttachment:
    attachment = CommunicationAttachment(
        organisation_id=communication.organisation_id, communication=communication, original_name=checked.name,
        content_type=checked.content_type, size=checked.size, sha256=checked.sha256, uploaded_by=actor,
    )
    attachment.file.save(checked.name, uploaded, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def communication_attachment_add(*, actor: User, communication: Communication, uploaded_file
                                 ) -> CommunicationAttachment:
    _require_manager(actor, communication.case)
    checked = check_upload(uploaded_file, field="file")
    attachment = _attach(actor, communication, uploaded_file, checked)
    try:
        audit_record(actor=actor, verb="communication.attachment_added", obj=communication,
                     case=communication.case, summary={"file": checked.name, "size": checked.size})
    except Exception:  # the row rolls back with the transaction; the file is removed here
        attachment.file.delete(save=False)
        raise
    return attachment


@transaction.atomic
def communication_follow_up_done(*, actor: User, communication: Communication) -> Communication:
    _require_manager(actor, communication.case)
    if communication.follow_up_due is None or communication.follow_up_done_on:
        raise ValidationError("There is no open follow-up on this contact.")
    communication.follow_up_done_on = timezone.localdate()
    communication.save(update_fields=["follow_up_done_on"])
    audit_record(actor=actor, verb="communication.follow_up_done", obj=communication, case=communication.case)
    return communication

"""Writes of the stakeholder register: stakeholders, their contacts and trust."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from crisis.audit import audit_record
from crisis.models import Case, User

from ..models import (
    Contact,
    Stakeholder,
    TrustChange,
)
from .base import _require_manager

# Register --------------------------------------------------------------------------------------


@transaction.atomic
def contact_add(*, actor: User, stakeholder: Stakeholder, name: str, email: str = "", role: str = "",
                phone: str = "", receives_reports: bool = True) -> Contact:
    _require_manager(actor, stakeholder.case)
    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise ValidationError({"name": "Give the contact's name."})
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": f"“{email}” is not a valid email address."}) from None
    elif receives_reports and stakeholder.receives_reports:
        raise ValidationError({"email": "A contact who receives status reports needs an email address."})
    contact = Contact.objects.create(organisation_id=stakeholder.organisation_id, stakeholder=stakeholder,
                                     name=name, email=email, role=role, phone=phone,
                                     receives_reports=receives_reports)
    audit_record(actor=actor, verb="stakeholder.contact_added", obj=stakeholder, case=stakeholder.case,
                 summary={"contact": name})
    return contact


def _check_owner(case: Case, owner: User | None, current_id: int | None = None) -> None:
    from ..selectors import stakeholder_owner_choices

    if owner is not None and not stakeholder_owner_choices(case=case, include_id=current_id).filter(
            pk=owner.pk).exists():
        raise ValidationError(
            {"owner": "The owner is one of the case's consultants or its leaders (named, on a restricted case)."})


@transaction.atomic
def stakeholder_create(*, actor: User, case: Case, kind: str, name: str, trust_level: int = 3,
                       preferred_channel: str = Stakeholder.Channel.EMAIL, owner: User | None = None,
                       receives_reports: bool = False,
                       report_delivery: str = Stakeholder.ReportDelivery.ATTACHMENT,
                       contacts: Iterable[dict] = ()) -> Stakeholder:
    _require_manager(actor, case)
    _check_owner(case, owner)
    stakeholder = Stakeholder(
        organisation_id=case.organisation_id, case=case, kind=kind, name=(name or "").strip(),
        trust_level=trust_level, preferred_channel=preferred_channel, owner=owner,
        receives_reports=receives_reports, report_delivery=report_delivery,
    )
    stakeholder.full_clean(exclude=["case", "organisation"])
    stakeholder.save()
    for contact in contacts:
        contact_add(actor=actor, stakeholder=stakeholder, **contact)
    audit_record(actor=actor, verb="stakeholder.created", obj=stakeholder, case=case,
                 summary={"name": stakeholder.name, "kind": kind, "trust_level": trust_level})
    return stakeholder


STAKEHOLDER_FIELDS = ("kind", "name", "preferred_channel", "owner", "receives_reports", "report_delivery")


@transaction.atomic
def stakeholder_update(*, actor: User, stakeholder: Stakeholder, **changes) -> Stakeholder:
    """Change the register entry. Trust moves only through `stakeholder_set_trust` (with a reason)."""
    _require_manager(actor, stakeholder.case)
    unknown = set(changes) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    if "owner" in changes and changes["owner"] != stakeholder.owner:
        _check_owner(stakeholder.case, changes["owner"])
    before = {field: getattr(stakeholder, field) for field in changes}
    for field, value in changes.items():
        setattr(stakeholder, field, value.strip() if isinstance(value, str) else value)
    stakeholder.full_clean(exclude=["case", "organisation"])
    if stakeholder.receives_reports:
        missing = [c.name for c in stakeholder.contacts.all() if c.receives_reports and not c.email]
        if missing:
            raise ValidationError({"receives_reports": "Give an email address to every contact who receives "
                                                       f"reports first: {', '.join(missing)}."})
    stakeholder.save()
    changed = {f: str(getattr(stakeholder, f)) for f in changes if before[f] != getattr(stakeholder, f)}
    audit_record(actor=actor, verb="stakeholder.updated", obj=stakeholder, case=stakeholder.case,
                 summary={"changed": sorted(changed)})
    return stakeholder


@transaction.atomic
def contact_remove(*, actor: User, contact: Contact) -> None:
    """Remove a contact. One who has been sent reports stays, for the record: stop their reports instead."""
    stakeholder = contact.stakeholder
    _require_manager(actor, stakeholder.case)
    if contact.deliveries.exists():
        raise ValidationError(f"{contact.name} has been sent status reports and stays on record; "
                              "untick “receives reports” instead.")
    name = contact.name
    contact.delete()
    audit_record(actor=actor, verb="stakeholder.contact_removed", obj=stakeholder, case=stakeholder.case,
                 summary={"contact": name})


@transaction.atomic
def stakeholder_set_trust(*, actor: User, stakeholder: Stakeholder, level: int, reason: str) -> TrustChange:
    """Trust moves with a reason, and every move is kept."""
    _require_manager(actor, stakeholder.case)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 5:
        raise ValidationError({"level": "Trust is rated from 1 (broken) to 5 (strong)."})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why trust has changed."})
    change = TrustChange.objects.create(
        organisation_id=stakeholder.organisation_id, stakeholder=stakeholder, from_level=stakeholder.trust_level,
        to_level=level, reason=reason, changed_by=actor,
    )
    stakeholder.trust_level = level
    stakeholder.save(update_fields=["trust_level"])
    audit_record(actor=actor, verb="stakeholder.trust_changed", obj=stakeholder, case=stakeholder.case,
                 summary={"from": change.from_level, "to": level, "reason": reason})
    return change

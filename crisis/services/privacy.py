"""Writes of a case's protected names: consultants only, audited without the name itself.

The audit log must not become a second store of children's names, so its events carry the row's id
and role (and which fields changed), and the row's `__str__` shows no name either.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..audit import audit_record
from ..models import Case, ProtectedName, User, split_aliases
from .cases import _require_case_manager

__all__ = ["PROTECTED_NAME_EDITABLE_FIELDS", "protected_name_create", "protected_name_delete", "protected_name_update"]

PROTECTED_NAME_EDITABLE_FIELDS = ("name", "also_known_as", "role", "note")
DUPLICATE = "This name is already protected on this case."


def _clean_name(text: str) -> str:
    return " ".join((text or "").split())


def _too_short(text: str) -> bool:
    """A name of fewer than two letters ("A", "J.") would be found in almost any text."""
    return len(re.findall(r"[^\W\d_]", text)) < 2


def _clean(name: str, also_known_as: str) -> tuple[str, str]:
    """The name on one line with single spaces, and its other spellings one a line, each once."""
    name = _clean_name(name)
    if not name:
        raise ValidationError({"name": "Enter the name to protect."})
    if _too_short(name):
        raise ValidationError({"name": "A protected name needs at least two letters."})
    aliases: dict[str, str] = {}
    for alias in map(_clean_name, split_aliases(also_known_as)):
        if _too_short(alias):
            raise ValidationError({"also_known_as": "Each other spelling needs at least two letters."})
        if alias.casefold() != name.casefold():
            aliases.setdefault(alias.casefold(), alias)
    return name, "\n".join(aliases.values())


def _check_unique(case: Case, name: str, *, exclude_pk: int | None = None) -> None:
    others = ProtectedName.objects.filter(organisation_id=case.organisation_id, case=case).exclude(pk=exclude_pk)
    if any(other.casefold() == name.casefold() for other in others.values_list("name", flat=True)):
        raise ValidationError({"name": DUPLICATE})


def _save(protected_name: ProtectedName) -> None:
    """Save, turning the unique constraint's refusal (two requests at once) into the same words."""
    try:
        with transaction.atomic():
            protected_name.save()
    except IntegrityError:
        raise ValidationError({"name": DUPLICATE}) from None


@transaction.atomic
def protected_name_create(
    *, actor: User, case: Case, name: str, role: str, also_known_as: str = "", note: str = ""
) -> ProtectedName:
    """Protect a name on a case: the report guard will look for it and its other spellings."""
    _require_case_manager(actor, case)
    name, also_known_as = _clean(name, also_known_as)
    _check_unique(case, name)
    protected_name = ProtectedName(
        organisation_id=case.organisation_id, case=case, name=name, also_known_as=also_known_as, role=role,
        note=(note or "").strip(), created_by=actor,
    )
    protected_name.full_clean(validate_constraints=False)
    _save(protected_name)
    audit_record(actor=actor, verb="protected_name.created", obj=protected_name, case=case,
                 summary={"id": protected_name.pk, "role": protected_name.role})
    return protected_name


@transaction.atomic
def protected_name_update(*, actor: User, protected_name: ProtectedName, **changes) -> ProtectedName:
    """Change any of `PROTECTED_NAME_EDITABLE_FIELDS`; the audit event says which changed, not to what."""
    case = protected_name.case
    _require_case_manager(actor, case)
    unknown = set(changes) - set(PROTECTED_NAME_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    name, also_known_as = _clean(changes.get("name", protected_name.name),
                                 changes.get("also_known_as", protected_name.also_known_as))
    _check_unique(case, name, exclude_pk=protected_name.pk)
    values = {"name": name, "also_known_as": also_known_as, "role": changes.get("role", protected_name.role),
              "note": (changes.get("note", protected_name.note) or "").strip()}
    changed = [field for field, value in values.items() if getattr(protected_name, field) != value]
    if not changed:
        return protected_name
    for field in changed:
        setattr(protected_name, field, values[field])
    protected_name.full_clean(validate_constraints=False)
    _save(protected_name)
    audit_record(actor=actor, verb="protected_name.updated", obj=protected_name, case=case,
                 summary={"id": protected_name.pk, "role": protected_name.role, "changed": changed})
    return protected_name


@transaction.atomic
def protected_name_delete(*, actor: User, protected_name: ProtectedName) -> None:
    """Stop protecting a name. The audit event is written first, while the row still has its id."""
    case = protected_name.case
    _require_case_manager(actor, case)
    audit_record(actor=actor, verb="protected_name.deleted", obj=protected_name, case=case,
                 summary={"id": protected_name.pk, "role": protected_name.role})
    protected_name.delete()

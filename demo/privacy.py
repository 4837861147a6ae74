"""Demo data of the report guard: each demo case's protected names (demo/data/privacy.py).

Idempotent, like the rest of the seed: a name already protected on the case is left as it is.
Written through crisis.services as the case's lead consultant."""

from __future__ import annotations

from crisis import services
from crisis.models import Case, ProtectedName

from .data.privacy import PROTECTED_NAMES


def seed_protected_names(*, case: Case) -> list[str]:
    """Protect the case's missing demo names; returns a line when any was added."""
    kept = {name.casefold() for name in ProtectedName.objects.filter(
        organisation_id=case.organisation_id, case=case).values_list("name", flat=True)}
    new = [spec for spec in PROTECTED_NAMES.get(case.title, ()) if spec.name.casefold() not in kept]
    for spec in new:
        services.protected_name_create(actor=case.lead_consultant, case=case, name=spec.name, role=spec.role,
                                       also_known_as="\n".join(spec.also_known_as), note=spec.note)
    return [f"{len(new)} protected names of {case.reference}"] if new else []

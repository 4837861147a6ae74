"""What the engagement serializers share."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.models import Case, User

from .. import selectors
from ..models import (
    TRUST_LEVELS,
    Communication,
    Delivery,
    Stakeholder,
    StatusReport,
)

TRUST_HELP = "1 (broken) to 5 (strong): " + ", ".join(f"{n} {label.lower()}" for n, label in TRUST_LEVELS.items())
TRUST_ERRORS = {
    "invalid": "Trust is rated from 1 (broken) to 5 (strong).",
    "min_value": "Trust is rated from 1 (broken) to 5 (strong).",
    "max_value": "Trust is rated from 1 (broken) to 5 (strong).",
}
TIME_ERRORS = {"invalid": "Give the time as HH:MM, UK time (for example 09:00)."}


def _one_of(values) -> dict:
    """A string limited to these values, described without "enum": several models here have a
    "status" or "kind" of their own, and drf-spectacular warns when enums of one name differ."""
    return {"type": "string", "pattern": "^(" + "|".join(values) + ")$"}


@extend_schema_field(_one_of(Stakeholder.Kind.values))
class StakeholderKindField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(StatusReport.Status.values))
class StatusReportStatusField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(Delivery.Status.values))
class DeliveryStatusField(serializers.ChoiceField):
    pass


@extend_schema_field(_one_of(Communication.Channel.values))
class CommunicationChannelField(serializers.ChoiceField):
    pass


def _refuse_unknown_fields(serializer: serializers.Serializer, data, redirects: dict[str, str]) -> None:
    """A change names only fields it may change: a typo or a derived field is a 400, not ignored;
    a field that changes elsewhere says where."""
    if hasattr(data, "keys"):
        unknown = {name: [redirects.get(name, "This field cannot be changed.")]
                   for name in data.keys() if name not in serializer.fields}  # noqa: SIM118
        if unknown:
            raise serializers.ValidationError(unknown)


def case_stakeholders_by_id(*, user, case: Case, ids: list[int]) -> list[Stakeholder]:
    """The case's stakeholders with these ids, among those the user reads; any other id is unknown."""
    found = {s.pk: s for s in selectors.stakeholders_for(user).filter(organisation_id=case.organisation_id,
                                                                       case=case, pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise serializers.ValidationError(f"Unknown stakeholder for this case: {', '.join(unknown)}.")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _possible_owner(case: Case, pk: int) -> User:
    owner = selectors.stakeholder_owner_choices(case=case).filter(pk=pk).first()
    if owner is None:
        raise serializers.ValidationError(
            "Unknown owner: the owner is one of the case's consultants or its leaders (named, on a restricted case)."
        )
    return owner


class StakeholderRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)

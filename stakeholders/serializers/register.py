"""Serializers of the stakeholder register: stakeholders, contacts and trust."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.models import User
from crisis.serializers import PersonRefSerializer

from ..models import (
    TRUST_LEVELS,
    Contact,
    Stakeholder,
    TrustChange,
)
from ..services import STAKEHOLDER_FIELDS
from .base import TRUST_ERRORS, TRUST_HELP, StakeholderKindField, _possible_owner, _refuse_unknown_fields

# Stakeholders: outputs --------------------------------------------------------------------------


class ContactOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contact
        fields = ["id", "name", "role", "email", "phone", "receives_reports"]
        read_only_fields = fields


class TrustChangeOutputSerializer(serializers.ModelSerializer):
    to_label = serializers.SerializerMethodField(help_text="The new level in words.")
    changed_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = TrustChange
        fields = ["id", "from_level", "to_level", "to_label", "reason", "changed_by", "changed_at"]
        read_only_fields = fields

    def get_to_label(self, change: TrustChange) -> str:
        return TRUST_LEVELS.get(change.to_level, "")


class StakeholderOutputSerializer(serializers.ModelSerializer):
    """A stakeholder as the register shows it. Expects selectors.case_stakeholders rows (with the case)."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    kind = StakeholderKindField(choices=Stakeholder.Kind.choices, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    trust_label = serializers.CharField(read_only=True, help_text="Broken, Strained, Neutral, Good or Strong.")
    owner = PersonRefSerializer(read_only=True, allow_null=True, help_text="Who holds the relationship.")
    contacts = ContactOutputSerializer(many=True, read_only=True)
    recent_contacts = serializers.IntegerField(read_only=True, help_text="Contacts logged in the last 30 days.")
    last_contact_at = serializers.DateTimeField(read_only=True, allow_null=True,
                                                help_text="When the last contact was, if any.")

    class Meta:
        model = Stakeholder
        fields = ["id", "case", "kind", "kind_label", "name", "preferred_channel", "trust_level", "trust_label",
                  "owner", "receives_reports", "report_delivery", "contacts", "recent_contacts", "last_contact_at",
                  "created_at"]
        read_only_fields = fields


class StakeholderDetailOutputSerializer(StakeholderOutputSerializer):
    """One stakeholder with its trust history. Expects "trust_history" in the context."""

    trust_history = serializers.SerializerMethodField(help_text="Every change of trust, newest first.")

    class Meta(StakeholderOutputSerializer.Meta):
        fields = [*StakeholderOutputSerializer.Meta.fields, "trust_history"]
        read_only_fields = fields

    @extend_schema_field(TrustChangeOutputSerializer(many=True))
    def get_trust_history(self, stakeholder: Stakeholder) -> list[dict]:
        return TrustChangeOutputSerializer(self.context.get("trust_history", []), many=True).data



# Stakeholders: inputs ---------------------------------------------------------------------------


class StakeholderFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Stakeholder.Kind.choices, required=False)
    trust = serializers.IntegerField(min_value=1, max_value=5, required=False, error_messages=TRUST_ERRORS,
                                     help_text="Only stakeholders at this trust level.")
    receives_reports = serializers.BooleanField(required=False, default=False,
                                                help_text="Only those who receive status reports.")


class ContactInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    role = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="",
                                   help_text="Needed when the contact receives status reports.")
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    receives_reports = serializers.BooleanField(required=False, default=True)


class StakeholderCreateInputSerializer(serializers.Serializer):
    """A new stakeholder, with its first contacts. Needs the case in the context."""

    kind = StakeholderKindField(choices=Stakeholder.Kind.choices)
    name = serializers.CharField(max_length=200)
    trust_level = serializers.IntegerField(min_value=1, max_value=5, required=False, default=3,
                                           error_messages=TRUST_ERRORS, help_text=TRUST_HELP)
    preferred_channel = serializers.ChoiceField(choices=Stakeholder.Channel.choices, required=False,
                                                default=Stakeholder.Channel.EMAIL)
    owner = serializers.IntegerField(required=False, allow_null=True, default=None,
                                     help_text="User id of one of the case's consultants or the organisation's "
                                               "leaders.")
    receives_reports = serializers.BooleanField(required=False, default=False)
    report_delivery = serializers.ChoiceField(choices=Stakeholder.ReportDelivery.choices, required=False,
                                              default=Stakeholder.ReportDelivery.ATTACHMENT)
    contacts = ContactInputSerializer(many=True, required=False, default=list)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _possible_owner(self.context["case"], value)


TRUST_ELSEWHERE = "Trust changes with a reason: POST {level, reason} to the stakeholder's trust/ endpoint."


class StakeholderUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent change. Needs the case in the context."""

    kind = StakeholderKindField(choices=Stakeholder.Kind.choices, required=False)
    name = serializers.CharField(max_length=200, required=False)
    preferred_channel = serializers.ChoiceField(choices=Stakeholder.Channel.choices, required=False)
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="A user id, or null for no owner.")
    receives_reports = serializers.BooleanField(required=False)
    report_delivery = serializers.ChoiceField(choices=Stakeholder.ReportDelivery.choices, required=False)

    def to_internal_value(self, data):
        _refuse_unknown_fields(self, data, {"trust_level": TRUST_ELSEWHERE})
        return super().to_internal_value(data)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _possible_owner(self.context["case"], value)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        assert set(attrs) <= set(STAKEHOLDER_FIELDS)  # noqa: S101  (the fields above)
        return attrs


class TrustInputSerializer(serializers.Serializer):
    level = serializers.IntegerField(min_value=1, max_value=5, error_messages=TRUST_ERRORS, help_text=TRUST_HELP)
    reason = serializers.CharField(help_text="Why trust has changed: kept in the history.",
                                   error_messages={"required": "Say why trust has changed.",
                                                   "blank": "Say why trust has changed."})

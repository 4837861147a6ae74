"""Serializers of the policy register and improvement checkpoint API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment.selectors import BAND_ORDER
from crisis.models import Case, Organisation, User
from crisis.serializers import PersonRefSerializer, possible_owner

if TYPE_CHECKING:  # type hints only
    pass

from ..models import (
    ChecklistRequirement,
    ImprovementCheckpoint,
    Policy,
    PolicyCheck,
    PolicyType,
    StakeholderGroup,
)
from ..services import POLICY_EDITABLE_FIELDS
from .actions import _one_of
from .base import _page_url, _refuse_unknown_fields

# Policies ---------------------------------------------------------------------------------------


@extend_schema_field(_one_of(Policy.Status.values))
class PolicyStatusField(serializers.ChoiceField):
    pass


@extend_schema_field({"type": "string", "enum": PolicyCheck.Result.values})
class CheckResultField(serializers.ChoiceField):
    pass


class PolicyOutputSerializer(serializers.ModelSerializer):
    """A policy with its compliance. Expects selectors.organisation_policies or get_policy_for rows, and
    the reasons it is suggested as an action in the context ({policy id: [reason, …]})."""

    organisation = serializers.IntegerField(source="organisation_id", read_only=True, help_text="Organisation id.")
    policy_type_label = serializers.CharField(source="get_policy_type_display", read_only=True)
    owner = PersonRefSerializer(read_only=True, allow_null=True)
    status = PolicyStatusField(choices=Policy.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    review_overdue = serializers.BooleanField(read_only=True)
    has_document = serializers.SerializerMethodField()
    compliance = serializers.IntegerField(
        read_only=True, allow_null=True,
        help_text="Per cent of the best-practice checklist met (partly met counts half); null without a checklist.",
    )
    requirement_count = serializers.IntegerField(read_only=True, help_text="Requirements on the type's checklist.")
    checked_count = serializers.IntegerField(read_only=True, help_text="Requirements checked so far.")
    suggestion_reasons = serializers.SerializerMethodField(
        help_text="Why the policy should become an action (out of date, short of its checklist); empty if fine."
    )
    url = serializers.SerializerMethodField(help_text="The policy's page in the browser (a path on this site).")

    class Meta:
        model = Policy
        fields = [
            "id",
            "organisation",
            "policy_type",
            "policy_type_label",
            "title",
            "version",
            "owner",
            "status",
            "status_label",
            "approved_on",
            "approved_by_body",
            "next_review_on",
            "review_overdue",
            "document_name",
            "has_document",
            "compliance",
            "requirement_count",
            "checked_count",
            "suggestion_reasons",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def get_has_document(self, policy: Policy) -> bool:
        return bool(policy.document)

    def get_suggestion_reasons(self, policy: Policy) -> list[str]:
        return list(self.context.get("reasons", {}).get(policy.pk, []))

    def get_url(self, policy: Policy) -> str | None:
        return _page_url(policy)


class RequirementRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)


class ChecklistItemSerializer(serializers.Serializer):
    requirement = RequirementRefSerializer(read_only=True)
    result = CheckResultField(choices=PolicyCheck.Result.choices, read_only=True, allow_null=True,
                              help_text="met, partly or not_met; null when not checked yet.")
    note = serializers.CharField(read_only=True)
    checked_by = PersonRefSerializer(read_only=True, allow_null=True)
    checked_at = serializers.DateTimeField(read_only=True, allow_null=True)


class PolicyDetailOutputSerializer(PolicyOutputSerializer):
    """One policy, with its checklist and each requirement's result. Expects "checklist" in the context."""

    checklist = serializers.SerializerMethodField()

    class Meta(PolicyOutputSerializer.Meta):
        fields = [*PolicyOutputSerializer.Meta.fields, "checklist"]
        read_only_fields = fields

    @extend_schema_field(ChecklistItemSerializer(many=True))
    def get_checklist(self, policy: Policy) -> list[dict]:
        rows = [
            {"requirement": requirement, "result": check.result if check else None,
             "note": check.note if check else "", "checked_by": check.checked_by if check else None,
             "checked_at": check.checked_at if check else None}
            for requirement, check in self.context.get("checklist", [])
        ]
        return ChecklistItemSerializer(rows, many=True).data


def _policy_owner(organisation: Organisation, pk: int) -> User:
    # The policy services check owners as they do for risks: a member or an assigned consultant.
    return possible_owner(Case(organisation=organisation), pk)


class PolicyCreateInputSerializer(serializers.Serializer):
    """A new policy, as JSON or multipart (with the document). Needs the organisation in the context."""

    policy_type = serializers.ChoiceField(choices=PolicyType.choices)
    title = serializers.CharField(max_length=200)
    version = serializers.CharField(max_length=20, required=False, default="1.0")
    owner = serializers.IntegerField(required=False, allow_null=True, default=None,
                                     help_text="User id of a member of the organisation or a consultant.")
    status = PolicyStatusField(choices=Policy.Status.choices, required=False, default=Policy.Status.DRAFT)
    approved_on = serializers.DateField(required=False, allow_null=True, default=None,
                                        help_text="Required once approved or published.")
    approved_by_body = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    next_review_on = serializers.DateField(help_text="Safeguarding policies are reviewed at least annually.")
    document = serializers.FileField(required=False, allow_null=True, default=None,
                                     help_text="The policy itself (multipart): PDF, DOCX, XLSX, PNG or JPG.")

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _policy_owner(self.context["organisation"], value)


class PolicyUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent change. Needs the organisation in the context."""

    policy_type = serializers.ChoiceField(choices=PolicyType.choices, required=False)
    title = serializers.CharField(max_length=200, required=False)
    version = serializers.CharField(max_length=20, required=False)
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="A user id, or null for no owner.")
    status = PolicyStatusField(choices=Policy.Status.choices, required=False)
    approved_on = serializers.DateField(required=False, allow_null=True)
    approved_by_body = serializers.CharField(max_length=120, required=False, allow_blank=True)
    next_review_on = serializers.DateField(required=False)
    document = serializers.FileField(required=False, help_text="A new document replaces the old one (multipart).")

    def to_internal_value(self, data):
        _refuse_unknown_fields(self, data)
        return super().to_internal_value(data)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else _policy_owner(self.context["organisation"], value)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        assert set(attrs) - {"document"} <= set(POLICY_EDITABLE_FIELDS)  # noqa: S101  (the fields above)
        return attrs


class PolicyCheckInputSerializer(serializers.Serializer):
    requirement = serializers.IntegerField(help_text="Id of a requirement on the checklist of the policy's type.")
    result = CheckResultField(choices=PolicyCheck.Result.choices, help_text="met, partly or not_met.")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_requirement(self, value: int) -> ChecklistRequirement:
        # Requirements are shipped data shared by every organisation, not tenant rows.
        requirement = ChecklistRequirement.objects.filter(pk=value).first()
        if requirement is None:
            raise serializers.ValidationError("Unknown requirement.")
        return requirement



# Checkpoints ------------------------------------------------------------------------------------


RISKS_BY_BAND_SCHEMA = {
    "type": "object",
    "properties": {b.value: {"type": "integer"} for b in BAND_ORDER},
    "description": "Open risks per band: critical, high, medium, low.",
}
CONFIDENCE_SCHEMA = {
    "type": "object",
    "properties": {g.value: {"type": "integer", "minimum": 1, "maximum": 5} for g in StakeholderGroup},
    "additionalProperties": False,
    "description": "Confidence per stakeholder group, 1 (none) to 5 (full): "
    + ", ".join(StakeholderGroup.values) + ".",
}


@extend_schema_field(RISKS_BY_BAND_SCHEMA)
class RisksByBandField(serializers.JSONField):
    pass


@extend_schema_field(CONFIDENCE_SCHEMA)
class ConfidenceField(serializers.JSONField):
    pass


class CheckpointFiguresOutputSerializer(serializers.Serializer):
    actions_total = serializers.IntegerField()
    actions_complete = serializers.IntegerField(help_text="Done or verified.")
    actions_completed_since_last = serializers.IntegerField(help_text="Completed since the previous checkpoint.")
    actions_overdue = serializers.IntegerField()
    risks_by_band = RisksByBandField()
    previous_on = serializers.DateField(allow_null=True, help_text="The previous checkpoint's date, if any.")


class CheckpointOtherFigureSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()
    detail = serializers.CharField()


class CheckpointOutputSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    recorded_by = PersonRefSerializer(read_only=True)
    completion_percent = serializers.IntegerField(read_only=True)
    risks_by_band = RisksByBandField(read_only=True)
    confidence = ConfidenceField(read_only=True)
    average_confidence = serializers.FloatField(read_only=True, allow_null=True)
    figures = CheckpointOtherFigureSerializer(many=True, read_only=True,
                                              help_text="What other stages added when it was recorded "
                                                        "(survey results...).")

    class Meta:
        model = ImprovementCheckpoint
        fields = ["id", "case", "recorded_on", "recorded_by", "actions_total", "actions_complete",
                  "actions_completed_since_last", "actions_overdue", "completion_percent", "risks_by_band",
                  "confidence", "average_confidence", "figures", "commentary", "created_at"]
        read_only_fields = fields


class CheckpointFiguresFilterSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, default=None,
                               help_text="The day the checkpoint would be dated; defaults to today.")


class CheckpointInputSerializer(serializers.Serializer):
    confidence = ConfidenceField(help_text="At least one group.")
    commentary = serializers.CharField(
        help_text="What the figures mean: what stakeholders read.",
        error_messages={
            "required": "Say what the figures mean: the commentary is what stakeholders read.",
            "blank": "Say what the figures mean: the commentary is what stakeholders read.",
        },
    )
    recorded_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Defaults to today.")

    def validate_confidence(self, value) -> dict[str, int]:
        if not isinstance(value, dict):
            raise serializers.ValidationError('Give an object such as {"parents": 3, "regulators": 2}.')
        errors = []
        for group, rating in value.items():
            if group not in StakeholderGroup.values:
                errors.append(f"Unknown stakeholder group “{group}”; use {', '.join(StakeholderGroup.values)}.")
            elif isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
                errors.append(f"Confidence of {StakeholderGroup(group).label.lower()} is rated 1 to 5.")
        if not value:
            errors.append("Rate the confidence of at least one stakeholder group.")
        if errors:
            raise serializers.ValidationError(errors)
        return value

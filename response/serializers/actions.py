"""Shapes of the response plan API's requests and responses: actions (notes, evidence, history),
policies with their checklist, and improvement checkpoints. No business logic: the services decide.

Input serializers check types and choices and turn ids into objects the user may refer to (an owner
or a risk outside the case reads as unknown, like a missing one); the services check the rules again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import NoReverseMatch, reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment import selectors as assessment_selectors
from assessment.selectors import BAND_ORDER
from crisis.models import Case, Organisation, User
from crisis.serializers import PersonRefSerializer, possible_owner

if TYPE_CHECKING:  # type hints only
    from assessment.models import Risk

from ..models import (
    Action,
    ActionEvent,
    ActionNote,
    ChecklistRequirement,
    Evidence,
    ImprovementCheckpoint,
    Policy,
    PolicyCheck,
    PolicyType,
    StakeholderGroup,
)
from ..services import ACTION_EDITABLE_FIELDS, POLICY_EDITABLE_FIELDS

PROGRESS_ERRORS = {
    "invalid": "Progress is a whole number from 0 to 100.",
    "min_value": "Progress is a whole number from 0 to 100.",
    "max_value": "Progress is a whole number from 0 to 100.",
}


def _refuse_unknown_fields(serializer: serializers.Serializer, data) -> None:
    """A partial change names only fields it may change: a typo or a derived field is a 400, not ignored."""
    if hasattr(data, "keys"):
        unknown = {name: ["This field cannot be changed."] for name in data.keys() if name not in serializer.fields}  # noqa: SIM118
        if unknown:
            raise serializers.ValidationError(unknown)


def _page_url(obj) -> str | None:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # the pages are optional to the API
        return None


# Actions: outputs -------------------------------------------------------------------------------


def _one_of(values) -> dict:
    """A string limited to these values, described without "enum".

    Risks, actions and policies each have a "status" with its own choices, used in several
    components; drf-spectacular cannot name those enums without a settings override and warns. A
    pattern keeps the schema exact (as the risk register keeps its bands plain strings)."""
    return {"type": "string", "pattern": "^(" + "|".join(values) + ")$"}


@extend_schema_field(_one_of(Action.Status.values))
class ActionStatusField(serializers.ChoiceField):
    pass


class RiskRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    band = serializers.CharField(read_only=True, help_text="The risk's current band: critical, high, medium or low.")


class ActionOutputSerializer(serializers.ModelSerializer):
    """An action as the lists show it. Expects the queryset of selectors.case_actions or action_plan_for."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    owner = PersonRefSerializer(read_only=True, allow_null=True)
    priority_label = serializers.CharField(source="get_priority_display", read_only=True)
    status = ActionStatusField(choices=Action.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    rag = serializers.CharField(read_only=True, help_text="red, amber or green, from the due date and progress.")
    overdue = serializers.BooleanField(read_only=True, help_text="Past its due date and not done.")
    risks = RiskRefSerializer(many=True, read_only=True, help_text="The risks it addresses (those you may see).")
    evidence_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField(help_text="The action's page in the browser (a path on this site).")

    class Meta:
        model = Action
        fields = [
            "id",
            "case",
            "title",
            "description",
            "owner",
            "priority",
            "priority_label",
            "start_on",
            "due_on",
            "status",
            "status_label",
            "blocked_reason",
            "progress",
            "rag",
            "overdue",
            "completion_notes",
            "done_at",
            "verified_at",
            "risks",
            "evidence_count",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, action: Action) -> str | None:
        return _page_url(action)


class ActionDetailOutputSerializer(ActionOutputSerializer):
    """One action. `consultant_notes` is left out unless the context says the user may read it."""

    done_by = PersonRefSerializer(read_only=True, allow_null=True)
    verified_by = PersonRefSerializer(read_only=True, allow_null=True)
    # Not read-only, so the schema shows it as optional: client users never receive the key.
    consultant_notes = serializers.CharField(
        required=False, help_text="Consultants only: the key is absent for the organisation's leaders and staff."
    )

    class Meta(ActionOutputSerializer.Meta):
        fields = [*ActionOutputSerializer.Meta.fields, "done_by", "verified_by", "consultant_notes"]
        read_only_fields = [f for f in fields if f != "consultant_notes"]

    def to_representation(self, action: Action) -> dict:
        data = super().to_representation(action)
        if not self.context.get("show_confidential"):
            data.pop("consultant_notes", None)
        return data


class ActionEventOutputSerializer(serializers.ModelSerializer):
    actor = PersonRefSerializer(read_only=True)
    changes = serializers.JSONField(read_only=True, help_text='What changed: {"field": {"from": …, "to": …}}.')

    class Meta:
        model = ActionEvent
        fields = ["id", "at", "actor", "verb", "changes"]
        read_only_fields = fields


class ActionNoteOutputSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = ActionNote
        fields = ["id", "author", "body", "consultant_only", "created_at"]
        read_only_fields = fields


class EvidenceOutputSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Evidence.Kind.choices, read_only=True)
    uploaded_by = PersonRefSerializer(read_only=True)
    download = serializers.SerializerMethodField(help_text="For a file: the API path that downloads it.")

    class Meta:
        model = Evidence
        fields = ["id", "kind", "title", "original_name", "content_type", "size", "sha256", "url", "download",
                  "uploaded_by", "uploaded_at"]
        read_only_fields = fields

    def get_download(self, evidence: Evidence) -> str | None:
        if evidence.kind != Evidence.Kind.FILE:
            return None
        return reverse("api-action-evidence-download", kwargs={"pk": evidence.action_id, "evidence_pk": evidence.pk})


# Actions: inputs --------------------------------------------------------------------------------


ACTION_STATUS_FILTERS = ["open", "all", *Action.Status.values]


@extend_schema_field({"type": "string", "enum": ACTION_STATUS_FILTERS})
class ActionStatusFilterField(serializers.ChoiceField):
    pass


class ActionFilterSerializer(serializers.Serializer):
    """A case's action list filters, as query parameters. All optional."""

    status = ActionStatusFilterField(
        choices=[(v, v) for v in ACTION_STATUS_FILTERS], required=False,
        help_text="all (the default), open (not done or verified), or one status.",
    )
    owner = serializers.IntegerField(required=False, help_text="The owner's user id.")
    overdue = serializers.BooleanField(required=False, default=False, help_text="Only overdue actions.")
    q = serializers.CharField(required=False, help_text="Words to find in the title.")


class ActionPlanFilterSerializer(serializers.Serializer):
    mine = serializers.BooleanField(required=False, default=False, help_text="Only the actions you own.")
    status = ActionStatusFilterField(
        choices=[(v, v) for v in ACTION_STATUS_FILTERS], required=False,
        help_text="open (the default: not done or verified), all, or one status.",
    )


def _case_risks(*, user, case: Case, ids: list[int]) -> list[Risk]:
    """The case's risks with these ids, among those the user sees; any other id is unknown."""
    found = {r.pk: r for r in assessment_selectors.risks_for(user).filter(organisation_id=case.organisation_id,
                                                                          case=case,
                                                               pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise serializers.ValidationError(f"Unknown risk for this case: {', '.join(unknown)}.")
    return [found[pk] for pk in dict.fromkeys(ids)]


class ActionCreateInputSerializer(serializers.Serializer):
    """A new action. Needs the case and the request in the context."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="User id of a member of the organisation or a consultant assigned to it.",
    )
    priority = serializers.ChoiceField(choices=Action.Priority.choices, required=False, default=Action.Priority.HIGH)
    start_on = serializers.DateField(required=False, allow_null=True, default=None)
    due_on = serializers.DateField()
    risks = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list,
        help_text="Ids of the case's risks it addresses.",
    )
    consultant_notes = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Never shown to the organisation."
    )

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else possible_owner(self.context["case"], value)

    def validate_risks(self, value: list[int]) -> list[Risk]:
        return _case_risks(user=self.context["request"].user, case=self.context["case"], ids=value)


class ActionUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent change. Needs the case and the request in the context."""

    title = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="A user id, or null for no owner.")
    priority = serializers.ChoiceField(choices=Action.Priority.choices, required=False)
    start_on = serializers.DateField(required=False, allow_null=True)
    due_on = serializers.DateField(required=False)
    risks = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="The whole list: replaces the linked risks."
    )
    consultant_notes = serializers.CharField(required=False, allow_blank=True)

    def to_internal_value(self, data):
        _refuse_unknown_fields(self, data)
        return super().to_internal_value(data)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else possible_owner(self.context["case"], value)

    def validate_risks(self, value: list[int]) -> list[Risk]:
        return _case_risks(user=self.context["request"].user, case=self.context["case"], ids=value)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        assert set(attrs) - {"risks"} <= set(ACTION_EDITABLE_FIELDS)  # noqa: S101  (the fields above)
        return attrs


WORKING_STATUSES = [Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS, Action.Status.BLOCKED]


@extend_schema_field(_one_of([s.value for s in WORKING_STATUSES]))
class WorkingStatusField(serializers.ChoiceField):
    pass


class ActionProgressInputSerializer(serializers.Serializer):
    progress = serializers.IntegerField(
        min_value=0, max_value=100, required=False, error_messages=PROGRESS_ERRORS, help_text="Per cent done."
    )
    status = WorkingStatusField(
        choices=[(s.value, s.label) for s in WORKING_STATUSES], required=False,
        error_messages={"invalid_choice": "Use not_started, in_progress or blocked here: an action is finished "
                                          "through done/, and verification is a consultant's (verify/)."},
        help_text="not_started, in_progress or blocked (say why in blocked_reason).",
    )
    blocked_reason = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send progress, status or blocked_reason.")
        return attrs


class ActionDoneInputSerializer(serializers.Serializer):
    completion_notes = serializers.CharField(
        help_text="What was done: part of the evidence.",
        error_messages={"required": "Say what was done: the note is part of the evidence.",
                        "blank": "Say what was done: the note is part of the evidence."},
    )


class ActionVerifyInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="What was checked.")


class ActionReopenInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        error_messages={"required": "Say why the action is reopened.", "blank": "Say why the action is reopened."},
    )


class ActionNoteInputSerializer(serializers.Serializer):
    body = serializers.CharField(error_messages={"required": "Write the note first.", "blank": "Write the note first."})
    consultant_only = serializers.BooleanField(
        required=False, default=False, help_text="Consultants only: hidden from the organisation's leaders and staff."
    )


class EvidenceFileInputSerializer(serializers.Serializer):
    """multipart/form-data: the file and an optional title."""

    file = serializers.FileField(
        help_text="PDF, DOCX, XLSX, PNG or JPG, checked by content; at most EVIDENCE_MAX_BYTES (10 MB by default)."
    )
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                  help_text="Defaults to the file name.")


class EvidenceLinkInputSerializer(serializers.Serializer):
    """JSON (or a form): a link and an optional title."""

    url = serializers.CharField(max_length=500, help_text="Starts with https:// or http://.")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="",
                                  help_text="Defaults to the link.")


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


class CheckpointOutputSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    recorded_by = PersonRefSerializer(read_only=True)
    completion_percent = serializers.IntegerField(read_only=True)
    risks_by_band = RisksByBandField(read_only=True)
    confidence = ConfidenceField(read_only=True)
    average_confidence = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = ImprovementCheckpoint
        fields = ["id", "case", "recorded_on", "recorded_by", "actions_total", "actions_complete",
                  "actions_completed_since_last", "actions_overdue", "completion_percent", "risks_by_band",
                  "confidence", "average_confidence", "commentary", "created_at"]
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

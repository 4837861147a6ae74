"""Serializers of the action plan API: outputs and inputs of actions, notes, evidence and history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessment import selectors as assessment_selectors
from crisis.models import Case, User
from crisis.serializers import PersonRefSerializer, possible_owner

if TYPE_CHECKING:  # type hints only
    from assessment.models import Risk

from ..models import (
    Action,
    ActionEvent,
    ActionNote,
    Evidence,
)
from ..services import ACTION_EDITABLE_FIELDS
from .base import PROGRESS_ERRORS, _page_url, _refuse_unknown_fields

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

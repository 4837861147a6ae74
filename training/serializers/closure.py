"""A case's closure report as the API shows it and takes it."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

__all__ = [
    "ClosureDecisionInputSerializer",
    "ClosureOverrideInputSerializer",
    "ClosureReportOutputSerializer",
    "ClosureTextInputSerializer",
]

TEXT_LIMIT = 20_000


class ClosureTextInputSerializer(serializers.Serializer):
    lessons_learned = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_LIMIT,
                                            trim_whitespace=False)
    handover = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_LIMIT, trim_whitespace=False,
                                     help_text="What remains and who owns it now, beside the open actions.")


class ClosureDecisionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_LIMIT,
                                   help_text="A note on an approval; what should change, for a refusal (required).")


class ClosureOverrideInputSerializer(serializers.Serializer):
    hit_id = serializers.CharField(max_length=40, help_text="The finding's hit_id, from `findings`.")
    reason = serializers.CharField(max_length=TEXT_LIMIT, help_text="Why it may stay in the report as it is.")


class _PersonField(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="get_full_name")


class ClosureReportFileSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    status = serializers.CharField(help_text="queued, ready or failed.")
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    error = serializers.CharField(help_text="Why the render failed (POST .../retry/ renders it again).")
    rendered_at = serializers.DateTimeField(allow_null=True)


class ClosureFindingSerializer(serializers.Serializer):
    hit_id = serializers.CharField()
    record = serializers.CharField()
    field = serializers.CharField()
    kind = serializers.CharField()
    match = serializers.CharField(help_text="The text found: shown to the case's consultants only.")
    message = serializers.CharField()
    url = serializers.CharField()


class ClosureOverrideSerializer(serializers.Serializer):
    hit_id = serializers.CharField()
    kind = serializers.CharField()
    message = serializers.CharField()
    reason = serializers.CharField()
    overridden_by = _PersonField()
    overridden_at = serializers.DateTimeField()


class ClosureReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    case = serializers.CharField(source="case.reference")
    number = serializers.IntegerField()
    status = serializers.CharField(help_text="draft, awaiting_approval, approved or refused.")
    lessons_learned = serializers.CharField()
    handover = serializers.CharField()
    created_by = _PersonField()
    created_at = serializers.DateTimeField()
    requested_by = _PersonField(allow_null=True)
    requested_at = serializers.DateTimeField(allow_null=True)
    decided_by = _PersonField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_reason = serializers.CharField()
    guard_checked_at = serializers.DateTimeField(allow_null=True)
    guard_clean = serializers.BooleanField(help_text="Nothing found at the last check (overrides aside, false).")
    report = ClosureReportFileSerializer(allow_null=True, help_text="The PDF, once approved.")
    findings = serializers.SerializerMethodField(help_text="What the personal-data check finds now, overrides left "
                                                 "out (the case's consultants only; empty for others).")
    overrides = serializers.SerializerMethodField(help_text="Findings let stand, with the reason (consultants only).")

    @extend_schema_field(ClosureFindingSerializer(many=True))
    def get_findings(self, obj) -> list:
        return ClosureFindingSerializer(self.context.get("findings", {}).get(obj.pk, []), many=True).data

    @extend_schema_field(ClosureOverrideSerializer(many=True))
    def get_overrides(self, obj) -> list:
        return ClosureOverrideSerializer(self.context.get("overrides", {}).get(obj.pk, []), many=True).data

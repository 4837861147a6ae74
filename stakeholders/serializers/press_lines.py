"""Serializers of press lines and their versions."""

from __future__ import annotations

from rest_framework import serializers

from crisis.serializers import PersonRefSerializer

from ..models import (
    PressLine,
    PressLineVersion,
)

# Press lines ------------------------------------------------------------------------------------


class PressLineVersionOutputSerializer(serializers.ModelSerializer):
    written_by = PersonRefSerializer(read_only=True)
    approved_by = PersonRefSerializer(read_only=True, allow_null=True)
    press_line = serializers.IntegerField(source="press_line_id", read_only=True, help_text="The press line's id.")

    class Meta:
        model = PressLineVersion
        fields = ["id", "press_line", "number", "text", "written_by", "written_at", "approved_by", "approved_at"]
        read_only_fields = fields


class PressLineOutputSerializer(serializers.ModelSerializer):
    """A press line with its versions, newest first. Expects selectors.case_press_lines rows (with the case)."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    versions = PressLineVersionOutputSerializer(many=True, read_only=True)
    approved_for_use = serializers.SerializerMethodField(
        help_text="Some wording is approved: the line may be used, with `version_in_use`.")
    version_in_use = serializers.SerializerMethodField(
        help_text="Id of the latest approved version, the one a contact may use (a newer draft waits for "
                  "approval); null when none is approved.")
    awaiting_approval = serializers.SerializerMethodField(help_text="A newer version waits for approval.")

    class Meta:
        model = PressLine
        fields = ["id", "case", "title", "approved_for_use", "version_in_use", "awaiting_approval", "versions",
                  "created_at"]
        read_only_fields = fields

    @staticmethod
    def _in_use(press_line: PressLine) -> PressLineVersion | None:
        approved = [v for v in press_line.versions.all() if v.approved_at]  # prefetched
        return max(approved, key=lambda v: v.number, default=None)

    def get_approved_for_use(self, press_line: PressLine) -> bool:
        return self._in_use(press_line) is not None

    def get_version_in_use(self, press_line: PressLine) -> int | None:
        version = self._in_use(press_line)
        return version.pk if version else None

    def get_awaiting_approval(self, press_line: PressLine) -> bool:
        latest = max(press_line.versions.all(), key=lambda v: v.number, default=None)
        return latest is not None and latest.approved_at is None


class PressLineInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, error_messages={"required": "Give the press line a title.",
                                                                  "blank": "Give the press line a title."})
    text = serializers.CharField(error_messages={"required": "Write the wording.", "blank": "Write the wording."})


class PressLineVersionInputSerializer(serializers.Serializer):
    text = serializers.CharField(error_messages={"required": "Write the wording.", "blank": "Write the wording."})

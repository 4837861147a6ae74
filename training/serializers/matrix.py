"""The training matrix and the training record PDF, as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

__all__ = [
    "MatrixFilterSerializer",
    "MatrixOutputSerializer",
    "RecordRequestInputSerializer",
    "RecordReportOutputSerializer",
]


class MatrixFilterSerializer(serializers.Serializer):
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    role = serializers.IntegerField(required=False, allow_null=True, default=None,
                                    help_text="A staff role's id: only the people who hold it.")
    department = serializers.CharField(required=False, allow_blank=True, default="")


class RequirementColumnSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    key = serializers.CharField()
    title = serializers.CharField()
    mandatory = serializers.BooleanField()


class CoverageSerializer(serializers.Serializer):
    applicable = serializers.IntegerField()
    in_date = serializers.IntegerField(help_text="Current or expiring: in date today.")
    percent = serializers.IntegerField(allow_null=True, help_text="in_date of applicable, rounded down.")
    current = serializers.IntegerField(source="counts.current")
    expiring = serializers.IntegerField(source="counts.expiring")
    expired = serializers.IntegerField(source="counts.expired")
    missing = serializers.IntegerField(source="counts.missing")


class RequirementCoverageSerializer(CoverageSerializer):
    requirement = serializers.IntegerField()


class CellSerializer(serializers.Serializer):
    requirement = serializers.IntegerField()
    status = serializers.CharField(help_text="current, expiring, expired, missing or na (not required).")
    label = serializers.CharField()
    expires_on = serializers.DateField(allow_null=True)


class MatrixRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()
    department = serializers.CharField()
    cells = CellSerializer(many=True)


class MatrixOutputSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="People matching the filters (leavers left out).")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    expiring_days = serializers.IntegerField()
    requirements = RequirementColumnSerializer(many=True)
    coverage = RequirementCoverageSerializer(many=True)
    overall = CoverageSerializer()
    results = MatrixRowSerializer(many=True)


class RecordRequestInputSerializer(serializers.Serializer):
    period_from = serializers.DateField(required=False, allow_null=True, default=None)
    period_to = serializers.DateField(required=False, allow_null=True, default=None)


class RecordReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    requested_at = serializers.DateTimeField()

"""What the exit API reads and writes: input serializers only check shapes; the services hold the rules
(a threshold of 120 is refused by `exit_criteria_update`, with the message the page shows)."""

from __future__ import annotations

from rest_framework import serializers

from ..models import ExitCriterion, ExitCriterionKind, ExitOverride, ExitSignOff, FollowUpReview

__all__ = [
    "ExitCriteriaInputSerializer",
    "ExitCriterionOutputSerializer",
    "ExitOverrideDecisionInputSerializer",
    "ExitOverrideInputSerializer",
    "ExitOverrideOutputSerializer",
    "ExitReadinessOutputSerializer",
    "ExitSignOffInputSerializer",
    "ExitSignOffOutputSerializer",
    "FollowUpReviewDoneInputSerializer",
    "FollowUpReviewOutputSerializer",
]


class ExitCriterionOutputSerializer(serializers.ModelSerializer):
    label = serializers.CharField(source="get_kind_display")
    threshold = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True, coerce_to_string=False)

    class Meta:
        model = ExitCriterion
        fields = ["kind", "label", "threshold", "enabled", "position"]


class ExitCriterionInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ExitCriterionKind.choices)
    threshold = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=10,
                                      help_text="A whole percentage from 0 to 100, or a survey score from 1.0 to 5.0.")
    enabled = serializers.BooleanField(required=False)


class ExitCriteriaInputSerializer(serializers.Serializer):
    criteria = ExitCriterionInputSerializer(many=True, allow_empty=False)


class ReadinessItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ExitCriterionKind.choices)
    label = serializers.CharField()
    threshold_text = serializers.CharField()
    figure_text = serializers.CharField()
    met = serializers.BooleanField()
    fix_url = serializers.CharField(allow_null=True)
    fix_label = serializers.CharField()


class ReadinessSignOffSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ExitSignOff.Role.choices)
    role_label = serializers.CharField()
    name = serializers.CharField()
    signed_at = serializers.DateTimeField()


class ExitOverrideOutputSerializer(serializers.ModelSerializer):
    requested_by = serializers.StringRelatedField()
    decided_by = serializers.StringRelatedField()
    unmet = serializers.ListField(child=serializers.DictField())

    class Meta:
        model = ExitOverride
        fields = ["id", "status", "reason", "unmet", "requested_by", "requested_at", "decided_by", "decided_at",
                  "decision_reason"]


class ExitReadinessOutputSerializer(serializers.Serializer):
    criteria = ReadinessItemSerializer(many=True)
    all_met = serializers.BooleanField()
    unmet = ReadinessItemSerializer(many=True)
    override = ExitOverrideOutputSerializer(allow_null=True)
    pending_override = ExitOverrideOutputSerializer(allow_null=True)
    signoffs = ReadinessSignOffSerializer(many=True)


class ExitSignOffInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ExitSignOff.Role.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ExitSignOffOutputSerializer(serializers.ModelSerializer):
    user = serializers.StringRelatedField()

    class Meta:
        model = ExitSignOff
        fields = ["id", "role", "user", "note", "signed_at"]


class ExitOverrideInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=5000)


class ExitOverrideDecisionInputSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, max_length=5000)


class FollowUpReviewOutputSerializer(serializers.ModelSerializer):
    done_by = serializers.StringRelatedField()

    class Meta:
        model = FollowUpReview
        fields = ["id", "months", "due_on", "status", "done_on", "done_by", "notes", "reminded_at"]


class FollowUpReviewDoneInputSerializer(serializers.Serializer):
    notes = serializers.CharField(allow_blank=True, max_length=5000)
    done_on = serializers.DateField(required=False, allow_null=True)

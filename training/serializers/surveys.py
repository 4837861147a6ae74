"""Serializers of the survey API: surveys, links, aggregated results and comments. No serializer
carries a single response: results leave only as counts and means of a group at its threshold."""

from __future__ import annotations

from django.conf import settings
from rest_framework import serializers

from ..models import Survey, SurveyComment, SurveyGroup, SurveyItem, SurveyLink

__all__ = [
    "SurveyCommentOutputSerializer",
    "SurveyCommentShareInputSerializer",
    "SurveyCreateInputSerializer",
    "SurveyGroupResultSerializer",
    "SurveyItemOutputSerializer",
    "SurveyLinkInputSerializer",
    "SurveyLinkOutputSerializer",
    "SurveyOutputSerializer",
    "SurveyRerunInputSerializer",
    "SurveyResultsOutputSerializer",
]


class SurveyItemOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyItem
        fields = ["id", "group", "key", "text", "key_question", "position"]
        read_only_fields = fields


class SurveyOutputSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True)
    groups = serializers.ListField(child=serializers.ChoiceField(choices=SurveyGroup.choices), read_only=True)
    response_count = serializers.IntegerField(read_only=True, required=False,
                                              help_text="Responses of every group (in lists).")
    baseline = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The baseline this survey re-runs.")
    # Plain text, not an enum: "status" names other choice sets in the schema.
    status = serializers.CharField(read_only=True, help_text="draft, open or closed.")

    class Meta:
        model = Survey
        fields = ["id", "case", "title", "round", "baseline", "groups", "min_responses", "opens_on", "closes_on",
                  "status", "response_count", "created_at", "opened_at", "closed_at"]
        read_only_fields = fields


class SurveyCreateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    groups = serializers.ListField(child=serializers.ChoiceField(choices=SurveyGroup.choices), allow_empty=False)
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    min_responses = serializers.IntegerField(
        required=False, min_value=3, default=None, allow_null=True,
        help_text=f"Fewest responses to show a group's results; default {settings.SURVEY_MIN_RESPONSES}, never "
                  "below 3.",
        error_messages={"min_value": "Results need at least 3 responses a group: fewer could identify someone."},
    )


class SurveyRerunInputSerializer(serializers.Serializer):
    round = serializers.ChoiceField(choices=Survey.Round.choices, help_text="checkpoint or exit.")
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    title = serializers.CharField(max_length=200, required=False, default="")


class SurveyLinkOutputSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The link to send to the group.")
    active = serializers.SerializerMethodField()

    class Meta:
        model = SurveyLink
        fields = ["id", "group", "url", "token", "expires_at", "active", "created_at", "revoked_at"]
        read_only_fields = fields

    def get_url(self, link: SurveyLink) -> str:
        from django.urls import reverse

        request = self.context.get("request")
        path = reverse("training:survey_respond", args=[link.token])
        return request.build_absolute_uri(path) if request else path

    def get_active(self, link: SurveyLink) -> bool:
        return link.is_active() and link.survey.status != Survey.Status.CLOSED


class SurveyLinkInputSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=SurveyGroup.choices)


class SurveyQuestionResultSerializer(serializers.Serializer):
    item = SurveyItemOutputSerializer()
    n = serializers.IntegerField(help_text="Answers (prefer not to say is not counted).")
    mean = serializers.FloatField(allow_null=True)
    counts = serializers.ListField(child=serializers.IntegerField(), help_text="Answers of 1, 2, 3, 4 and 5.")


class SurveyGroupResultSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=SurveyGroup.choices)
    label = serializers.CharField()
    responses = serializers.IntegerField()
    threshold = serializers.IntegerField(help_text="Results are shown from this many responses.")
    shown = serializers.BooleanField()
    message = serializers.CharField(help_text="Why no figure is shown, when none is.")
    key_score = serializers.FloatField(allow_null=True)
    questions = SurveyQuestionResultSerializer(many=True, help_text="Empty below the threshold.")


class SurveyTrendPointSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField()
    round = serializers.CharField()
    round_label = serializers.CharField()
    opens_on = serializers.DateField()
    score = serializers.FloatField(allow_null=True)
    responses = serializers.IntegerField()
    difference = serializers.FloatField(allow_null=True, help_text="Change from the baseline.")


class SurveyTrendQuestionPointSerializer(serializers.Serializer):
    survey_id = serializers.IntegerField()
    round = serializers.CharField()
    round_label = serializers.CharField()
    mean = serializers.FloatField(allow_null=True)
    n = serializers.IntegerField()
    difference = serializers.FloatField(allow_null=True)


class SurveyTrendQuestionSerializer(serializers.Serializer):
    key = serializers.CharField()
    text = serializers.CharField()
    key_question = serializers.BooleanField()
    points = SurveyTrendQuestionPointSerializer(many=True)


class SurveyTrendGroupSerializer(serializers.Serializer):
    group = serializers.CharField()
    label = serializers.CharField()
    points = SurveyTrendPointSerializer(many=True)
    questions = SurveyTrendQuestionSerializer(many=True)


class SurveyResultsOutputSerializer(serializers.Serializer):
    survey = SurveyOutputSerializer()
    groups = SurveyGroupResultSerializer(many=True)
    trend = SurveyTrendGroupSerializer(many=True, help_text="The series, rounds at or above the threshold only.")


class SurveyCommentOutputSerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="response.group", read_only=True)

    class Meta:
        model = SurveyComment
        fields = ["id", "group", "text", "shareable", "marked_at"]
        read_only_fields = fields


class SurveyCommentShareInputSerializer(serializers.Serializer):
    shareable = serializers.BooleanField(default=True)

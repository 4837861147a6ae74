"""What the knowledge checks and observations API reads and writes: input serializers only check
shapes; the services hold the rules."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import CheckAttempt, CheckOption, CheckQuestion, KnowledgeCheck, Observation

__all__ = [
    "AttemptOutputSerializer",
    "CheckDetailOutputSerializer",
    "CheckInputSerializer",
    "CheckOutputSerializer",
    "CheckUpdateInputSerializer",
    "ObservationActionOutputSerializer",
    "ObservationInputSerializer",
    "ObservationOutputSerializer",
    "PaperScoreInputSerializer",
    "QuestionInputSerializer",
]


class OptionInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300)
    correct = serializers.BooleanField(default=False)


class QuestionInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    options = OptionInputSerializer(many=True, help_text="Two to five options, exactly one correct.")


class CheckInputSerializer(serializers.Serializer):
    course = serializers.IntegerField(help_text="The course's id (one check per course).")
    title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    pass_mark = serializers.IntegerField(required=False, help_text="Percent, 1 to 100 (default 80).")
    active = serializers.BooleanField(required=False)
    questions = QuestionInputSerializer(many=True, required=False)


class CheckUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    pass_mark = serializers.IntegerField(required=False)
    active = serializers.BooleanField(required=False)


class CheckOutputSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    question_count = serializers.IntegerField(read_only=True)
    attempt_count = serializers.IntegerField(read_only=True)
    passed_count = serializers.IntegerField(read_only=True)
    average_score = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = KnowledgeCheck
        fields = ["id", "course", "course_title", "title", "pass_mark", "active", "question_count",
                  "attempt_count", "passed_count", "average_score"]


class CheckOptionOutputSerializer(serializers.ModelSerializer):
    """An option; whether it is correct only for those who keep the organisation's training."""

    correct = serializers.SerializerMethodField()

    class Meta:
        model = CheckOption
        fields = ["id", "text", "correct"]

    def get_correct(self, option: CheckOption) -> bool | None:
        return option.correct if self.context.get("show_correct") else None


class CheckQuestionOutputSerializer(serializers.ModelSerializer):
    options = CheckOptionOutputSerializer(many=True, read_only=True)

    class Meta:
        model = CheckQuestion
        fields = ["id", "text", "position", "options"]


class CheckDetailOutputSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    questions = serializers.SerializerMethodField()

    class Meta:
        model = KnowledgeCheck
        fields = ["id", "course", "course_title", "title", "pass_mark", "active", "questions"]

    @extend_schema_field(CheckQuestionOutputSerializer(many=True))
    def get_questions(self, check: KnowledgeCheck) -> list[dict]:
        return CheckQuestionOutputSerializer(self.context["questions"], many=True, context=self.context).data


class AttemptOutputSerializer(serializers.ModelSerializer):
    check = serializers.PrimaryKeyRelatedField(source="knowledge_check", read_only=True)
    check_title = serializers.CharField(source="knowledge_check.title", read_only=True)
    person = serializers.PrimaryKeyRelatedField(read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = CheckAttempt
        fields = ["id", "check", "check_title", "person", "person_name", "score", "pass_mark", "passed", "paper",
                  "taken_at"]


class PaperScoreInputSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    score = serializers.IntegerField(help_text="Percent, 0 to 100.")
    taken_on = serializers.DateField()


class ObservationOutputSerializer(serializers.ModelSerializer):
    observer = serializers.CharField(source="observer.full_name", read_only=True)
    action = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Observation
        fields = ["id", "kind", "observed_on", "area", "seen", "rating", "observer", "action", "created_at"]


class ObservationInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Observation.Kind.choices, required=False)
    observed_on = serializers.DateField()
    area = serializers.CharField(max_length=200)
    seen = serializers.CharField()
    rating = serializers.ChoiceField(choices=Observation.Rating.choices)


class ObservationActionOutputSerializer(serializers.Serializer):
    observation = serializers.IntegerField()
    action = serializers.IntegerField()
    title = serializers.CharField()
    due_on = serializers.DateField()

"""What the courses API reads and writes: input serializers only check shapes; the services hold the rules."""

from __future__ import annotations

from rest_framework import serializers

from ..models import Course, CourseKind, Session, TrainingRecord

__all__ = [
    "AttendanceInputSerializer",
    "CertificateInputSerializer",
    "CourseInputSerializer",
    "CourseOutputSerializer",
    "RecordExpiryInputSerializer",
    "RecordOutputSerializer",
    "SessionInputSerializer",
    "SessionOutputSerializer",
]


class CourseOutputSerializer(serializers.ModelSerializer):
    satisfies = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Course
        fields = ["id", "title", "kind", "provider", "internal", "duration_minutes", "satisfies"]


class CourseInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=CourseKind.choices)
    provider = serializers.CharField(max_length=200, required=False, allow_blank=True)
    internal = serializers.BooleanField(required=False)
    duration_minutes = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    satisfies = serializers.ListField(child=serializers.SlugField(), required=False,
                                      help_text="Requirement keys; left out on a new course: those of its kind.")


class SessionOutputSerializer(serializers.ModelSerializer):
    course = serializers.PrimaryKeyRelatedField(read_only=True)
    action = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Session
        fields = ["id", "course", "date", "trainer", "venue", "online", "capacity", "action"]


class SessionInputSerializer(serializers.Serializer):
    course = serializers.IntegerField()
    date = serializers.DateField()
    trainer = serializers.CharField(max_length=150, required=False, allow_blank=True)
    venue = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online = serializers.BooleanField(required=False)
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    action = serializers.IntegerField(required=False, allow_null=True)


class RecordExpiryInputSerializer(serializers.Serializer):
    """PATCH of a record: only when it expires (null: never)."""

    expires_on = serializers.DateField(allow_null=True, help_text="YYYY-MM-DD; null: it never expires.")

    def to_internal_value(self, data):
        unknown = sorted(set(data) - {"expires_on"}) if hasattr(data, "keys") else []
        if unknown:
            raise serializers.ValidationError({name: ["Only expires_on can be changed."] for name in unknown})
        return super().to_internal_value(data)


class RecordOutputSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    course_title = serializers.CharField(source="course.title", read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = TrainingRecord
        fields = ["id", "person", "person_name", "course", "course_title", "session", "attendance", "completed_on",
                  "expires_on", "has_file", "original_name", "sha256"]

    def get_has_file(self, record: TrainingRecord) -> bool:
        return bool(record.file)


class AttendanceInputSerializer(serializers.Serializer):
    marks = serializers.DictField(
        child=serializers.ChoiceField(choices=[("", "clear"), *TrainingRecord.Attendance.choices], allow_blank=True),
        help_text="Person id -> attended, partial, absent, or empty to clear. Saved all or nothing.",
    )


class CertificateInputSerializer(serializers.Serializer):
    course = serializers.IntegerField(required=False, allow_null=True)
    new_title = serializers.CharField(max_length=200, required=False, allow_blank=True)
    new_kind = serializers.ChoiceField(choices=CourseKind.choices, required=False)
    new_provider = serializers.CharField(max_length=200, required=False, allow_blank=True)
    completed_on = serializers.DateField()
    expires_on = serializers.DateField(required=False, allow_null=True)
    file = serializers.FileField(required=False)

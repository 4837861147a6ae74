"""Serializers of the staff list, roles and requirements API."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.models import Organisation

from ..models import CourseKind, Person, Requirement, StaffRole

__all__ = [
    "PeopleFilterSerializer",
    "PeopleImportInputSerializer",
    "PersonCreateInputSerializer",
    "PersonOutputSerializer",
    "PersonUpdateInputSerializer",
    "RequirementOutputSerializer",
    "RequirementUpdateInputSerializer",
    "RoleInputSerializer",
    "RoleOutputSerializer",
]


class RoleOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = StaffRole
        fields = ["id", "key", "name"]


class RoleInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)


class PersonOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True, help_text="Organisation id.")
    roles = RoleOutputSerializer(many=True, read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True, allow_null=True,
                                    help_text="Id of their Safehold account, when linked.")
    is_leaver = serializers.SerializerMethodField(help_text="Their leaver date has passed.")

    class Meta:
        model = Person
        fields = ["id", "organisation", "full_name", "email", "roles", "department", "start_date", "leaver_date",
                  "is_leaver", "user", "created_at"]

    def get_is_leaver(self, person: Person) -> bool:
        return person.is_leaver()


@extend_schema_field({"type": "integer"})
class _OrganisationRoles(serializers.PrimaryKeyRelatedField):
    """Role ids of the person's organisation (context["organisation"]); any other id is unknown."""

    def get_queryset(self):
        organisation: Organisation = self.context["organisation"]
        return StaffRole.objects.filter(organisation=organisation)


@extend_schema_field({"type": "integer"})
class _OrganisationMembers(serializers.PrimaryKeyRelatedField):
    """Ids of the organisation's members: the accounts a person may be linked to."""

    def get_queryset(self):
        from ..selectors import organisation_members

        return organisation_members(organisation=self.context["organisation"])


class PersonCreateInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    roles = _OrganisationRoles(many=True, required=False, default=list, help_text="Role ids of the organisation.")
    department = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    leaver_date = serializers.DateField(required=False, allow_null=True, default=None)
    user = _OrganisationMembers(required=False, allow_null=True, default=None,
                                help_text="A member's account id; left out, a member with the email is linked.")


class PersonUpdateInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=150, required=False)
    email = serializers.EmailField(required=False, allow_blank=True)
    roles = _OrganisationRoles(many=True, required=False, help_text="Role ids of the organisation (replaces them).")
    department = serializers.CharField(max_length=100, required=False, allow_blank=True)
    start_date = serializers.DateField(required=False, allow_null=True)
    leaver_date = serializers.DateField(required=False, allow_null=True)
    user = _OrganisationMembers(required=False, allow_null=True, help_text="A member's account id, or null to unlink.")

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = {name: ["This field cannot be changed."] for name in data.keys() if name not in self.fields}  # noqa: SIM118
            if unknown:
                raise serializers.ValidationError(unknown)
        return super().to_internal_value(data)


class PeopleFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name or email.")
    role = serializers.IntegerField(required=False, min_value=1, help_text="A role id.")
    department = serializers.CharField(required=False, allow_blank=True)
    leavers = serializers.BooleanField(required=False, default=False, help_text="Include leavers.")
    page = serializers.IntegerField(required=False, min_value=1)


class PeopleImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="UTF-8 CSV: full_name, email, roles (names or keys separated by ';'), "
                                           "department, start_date, leaver_date (DD/MM/YYYY or YYYY-MM-DD).")


@extend_schema_field({"type": "string", "enum": CourseKind.values})
class CourseKindField(serializers.ChoiceField):
    pass


class RequirementOutputSerializer(serializers.ModelSerializer):
    organisation = serializers.IntegerField(source="organisation_id", read_only=True, help_text="Organisation id.")
    roles = RoleOutputSerializer(many=True, read_only=True)
    course_kind = CourseKindField(choices=CourseKind.choices, read_only=True)
    renewal = serializers.SerializerMethodField(help_text="“every 2 years”, “each September”, “once”.")

    class Meta:
        model = Requirement
        fields = ["id", "organisation", "key", "title", "course_kind", "everyone", "roles", "renewal_months",
                  "renew_each_september", "renewal", "mandatory", "active", "source", "position"]

    def get_renewal(self, requirement: Requirement) -> str:
        from ..templatetags.training import renewal

        return renewal(requirement)


class RequirementUpdateInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    course_kind = CourseKindField(choices=CourseKind.choices, required=False)
    everyone = serializers.BooleanField(required=False)
    roles = _OrganisationRoles(many=True, required=False, help_text="Role ids of the organisation (replaces them).")
    renewal_months = serializers.IntegerField(min_value=1, max_value=120, required=False, allow_null=True)
    renew_each_september = serializers.BooleanField(required=False)
    mandatory = serializers.BooleanField(required=False)
    active = serializers.BooleanField(required=False)
    source = serializers.CharField(required=False, allow_blank=True)

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            unknown = {name: ["This field cannot be changed."] for name in data.keys() if name not in self.fields}  # noqa: SIM118
            if unknown:
                raise serializers.ValidationError(unknown)
        return super().to_internal_value(data)

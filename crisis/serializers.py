"""Shapes of the API's requests and responses. No business logic: the services decide.

Input serializers check types and choices and turn ids into objects the user may refer to (an
id the user may not see reads as unknown, exactly like a missing one); output serializers say
what a response shows.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import selectors
from .access import owner_choices
from .forms import MAX_ID
from .models import Case, ChronologyEntry, Organisation, ProtectedName, Rag, Severity, Stage, User

# References to other objects --------------------------------------------------------------------


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    full_name = serializers.CharField(read_only=True)


def _people_by_id(allowed: QuerySet[User], ids: list[int], field: str, unknown_as: str = "consultant") -> list[User]:
    """The people with these ids among those allowed (consultants, or leaders); unknown ids are a
    field error."""
    found = {user.pk: user for user in allowed.filter(pk__in=ids)}
    unknown = [str(pk) for pk in ids if pk not in found]
    if unknown:
        raise serializers.ValidationError(
            {field: f"Unknown {unknown_as} for this organisation: {', '.join(unknown)}."}
        )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _leaders_by_id(organisation: Organisation, ids: list[int]) -> list[User]:
    return _people_by_id(selectors.organisation_leaders(organisation.pk), ids, "leaders", "leader")


# Authentication ---------------------------------------------------------------------------------


class TokenInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


# Organisations ----------------------------------------------------------------------------------


class OrganisationOutputSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    open_case_count = serializers.IntegerField(read_only=True, help_text="Open cases the user can see.")

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "ofsted_urn",
            "charity_number",
            "company_number",
            "local_authority",
            "open_case_count",
        ]
        read_only_fields = fields


# Cases ------------------------------------------------------------------------------------------


class CaseOutputSerializer(serializers.ModelSerializer):
    """A case as lists show it. Expects the annotated queryset of selectors.case_list."""

    organisation = OrganisationRefSerializer(read_only=True)
    lead_consultant = PersonRefSerializer(read_only=True, allow_null=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    days_open = serializers.IntegerField(read_only=True)
    next_due_on = serializers.DateField(read_only=True, allow_null=True, help_text="The earliest open deadline.")
    next_due_title = serializers.CharField(read_only=True, allow_null=True)
    url = serializers.SerializerMethodField(help_text="The case's page in the browser (a path on this site).")

    class Meta:
        model = Case
        fields = [
            "reference",
            "title",
            "summary",
            "organisation",
            "lead_consultant",
            "severity",
            "rag",
            "stage",
            "stage_label",
            "restricted",
            "opened_on",
            "closed_on",
            "days_open",
            "next_due_on",
            "next_due_title",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, case: Case) -> str | None:
        try:
            return case.get_absolute_url()
        except NoReverseMatch:  # the pages are optional to the API: without them there is no page to link
            return None


class CaseDetailOutputSerializer(CaseOutputSerializer):
    """One case: the list fields, the named consultants and the named leaders."""

    consultants = serializers.SerializerMethodField()
    leaders = serializers.SerializerMethodField(
        help_text="The leaders named on the case: on a restricted case, the only leaders of the organisation who "
                  "see it."
    )

    class Meta(CaseOutputSerializer.Meta):
        fields = [*CaseOutputSerializer.Meta.fields, "consultants", "leaders"]
        read_only_fields = fields

    @extend_schema_field(PersonRefSerializer(many=True))
    def get_consultants(self, case: Case) -> list[dict]:
        return PersonRefSerializer(selectors.case_team(case=case), many=True).data

    @extend_schema_field(PersonRefSerializer(many=True))
    def get_leaders(self, case: Case) -> list[dict]:
        return PersonRefSerializer(selectors.case_named_leaders(case=case), many=True).data


class CaseCreateInputSerializer(serializers.Serializer):
    organisation = serializers.IntegerField(help_text="Id of an organisation you consult for.")
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, default=Severity.HIGH)
    rag = serializers.ChoiceField(choices=Rag.choices, required=False, default=Rag.RED)
    restricted = serializers.BooleanField(required=False, default=False)
    lead_consultant = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Defaults to you."
    )
    consultants = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
                                        default=list)
    leaders = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list,
        help_text="User ids of the organisation's leaders who see the case once it is restricted.",
    )
    opened_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Defaults to today.")

    def validate_organisation(self, value: int) -> Organisation:
        user = self.context["request"].user
        organisation = selectors.organisations_user_can_manage(user).filter(pk=value).first()
        if organisation is None:
            raise serializers.ValidationError("Unknown organisation.")
        return organisation

    def validate(self, attrs: dict) -> dict:
        allowed = selectors.assignable_consultants(organisation=attrs["organisation"])
        if attrs["lead_consultant"] is not None:
            attrs["lead_consultant"] = _people_by_id(allowed, [attrs["lead_consultant"]], "lead_consultant")[0]
        attrs["consultants"] = _people_by_id(allowed, attrs["consultants"], "consultants")
        attrs["leaders"] = _leaders_by_id(attrs["organisation"], attrs["leaders"])
        return attrs


class CaseUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent are changed. Needs the case in the context."""

    title = serializers.CharField(max_length=200, required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    rag = serializers.ChoiceField(choices=Rag.choices, required=False)
    restricted = serializers.BooleanField(required=False)
    lead_consultant = serializers.IntegerField(required=False, allow_null=True)
    consultants = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text="The whole team: replaces the named consultants."
    )
    leaders = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False,
        help_text="User ids of the organisation's leaders: replaces the named leaders.",
    )

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        allowed = selectors.assignable_consultants(organisation=self.context["case"].organisation)
        if attrs.get("lead_consultant") is not None:
            attrs["lead_consultant"] = _people_by_id(allowed, [attrs["lead_consultant"]], "lead_consultant")[0]
        if "consultants" in attrs:
            attrs["consultants"] = _people_by_id(allowed, attrs["consultants"], "consultants")
        if "leaders" in attrs:
            attrs["leaders"] = _leaders_by_id(self.context["case"].organisation, attrs["leaders"])
        return attrs


STAGE_CHOICE_MESSAGE = '"{input}" is not a stage. Stages are: ' + ", ".join(Stage.values) + "."


# Described by hand so the schema shows it as its own enum ("ToEnum") rather than warning that the
# stage choices have two names; drf-spectacular's ENUM_NAME_OVERRIDES would be the other way.
@extend_schema_field({"type": "string", "enum": Stage.values})
class StageChoiceField(serializers.ChoiceField):
    pass


class CaseStageInputSerializer(serializers.Serializer):
    to = StageChoiceField(
        choices=Stage.choices, error_messages={"invalid_choice": STAGE_CHOICE_MESSAGE}, help_text="The new stage."
    )
    rationale = serializers.CharField(
        help_text="Why the case moves: recorded in the chronology.",
        error_messages={
            "required": "Give the reason for the stage change: the chronology records why it was decided.",
            "blank": "Give the reason for the stage change: the chronology records why it was decided.",
        },
    )


# Chronology -------------------------------------------------------------------------------------


class ChronologyEntryOutputSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    author = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = ChronologyEntry
        fields = [
            "id",
            "case",
            "occurred_at",
            "kind",
            "kind_label",
            "title",
            "details",
            "decision",
            "rationale",
            "significant",
            "shared_with_organisation",
            "automatic",
            "author",
            "created_at",
        ]
        read_only_fields = fields


WRITABLE_CHRONOLOGY_KINDS = [
    (value, label) for value, label in ChronologyEntry.Kind.choices if value != ChronologyEntry.Kind.STAGE_CHANGE
]


class ChronologyEntryInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None, help_text="Defaults to now.")
    kind = serializers.ChoiceField(
        choices=WRITABLE_CHRONOLOGY_KINDS,
        required=False,
        default=ChronologyEntry.Kind.EVENT,
        help_text="Stage changes are recorded by moving the stage.",
    )
    details = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.CharField(required=False, allow_blank=True, default="")
    rationale = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required for a decision: why it was decided."
    )
    significant = serializers.BooleanField(required=False, default=False)
    shared_with_organisation = serializers.BooleanField(
        required=False, default=False, help_text="Shown to the organisation's leaders and staff."
    )


def possible_owner(case: Case, pk: int) -> User:
    """The user with this id if they may own the case's risks (the risk form's choices); anyone else,
    someone of another organisation included, reads as unknown."""
    owner = owner_choices(case=case).filter(pk=pk).first()
    if owner is None:
        raise serializers.ValidationError(
            "Unknown owner: not a member of the organisation or a consultant assigned to it."
        )
    return owner


# Protected names --------------------------------------------------------------------------------


class ProtectedNameOutputSerializer(serializers.ModelSerializer):
    also_known_as = serializers.ListField(child=serializers.CharField(), source="aliases", read_only=True,
                                          help_text="Other spellings and nicknames.")
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    created_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = ProtectedName
        fields = ["id", "name", "also_known_as", "role", "role_label", "note", "created_by", "created_at"]
        read_only_fields = fields


class ProtectedNameInputSerializer(serializers.Serializer):
    """A name to protect; with `partial=True` (PATCH) only the fields sent change."""

    name = serializers.CharField(max_length=200, help_text="The full name as it is written.")
    also_known_as = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list, max_length=50,
        help_text="Other spellings, nicknames, or a first name or surname used on its own. Replaces the list.",
    )
    role = serializers.ChoiceField(choices=ProtectedName.Role.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs: dict) -> dict:
        if self.partial and not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        if "also_known_as" in attrs:
            attrs["also_known_as"] = "\n".join(attrs["also_known_as"])
        return attrs


"""Shapes of the risk register API's requests and responses. No business logic: the services decide.

Input serializers check types and choices, and turn an owner id into a user who may own the
case's risks (anyone else reads as unknown, so the API says nothing about people outside the
organisation); the risk services check the rules again.
"""

from __future__ import annotations

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crisis.models import User
from crisis.serializers import PersonRefSerializer, possible_owner

from .models import Risk, RiskCategory, RiskComment, RiskScoreChange
from .risk_matrix import BAND_ORDER, Band
from .selectors import HEAT_MAP_BASES
from .services import RISK_EDITABLE_FIELDS, SCORE_FIELDS

LEVEL_ERRORS = {
    "invalid": "Must be a whole number from 1 to 5.",
    "min_value": "Must be a whole number from 1 to 5.",
    "max_value": "Must be a whole number from 1 to 5.",
}
RESCORE_HINT = "Scores change by re-scoring: POST to the risk's rescore/ endpoint with all six levels and a reason."


def level_field(**kwargs) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=5, error_messages=LEVEL_ERRORS, **kwargs)


# Outputs ----------------------------------------------------------------------------------------


BAND_HELP = "The priority band from the matrix: critical, high, medium or low."


# The three scorings' bands and levels are plain strings and numbers in the schema: as enums they
# would be one choice set under several names, which drf-spectacular warns about.
def BandField(**kwargs) -> serializers.CharField:  # noqa: N802  (reads as a field class)
    kwargs.setdefault("help_text", BAND_HELP)
    return serializers.CharField(read_only=True, **kwargs)


def _level_output(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(read_only=True, min_value=1, max_value=5, help_text=help_text)


class RiskOutputSerializer(serializers.ModelSerializer):
    """A risk with its three scorings. Expects `owner` and `case` loaded with it."""

    case = serializers.CharField(source="case.reference", read_only=True, help_text="The case reference.")
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    owner = PersonRefSerializer(read_only=True, allow_null=True)
    inherent_likelihood = _level_output("1 rare, 2 unlikely, 3 possible, 4 likely, 5 almost certain.")
    inherent_impact = _level_output("1 negligible, 2 minor, 3 moderate, 4 major, 5 severe.")
    inherent_score = serializers.IntegerField(read_only=True, help_text="Likelihood × impact.")
    inherent_band = BandField()
    current_likelihood = _level_output("After the controls that exist.")
    current_impact = _level_output("After the controls that exist.")
    current_band = BandField(source="band", help_text=BAND_HELP + " The register sorts by it.")
    target_likelihood = _level_output("Once the planned treatment is done.")
    target_impact = _level_output("Once the planned treatment is done.")
    target_score = serializers.IntegerField(read_only=True)
    target_band = BandField()
    movement = serializers.ChoiceField(
        choices=[("new", "new"), ("up", "up"), ("down", "down"), ("same", "same")],
        read_only=True,
        help_text="The current score since the last review: up, down, same, or new when never re-scored.",
    )
    review_overdue = serializers.BooleanField(read_only=True)
    treatment_label = serializers.CharField(source="get_treatment_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    url = serializers.SerializerMethodField(help_text="The risk's page in the browser (a path on this site).")

    class Meta:
        model = Risk
        fields = [
            "id",
            "case",
            "category",
            "category_label",
            "title",
            "description",
            "cause",
            "consequence",
            "owner",
            "identified_on",
            "inherent_likelihood",
            "inherent_impact",
            "inherent_score",
            "inherent_band",
            "current_likelihood",
            "current_impact",
            "current_score",
            "current_band",
            "previous_score",
            "movement",
            "target_likelihood",
            "target_impact",
            "target_score",
            "target_band",
            "treatment",
            "treatment_label",
            "treatment_rationale",
            "status",
            "status_label",
            "review_due_on",
            "review_overdue",
            "last_reviewed_at",
            "closed_on",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, risk: Risk) -> str | None:
        try:
            return risk.get_absolute_url()
        except NoReverseMatch:  # the pages are optional to the API
            return None


class RiskScoreChangeOutputSerializer(serializers.ModelSerializer):
    changed_by = PersonRefSerializer(read_only=True)
    previous_current_score = serializers.IntegerField(read_only=True, allow_null=True)
    before = serializers.JSONField(
        read_only=True,
        help_text='{"inherent": [likelihood, impact], "current": […], "target": […]}; {} when identified.',
    )
    after = serializers.JSONField(read_only=True, help_text="The levels after the change, in the same shape.")

    class Meta:
        model = RiskScoreChange
        fields = ["id", "changed_at", "changed_by", "reason", "before", "after", "previous_current_score",
                  "current_score", "band"]
        read_only_fields = fields


class RiskCommentOutputSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = RiskComment
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


class HeatMapCellSerializer(serializers.Serializer):
    likelihood = serializers.IntegerField()
    impact = serializers.IntegerField()
    band = serializers.ChoiceField(choices=Band.choices)
    count = serializers.IntegerField()


class RiskCountsSerializer(serializers.Serializer):
    by_band = serializers.DictField(child=serializers.IntegerField(), help_text="Risks per band: critical … low.")
    by_category = serializers.DictField(child=serializers.IntegerField(), help_text="Risks per category.")
    total = serializers.IntegerField()


class HeatMapOutputSerializer(serializers.Serializer):
    basis = serializers.ChoiceField(choices=[(b, b) for b in HEAT_MAP_BASES])
    cells = HeatMapCellSerializer(
        many=True, help_text="25 cells: likelihood 5 down to 1, and within each, impact 1 to 5."
    )
    counts = RiskCountsSerializer()


class RiskImportOutputSerializer(serializers.Serializer):
    imported = serializers.IntegerField(help_text="How many risks were added to the register.")


# Inputs -----------------------------------------------------------------------------------------


# Described by hand so the schema shows the filter's own values (active and all as well as the
# risk statuses) as their own enum, rather than warning that "status" has two sets of choices.
RISK_STATUS_FILTERS = ["active", "all", *Risk.Status.values]


@extend_schema_field({"type": "string", "enum": RISK_STATUS_FILTERS})
class RiskStatusFilterField(serializers.ChoiceField):
    pass


class RiskFilterSerializer(serializers.Serializer):
    """The register's filters, as query parameters. All optional."""

    category = serializers.ChoiceField(choices=RiskCategory.choices, required=False)
    band = serializers.ChoiceField(choices=[(b.value, b.label) for b in BAND_ORDER], required=False)
    status = RiskStatusFilterField(
        choices=[(value, value) for value in RISK_STATUS_FILTERS],
        required=False,
        help_text="active (not closed; the default), all, or one status.",
    )
    owner = serializers.IntegerField(required=False, help_text="The owner's user id.")
    overdue = serializers.BooleanField(required=False, default=False, help_text="Only risks whose review is overdue.")
    q = serializers.CharField(required=False, help_text="Words to find in the title.")
    basis = serializers.ChoiceField(
        choices=[(b, b) for b in HEAT_MAP_BASES], required=False, help_text="For a heat-map cell: which scoring."
    )
    likelihood = level_field(required=False, help_text="For a heat-map cell: the likelihood on `basis`.")
    impact = level_field(required=False, help_text="For a heat-map cell: the impact on `basis`.")


class HeatMapFilterSerializer(serializers.Serializer):
    basis = serializers.ChoiceField(
        choices=[(b, b) for b in HEAT_MAP_BASES], required=False, default="current",
        help_text="Which scoring the grid shows: inherent, current (the default) or target.",
    )
    category = serializers.ChoiceField(choices=RiskCategory.choices, required=False)
    status = RiskStatusFilterField(
        choices=[(value, value) for value in RISK_STATUS_FILTERS], required=False,
        help_text="active (not closed; the default), all, or one status.",
    )
    owner = serializers.IntegerField(required=False, help_text="The owner's user id.")


class RiskCreateInputSerializer(serializers.Serializer):
    """A new risk. Needs the case in the context."""

    title = serializers.CharField(max_length=200)
    category = serializers.ChoiceField(choices=RiskCategory.choices)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    cause = serializers.CharField(required=False, allow_blank=True, default="")
    consequence = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.IntegerField(
        required=False, allow_null=True, default=None,
        help_text="User id of a member of the organisation or a consultant assigned to it.",
    )
    identified_on = serializers.DateField(required=False, allow_null=True, default=None, help_text="Defaults to today.")
    inherent_likelihood = level_field()
    inherent_impact = level_field()
    current_likelihood = level_field(required=False, allow_null=True, default=None, help_text="Defaults to inherent.")
    current_impact = level_field(required=False, allow_null=True, default=None, help_text="Defaults to inherent.")
    target_likelihood = level_field(required=False, allow_null=True, default=None, help_text="Defaults to current.")
    target_impact = level_field(required=False, allow_null=True, default=None, help_text="Defaults to current.")
    treatment = serializers.ChoiceField(choices=Risk.Treatment.choices, required=False, default=Risk.Treatment.MITIGATE)
    treatment_rationale = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Required when the treatment is accept."
    )
    status = serializers.ChoiceField(
        choices=Risk.Status.choices, required=False, default=Risk.Status.OPEN,
        help_text="A new risk cannot be closed.",
    )
    review_due_on = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Overrides the review date the band gives."
    )

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else possible_owner(self.context["case"], value)


class RiskUpdateInputSerializer(serializers.Serializer):
    """A partial change; only the fields sent change. Scores change by re-scoring. Needs the case."""

    title = serializers.CharField(max_length=200, required=False)
    category = serializers.ChoiceField(choices=RiskCategory.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    cause = serializers.CharField(required=False, allow_blank=True)
    consequence = serializers.CharField(required=False, allow_blank=True)
    owner = serializers.IntegerField(required=False, allow_null=True, help_text="A user id, or null for no owner.")
    identified_on = serializers.DateField(required=False)
    treatment = serializers.ChoiceField(choices=Risk.Treatment.choices, required=False)
    treatment_rationale = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(
        choices=Risk.Status.choices, required=False,
        help_text="Close a risk through its close/ endpoint, which records why.",
    )
    review_due_on = serializers.DateField(required=False, help_text="Overrides the review date the band gives.")

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            errors = {}
            for name in data.keys():  # noqa: SIM118  (QueryDict and dict alike)
                if name in SCORE_FIELDS:
                    errors[name] = [RESCORE_HINT]
                elif name not in self.fields:
                    errors[name] = ["This field cannot be changed."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def validate_owner(self, value: int | None) -> User | None:
        return None if value is None else possible_owner(self.context["case"], value)

    def validate(self, attrs: dict) -> dict:
        if not attrs:
            raise serializers.ValidationError("Send at least one field to change.")
        assert set(attrs) <= set(RISK_EDITABLE_FIELDS)  # noqa: S101  (the fields above are the editable ones)
        return attrs


class RiskRescoreInputSerializer(serializers.Serializer):
    inherent_likelihood = level_field()
    inherent_impact = level_field()
    current_likelihood = level_field()
    current_impact = level_field()
    target_likelihood = level_field()
    target_impact = level_field()
    reason = serializers.CharField(help_text="Why the scores changed, or that a review found no change.")
    reviewed_at = serializers.DateTimeField(
        required=False, allow_null=True, default=None, help_text="When the review was held; defaults to now."
    )


class RiskCloseInputSerializer(serializers.Serializer):
    note = serializers.CharField(help_text="Why the risk is closed: kept as a comment on the risk.")


class RiskCommentInputSerializer(serializers.Serializer):
    body = serializers.CharField()

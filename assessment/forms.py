"""Forms of the risk register pages. They parse input only: the scoring rules live in the services.

Likelihood and impact are plain integers behind a select, so a crafted value (7, say) reaches
the service and is refused there with its own message, never silently coerced here.
"""

from __future__ import annotations

from django import forms

from crisis.forms import DateInput, Form

from .models import Risk, RiskCategory
from .risk_matrix import BAND_ORDER, IMPACT_LEVELS, LEVELS, LIKELIHOOD_LEVELS
from .selectors import HEAT_MAP_BASES

LIKELIHOOD_CHOICES = [(n, f"{n} — {label}") for n, label in LIKELIHOOD_LEVELS.items()]
IMPACT_CHOICES = [(n, f"{n} — {label}") for n, label in IMPACT_LEVELS.items()]

REGISTER_STATUS_CHOICES = [
    ("active", "Active"),
    *Risk.Status.choices,
    ("all", "All"),
]


def _level(label: str, choices, *, required: bool = True, empty_label: str = "") -> forms.IntegerField:
    # Even a required level starts empty: a forgotten select must not record a silent 1 × 1.
    widget_choices = [("", empty_label or "— choose —"), *choices]
    return forms.IntegerField(
        label=label,
        required=required,
        widget=forms.Select(choices=widget_choices),
        error_messages={"required": f"Choose the {label.lower()}.", "invalid": f"{label} runs from 1 to 5."},
    )


class _LevelsMixin:
    """A crafted level outside 1–5 is an error here too: the service reads 0 as "not given"."""

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(field, forms.IntegerField) and value is not None and value not in LEVELS:
                self.add_error(name, f"{field.label} must be a whole number from 1 to 5, not {value!r}.")
        return cleaned


class RiskFilterForm(Form):
    """The register's filters (GET); every field optional, unknown values ignored by the selector."""

    q = forms.CharField(label="Search titles", required=False)
    category = forms.ChoiceField(choices=[("", "Any category"), *RiskCategory.choices], required=False)
    band = forms.ChoiceField(
        label="Priority", choices=[("", "Any priority"), *[(b.value, b.label) for b in BAND_ORDER]], required=False
    )
    status = forms.ChoiceField(choices=REGISTER_STATUS_CHOICES, required=False)
    owner = forms.ChoiceField(required=False)
    overdue = forms.BooleanField(label="Review overdue", required=False)
    unactioned = forms.BooleanField(label="No action", required=False,
                                    help_text="Mitigated risks with no action on the plan.")

    def __init__(self, *args, owners=None, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        if owners is None:
            # Staff see only their own risks: no owner filter (and no list of people).
            del self.fields["owner"]
        else:
            self.fields["owner"].choices = [("", "Anyone")] + [
                (str(user.pk), user.get_full_name() or user.email) for user in owners
            ]

    def filters(self, data) -> dict:
        """What the selector gets: the valid form values, plus the heat-map cell from the query string."""
        self.is_valid()
        cleaned = {key: value for key, value in getattr(self, "cleaned_data", {}).items() if value}
        basis = data.get("basis")
        cleaned["basis"] = basis if basis in HEAT_MAP_BASES else "current"
        for key in ("likelihood", "impact"):
            if data.get(key):
                cleaned[key] = data.get(key)
        return cleaned


class _RiskOwnerMixin:
    def _set_owner_choices(self, owners) -> None:
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email


class RiskCreateForm(_LevelsMixin, _RiskOwnerMixin, Form):
    """The compact form at the top of the register: enough to put a risk on it in seconds."""

    title = forms.CharField(max_length=200, error_messages={"required": "Give the risk a title."})
    category = forms.ChoiceField(choices=RiskCategory.choices)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="— no owner yet —")
    inherent_likelihood = _level("Inherent likelihood", LIKELIHOOD_CHOICES)
    inherent_impact = _level("Inherent impact", IMPACT_CHOICES)
    current_likelihood = _level("Current likelihood", LIKELIHOOD_CHOICES, required=False,
                                empty_label="Same as inherent")
    current_impact = _level("Current impact", IMPACT_CHOICES, required=False, empty_label="Same as inherent")
    target_likelihood = _level("Target likelihood", LIKELIHOOD_CHOICES, required=False,
                               empty_label="Same as current")
    target_impact = _level("Target impact", IMPACT_CHOICES, required=False, empty_label="Same as current")
    treatment = forms.ChoiceField(choices=Risk.Treatment.choices, initial=Risk.Treatment.MITIGATE)
    treatment_rationale = forms.CharField(
        label="Treatment rationale", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the risk is accepted.",
    )

    def __init__(self, *args, owners, focus: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "add_%s")
        super().__init__(*args, **kwargs)
        self._set_owner_choices(owners)
        if focus:
            # Ready for the next risk straight after the last one was added.
            self.fields["title"].widget.attrs["autofocus"] = True


class RiskEditForm(_RiskOwnerMixin, Form):
    """Everything but the scores, which move by re-scoring (that keeps the history)."""

    title = forms.CharField(max_length=200, error_messages={"required": "Give the risk a title."})
    category = forms.ChoiceField(choices=RiskCategory.choices)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    cause = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    consequence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="— no owner yet —")
    identified_on = forms.DateField(label="Identified on", widget=DateInput)
    treatment = forms.ChoiceField(choices=Risk.Treatment.choices)
    treatment_rationale = forms.CharField(
        label="Treatment rationale", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required when the risk is accepted.",
    )
    status = forms.ChoiceField(choices=Risk.Status.choices)
    review_due_on = forms.DateField(
        label="Review due on", widget=DateInput,
        help_text="Set from the priority band; a date you change here is kept until the next re-score.",
    )

    def __init__(self, *args, risk: Risk, owners, **kwargs):
        kwargs.setdefault("auto_id", "edit_%s")
        super().__init__(*args, **kwargs)
        self._set_owner_choices(owners)
        if not risk.is_closed:
            # Closing goes through "Close risk", which records why.
            self.fields["status"].choices = [c for c in Risk.Status.choices if c[0] != Risk.Status.CLOSED]

    @staticmethod
    def initial_for(risk: Risk) -> dict:
        return {name: getattr(risk, name) for name in (
            "title", "category", "description", "cause", "consequence", "identified_on", "treatment",
            "treatment_rationale", "status", "review_due_on",
        )} | {"owner": risk.owner_id}


class RiskRescoreForm(_LevelsMixin, Form):
    inherent_likelihood = _level("Inherent likelihood", LIKELIHOOD_CHOICES)
    inherent_impact = _level("Inherent impact", IMPACT_CHOICES)
    current_likelihood = _level("Current likelihood", LIKELIHOOD_CHOICES)
    current_impact = _level("Current impact", IMPACT_CHOICES)
    target_likelihood = _level("Target likelihood", LIKELIHOOD_CHOICES)
    target_impact = _level("Target impact", IMPACT_CHOICES)
    reason = forms.CharField(
        label="Why", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the scores changed (or that a review found no change)."},
        help_text="Kept in the risk's history.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "rescore_%s")
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(risk: Risk) -> dict:
        return {name: getattr(risk, name) for name in (
            "inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact",
            "target_likelihood", "target_impact",
        )}


class RiskCloseForm(Form):
    note = forms.CharField(
        label="Why is it closed?", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the risk is closed."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "close_%s")
        super().__init__(*args, **kwargs)


class RiskCommentForm(Form):
    body = forms.CharField(
        label="Comment", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a comment first."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)


class CategoryNoRiskForm(Form):
    category = forms.ChoiceField(choices=RiskCategory.choices)
    reason = forms.CharField(
        label="Why no risk", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why no risk was identified in this category."},
    )

    def __init__(self, *args, categories=None, **kwargs):
        kwargs.setdefault("auto_id", "norisk_%s")
        super().__init__(*args, **kwargs)
        if categories is not None and not self.is_bound:
            # Offer the categories not yet considered; a bound form accepts any (the service judges).
            self.fields["category"].choices = categories


class AssessmentSignOffForm(Form):
    summary = forms.CharField(
        label="What the assessment found", widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Summarise what the assessment found before signing it off."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "signoff_%s")
        super().__init__(*args, **kwargs)

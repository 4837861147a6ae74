"""Forms of the exit page: input only, no rules (the services hold them)."""

from __future__ import annotations

from django import forms

from crisis.forms import DateInput, Form

from .selectors.exit import PERCENT_KINDS, SCORE_KINDS, threshold_text


class ExitCriteriaForm(Form):
    """One "counts" box per criterion, and a threshold for those that have one. The thresholds are
    text: the service checks them and says what is wrong ("a whole percentage from 0 to 100")."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            label = criterion.get_kind_display()
            self.fields[f"enabled_{criterion.kind}"] = forms.BooleanField(
                label=f"{label}: counts", required=False, initial=criterion.enabled)
            if criterion.kind in PERCENT_KINDS or criterion.kind in SCORE_KINDS:
                unit = "%" if criterion.kind in PERCENT_KINDS else "of 5"
                initial = (int(criterion.threshold) if criterion.kind in PERCENT_KINDS
                           else f"{criterion.threshold:.1f}") if criterion.threshold is not None else ""
                self.fields[f"threshold_{criterion.kind}"] = forms.CharField(
                    label=f"{label}: threshold ({unit})", required=False, initial=initial, max_length=10,
                    help_text=f"Now {threshold_text(criterion.kind, criterion.threshold)}.")

    def rows(self):
        """(criterion, enabled bound field, threshold bound field or None) for the template."""
        for criterion in self.criteria:
            threshold = f"threshold_{criterion.kind}"
            yield criterion, self[f"enabled_{criterion.kind}"], self[threshold] if threshold in self.fields else None

    def changes(self) -> dict[str, dict]:
        changes = {}
        for criterion in self.criteria:
            change = {"enabled": self.cleaned_data.get(f"enabled_{criterion.kind}", False)}
            if f"threshold_{criterion.kind}" in self.fields:
                change["threshold"] = self.cleaned_data.get(f"threshold_{criterion.kind}", "")
            changes[criterion.kind] = change
        return changes


class SignOffForm(Form):
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OverrideRequestForm(Form):
    reason = forms.CharField(
        label="Why close with criteria unmet", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="A second consultant of the case reads this and approves or refuses.")


class OverrideDecisionForm(Form):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("refuse", "Refuse")],
                                 widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason for the decision", widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)


class StageRationaleForm(Form):
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                help_text="Recorded in the chronology with the stage change.")


class FollowUpDoneForm(Form):
    notes = forms.CharField(label="What the review found", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    done_on = forms.DateField(label="Reviewed on", required=False, widget=DateInput(),
                              help_text="Empty: today.")



"""Forms of the closure report pages. They parse input only: the rules live in services/closure.py."""

from __future__ import annotations

from django import forms

from crisis.forms import Form


class ClosureTextForm(Form):
    lessons_learned = forms.CharField(
        required=False, label="Lessons learned", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the organisation, and the consultancy, learned: for the board and the regulators. "
                  "No child's name or details.")
    handover = forms.CharField(
        required=False, label="Handover: what remains and who owns it now", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Beside the open actions (listed from the plan with their owners): what the organisation "
                  "carries on with, and who is responsible.")


class DecisionForm(Form):
    reason = forms.CharField(required=False, label="Note or reason (a refusal needs one)",
                             widget=forms.Textarea(attrs={"rows": 2}))


class OverrideForm(Form):
    hit_id = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(label="Why this may stay in the report as it is", widget=forms.Textarea(attrs={"rows": 2}))

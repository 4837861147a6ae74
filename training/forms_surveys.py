"""Forms of the survey pages: a new survey, a re-run. The anonymous response page reads its answers
straight from the POST (one radio group per question) and lets the service check them."""

from __future__ import annotations

from django import forms
from django.conf import settings

from crisis.forms import DateInput, Form

from .models import Survey, SurveyGroup


class SurveyForm(Form):
    title = forms.CharField(max_length=200)
    groups = forms.MultipleChoiceField(choices=SurveyGroup.choices, widget=forms.CheckboxSelectMultiple,
                                       help_text="Each group gets its own questions and its own link.")
    opens_on = forms.DateField(widget=DateInput())
    closes_on = forms.DateField(widget=DateInput(), help_text="Links stop working at the end of this day.")
    min_responses = forms.IntegerField(
        label="Fewest responses to show a group's results", min_value=3,
        initial=lambda: max(settings.SURVEY_MIN_RESPONSES, 3),
        error_messages={"min_value": "Results need at least 3 responses a group: fewer could identify someone."},
    )


class RerunForm(Form):
    round = forms.ChoiceField(choices=[(Survey.Round.CHECKPOINT, "Checkpoint"), (Survey.Round.EXIT, "Exit")])
    opens_on = forms.DateField(widget=DateInput())
    closes_on = forms.DateField(widget=DateInput())

"""Forms of the knowledge checks and observations pages: input only, no rules (the services hold them)."""

from __future__ import annotations

from django import forms

from crisis.forms import DateInput, Form

from .models import Observation
from .services import MAX_OPTIONS

OPTION_SLOTS = range(1, MAX_OPTIONS + 1)


class CheckForm(Form):
    title = forms.CharField(max_length=200, required=False, help_text="Empty: the course's title.")
    pass_mark = forms.IntegerField(label="Pass mark (%)", initial=80,
                                   help_text="The score, in percent, that passes (1 to 100).")
    active = forms.BooleanField(required=False, initial=True,
                                help_text="Offered on “My training” to the people who took the course.")


class QuestionForm(Form):
    """A question and up to five options, one marked correct (empty options are left out)."""

    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    correct = forms.TypedChoiceField(
        label="Correct answer", coerce=int, widget=forms.RadioSelect, required=False,
        choices=[(n, f"Option {n}") for n in OPTION_SLOTS],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in OPTION_SLOTS:
            self.fields[f"option_{n}"] = forms.CharField(label=f"Option {n}", max_length=300, required=False)
        # The correct-answer radios come after the options they name.
        self.fields["correct"] = self.fields.pop("correct")

    def options(self) -> list[dict]:
        data = self.cleaned_data
        return [{"slot": n, "text": data.get(f"option_{n}", ""), "correct": data.get("correct") == n}
                for n in OPTION_SLOTS]


class PaperScoreForm(Form):
    person = forms.ModelChoiceField(queryset=None, empty_label="— choose —")
    score = forms.IntegerField(label="Score (%)")
    taken_on = forms.DateField(label="Done on", widget=DateInput())

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people


class TakeCheckForm(Form):
    """One radio group per question; the options' text only, never which one is right."""

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for number, question in enumerate(self.questions, start=1):
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=f"{number}. {question.text}", widget=forms.RadioSelect, coerce=int,
                choices=[(option.pk, option.text) for option in question.options.all()],
                error_messages={"required": "Choose an answer."},
            )

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}


class ObservationForm(Form):
    kind = forms.ChoiceField(choices=Observation.Kind.choices, widget=forms.RadioSelect,
                             initial=Observation.Kind.OBSERVATION)
    observed_on = forms.DateField(label="Date", widget=DateInput())
    area = forms.CharField(max_length=200, help_text="Where: “Reception and signing-in”, “Year 9 corridor at lunch”.")
    seen = forms.CharField(label="What was seen", widget=forms.Textarea(attrs={"rows": 5}))
    rating = forms.ChoiceField(choices=Observation.Rating.choices, widget=forms.RadioSelect)


class ObservationFilterForm(Form):
    rating = forms.ChoiceField(required=False, choices=[("", "All ratings"), *Observation.Rating.choices])

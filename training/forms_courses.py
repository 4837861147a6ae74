"""Forms of the courses, sessions, registers and certificates pages: input only, no rules (the
services hold them)."""

from __future__ import annotations

from django import forms

from crisis.forms import DateInput, Form

from .models import CourseKind, TrainingRecord


class CourseForm(Form):
    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=CourseKind.choices, help_text="What the course is about.")
    provider = forms.CharField(max_length=200, required=False)
    internal = forms.BooleanField(required=False, initial=True,
                                  help_text="Delivered by or for the organisation (untick for a course taken "
                                            "elsewhere).")
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=1, required=False)
    satisfies = forms.ModelMultipleChoiceField(
        label="Requirements it satisfies", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Left empty on a new course: the requirements of its kind.",
    )

    def __init__(self, *args, requirements=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["satisfies"].queryset = requirements


class SessionForm(Form):
    date = forms.DateField(widget=DateInput(), help_text="A past date records a session already held.")
    trainer = forms.CharField(max_length=150, required=False)
    venue = forms.CharField(max_length=200, required=False)
    online = forms.BooleanField(required=False)
    capacity = forms.IntegerField(min_value=1, required=False, help_text="Empty: no limit.")
    action = forms.ModelChoiceField(label="Delivers action", queryset=None, required=False,
                                    empty_label="— none —",
                                    help_text="An open action of the response plan this session delivers; saving "
                                              "the register updates its progress.")

    def __init__(self, *args, actions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions
        self.fields["action"].label_from_instance = lambda a: f"{a.case.reference}: {a.title}"


MARK_CHOICES = [("", "Not recorded"), *TrainingRecord.Attendance.choices]


class CertificateForm(Form):
    course = forms.ModelChoiceField(queryset=None, required=False, empty_label="— a new external course —")
    new_title = forms.CharField(label="New course title", max_length=200, required=False)
    new_kind = forms.ChoiceField(label="New course kind", choices=CourseKind.choices, required=False)
    new_provider = forms.CharField(label="New course provider", max_length=200, required=False)
    completed_on = forms.DateField(widget=DateInput())
    expires_on = forms.DateField(widget=DateInput(), required=False,
                                 help_text="Empty: worked out from the requirements the course satisfies.")
    file = forms.FileField(label="Certificate", required=False, help_text="PDF, DOCX, XLSX, PNG or JPG.")

    def __init__(self, *args, courses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses


class ExpiryForm(Form):
    expires_on = forms.DateField(widget=DateInput(), required=False, help_text="Empty: never expires.")

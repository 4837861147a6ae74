"""Forms of the HTML pages. They parse input only: the rules live in services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import selectors, tasks
from .email import render_email_parts
from .models import ChronologyEntry, ProtectedName, Rag, Severity, Stage

DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"

STATUS_CHOICES = [("open", "Open"), ("closed", "Closed"), ("all", "All")]


MAX_ID = 2**63 - 1  # the largest id a database integer column holds


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of rows by id. An id no database could hold (SQLite cannot even compare
    with one) is an invalid choice like any other unknown id, never a server error."""

    def _check_values(self, value):
        for pk in value:
            if str(pk).strip().isdigit() and int(pk) > MAX_ID:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": pk})
        return super()._check_values(value)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors by the field, the rest on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class Form(forms.Form):
    """Labels without Django's trailing colon, as on the rest of the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL_FORMAT)


class CaseFilterForm(Form):
    """The dashboard's search and filters (GET); every field optional."""

    q = forms.CharField(label="Search", required=False)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
    stage = forms.ChoiceField(choices=[("", "Any stage"), *Stage.choices], required=False)
    rag = forms.ChoiceField(label="RAG", choices=[("", "Any RAG"), *Rag.choices], required=False)
    severity = forms.ChoiceField(choices=[("", "Any severity"), *Severity.choices], required=False)
    organisation = forms.ChoiceField(required=False)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [("", "Any organisation")] + [
            (str(org.pk), org.name) for org in organisations
        ]

    def filters(self) -> dict:
        """The cleaned filters for selectors.case_list; invalid values are dropped, not applied."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {key: value for key, value in getattr(self, "cleaned_data", {}).items() if value}


class _CaseFieldsForm(Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    severity = forms.ChoiceField(choices=Severity.choices, initial=Severity.HIGH)
    rag = forms.ChoiceField(label="RAG status", choices=Rag.choices, initial=Rag.RED)
    restricted = forms.BooleanField(
        required=False,
        help_text="Only the named consultants and the named leaders see a restricted case.",
    )
    lead_consultant = forms.ModelChoiceField(queryset=None, required=False, empty_label="— none —")
    consultants = IdsChoiceField(
        label="Named consultants",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a restricted case, the only consultants who see it.",
    )
    leaders = IdsChoiceField(
        label="Named leaders",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a restricted case, the only leaders of the organisation who see it: leave out a leader "
                  "the case concerns.",
    )


class CaseCreateForm(_CaseFieldsForm):
    organisation = forms.ModelChoiceField(queryset=None, empty_label="— choose —")
    opened_on = forms.DateField(widget=DateInput, initial=timezone.localdate)

    field_order = ["organisation", "title", "summary", "severity", "rag", "restricted", "lead_consultant",
                   "consultants", "leaders", "opened_on"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = selectors.organisations_user_can_manage(user)
        self.fields["organisation"].queryset = organisations.order_by("name")
        consultants = selectors.consultant_choices()
        self.fields["lead_consultant"].queryset = consultants
        self.fields["lead_consultant"].help_text = "Left empty, you lead the case."
        self.fields["consultants"].queryset = consultants
        # Leaders of every organisation the user may open a case for, each shown with the one they lead.
        leaders = self.fields["leaders"]
        leaders.queryset = selectors.leaders_of(organisations)
        leaders.label_from_instance = lambda user: f"{user} ({user.led_organisation})"
        leaders.help_text = f"Leaders of the chosen organisation. {leaders.help_text}"


class CaseEditForm(_CaseFieldsForm):
    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        consultants = selectors.assignable_consultants(organisation=case.organisation)
        self.fields["lead_consultant"].queryset = consultants
        self.fields["consultants"].queryset = consultants
        self.fields["leaders"].queryset = selectors.organisation_leaders(case.organisation_id)


class StageMoveForm(Form):
    """The target is any text: the service says why a move is refused, in words."""

    to = forms.CharField(label="Move to", widget=forms.Select)
    rationale = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason for the stage change: the chronology records why it was decided."},
        help_text="Recorded in the stage history and the chronology.",
    )

    def __init__(self, *args, allowed=(), **kwargs):
        kwargs.setdefault("auto_id", "stage_%s")
        super().__init__(*args, **kwargs)
        # The forward move first: it is the usual one.
        self.fields["to"].widget.choices = [(Stage(stage).value, Stage(stage).label) for stage in allowed]


class ChronologyEntryForm(Form):
    occurred_at = forms.DateTimeField(
        label="When",
        required=False,
        widget=DateTimeLocalInput,
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        help_text="UK time. Left empty, now.",
    )
    kind = forms.ChoiceField(
        choices=[(value, label) for value, label in ChronologyEntry.Kind.choices
                 if value != ChronologyEntry.Kind.STAGE_CHANGE],
        initial=ChronologyEntry.Kind.EVENT,
    )
    title = forms.CharField(max_length=200)
    details = forms.CharField(label="What happened", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    decision = forms.CharField(label="What was decided", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    rationale = forms.CharField(
        label="Why", widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text="Required for a decision: record the reasons for it.",
    )
    significant = forms.BooleanField(required=False)
    shared_with_organisation = forms.BooleanField(
        label="Share with the organisation",
        required=False,
        help_text="Leave unticked for a consultant-only note.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "chron_%s")
        super().__init__(*args, **kwargs)


class DeadlineForm(Form):
    title = forms.CharField(label="What is due", max_length=200)
    due_on = forms.DateField(label="Due on", widget=DateInput)
    statutory = forms.BooleanField(
        required=False, help_text="Set by law or a regulator, e.g. LADO referral within 1 working day."
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "deadline_%s")
        super().__init__(*args, **kwargs)


class ProtectedNameForm(Form):
    """A name the report guard protects. The services clean it and refuse a duplicate."""

    name = forms.CharField(label="Full name", max_length=200, help_text="As it is written, e.g. Jane Alice Smith.")
    also_known_as = forms.CharField(
        label="Also known as", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="Other spellings, nicknames, or a first name or surname used on its own: one a line.",
    )
    role = forms.ChoiceField(choices=ProtectedName.Role.choices)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text="For the consultants: why the name is protected.",
    )


class OrganisationSearchForm(Form):
    q = forms.CharField(label="Search", required=False)


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the email handed to a Celery worker after the commit.

    The message is rendered here (the worker gets plain text, never a user object), so a slow or
    failing mail server never holds up the page, and the task's retries cover brief outages.
    """

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email,
        html_email_template_name=None,
    ):
        subject, body, html_body = render_email_parts(
            subject_template=subject_template_name, text_template=email_template_name,
            html_template=html_email_template_name, context=context,
        )
        transaction.on_commit(
            lambda: tasks.send_account_email.delay(subject=subject, body=body, to=to_email, html_body=html_body)
        )

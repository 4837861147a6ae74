"""Forms of the engagement pages. They parse input only: who may do what, and the rules (a valid
email, a reason for a trust change, a weekday for a weekly schedule, an allowed file), live in the
services, whose messages the pages show.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone

from crisis.forms import DATETIME_LOCAL_FORMAT, DateInput, DateTimeLocalInput, Form, IdsChoiceField

from .models import TRUST_LEVELS, AudienceProfile, Communication, Stakeholder, UpdateSchedule

TRUST_CHOICES = [(level, f"{level} — {label}") for level, label in TRUST_LEVELS.items()]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
WEEKDAY_CHOICES = list(enumerate(WEEKDAYS))


def _person(user) -> str:
    return user.get_full_name() or user.email


def query_filters(form: forms.Form) -> dict:
    """The valid values of a GET filter form; invalid ones are dropped, not applied."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {key: value for key, value in getattr(form, "cleaned_data", {}).items() if value}


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files in one input. Each is checked by the service, by content, not by name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # No checks here: the service refuses a bad file with a message that names it.
        files = data if isinstance(data, (list, tuple)) else [data]
        return [uploaded for uploaded in files if uploaded]


def _stakeholder_checkboxes(field: IdsChoiceField, stakeholders) -> None:
    field.queryset = stakeholders
    field.label_from_instance = lambda s: s.name


# The register ----------------------------------------------------------------------------------


class StakeholderFilterForm(Form):
    kind = forms.ChoiceField(label="Type", choices=[("", "Any type"), *Stakeholder.Kind.choices], required=False)
    trust = forms.TypedChoiceField(label="Trust", choices=[("", "Any trust level"), *TRUST_CHOICES], coerce=int,
                                   empty_value=None, required=False)
    receives_reports = forms.BooleanField(label="Receives reports", required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        return query_filters(self)


class StakeholderForm(Form):
    """Add a stakeholder (with, optionally, its first contact) or edit one.

    Trust is set here only when the stakeholder is added; afterwards it moves through "Change
    trust", which keeps the reason.
    """

    kind = forms.ChoiceField(label="Type", choices=Stakeholder.Kind.choices)
    name = forms.CharField(label="Organisation or group", max_length=200,
                           error_messages={"required": "Give the stakeholder's name."})
    preferred_channel = forms.ChoiceField(choices=Stakeholder.Channel.choices, initial=Stakeholder.Channel.EMAIL)
    trust_level = forms.TypedChoiceField(label="Trust", choices=TRUST_CHOICES, coerce=int, initial=3,
                                         help_text="How much the stakeholder trusts the organisation now.")
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="— nobody yet —",
                                   help_text="The consultant or leader who holds the relationship.")
    receives_reports = forms.BooleanField(required=False, help_text="Receives the scheduled status reports.")
    report_delivery = forms.ChoiceField(label="Reports go out as", choices=Stakeholder.ReportDelivery.choices,
                                        initial=Stakeholder.ReportDelivery.ATTACHMENT)
    # The first contact (adding only): all optional.
    contact_name = forms.CharField(label="Contact name", max_length=150, required=False)
    contact_role = forms.CharField(label="Contact role", max_length=150, required=False)
    contact_email = forms.CharField(label="Contact email", max_length=254, required=False,
                                    widget=forms.EmailInput)
    contact_phone = forms.CharField(label="Contact phone", max_length=40, required=False)

    CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email", "contact_phone")

    def __init__(self, *args, owners, editing: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "stakeholder_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = _person
        self.editing = editing
        if editing:
            for name in ("trust_level", *self.CONTACT_FIELDS):
                del self.fields[name]

    @staticmethod
    def initial_for(stakeholder: Stakeholder) -> dict:
        return {"kind": stakeholder.kind, "name": stakeholder.name, "preferred_channel": stakeholder.preferred_channel,
                "owner": stakeholder.owner_id, "receives_reports": stakeholder.receives_reports,
                "report_delivery": stakeholder.report_delivery}

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        contact = {key.removeprefix("contact_"): data.pop(key, "") for key in self.CONTACT_FIELDS}
        if not self.editing:
            data["contacts"] = [contact] if any(contact.values()) else []
        return data


class TrustForm(Form):
    level = forms.TypedChoiceField(label="New trust level", choices=TRUST_CHOICES, coerce=int,
                                   error_messages={"required": "Choose the new trust level."})
    reason = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             help_text="Kept in the trust history.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "trust_%s")
        super().__init__(*args, **kwargs)


class ContactForm(Form):
    name = forms.CharField(max_length=150, required=False)
    role = forms.CharField(max_length=150, required=False)
    email = forms.CharField(max_length=254, required=False, widget=forms.EmailInput)
    phone = forms.CharField(max_length=40, required=False)
    receives_reports = forms.BooleanField(required=False, initial=True,
                                          help_text="Emailed the status reports the stakeholder receives.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact_%s")
        super().__init__(*args, **kwargs)


# The communication log -------------------------------------------------------------------------


class CommunicationFilterForm(Form):
    stakeholder = forms.ChoiceField(required=False)
    channel = forms.ChoiceField(choices=[("", "Any channel"), *Communication.Channel.choices], required=False)
    direction = forms.ChoiceField(choices=[("", "Either direction"), *Communication.Direction.choices],
                                  required=False)
    follow_up = forms.ChoiceField(label="Follow-up", choices=[("", "Any"), ("open", "Open follow-ups")],
                                  required=False)

    def __init__(self, *args, stakeholders=(), **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["stakeholder"].choices = [("", "Anyone")] + [(str(s.pk), s.name) for s in stakeholders]

    def filters(self) -> dict:
        return query_filters(self)


class CommunicationForm(Form):
    stakeholders = IdsChoiceField(
        label="With", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who the contact was with."},
    )
    occurred_at = forms.DateTimeField(
        label="When", required=False, widget=DateTimeLocalInput,
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
        help_text="UK time. Left empty, now.",
    )
    direction = forms.ChoiceField(choices=Communication.Direction.choices, initial=Communication.Direction.OUT)
    channel = forms.ChoiceField(choices=Communication.Channel.choices)
    summary = forms.CharField(label="What was said", widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages={"required": "Summarise the contact."})
    mediation_notes = forms.CharField(
        label="Mediation notes (consultants only)", widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text="Never shown to the organisation.",
    )
    follow_up_due = forms.DateField(label="Follow up by", widget=DateInput, required=False)
    press_line_version = forms.ModelChoiceField(
        label="Press line used", queryset=None, required=False, empty_label="None",
        help_text="Only approved wording can be used.",
        error_messages={"invalid_choice": "Choose an approved press line of this case."},
    )
    attachments = MultipleFileField(help_text="Letters, minutes, the release sent: PDF, DOCX, XLSX, PNG or JPG.")

    def __init__(self, *args, stakeholders, press_lines, **kwargs):
        kwargs.setdefault("auto_id", "log_%s")
        super().__init__(*args, **kwargs)
        _stakeholder_checkboxes(self.fields["stakeholders"], stakeholders)
        field = self.fields["press_line_version"]
        field.queryset = press_lines
        field.label_from_instance = lambda version: f"{version.press_line.title} (version {version.number})"


class AttachmentForm(Form):
    file = forms.FileField(error_messages={"required": "Choose a file to upload."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "attachment_%s")
        super().__init__(*args, **kwargs)


# Press lines -----------------------------------------------------------------------------------


class PressLineForm(Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Give the press line a title."})
    text = forms.CharField(label="Wording", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Write the wording."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "pressline_%s")
        super().__init__(*args, **kwargs)


class PressLineVersionForm(Form):
    text = forms.CharField(label="New wording", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Write the wording."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "version_%s")
        super().__init__(*args, **kwargs)


# Status reports and schedules ------------------------------------------------------------------


APPROVAL_HELP = ("A second consultant approves each report before it is emailed. Always, for an audience outside "
                 "the organisation; only the organisation's own governors or leaders may go without.")


def _audience_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Version for", queryset=AudienceProfile.objects.order_by("position", "name"), required=False,
        empty_label="The stakeholders' own (by their kind)",
        help_text="Which sections the report shows. Each audience gets its own report.",
        error_messages={"invalid_choice": "Choose one of the audiences listed."},
    )


class SendNowForm(Form):
    stakeholders = IdsChoiceField(
        label="Send to", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who receives the report."},
    )
    audience = _audience_field()
    requires_approval = forms.BooleanField(label="Hold for approval", required=False, initial=True,
                                           help_text=APPROVAL_HELP)

    def __init__(self, *args, stakeholders, **kwargs):
        kwargs.setdefault("auto_id", "send_%s")
        super().__init__(*args, **kwargs)
        _stakeholder_checkboxes(self.fields["stakeholders"], stakeholders)
        self.fields["audience"] = _audience_field()


class ScheduleForm(Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Give the schedule a name."})
    stakeholders = IdsChoiceField(
        label="Sent to", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who receives the reports."},
        help_text="Stakeholders set to receive status reports.",
    )
    cadence = forms.ChoiceField(choices=UpdateSchedule.Cadence.choices, initial=UpdateSchedule.Cadence.WEEKLY)
    weekday = forms.TypedChoiceField(label="Weekday", choices=[("", "—"), *WEEKDAY_CHOICES], coerce=int,
                                     empty_value=None, required=False, help_text="Weekly and fortnightly.")
    day_of_month = forms.IntegerField(label="Day of the month", required=False, min_value=1, max_value=31,
                                      help_text="Monthly; past the month's end means its last day.")
    time_of_day = forms.TimeField(label="Time", widget=TimeInput, input_formats=["%H:%M", "%H:%M:%S"],
                                  help_text="UK time.", error_messages={"required": "Give the time it goes out."})
    audience = _audience_field()
    requires_approval = forms.BooleanField(label="Approval needed", required=False, initial=True,
                                           help_text=APPROVAL_HELP)

    def __init__(self, *args, stakeholders, **kwargs):
        kwargs.setdefault("auto_id", "schedule_%s")
        super().__init__(*args, **kwargs)
        _stakeholder_checkboxes(self.fields["stakeholders"], stakeholders)
        self.fields["audience"] = _audience_field()

    @staticmethod
    def initial_for(schedule: UpdateSchedule) -> dict:
        return {"name": schedule.name, "stakeholders": [s.pk for s in schedule.stakeholders.all()],
                "cadence": schedule.cadence, "weekday": schedule.weekday, "day_of_month": schedule.day_of_month,
                "time_of_day": schedule.time_of_day, "requires_approval": schedule.requires_approval,
                "audience": schedule.audience_id}


class DecisionForm(Form):
    """Approve (with an optional note) or refuse (with the reason) a report waiting for approval."""

    reason = forms.CharField(label="Reason", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "decision_%s")
        super().__init__(*args, **kwargs)


class OverrideForm(Form):
    hit_id = forms.CharField(max_length=40, widget=forms.HiddenInput)
    reason = forms.CharField(label="Why this may go out as it is", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"required": "Say why this may go out as it is."})

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "override_%s")
        super().__init__(*args, **kwargs)

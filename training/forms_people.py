"""Forms of the staff list, the roles and the requirements. They parse input only: the rules
(leaver date after start, one entry per email, who may be linked) live in the services."""

from __future__ import annotations

from django import forms

from crisis.forms import DateInput, Form, IdsChoiceField

from . import services
from .models import CourseKind, StaffRole

LEAVER_CHOICES = [("", "Current staff"), ("1", "Include leavers")]


class PersonFilterForm(Form):
    q = forms.CharField(label="Name or email", required=False, max_length=150,
                        widget=forms.TextInput(attrs={"type": "search"}))
    role = forms.ModelChoiceField(label="Role", queryset=StaffRole.objects.none(), required=False,
                                  empty_label="Any role")
    department = forms.ChoiceField(label="Department", required=False)
    leavers = forms.BooleanField(label="Include leavers", required=False)

    def __init__(self, *args, roles, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles
        self.fields["department"].choices = [("", "Any department"), *((d, d) for d in departments)]

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class PersonForm(Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email", required=False,
                             help_text="Optional. A member of the organisation with this email is linked to "
                                       "this entry.")
    roles = IdsChoiceField(label="Roles", queryset=StaffRole.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple)
    department = forms.CharField(label="Department", max_length=100, required=False)
    start_date = forms.DateField(label="Start date", required=False, widget=DateInput(),
                                 input_formats=["%Y-%m-%d", "%d/%m/%Y"])
    leaver_date = forms.DateField(label="Leaver date", required=False, widget=DateInput(),
                                  input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                                  help_text="Leavers drop off the staff list and the matrix from this day.")
    user = forms.ModelChoiceField(label="Safehold account", queryset=None, required=False,
                                  empty_label="Not linked (or linked by email)",
                                  help_text="A member of the organisation. Leave empty to link by email.")

    def __init__(self, *args, roles, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = roles
        self.fields["user"].queryset = members
        self.fields["user"].label_from_instance = lambda user: f"{user.full_name or user.email} ({user.email})"

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class PeopleImportForm(Form):
    file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8 CSV with a header row, at most {services.PEOPLE_CSV_MAX_ROWS} people and "
                  f"{services.PEOPLE_CSV_MAX_BYTES // 1024 // 1024} MB.",
    )


class RoleForm(Form):
    name = forms.CharField(label="Role name", max_length=100)


class RequirementForm(Form):
    title = forms.CharField(label="Title", max_length=200)
    course_kind = forms.ChoiceField(label="Met by a course of the kind", choices=CourseKind.choices)
    everyone = forms.BooleanField(label="Everyone on the staff list", required=False)
    roles = IdsChoiceField(label="Roles", queryset=StaffRole.objects.none(), required=False,
                           widget=forms.CheckboxSelectMultiple,
                           help_text="The roles that must hold it, when not everyone.")
    renewal_months = forms.IntegerField(label="Renewed every (months)", required=False, min_value=1, max_value=120,
                                        help_text="Empty: once, at induction.")
    renew_each_september = forms.BooleanField(label="Renewed each September", required=False)
    mandatory = forms.BooleanField(label="Mandatory", required=False, initial=True)
    active = forms.BooleanField(label="Active", required=False, initial=True,
                                help_text="An inactive requirement is kept but not checked.")
    source = forms.CharField(label="Source", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Where the expectation comes from (guidance, policy, contract).")

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = roles

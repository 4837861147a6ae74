"""Forms of the policy register and the improvement checkpoint pages. They parse input only: the
rules (who keeps the register, what a document may be, how confidence is rated) live in services.

Confidence is a plain integer behind a select, so a crafted value (6, say) reaches the service
and is refused there with its own message, never silently coerced here.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from .evidence import ALLOWED, ALLOWED_LABEL
from .forms import DateInput, Form
from .models import Policy, PolicyCheck, PolicyType, StakeholderGroup

CONFIDENCE_CHOICES = [
    ("", "— not rated —"),
    (1, "1 — no confidence"),
    (2, "2 — little confidence"),
    (3, "3 — some confidence"),
    (4, "4 — good confidence"),
    (5, "5 — full confidence"),
]
RESULT_CHOICES = [("", "Not yet checked"), *PolicyCheck.Result.choices]


class PolicyForm(Form):
    """Add a policy to the register or edit one; the document is optional and replaces the stored one."""

    policy_type = forms.ChoiceField(label="Type", choices=PolicyType.choices)
    title = forms.CharField(max_length=200, error_messages={"required": "Give the policy a title."})
    version = forms.CharField(max_length=20, initial="1.0")
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="— no owner yet —")
    status = forms.ChoiceField(choices=Policy.Status.choices, initial=Policy.Status.DRAFT)
    approved_on = forms.DateField(label="Approved on", required=False, widget=DateInput,
                                  help_text="Required once the policy is approved or published.")
    approved_by_body = forms.CharField(label="Approved by", max_length=120, required=False,
                                       help_text="The governing body, the trustees, …")
    next_review_on = forms.DateField(
        label="Next review on", widget=DateInput,
        error_messages={"required": "Give the date of the next review."},
        help_text="Safeguarding policies are reviewed at least annually (KCSIE).",
    )
    document = forms.FileField(
        required=False,
        help_text=f"Optional: a {ALLOWED_LABEL} file. Uploading one replaces the stored document.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(ALLOWED))}),
    )

    def __init__(self, *args, owners, prefix_id: str = "policy", **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.email
        # A new policy is next reviewed in a year, as KCSIE expects at least.
        self.fields["next_review_on"].initial = timezone.localdate() + dt.timedelta(days=365)

    @staticmethod
    def initial_for(policy: Policy) -> dict:
        return {
            "policy_type": policy.policy_type, "title": policy.title, "version": policy.version,
            "owner": policy.owner_id, "status": policy.status, "approved_on": policy.approved_on,
            "approved_by_body": policy.approved_by_body, "next_review_on": policy.next_review_on,
        }

    def service_fields(self) -> tuple[dict, object]:
        """(the editable fields, the uploaded document or None) for policy_create / policy_update."""
        data = dict(self.cleaned_data)
        document = data.pop("document", None) or None
        data["approved_by_body"] = data.get("approved_by_body") or ""
        return data, document


class PolicyChecklistForm(Form):
    """The whole best-practice checklist of one policy: a result and a note per requirement."""

    def __init__(self, *args, checklist, **kwargs):
        kwargs.setdefault("auto_id", "check_%s")
        super().__init__(*args, **kwargs)
        self.rows = []
        for requirement, check in checklist:
            result_name, note_name = f"result_{requirement.pk}", f"note_{requirement.pk}"
            self.fields[result_name] = forms.ChoiceField(
                label=requirement.text, choices=RESULT_CHOICES, required=False,
                initial=check.result if check else "",
            )
            self.fields[note_name] = forms.CharField(
                label="Note", required=False, initial=check.note if check else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.rows.append((requirement, check, result_name, note_name))

    def bound_rows(self):
        """(requirement, check, result field, note field) for the template."""
        return [(r, c, self[result], self[note]) for r, c, result, note in self.rows]

    def changes(self) -> list[tuple]:
        """(requirement, result, note) for every row whose result or note differs from the stored check."""
        changed = []
        for requirement, check, result_name, note_name in self.rows:
            result = self.cleaned_data.get(result_name) or ""
            note = (self.cleaned_data.get(note_name) or "").strip()
            if not result:
                if check is None and note:
                    self.add_error(result_name, "Choose met, partly met or not met to record a note.")
                continue
            if check is None or check.result != result or check.note != note:
                changed.append((requirement, result, note))
        return changed


class SuggestActionForm(Form):
    """Which of the organisation's open cases a policy suggestion becomes an action on."""

    case = forms.ModelChoiceField(queryset=None, empty_label=None,
                                  error_messages={"required": "Choose the case whose action plan gets it.",
                                                  "invalid_choice": "Choose one of the organisation's open cases."})

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda case: f"{case.reference} — {case.title}"


class CheckpointForm(Form):
    """Confidence per stakeholder group (each optional, at least one) and the commentary."""

    commentary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text="What the figures mean and what changed: stakeholders read this.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "checkpoint_%s")
        super().__init__(*args, **kwargs)
        for group in StakeholderGroup:
            self.fields[group.value] = forms.IntegerField(
                label=group.label, required=False, widget=forms.Select(choices=CONFIDENCE_CHOICES),
                error_messages={"invalid": f"Confidence of {group.label.lower()} is rated 1 to 5."},
            )
        # Commentary after the ratings.
        self.order_fields([g.value for g in StakeholderGroup] + ["commentary"])

    def group_fields(self):
        return [self[g.value] for g in StakeholderGroup]

    def confidence(self) -> dict[str, int]:
        return {g.value: self.cleaned_data[g.value] for g in StakeholderGroup
                if self.cleaned_data.get(g.value) is not None}

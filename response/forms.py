"""Forms of the response plan pages: the action plan, the policy register and the improvement
checkpoints. They parse input only: who may do what, the rules of an action's life cycle, what a
document may be and how confidence is rated live in the services.

Confidence is a plain integer behind a select, so a crafted value (6, say) reaches the service
and is refused there with its own message, never silently coerced here.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from crisis.evidence import ALLOWED, ALLOWED_LABEL
from crisis.forms import DateInput, Form, IdsChoiceField

from .models import Action, Policy, PolicyCheck, PolicyType, StakeholderGroup

LIST_STATUS_CHOICES = [("all", "All"), ("open", "Open (not done)"), *Action.Status.choices]
PLAN_STATUS_CHOICES = [("open", "Open (not done)"), *Action.Status.choices, ("all", "All")]
WORKING_STATUSES = [
    (Action.Status.NOT_STARTED.value, Action.Status.NOT_STARTED.label),
    (Action.Status.IN_PROGRESS.value, Action.Status.IN_PROGRESS.label),
    (Action.Status.BLOCKED.value, Action.Status.BLOCKED.label),
]
GROUP_CHOICES = [("status", "By status"), ("owner", "By owner")]


def _person(user) -> str:
    return user.get_full_name() or user.email


class ActionFilterForm(Form):
    """The case action plan's filters (GET); invalid values are dropped, not applied."""

    q = forms.CharField(label="Search titles", required=False)
    status = forms.ChoiceField(choices=LIST_STATUS_CHOICES, required=False)
    owner = forms.ChoiceField(required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, owners=(), **kwargs):
        kwargs.setdefault("auto_id", "filter_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "Anyone")] + [(str(u.pk), _person(u)) for u in owners]

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {key: value for key, value in getattr(self, "cleaned_data", {}).items() if value}


class OurPlanFilterForm(Form):
    """"Our action plan": only mine, status, and how the rows are grouped."""

    mine = forms.BooleanField(label="Only mine", required=False)
    status = forms.ChoiceField(choices=PLAN_STATUS_CHOICES, required=False)
    # Switched by the "By status / By owner" tabs; kept when the filters are submitted.
    group = forms.ChoiceField(label="Group", choices=GROUP_CHOICES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "plan_%s")
        super().__init__(*args, **kwargs)

    def filters(self) -> dict:
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            "mine": bool(cleaned.get("mine")),
            "status": cleaned.get("status") or "open",
            "group": cleaned.get("group") or "status",
        }


class ActionForm(Form):
    """Create or edit an action (consultants). The owner and risk choices come from the case."""

    title = forms.CharField(max_length=200, error_messages={"required": "Give the action a title."})
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="— no owner yet —")
    priority = forms.ChoiceField(choices=Action.Priority.choices, initial=Action.Priority.HIGH)
    start_on = forms.DateField(label="Start", widget=DateInput, required=False)
    due_on = forms.DateField(label="Due", widget=DateInput, error_messages={"required": "Give the due date."})
    risks = IdsChoiceField(
        queryset=None, required=False, label="Risks addressed",
        widget=forms.SelectMultiple(attrs={"size": 5}),
        help_text="Hold Ctrl (⌘ on a Mac) to choose more than one.",
    )
    consultant_notes = forms.CharField(
        label="Consultant notes", widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text="Consultant-only: never shown to the organisation's leaders or staff.",
    )

    def __init__(self, *args, owners, risks, prefix_id: str = "add", **kwargs):
        kwargs.setdefault("auto_id", f"{prefix_id}_%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = _person
        self.fields["risks"].queryset = risks
        self.fields["risks"].label_from_instance = lambda risk: f"{risk.title} ({risk.get_band_display()})"

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["risks"] = list(data.get("risks") or [])
        return data

    @staticmethod
    def initial_for(action: Action) -> dict:
        return {
            "title": action.title, "description": action.description, "owner": action.owner_id,
            "priority": action.priority, "start_on": action.start_on, "due_on": action.due_on,
            "risks": [r.pk for r in action.risks.all()], "consultant_notes": action.consultant_notes,
        }


class ActionProgressForm(Form):
    progress = forms.IntegerField(
        label="Progress (%)", min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"step": 5, "inputmode": "numeric"}),
        error_messages={"required": "Give the progress, 0 to 100."},
    )
    status = forms.ChoiceField(choices=WORKING_STATUSES)
    blocked_reason = forms.CharField(
        label="What is blocking it", widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text="Needed when the action is blocked.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "progress_%s")
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_for(action: Action) -> dict:
        return {"progress": action.progress, "status": action.status, "blocked_reason": action.blocked_reason}


class ActionDoneForm(Form):
    completion_notes = forms.CharField(
        label="What was done", widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was done: the note is part of the evidence."},
        help_text="The consultant reads this, with the evidence, before verifying the action.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "done_%s")
        super().__init__(*args, **kwargs)


class ActionVerifyForm(Form):
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "verify_%s")
        super().__init__(*args, **kwargs)


class ActionReopenForm(Form):
    reason = forms.CharField(
        label="Why reopen it", widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the action is reopened."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "reopen_%s")
        super().__init__(*args, **kwargs)


class ActionNoteForm(Form):
    body = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 3}), error_messages={"required": "Write the note first."}
    )
    consultant_only = forms.BooleanField(
        label="Consultant-only", required=False, help_text="Never shown to the organisation's leaders or staff."
    )

    def __init__(self, *args, can_write_confidential: bool = False, **kwargs):
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)
        if not can_write_confidential:
            del self.fields["consultant_only"]


class EvidenceForm(Form):
    """One form for both kinds: `kind` decides whether the file or the link is used."""

    KIND_FILE = "file"
    KIND_LINK = "link"

    kind = forms.ChoiceField(choices=[(KIND_FILE, "File"), (KIND_LINK, "Link")], widget=forms.HiddenInput)
    title = forms.CharField(label="Title", max_length=200, required=False,
                            help_text="What the evidence shows, e.g. “Signed training register”.")
    file = forms.FileField(label="File", required=False,
                           help_text="PDF, DOCX, XLSX, PNG or JPG. Checked by its content, not only its name.")
    url = forms.CharField(label="Link", max_length=500, required=False,
                          widget=forms.URLInput(attrs={"placeholder": "https://"}))

    def __init__(self, *args, kind: str = KIND_FILE, **kwargs):
        kwargs.setdefault("auto_id", f"evidence_{kind}_%s")
        kwargs.setdefault("initial", {"kind": kind})
        super().__init__(*args, **kwargs)
        # Each of the page's two evidence forms shows only its own input.
        del self.fields["url" if kind == self.KIND_FILE else "file"]


# Policies and checkpoints ----------------------------------------------------------------------

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

"""Writes of the action plan: actions, their progress, done and verified, notes and evidence.

Who may do what:
- consultants of the organisation create, edit, verify and reopen actions, and write
  consultant-only notes;
- the owner declares an action done; the owner, the organisation's leaders and consultants
  update progress, add notes and evidence; staff change only the actions they own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from assessment import selectors as assessment_selectors
from crisis.access import can_manage_case, check_owner, is_case_leader
from crisis.audit import audit_record
from crisis.evidence import check_upload
from crisis.models import Case, Stage, User

from ..models import Action, ActionEvent, ActionNote, Evidence, percent_complete

if TYPE_CHECKING:  # type hints only: later stages read the register through its selectors
    from assessment.models import Risk

__all__ = [
    "ACTION_EDITABLE_FIELDS",
    "action_create",
    "action_evidence_add_file",
    "action_evidence_add_link",
    "action_mark_done",
    "action_note_add",
    "action_reopen",
    "action_update",
    "action_update_progress",
    "action_verify",
    "can_update_action",
    "response_gate_problems",
]

ACTION_EDITABLE_FIELDS = ("title", "description", "owner", "priority", "start_on", "due_on", "consultant_notes")
CONSULTANT_ONLY_FIELDS = {"consultant_notes"}


def _require_manager(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can do this.")


def _require_open_case(case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise ValidationError("The case is closed: its action plan can no longer be changed.")


def can_update_action(*, user, action: Action) -> bool:
    """Progress, notes and evidence: the owner, the case's leaders and its consultants."""
    if not getattr(user, "is_authenticated", False):
        return False
    if action.owner_id == user.pk or can_manage_case(user=user, case=action.case):
        return True
    return is_case_leader(user=user, case=action.case)


def _require_updater(actor: User, action: Action) -> None:
    if not can_update_action(user=actor, action=action):
        raise PermissionDenied("Only the action's owner, the organisation's leaders and its consultants can update it.")


def _event(action: Action, actor: User, verb: str, changes: dict | None = None, *, consultant_only=False) -> None:
    ActionEvent.objects.create(
        organisation_id=action.organisation_id, case_id=action.case_id, action=action, actor=actor, verb=verb,
        changes=changes or {}, consultant_only=consultant_only,
    )
    audit_record(actor=actor, verb=f"action.{verb}", obj=action, case=action.case,
                 summary={"title": action.title, **({} if consultant_only else (changes or {}))})


def _check_risks(case: Case, risks: Iterable[Risk]) -> list[Risk]:
    chosen = list(risks)
    wrong = [r for r in chosen if r.case_id != case.pk]
    if wrong:
        raise ValidationError({"risks": "An action can only address risks of its own case."})
    return chosen


@transaction.atomic
def action_create(
    *,
    actor: User,
    case: Case,
    title: str,
    due_on: dt.date,
    description: str = "",
    owner: User | None = None,
    priority: str = Action.Priority.HIGH,
    start_on: dt.date | None = None,
    risks: Iterable[Risk] = (),
    consultant_notes: str = "",
) -> Action:
    _require_manager(actor, case)
    _require_open_case(case)
    check_owner(case, owner)
    risks = _check_risks(case, risks)
    action = Action(
        organisation_id=case.organisation_id, case=case, title=(title or "").strip(), description=description,
        owner=owner, priority=priority, start_on=start_on, due_on=due_on, consultant_notes=consultant_notes,
        created_by=actor,
    )
    action.full_clean(exclude=["case", "organisation", "created_by"])
    action.save()
    action.risks.set(risks)
    # History is read by everyone who sees the action, staff included, who may not see the
    # register: it records how many risks the action addresses, not their titles.
    _event(action, actor, "created", {"due_on": due_on.isoformat(), "owner": str(owner) if owner else None,
                                      "risks": len(risks)})
    return action


@transaction.atomic
def action_update(*, actor: User, action: Action, risks: Iterable[Risk] | None = None, **changes) -> Action:
    """A consultant edits what the action is, who owns it and when it is due."""
    _require_manager(actor, action.case)
    _require_open_case(action.case)
    unknown = set(changes) - set(ACTION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if "owner" in changes:
        check_owner(action.case, changes["owner"])
    before = {name: getattr(action, name) for name in changes}
    for name, value in changes.items():
        setattr(action, name, value)
    action.full_clean(exclude=["case", "organisation", "created_by"])
    diff = {n: {"from": str(before[n]), "to": str(v)} for n, v in changes.items() if before[n] != v}
    if risks is not None:
        risks = _check_risks(action.case, risks)
        old = sorted(r.pk for r in action.risks.all())
        new = sorted(r.pk for r in risks)
        if old != new:
            action.risks.set(risks)
            diff["risks"] = {"from": len(old), "to": len(new)}
    if diff:
        action.save()
        public = {k: v for k, v in diff.items() if k not in CONSULTANT_ONLY_FIELDS}
        if public:
            _event(action, actor, "updated", public)
        if set(diff) & CONSULTANT_ONLY_FIELDS:
            _event(action, actor, "consultant_notes_updated", consultant_only=True)
    return action


@transaction.atomic
def action_update_progress(
    *, actor: User, action: Action, progress: int | None = None, status: str | None = None,
    blocked_reason: str | None = None,
) -> Action:

    """Progress and working status: not started, in progress or blocked (with the reason).

    An action with progress above 0 is not "not started": it moves to in progress.
    """
    _require_updater(actor, action)
    _require_open_case(action.case)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.is_complete:
        raise ValidationError("The action is done: a consultant reopens it if more work is needed.")
    if status is not None and status not in (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS,
                                              Action.Status.BLOCKED):
        raise ValidationError({"status": "Use “Mark done” to finish an action; verification is a consultant's."})
    if progress is not None and (isinstance(progress, bool) or not isinstance(progress, int)
                                 or not 0 <= progress <= 100):
        raise ValidationError({"progress": "Progress is a whole number from 0 to 100."})
    before = {"progress": action.progress, "status": action.status, "blocked_reason": action.blocked_reason}
    if progress is not None:
        action.progress = progress
    if status is not None:
        action.status = status
    # Progress means the work has begun. The page sends the status shown beside the progress, which
    # still says "not started" when progress is first entered: that is no reason to stay not started.
    if action.progress > 0 and action.status == Action.Status.NOT_STARTED:
        action.status = Action.Status.IN_PROGRESS
    if blocked_reason is not None:
        action.blocked_reason = blocked_reason.strip()
    if action.status != Action.Status.BLOCKED:
        action.blocked_reason = ""
    action.full_clean(exclude=["case", "organisation", "created_by"])
    after = {"progress": action.progress, "status": action.status, "blocked_reason": action.blocked_reason}
    diff = {k: {"from": before[k], "to": after[k]} for k in after if before[k] != after[k]}
    if diff:
        action.save(update_fields=["progress", "status", "blocked_reason", "updated_at"])
        _event(action, actor, "progress", diff)
    return action


@transaction.atomic
def action_mark_done(*, actor: User, action: Action, completion_notes: str) -> Action:
    """The owner declares the action done, saying what was done."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.owner_id is None:
        raise ValidationError("Give the action an owner first: done is declared by its owner.")
    if action.owner_id != actor.pk:
        raise PermissionDenied(f"Only the action's owner, {action.owner}, can declare it done.")
    _require_open_case(action.case)
    if action.is_complete:
        raise ValidationError("The action is already done.")
    notes = (completion_notes or "").strip()
    if not notes:
        raise ValidationError({"completion_notes": "Say what was done: the note is part of the evidence."})
    action.status = Action.Status.DONE
    action.progress = 100
    action.completion_notes = notes
    action.blocked_reason = ""
    action.done_at = timezone.now()
    action.done_by = actor
    action.save()
    _event(action, actor, "done", {"completion_notes": notes})
    return action


@transaction.atomic
def action_verify(*, actor: User, action: Action, note: str = "") -> Action:
    """A consultant checks the evidence and verifies a done action."""
    _require_manager(actor, action.case)
    _require_open_case(action.case)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status != Action.Status.DONE:
        raise ValidationError("Only an action its owner has marked done can be verified.")
    action.status = Action.Status.VERIFIED
    action.verified_at = timezone.now()
    action.verified_by = actor
    action.save()
    _event(action, actor, "verified", {"note": note.strip()} if note.strip() else {})
    return action


@transaction.atomic
def action_reopen(*, actor: User, action: Action, reason: str) -> Action:
    """A consultant sends a done or verified action back, saying why."""
    _require_manager(actor, action.case)
    _require_open_case(action.case)
    action = Action.objects.select_for_update().get(pk=action.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the action is reopened."})
    if not action.is_complete:
        raise ValidationError("Only a done or verified action can be reopened.")
    action.status = Action.Status.IN_PROGRESS
    action.verified_at = action.verified_by = action.done_at = action.done_by = None
    action.save()
    _event(action, actor, "reopened", {"reason": reason})
    return action


@transaction.atomic
def action_note_add(*, actor: User, action: Action, body: str, consultant_only: bool = False) -> ActionNote:
    _require_updater(actor, action)
    _require_open_case(action.case)
    if consultant_only and not can_manage_case(user=actor, case=action.case):
        raise PermissionDenied("Only consultants write consultant-only notes.")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write the note first."})
    note = ActionNote.objects.create(
        organisation_id=action.organisation_id, case_id=action.case_id, action=action, author=actor, body=body,
        consultant_only=consultant_only,
    )
    _event(action, actor, "note_added", consultant_only=consultant_only)
    return note


@transaction.atomic
def action_evidence_add_file(*, actor: User, action: Action, uploaded_file, title: str = "") -> Evidence:
    """Store an uploaded file as evidence, after checking its type by content and its size."""
    _require_updater(actor, action)
    _require_open_case(action.case)
    checked = check_upload(uploaded_file)
    evidence = Evidence(
        organisation_id=action.organisation_id, case_id=action.case_id, action=action, kind=Evidence.Kind.FILE,
        title=(title or "").strip() or checked.name, original_name=checked.name,
        content_type=checked.content_type, size=checked.size, sha256=checked.sha256, uploaded_by=actor,
    )
    # The file is written before the row: if the row or its history fails, the file goes too.
    evidence.file.save(checked.name, uploaded_file, save=False)
    try:
        evidence.save()
        _event(action, actor, "evidence_added", {"title": evidence.title, "size": checked.size})
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def action_evidence_add_link(*, actor: User, action: Action, url: str, title: str = "") -> Evidence:
    _require_updater(actor, action)
    _require_open_case(action.case)
    evidence = Evidence(
        organisation_id=action.organisation_id, case_id=action.case_id, action=action, kind=Evidence.Kind.LINK,
        title=(title or "").strip() or url, url=(url or "").strip(), uploaded_by=actor,
    )
    if not evidence.url:
        raise ValidationError({"url": "Give the link."})
    if not evidence.url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "Links start with https:// or http://."})
    evidence.full_clean(exclude=["case", "organisation", "uploaded_by", "file"])
    evidence.save()
    _event(action, actor, "evidence_added", {"title": evidence.title, "url": evidence.url})
    return evidence


def response_gate_problems(*, case: Case) -> list[str]:
    """What stops a case leaving Response: untreated critical/high risks and too few actions done."""
    problems = []
    untreated = assessment_selectors.serious_risks_to_mitigate(case=case).filter(actions__isnull=True)
    titles = list(untreated.values_list("title", flat=True)[:11])
    if titles:
        shown = "; ".join(titles[:10]) + ("; …" if len(titles) > 10 else "")
        problems.append(f"Critical and high risks with no action and no other treatment: {shown}.")
    actions = Action.objects.filter(organisation_id=case.organisation_id, case=case)
    total = actions.count()
    complete = actions.complete().count()
    threshold = case.action_threshold_percent
    percent = percent_complete(complete, total)
    if total == 0:
        problems.append("The action plan has no actions yet.")
    elif percent < threshold:
        problems.append(
            f"{complete} of {total} actions are done or verified ({percent}%); "
            f"the case needs {threshold}% before it moves to Recovery."
        )
    return problems

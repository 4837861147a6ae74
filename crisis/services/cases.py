"""Every write to the core. Keyword-only, atomic, audited; the acting user is always given."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from .. import permissions as perms
from ..access import can_manage_case, check_leaders, has_org_permission
from ..audit import audit_record
from ..models import (
    STAGE_ORDER,
    Assignment,
    Case,
    CaseReferenceCounter,
    ChronologyEntry,
    Deadline,
    Membership,
    Organisation,
    Rag,
    Severity,
    Stage,
    StageChange,
    User,
)
from ..stages import stage_entered_callbacks, stage_move_problems
from .chronology import chronology_record_automatic, start_of_day


def _require_admin(actor: User) -> None:
    if not actor.is_consultancy_admin:
        raise PermissionDenied("Only a consultancy admin can do this.")


def _require_case_manager(actor: User, case: Case) -> None:
    # Defence in depth: views and the API have already scoped the case to the actor.
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can change its cases.")


def _require_org_manager(actor: User, organisation: Organisation) -> None:
    if not has_org_permission(user=actor, organisation_id=organisation.pk, codename=perms.MANAGE_CASES):
        raise PermissionDenied("Only the consultants assigned to this organisation can open its cases.")


# Organisations, memberships and assignments ----------------------------------------------------


def _grant_role(user: User, organisation: Organisation, role: str) -> None:
    for codename in perms.ROLE_PERMISSIONS[role]:
        assign_perm(f"crisis.{codename}", user, organisation)


def _revoke_role(user: User, organisation: Organisation, role: str, keep: frozenset[str] = frozenset()) -> None:
    for codename in perms.ROLE_PERMISSIONS[role] - keep:
        remove_perm(f"crisis.{codename}", user, organisation)


def _roles_held(user: User, organisation: Organisation, *, excluding: str | None = None) -> frozenset[str]:
    """Permissions the user keeps through other roles on the same organisation."""
    kept: set[str] = set()
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    if membership and excluding != "membership":
        kept |= perms.ROLE_PERMISSIONS[membership.role]
    if excluding != "assignment" and Assignment.objects.filter(consultant=user, organisation=organisation).exists():
        kept |= perms.ROLE_PERMISSIONS[perms.CONSULTANT]
    return frozenset(kept)


@transaction.atomic
def organisation_create(*, actor: User, name: str, kind: str, **fields) -> Organisation:
    _require_admin(actor)
    organisation = Organisation(name=name, kind=kind, **fields)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, verb="organisation.created", obj=organisation, summary={"name": name, "kind": kind})
    return organisation


@transaction.atomic
def membership_create(
    *, actor: User, user: User, organisation: Organisation, role: str, job_title: str = ""
) -> Membership:
    """Give a client user a role in an organisation and the permissions that role carries."""
    _require_admin(actor)
    if user.is_consultant:
        raise ValidationError("Consultancy staff are assigned to organisations, not made members of them.")
    if role not in Membership.Role.values:
        raise ValidationError(f"Unknown role {role!r}.")
    if Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(f"{user} is already a member of {organisation}.")
    membership = Membership.objects.create(user=user, organisation=organisation, role=role, job_title=job_title)
    _grant_role(user, organisation, role)
    audit_record(
        actor=actor, verb="membership.created", obj=membership, organisation=organisation,
        summary={"user": user.email, "role": role},
    )
    return membership


@transaction.atomic
def membership_change_role(*, actor: User, membership: Membership, role: str) -> Membership:
    _require_admin(actor)
    if role not in Membership.Role.values:
        raise ValidationError(f"Unknown role {role!r}.")
    old = membership.role
    if old == role:
        return membership
    _revoke_role(membership.user, membership.organisation, old, keep=perms.ROLE_PERMISSIONS[role])
    membership.role = role
    membership.save(update_fields=["role"])
    _grant_role(membership.user, membership.organisation, role)
    if old == Membership.Role.LEADER:
        _unname_leader(actor, membership.user, membership.organisation)
    audit_record(
        actor=actor, verb="membership.role_changed", obj=membership, organisation=membership.organisation,
        summary={"user": membership.user.email, "from": old, "to": role},
    )
    return membership


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    _require_admin(actor)
    user, organisation, role = membership.user, membership.organisation, membership.role
    audit_record(
        actor=actor, verb="membership.deleted", obj=membership, organisation=organisation,
        summary={"user": user.email, "role": role},
    )
    membership.delete()
    _revoke_role(user, organisation, role, keep=_roles_held(user, organisation, excluding="membership"))
    if role == Membership.Role.LEADER:
        _unname_leader(actor, user, organisation)


def _unname_leader(actor: User, user: User, organisation: Organisation) -> None:
    """Named places on the organisation's cases go with the leader role."""
    for case in Case.objects.filter(organisation=organisation, leaders=user):
        _set_leaders(actor, case, set(case.leaders.all()) - {user})


@transaction.atomic
def assignment_create(*, actor: User, consultant: User, organisation: Organisation) -> Assignment:
    """Assign a consultant to an organisation: they then see and work its unrestricted cases."""
    _require_admin(actor)
    if not consultant.is_consultant:
        raise ValidationError(f"{consultant} is not a consultant.")
    assignment, created = Assignment.objects.get_or_create(consultant=consultant, organisation=organisation)
    if created:
        _grant_role(consultant, organisation, perms.CONSULTANT)
        audit_record(
            actor=actor, verb="assignment.created", obj=assignment, organisation=organisation,
            summary={"consultant": consultant.email},
        )
    return assignment


@transaction.atomic
def assignment_delete(*, actor: User, assignment: Assignment) -> None:
    _require_admin(actor)
    consultant, organisation = assignment.consultant, assignment.organisation
    audit_record(
        actor=actor, verb="assignment.deleted", obj=assignment, organisation=organisation,
        summary={"consultant": consultant.email},
    )
    assignment.delete()
    _revoke_role(
        consultant, organisation, perms.CONSULTANT, keep=_roles_held(consultant, organisation, excluding="assignment")
    )
    # Named places on the organisation's restricted cases go with the assignment.
    for case in Case.objects.filter(organisation=organisation, consultants=consultant):
        case.consultants.remove(consultant)
        remove_perm(f"crisis.{perms.VIEW_CASE}", consultant, case)


# Cases -----------------------------------------------------------------------------------------


def _next_reference(year: int) -> str:
    counter, _ = CaseReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"SAF-{year}-{counter.last_number:04d}"


def _check_consultants(organisation: Organisation, consultants: Iterable[User]) -> list[User]:
    chosen = list(consultants)
    assigned = set(
        Assignment.objects.filter(organisation=organisation, consultant__in=chosen).values_list(
            "consultant_id", flat=True
        )
    )
    wrong = [c for c in chosen if c.pk not in assigned and not c.is_consultancy_admin]
    if wrong:
        names = ", ".join(str(c) for c in wrong)
        raise ValidationError(f"Not assigned to {organisation}: {names}.")
    return chosen


def _set_team(case: Case, consultants: list[User]) -> None:
    """Name the consultants on a case; guardian's view_case follows the names."""
    current = set(case.consultants.all())
    wanted = set(consultants)
    for user in wanted - current:
        assign_perm(f"crisis.{perms.VIEW_CASE}", user, case)
    for user in current - wanted:
        remove_perm(f"crisis.{perms.VIEW_CASE}", user, case)
    case.consultants.set(wanted)


def _set_leaders(actor: User, case: Case, leaders: set[User]) -> None:
    """Name the leaders on a case, as the consultants are named (guardian's view_case follows the
    names), and audit each leader named or no longer named: on a restricted case, who may see it."""
    current = set(case.leaders.all())
    for user in sorted(leaders - current, key=str):
        assign_perm(f"crisis.{perms.VIEW_CASE}", user, case)
        audit_record(actor=actor, verb="case.leader_named", obj=case,
                     summary={"leader": str(user), "email": user.email, "restricted": case.restricted})
    for user in sorted(current - leaders, key=str):
        remove_perm(f"crisis.{perms.VIEW_CASE}", user, case)
        audit_record(actor=actor, verb="case.leader_unnamed", obj=case,
                     summary={"leader": str(user), "email": user.email, "restricted": case.restricted})
    case.leaders.set(leaders)


@transaction.atomic
def case_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    summary: str = "",
    severity: str = Severity.HIGH,
    rag: str = Rag.RED,
    restricted: bool = False,
    lead_consultant: User | None = None,
    consultants: Iterable[User] = (),
    leaders: Iterable[User] = (),
    opened_on: dt.date | None = None,
) -> Case:
    """Open a case. `leaders` names the organisation's leaders who see it once it is restricted
    (a restricted case is seen by no leader who is not named)."""
    _require_org_manager(actor, organisation)
    lead_consultant = lead_consultant or (actor if actor.is_consultant else None)
    team = _check_consultants(organisation, {*consultants, *([lead_consultant] if lead_consultant else [])})
    named_leaders = set(check_leaders(organisation, leaders))
    opened_on = opened_on or timezone.localdate()
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": "A case cannot be opened on a future date."})
    opened_at = start_of_day(opened_on)
    case = Case(
        organisation=organisation,
        title=title.strip(),
        summary=summary,
        severity=severity,
        rag=rag,
        restricted=restricted,
        lead_consultant=lead_consultant,
        opened_on=opened_on,
        stage_changed_at=opened_at,
        reference="SAF-0000-0000",  # placeholder so full_clean can run before the number is drawn
    )
    case.full_clean(exclude=["reference"])
    case.reference = _next_reference(opened_on.year)
    case.save()
    _set_team(case, team)
    chronology_record_automatic(
        actor=actor, case=case, title="Case opened", occurred_at=opened_at, details=summary, significant=True
    )
    audit_record(
        actor=actor, verb="case.created", obj=case,
        summary={"reference": case.reference, "title": case.title, "restricted": restricted},
    )
    _set_leaders(actor, case, named_leaders)
    return case


CASE_EDITABLE_FIELDS = ("title", "summary", "severity", "rag", "restricted", "lead_consultant")


@transaction.atomic
def case_update(
    *, actor: User, case: Case, consultants: Iterable[User] | None = None, leaders: Iterable[User] | None = None,
    **changes,
) -> Case:
    """Change a case's details; `consultants` and `leaders`, when given, replace the named people.
    Stage and dates move only through their own services."""
    _require_case_manager(actor, case)
    unknown = set(changes) - set(CASE_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    named_leaders = set(check_leaders(case.organisation, leaders)) if leaders is not None else None
    before = {name: getattr(case, name) for name in changes}
    for name, value in changes.items():
        setattr(case, name, value)
    case.full_clean()
    diff = {
        name: {"from": str(before[name]), "to": str(value)}
        for name, value in changes.items()
        if before[name] != value
    }
    if diff:
        case.save(update_fields=[*diff.keys(), "updated_at"])
    if consultants is not None or "lead_consultant" in diff:
        team = set(consultants) if consultants is not None else set(case.consultants.all())
        if case.lead_consultant:
            team.add(case.lead_consultant)
        old_team = sorted(str(u) for u in case.consultants.all())
        _set_team(case, _check_consultants(case.organisation, team))
        new_team = sorted(str(u) for u in team)
        if old_team != new_team:
            diff["consultants"] = {"from": old_team, "to": new_team}
    if diff:
        audit_record(actor=actor, verb="case.updated", obj=case, summary=diff)
    if named_leaders is not None:
        _set_leaders(actor, case, named_leaders)
    return case


@transaction.atomic
def case_advance_stage(
    *, actor: User, case: Case, to: str, rationale: str, effective_at: dt.datetime | None = None
) -> StageChange:
    """Move a case to another stage, recording who, when and why, in the chronology too.

    `effective_at` records a move decided earlier (a case brought into Safehold part-way through);
    it may not be in the future nor before the case entered its current stage. The audit event
    keeps the real time of the write.
    """
    _require_case_manager(actor, case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    rationale = (rationale or "").strip()
    problems = stage_move_problems(case=case, to=to)
    if not rationale:
        problems.append("Give the reason for the stage change: the chronology records why it was decided.")
    now = effective_at or timezone.now()
    if now > timezone.now() + dt.timedelta(minutes=5):
        problems.append("A stage change cannot be dated in the future.")
    elif now < case.stage_changed_at:
        problems.append(
            f"A stage change cannot be dated before the case entered {case.get_stage_display()} "
            f"({timezone.localtime(case.stage_changed_at):%d %b %Y %H:%M})."
        )
    if problems:
        raise ValidationError(problems)
    from_stage = Stage(case.stage)
    to_stage = Stage(to)
    case.stage = to_stage
    case.stage_changed_at = now
    update_fields = ["stage", "stage_changed_at", "updated_at"]
    if to_stage == Stage.CLOSED:
        case.closed_on = max(timezone.localdate(now), case.opened_on)
        update_fields.append("closed_on")
    elif from_stage == Stage.CLOSED:
        case.closed_on = None
        update_fields.append("closed_on")
    case.save(update_fields=update_fields)
    change = StageChange.objects.create(
        organisation_id=case.organisation_id,
        case=case,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=actor,
        rationale=rationale,
        changed_at=now,
    )
    chronology_record_automatic(
        actor=actor,
        case=case,
        title=f"Stage moved from {from_stage.label} to {to_stage.label}",
        occurred_at=now,
        kind=ChronologyEntry.Kind.STAGE_CHANGE,
        decision=f"Move the case to {to_stage.label}.",
        rationale=rationale,
        significant=True,
    )
    audit_record(
        actor=actor, verb="case.stage_changed", obj=case,
        summary={"from": from_stage.value, "to": to_stage.value, "rationale": rationale},
    )
    # What the stages do on entering one (e.g. follow-up reviews on closing), in this transaction.
    for callback in stage_entered_callbacks(to_stage):
        callback(case=case, actor=actor, from_stage=from_stage, change=change)
    return change


@transaction.atomic
def chronology_entry_create(
    *,
    actor: User,
    case: Case,
    title: str,
    occurred_at: dt.datetime | None = None,
    kind: str = ChronologyEntry.Kind.EVENT,
    details: str = "",
    decision: str = "",
    rationale: str = "",
    significant: bool = False,
    shared_with_organisation: bool = False,
) -> ChronologyEntry:
    """A consultant's hand-written chronology entry. Decisions must carry their reasons."""
    _require_case_manager(actor, case)
    if kind in (ChronologyEntry.Kind.STAGE_CHANGE,):
        raise ValidationError({"kind": "Stage changes are recorded by moving the stage."})
    occurred_at = occurred_at or timezone.now()
    if occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError(
            {"occurred_at": "A chronology entry records what has happened: it cannot be in the future."}
        )
    entry = ChronologyEntry(
        organisation_id=case.organisation_id,
        case=case,
        occurred_at=occurred_at,
        kind=kind,
        title=(title or "").strip(),
        details=details,
        decision=decision,
        rationale=rationale,
        significant=significant,
        shared_with_organisation=shared_with_organisation,
        author=actor,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor, verb="chronology.created", obj=entry, case=case,
        summary={"title": entry.title, "kind": kind, "significant": significant},
    )
    return entry


@transaction.atomic
def deadline_create(
    *, actor: User, case: Case, title: str, due_on: dt.date, statutory: bool = False
) -> Deadline:
    _require_case_manager(actor, case)
    deadline = Deadline(
        organisation_id=case.organisation_id, case=case, title=(title or "").strip(), due_on=due_on,
        statutory=statutory, created_by=actor,
    )
    deadline.full_clean()
    deadline.save()
    audit_record(
        actor=actor, verb="deadline.created", obj=deadline, case=case,
        summary={"title": deadline.title, "due_on": due_on.isoformat(), "statutory": statutory},
    )
    return deadline


@transaction.atomic
def deadline_complete(*, actor: User, deadline: Deadline, completed_on: dt.date | None = None) -> Deadline:
    _require_case_manager(actor, deadline.case)
    if deadline.completed_on:
        raise ValidationError("This deadline is already marked as met.")
    deadline.completed_on = completed_on or timezone.localdate()
    if deadline.completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "A deadline cannot be marked as met on a future date."})
    deadline.save(update_fields=["completed_on"])
    chronology_record_automatic(
        actor=actor,
        case=deadline.case,
        title=f"Done: {deadline.title}",
        occurred_at=start_of_day(deadline.completed_on),
        details=f"Due {deadline.due_on:%d %b %Y}, done {deadline.completed_on:%d %b %Y}.",
        significant=deadline.statutory,
    )
    audit_record(
        actor=actor, verb="deadline.completed", obj=deadline, case=deadline.case,
        summary={"title": deadline.title, "completed_on": deadline.completed_on.isoformat()},
    )
    return deadline


def stage_labels() -> list[tuple[str, str]]:
    return [(s.value, s.label) for s in STAGE_ORDER]

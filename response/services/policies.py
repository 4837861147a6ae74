"""The policy register of an organisation and its best-practice checklist; an action raised from a
policy that falls short."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis import permissions as perms
from crisis.access import check_owner, has_org_permission
from crisis.audit import audit_record
from crisis.evidence import check_upload
from crisis.models import Case, Organisation, User

from ..models import (
    Action,
    ChecklistRequirement,
    Policy,
    PolicyCheck,
    PolicyType,
)
from .actions import action_create

__all__ = [
    "POLICY_EDITABLE_FIELDS",
    "action_create_from_policy",
    "policy_check_set",
    "policy_checklist_set",
    "policy_create",
    "policy_update",
]

POLICY_EDITABLE_FIELDS = ("policy_type", "title", "version", "owner", "status", "approved_on", "approved_by_body",
                          "next_review_on")


def _require_policy_keeper(actor: User, organisation: Organisation) -> None:
    if not has_org_permission(user=actor, organisation_id=organisation.pk, codename=perms.MANAGE_POLICIES):
        raise PermissionDenied("Only the organisation's leaders and consultants keep its policy register.")


def _check_policy(policy: Policy) -> None:
    if policy.status in (Policy.Status.APPROVED, Policy.Status.PUBLISHED) and not policy.approved_on:
        raise ValidationError({"approved_on": "Give the date the governors or trustees approved it."})
    if policy.approved_on and policy.approved_on > timezone.localdate():
        raise ValidationError({"approved_on": "An approval cannot be dated in the future."})


def _attach_document(policy: Policy, document) -> None:
    checked = check_upload(document, field="document")
    policy.document.save(checked.name, document, save=False)
    policy.document_name = checked.name


@transaction.atomic
def policy_create(*, actor: User, organisation: Organisation, document=None, **fields) -> Policy:
    _require_policy_keeper(actor, organisation)
    unknown = set(fields) - set(POLICY_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown policy fields: {', '.join(sorted(unknown))}.")
    if fields.get("owner") is not None:
        check_owner(Case(organisation=organisation), fields["owner"])
    policy = Policy(organisation=organisation, created_by=actor, **fields)
    policy.full_clean(exclude=["organisation", "created_by", "document"])
    _check_policy(policy)
    if document is not None:
        _attach_document(policy, document)
    try:
        policy.save()
        audit_record(actor=actor, verb="policy.created", obj=policy, organisation=organisation,
                     summary={"title": policy.title, "type": policy.policy_type, "version": policy.version})
    except Exception:
        if policy.document:
            policy.document.delete(save=False)
        raise
    return policy


@transaction.atomic
def policy_update(*, actor: User, policy: Policy, document=None, **changes) -> Policy:
    _require_policy_keeper(actor, policy.organisation)
    unknown = set(changes) - set(POLICY_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if changes.get("owner") is not None:
        check_owner(Case(organisation=policy.organisation), changes["owner"])
    before = {name: getattr(policy, name) for name in changes}
    for name, value in changes.items():
        setattr(policy, name, value)
    policy.full_clean(exclude=["organisation", "created_by", "document"])
    _check_policy(policy)
    diff = {n: {"from": str(before[n]), "to": str(v)} for n, v in changes.items() if before[n] != v}
    old_document = policy.document.name if policy.document else ""
    if document is not None:
        _attach_document(policy, document)
        diff["document"] = {"from": old_document, "to": policy.document_name}
    if diff:
        policy.save()
        audit_record(actor=actor, verb="policy.updated", obj=policy, organisation=policy.organisation, summary=diff)
    return policy


@transaction.atomic
def policy_check_set(
    *, actor: User, policy: Policy, requirement: ChecklistRequirement, result: str, note: str = ""
) -> PolicyCheck:
    """A consultant marks how the policy meets one best-practice requirement."""
    if not has_org_permission(user=actor, organisation_id=policy.organisation_id, codename=perms.MANAGE_CASES):
        raise PermissionDenied("Consultants check policies against best practice.")
    if requirement.policy_type != policy.policy_type or not requirement.active:
        raise ValidationError({"requirement": "That requirement is not on this policy type's checklist."})
    if result not in PolicyCheck.Result.values:
        raise ValidationError({"result": "Choose met, partly met or not met."})
    check, _ = PolicyCheck.objects.update_or_create(
        policy=policy, requirement=requirement,
        defaults={"organisation_id": policy.organisation_id, "result": result, "note": note.strip(),
                  "checked_by": actor, "checked_at": timezone.now()},
    )
    audit_record(actor=actor, verb="policy.checked", obj=policy, organisation=policy.organisation,
                 summary={"requirement": requirement.text, "result": result})
    return check


@transaction.atomic
def policy_checklist_set(
    *, actor: User, policy: Policy, rows: list[tuple[ChecklistRequirement, str, str]]
) -> list[PolicyCheck]:
    """Mark several requirements at once: all of them or, if one is refused, none."""
    return [policy_check_set(actor=actor, policy=policy, requirement=requirement, result=result, note=note)
            for requirement, result, note in rows]


@transaction.atomic
def action_create_from_policy(*, actor: User, case: Case, policy: Policy) -> Action:
    """Turn a policy suggestion (out of date, or short of its checklist) into an action on the plan."""
    if policy.organisation_id != case.organisation_id:
        raise ValidationError("The policy belongs to another organisation.")
    unmet = list(
        PolicyCheck.objects.filter(policy=policy).exclude(result=PolicyCheck.Result.MET)
        .select_related("requirement").order_by("requirement__order")
    )
    lines = [f"- {c.requirement.text} ({c.get_result_display().lower()})" for c in unmet]
    if policy.review_overdue:
        lines.insert(0, f"- Review was due on {policy.next_review_on:%d %b %Y}.")
    return action_create(
        actor=actor, case=case, title=f"Bring the {policy.get_policy_type_display().lower()} policy up to standard",
        description="\n".join(lines) or "Review the policy against best practice.",
        owner=policy.owner, due_on=timezone.localdate() + dt.timedelta(days=28),
        priority=Action.Priority.HIGH if policy.policy_type == PolicyType.CHILD_PROTECTION else Action.Priority.MEDIUM,
    )

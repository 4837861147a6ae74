"""Stage 3 of the demo: action plans with progress, notes and evidence, improvement checkpoints, and
each organisation's policy register checked against best practice."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessment.models import Risk
from crisis import access
from crisis import permissions as perms
from crisis.models import Case, Organisation, Stage, User
from crisis.services import start_of_day
from response import services as response_services
from response.models import COMPLETE_STATUSES, Action, ChecklistRequirement, ImprovementCheckpoint, Policy

from .data import (
    ACTION_PLANS,
    CHECKPOINTS,
    POLICIES,
    RESULTS,
    ActionSpec,
    CaseSpec,
    PolicySpec,
)

# The smallest valid PDF: what the demo's evidence files hold (they pass the upload's content check).
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def seed_response(case: Case, spec: CaseSpec, users: dict[str, User], created: list[str]) -> None:
    """Put the spec's missing actions (keyed on title) on the case's plan with their progress, notes
    and evidence, then record the missing checkpoints (keyed on date) in date order, completing the
    new actions of each wave before the checkpoint that follows them. A closed case is left alone."""
    case.refresh_from_db()
    if case.stage == Stage.CLOSED:
        return
    lead = users[spec.lead]
    today = timezone.localdate()
    titles = set(
        Action.objects.filter(organisation_id=case.organisation_id, case=case).values_list("title", flat=True)
    )
    risks = {r.title: r for r in Risk.objects.filter(organisation_id=case.organisation_id, case=case)}
    added: list[tuple[ActionSpec, Action]] = []
    for item in ACTION_PLANS.get(spec.title, ()):
        if item.title in titles:
            continue
        action = response_services.action_create(
            actor=lead, case=case, title=item.title, description=item.description, owner=users[item.owner],
            priority=item.priority, start_on=today + dt.timedelta(days=item.start),
            due_on=today + dt.timedelta(days=item.due), risks=[risks[title] for title in item.risks],
            consultant_notes=item.consultant_notes,
        )
        _action_work(action, item, users)
        added.append((item, action))
    if added:
        created.append(f"{len(added)} actions on the plan of {case.reference}")
    recorded_on = set(
        ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case)
        .values_list("recorded_on", flat=True)
    )
    recorded = 0
    for wave, checkpoint in enumerate(sorted(CHECKPOINTS.get(spec.title, ()), key=lambda c: -c.days_ago)):
        on = today - dt.timedelta(days=checkpoint.days_ago)
        if on in recorded_on or on < case.opened_on:
            continue
        _complete([(item, action) for item, action in added if item.wave <= wave], spec, users)
        written = response_services.checkpoint_record(actor=lead, case=case, confidence=dict(checkpoint.confidence),
                                                      commentary=checkpoint.commentary, recorded_on=on)
        # Recorded on its day, as its chronology entry is, not when the demo was loaded.
        ImprovementCheckpoint.objects.filter(pk=written.pk).update(created_at=start_of_day(on))
        recorded += 1
    _complete(added, spec, users)
    if recorded:
        created.append(f"{recorded} improvement checkpoints on {case.reference}")


def _action_work(action: Action, item: ActionSpec, users: dict[str, User]) -> None:
    """Progress (or the block), notes and evidence, each written by the person who would write it."""
    owner = users[item.owner]
    if item.status == Action.Status.BLOCKED:
        response_services.action_update_progress(actor=owner, action=action, progress=item.progress,
                                        status=Action.Status.BLOCKED, blocked_reason=item.blocked)
    elif item.progress:
        response_services.action_update_progress(actor=owner, action=action, progress=item.progress)
    for author, body, consultant_only in item.notes:
        response_services.action_note_add(actor=users[author], action=action, body=body,
                                          consultant_only=consultant_only)
    for title, url in item.links:
        response_services.action_evidence_add_link(actor=owner, action=action, url=url, title=title)
    for name, title in item.files:
        upload = SimpleUploadedFile(name, TINY_PDF, content_type="application/pdf")
        response_services.action_evidence_add_file(actor=owner, action=action, uploaded_file=upload, title=title)


def _complete(pairs: list[tuple[ActionSpec, Action]], spec: CaseSpec, users: dict[str, User]) -> None:
    """Done by the owner, with the completion notes; verified by the lead consultant, or by another
    consultant of the case when the lead owns the action."""
    for item, action in pairs:
        if item.status not in COMPLETE_STATUSES:
            continue
        action.refresh_from_db()
        owner = users[item.owner]
        if action.status not in COMPLETE_STATUSES:
            action = response_services.action_mark_done(actor=owner, action=action, completion_notes=item.done)
        if item.status == Action.Status.VERIFIED and action.status != Action.Status.VERIFIED:
            verifier = users[spec.lead]
            if verifier == owner:
                verifier = next(users[email] for email in spec.team if email != spec.lead)
            response_services.action_verify(actor=verifier, action=action, note=item.verify_note)


def seed_policies(organisations: dict[str, Organisation], users: dict[str, User], created: list[str]) -> None:
    """Each organisation's policy register (keyed on title), written by the policy's owner when a
    leader (else by the consultant), and checked against its type's checklist by the consultant."""
    today = timezone.localdate()
    for name, (approver, checker_email, specs) in POLICIES.items():
        organisation = organisations[name]
        checker = users[checker_email]
        titles = set(Policy.objects.filter(organisation=organisation).values_list("title", flat=True))
        added = 0
        for item in specs:
            if item.title in titles:
                continue
            _policy(organisation, item, approver, checker, users, today)
            added += 1
        if added:
            created.append(f"{added} policies in the register of {name}")


def _policy(
    organisation: Organisation, item: PolicySpec, approver: str, checker: User, users: dict[str, User],
    today: dt.date,
) -> Policy:
    owner = users[item.owner]
    keeper = owner if access.has_org_permission(
        user=owner, organisation_id=organisation.pk, codename=perms.MANAGE_POLICIES) else checker
    approved_on = today + dt.timedelta(days=item.approved) if item.approved is not None else None
    policy = response_services.policy_create(
        actor=keeper, organisation=organisation, policy_type=item.policy_type, title=item.title,
        version=item.version, owner=owner, status=item.status, approved_on=approved_on,
        approved_by_body=approver if approved_on else "",
        next_review_on=today + dt.timedelta(days=item.next_review),
    )
    requirements = ChecklistRequirement.objects.filter(policy_type=item.policy_type, active=True).order_by(
        "order", "id")
    for position, (requirement, letter) in enumerate(zip(requirements, item.checks, strict=False)):
        response_services.policy_check_set(actor=checker, policy=policy, requirement=requirement,
                                           result=RESULTS[letter],
                                  note=item.notes.get(position, ""))
    return policy

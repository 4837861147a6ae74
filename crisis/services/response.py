"""Writes of the response stage beyond actions: policies and their checklist, improvement
checkpoints, rendered reports (action plan PDF) and the daily reminder digests."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from .. import permissions as perms
from ..audit import audit_record
from ..evidence import check_upload
from ..models import (
    Action,
    Case,
    ChecklistRequirement,
    ImprovementCheckpoint,
    Organisation,
    Policy,
    PolicyCheck,
    PolicyType,
    ReminderDigest,
    Report,
    Risk,
    StakeholderGroup,
    User,
)
from ..risk_matrix import BAND_ORDER
from ..selectors import can_manage_case, has_org_permission
from .actions import action_create
from .cases import chronology_record_automatic
from .risks import _check_owner

__all__ = [
    "POLICY_EDITABLE_FIELDS",
    "action_create_from_policy",
    "checkpoint_figures",
    "checkpoint_record",
    "digest_send",
    "policy_check_set",
    "policy_checklist_set",
    "policy_create",
    "policy_update",
    "report_render",
    "report_request",
]

POLICY_EDITABLE_FIELDS = ("policy_type", "title", "version", "owner", "status", "approved_on", "approved_by_body",
                          "next_review_on")


# Policies --------------------------------------------------------------------------------------


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
        _check_owner(Case(organisation=organisation), fields["owner"])
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
        _check_owner(Case(organisation=policy.organisation), changes["owner"])
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


# Improvement checkpoints -----------------------------------------------------------------------


def checkpoint_figures(*, case: Case, on: dt.date | None = None) -> dict:
    """The figures a checkpoint records, read from the data (three queries)."""
    on = on or timezone.localdate()
    complete = [Action.Status.DONE, Action.Status.VERIFIED]
    last = (
        ImprovementCheckpoint.objects.filter(organisation_id=case.organisation_id, case=case, recorded_on__lt=on)
        .order_by("-recorded_on", "-id").values_list("recorded_on", flat=True).first()
    )
    since = Q(done_at__date__gt=last) if last else Q()
    actions = Action.objects.filter(organisation_id=case.organisation_id, case=case).aggregate(
        total=Count("id"),
        complete=Count("id", filter=Q(status__in=complete)),
        completed_since=Count("id", filter=Q(status__in=complete) & since),
        overdue=Count("id", filter=~Q(status__in=complete) & Q(due_on__lt=on)),
    )
    bands = dict(
        Risk.objects.filter(organisation_id=case.organisation_id, case=case)
        .exclude(status=Risk.Status.CLOSED).order_by().values_list("band").annotate(n=Count("id"))
    )
    return {
        "actions_total": actions["total"],
        "actions_complete": actions["complete"],
        "actions_completed_since_last": actions["completed_since"],
        "actions_overdue": actions["overdue"],
        "risks_by_band": {b.value: bands.get(b.value, 0) for b in BAND_ORDER},
        "previous_on": last,
    }


@transaction.atomic
def checkpoint_record(
    *, actor: User, case: Case, confidence: dict[str, int], commentary: str, recorded_on: dt.date | None = None
) -> ImprovementCheckpoint:
    """Record a rapid improvement checkpoint: figures from the data, confidence per group, commentary."""
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Consultants record improvement checkpoints.")
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate() or recorded_on < case.opened_on:
        raise ValidationError({"recorded_on": "A checkpoint is dated between the case's opening and today."})
    commentary = (commentary or "").strip()
    if not commentary:
        raise ValidationError({"commentary": "Say what the figures mean: the commentary is what stakeholders read."})
    errors = {}
    for group, value in confidence.items():
        if group not in StakeholderGroup.values:
            errors[group] = f"Unknown stakeholder group {group!r}."
        elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors[group] = f"Confidence of {StakeholderGroup(group).label.lower()} is rated 1 to 5."
    if not confidence:
        errors["confidence"] = "Rate the confidence of at least one stakeholder group."
    if errors:
        raise ValidationError(errors)
    figures = checkpoint_figures(case=case, on=recorded_on)
    figures.pop("previous_on")
    checkpoint = ImprovementCheckpoint.objects.create(
        organisation_id=case.organisation_id, case=case, recorded_on=recorded_on, recorded_by=actor,
        confidence=confidence, commentary=commentary, **figures,
    )
    chronology_record_automatic(
        actor=actor, case=case, title="Improvement checkpoint recorded",
        details=(f"{checkpoint.actions_complete} of {checkpoint.actions_total} actions done "
                 f"({checkpoint.actions_completed_since_last} since the last checkpoint); "
                 f"{checkpoint.actions_overdue} overdue."),
    )
    audit_record(actor=actor, verb="checkpoint.recorded", obj=checkpoint, case=case,
                 summary={"recorded_on": recorded_on.isoformat(), "confidence": confidence})
    return checkpoint


# Reports ---------------------------------------------------------------------------------------

REPORT_TEMPLATES = {Report.Kind.ACTION_PLAN: "crisis/pdf/action_plan.html"}


@transaction.atomic
def report_request(*, actor: User, case: Case, kind: str = Report.Kind.ACTION_PLAN) -> Report:
    """Queue a PDF for a worker to render; it is listed on the case while it renders."""
    if kind not in REPORT_TEMPLATES:
        raise ValidationError({"kind": "That report cannot be requested here."})
    allowed = can_manage_case(user=actor, case=case) or has_org_permission(
        user=actor, organisation_id=case.organisation_id, codename=perms.VIEW_RESTRICTED
    )
    if not allowed:
        raise PermissionDenied("Consultants and the organisation's leaders export the action plan.")
    report = Report.objects.create(
        organisation_id=case.organisation_id, case=case, kind=kind, requested_by=actor,
        title=f"{Report.Kind(kind).label} — {case.reference} — {timezone.localdate():%d %b %Y}",
    )
    audit_record(actor=actor, verb="report.requested", obj=report, case=case, summary={"kind": kind})
    from ..tasks import render_report

    transaction.on_commit(lambda: render_report.delay(report_id=report.pk))
    return report


def report_render(*, report_id: int) -> Report:
    """Render a queued report (called by the worker). Idempotent: a ready report is left alone.

    A failed render is recorded as failed (with the error, shown on the case) in its own
    transaction, then raised for the task to retry.
    """
    from ..pdf import render_pdf
    from ..selectors.response import action_plan_context

    failure = None
    with transaction.atomic():
        report = (Report.objects.select_for_update(of=("self",))
                  .select_related("case", "case__organisation").get(pk=report_id))
        if report.status == Report.Status.READY:
            return report
        started = time.monotonic()
        try:
            pdf = render_pdf(REPORT_TEMPLATES[report.kind], action_plan_context(case=report.case, report=report))
        except Exception as exc:  # a failed render is shown on the case, not lost in a log
            failure = exc
            report.status = Report.Status.FAILED
            report.error = f"{type(exc).__name__}: {exc}"[:2000]
            report.save(update_fields=["status", "error"])
        else:
            report.file.save(f"{report.case.reference}-{report.kind}.pdf", ContentFile(pdf), save=False)
            report.sha256 = hashlib.sha256(pdf).hexdigest()
            report.size = len(pdf)
            report.status = Report.Status.READY
            report.error = ""
            report.rendered_at = timezone.now()
            report.render_ms = round(1000 * (time.monotonic() - started))
            report.save()
    if failure is not None:
        raise failure
    return report


# Reminder digests ------------------------------------------------------------------------------


def digest_send(*, user: User, kind: str, day: dt.date, items: dict) -> bool:
    """Email one person their digest for the day, once: returns False if it was already sent.

    The ReminderDigest row is claimed (unique per user, kind and day) before the email goes out,
    so a second run of the task on the same day — or a duplicate task — sends nothing.
    """
    try:
        with transaction.atomic():
            digest, created = ReminderDigest.objects.get_or_create(user=user, kind=kind, day=day)
    except IntegrityError:  # claimed by a concurrent run
        return False
    if not created and digest.status != ReminderDigest.Status.FAILED:
        return False
    count = sum(len(v) for v in items.values())
    context = {"user": user, "day": day, "items": items, "kind": kind, "count": count}
    subject = render_to_string("crisis/email/digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string("crisis/email/digest.txt", context), to=[user.email]
    )
    message.attach_alternative(render_to_string("crisis/email/digest.html", context), "text/html")
    try:
        message.send()
    except Exception as exc:
        ReminderDigest.objects.filter(pk=digest.pk).update(
            status=ReminderDigest.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise
    ReminderDigest.objects.filter(pk=digest.pk).update(
        status=ReminderDigest.Status.SENT, sent_at=timezone.now(), item_count=count, error=""
    )
    return True

"""Moving out of critical care: editing a case's exit criteria, signing off, the four-eyes override,
the gate from Recovery to Closed, what happens on closing and re-opening, and the follow-up reviews
after exit with their reminders.

The gate (`exit_gate_problems`) and the stage hook (`exit_stage_entered`) are registered in
`TrainingConfig.ready()`; the core calls them from `crisis.services.case_advance_stage`, so the case
page's "Move stage" form, the exit page's "Close the case" form and the API all meet the same gate.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.email import templated_email
from crisis.models import Case, ChronologyEntry, Stage, StageChange, User
from crisis.services import case_advance_stage, chronology_record_automatic, start_of_day

from ..models import ExitCriterion, ExitCriterionKind, ExitDecision, ExitOverride, ExitSignOff, FollowUpReview
from ..selectors.exit import (
    PERCENT_KINDS,
    SCORE_KINDS,
    add_months,
    can_record_follow_up,
    can_sign_off_as,
    case_readiness,
    exit_criteria,
    exit_problems,
    follow_up_recipients,
    follow_ups_due,
    recovery_period_start,
)

__all__ = [
    "exit_close",
    "exit_criteria_update",
    "exit_gate_problems",
    "exit_override_decide",
    "exit_override_request",
    "exit_reopen",
    "exit_sign_off",
    "exit_stage_entered",
    "follow_up_done",
    "follow_up_reminder_send",
    "send_follow_up_reminders",
]

K = ExitCriterionKind


def _require_case_consultant(actor: User, case: Case, what: str) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied(f"Only the case's consultants {what}.")


# The criteria ------------------------------------------------------------------------------


def _clean_threshold(kind: str, value) -> Decimal | None:
    label = K(kind).label
    if kind not in PERCENT_KINDS and kind not in SCORE_KINDS:
        return None
    if value is None or value == "":
        raise ValidationError({kind: f"{label}: give a threshold."})
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({kind: f"{label}: “{value}” is not a number."}) from None
    if not number.is_finite():
        raise ValidationError({kind: f"{label}: “{value}” is not a number."})
    if kind in PERCENT_KINDS:
        if number != number.to_integral_value() or not 0 <= number <= 100:
            raise ValidationError({kind: f"{label}: the threshold is a whole percentage from 0 to 100 "
                                         f"(not {value})."})
        return Decimal(int(number))
    if not Decimal(1) <= number <= Decimal(5) or number != number.quantize(Decimal("0.1")):
        raise ValidationError({kind: f"{label}: the threshold is a survey score from 1.0 to 5.0, to one decimal "
                                     f"place (not {value})."})
    return number


@transaction.atomic
def exit_criteria_update(*, actor: User, case: Case, changes: dict[str, dict]) -> list[ExitCriterion]:
    """Change the thresholds and what is enabled: `changes` maps a kind to {"threshold": ...,
    "enabled": ...} (either may be left out). The first edit writes every kind's row from the
    defaults; all or nothing — one bad threshold and nothing is written."""
    _require_case_consultant(actor, case, "set its exit criteria")
    if case.stage == Stage.CLOSED:
        raise ValidationError("The case is closed: its exit criteria were settled when it closed.")
    unknown = sorted(set(changes) - set(K.values))
    if unknown:
        raise ValidationError({"kind": f"Not an exit criterion: {', '.join(unknown)}."})
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, dict] = {}
    for kind, change in changes.items():
        cleaned[kind] = {}
        if "enabled" in change:
            cleaned[kind]["enabled"] = bool(change["enabled"])
        if "threshold" in change and (kind in PERCENT_KINDS or kind in SCORE_KINDS):
            try:
                cleaned[kind]["threshold"] = _clean_threshold(kind, change["threshold"])
            except ValidationError as error:
                errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    rows = exit_criteria(case=case)
    before = {row.kind: (str(row.threshold) if row.threshold is not None else None, row.enabled) for row in rows}
    for row in rows:
        for field, value in cleaned.get(row.kind, {}).items():
            setattr(row, field, value)
        row.updated_by, row.updated_at = actor, now
        row.save()
    after = {row.kind: (str(row.threshold) if row.threshold is not None else None, row.enabled) for row in rows}
    changed = {kind: {"threshold": after[kind][0], "enabled": after[kind][1]}
               for kind in after if after[kind] != before[kind]}
    audit_record(actor=actor, verb="training.exit_criteria.updated", obj=case, summary={"changed": changed})
    return rows


# Sign-offs ---------------------------------------------------------------------------------


@transaction.atomic
def exit_sign_off(*, actor: User, case: Case, role: str, note: str = "") -> ExitSignOff:
    """A leader (or the lead consultant) says the case is ready to leave critical care. Counts in the
    current Recovery period only."""
    if role not in ExitSignOff.Role.values:
        raise ValidationError({"role": f"“{role}” is not a sign-off: sign as leader or as lead consultant."})
    if not can_sign_off_as(user=actor, case=case, role=role):
        if role == ExitSignOff.Role.LEADER:
            raise PermissionDenied("Only a leader of the organisation who sees this case signs as leader.")
        raise PermissionDenied("Only the case's lead consultant signs as lead consultant.")
    if case.stage != Stage.RECOVERY:
        raise ValidationError(f"The case is in {case.get_stage_display()}: exit sign-offs are given in Recovery.")
    signoff = ExitSignOff(organisation_id=case.organisation_id, case=case, role=role, user=actor,
                          note=(note or "").strip(), signed_at=timezone.now())
    signoff.full_clean()
    signoff.save()
    label = ExitSignOff.Role(role).label
    chronology_record_automatic(
        actor=actor, case=case, title=f"Exit signed off by the {label.lower()}: {actor}",
        details=signoff.note, occurred_at=signoff.signed_at,
    )
    audit_record(actor=actor, verb="training.exit_signed_off", obj=case, summary={"role": role})
    return signoff


# The override ------------------------------------------------------------------------------


@transaction.atomic
def exit_override_request(*, actor: User, case: Case, reason: str) -> ExitOverride:
    """A consultant of the case asks to close it although some criteria are unmet; a second
    consultant decides. The unmet criteria are kept with their figures of the moment."""
    _require_case_consultant(actor, case, "ask to close it on an override")
    case = Case.objects.select_for_update().get(pk=case.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the case should close although criteria are unmet."})
    if case.stage != Stage.RECOVERY:
        raise ValidationError(f"The case is in {case.get_stage_display()}: an exit override is asked for in "
                              "Recovery.")
    readiness = case_readiness(case=case)
    if readiness["pending_override"] is not None:
        raise ValidationError("An override is already waiting for a second consultant's decision.")
    if readiness["override"] is not None:
        raise ValidationError("An override is already approved for this Recovery period.")
    if readiness["all_met"]:
        raise ValidationError("Every exit criterion is met: the case can close without an override.")
    unmet = [{key: item[key] for key in ("kind", "label", "threshold_text", "figure_text")}
             for item in readiness["unmet"]]
    override = ExitOverride(organisation_id=case.organisation_id, case=case, reason=reason, unmet=unmet,
                            requested_by=actor, requested_at=timezone.now())
    override.full_clean()
    override.save()
    listed = "\n".join(f"- {item['label']}: {item['figure_text']} ({item['threshold_text']})" for item in unmet)
    chronology_record_automatic(
        actor=actor, case=case, title="Exit override asked for: close with criteria unmet",
        details=f"Unmet when asked:\n{listed}\n\nReason: {reason}", occurred_at=override.requested_at,
        significant=True,
    )
    audit_record(actor=actor, verb="training.exit_override.requested", obj=case,
                 summary={"override": override.pk, "unmet": [item["kind"] for item in unmet]})
    return override


@transaction.atomic
def exit_override_decide(*, actor: User, override: ExitOverride, approve: bool, reason: str) -> ExitOverride:
    """A second consultant of the case (not the one who asked; a consultancy admin may) approves or
    refuses an override, with a reason."""
    case = override.case
    _require_case_consultant(actor, case, "decide an exit override")
    override = ExitOverride.objects.select_for_update().get(pk=override.pk)
    reason = (reason or "").strip()
    if override.requested_by_id == actor.pk:
        raise ValidationError("You asked for this override: a second consultant of the case must decide it.")
    if override.status != ExitOverride.Status.PENDING:
        raise ValidationError(f"This override was already {override.get_status_display().lower()}.")
    if not reason:
        raise ValidationError({"reason": "Give the reason for the decision: the chronology records why."})
    start = recovery_period_start(case=case)
    if case.stage != Stage.RECOVERY or start is None or override.requested_at < start:
        raise ValidationError("This override was asked for in an earlier Recovery period; ask again.")
    override.status = ExitOverride.Status.APPROVED if approve else ExitOverride.Status.REFUSED
    override.decided_by, override.decided_at, override.decision_reason = actor, timezone.now(), reason
    override.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    verdict = "approved" if approve else "refused"
    chronology_record_automatic(
        actor=actor, case=case, title=f"Exit override {verdict} (asked for by {override.requested_by})",
        kind=ChronologyEntry.Kind.DECISION, occurred_at=override.decided_at,
        decision=("The case may close although criteria are unmet." if approve
                  else "The case stays in Recovery until its criteria are met."),
        rationale=reason, significant=True,
    )
    audit_record(actor=actor, verb=f"training.exit_override.{verdict}", obj=case,
                 summary={"override": override.pk, "requested_by": override.requested_by_id})
    return override


# The gate, closing and re-opening ----------------------------------------------------------


def exit_gate_problems(*, case: Case) -> list[str]:
    """What stops a case leaving Recovery: each unmet enabled criterion with its figure — unless a
    second consultant approved an override in the current Recovery period."""
    problems = exit_problems(case=case)
    if not problems:
        return []
    if case_readiness(case=case)["override"] is not None:
        return []
    return [*problems, "Meet these, or ask a second consultant to approve an override on the exit page."]


def exit_close(*, actor: User, case: Case, rationale: str) -> StageChange:
    """Close the case from the exit page: the core's stage move, through the same gate."""
    return case_advance_stage(actor=actor, case=case, to=Stage.CLOSED, rationale=rationale)


def exit_reopen(*, actor: User, case: Case, rationale: str) -> StageChange:
    """Re-open a closed case into Recovery (the core requires and records the reason)."""
    if Case.objects.filter(pk=case.pk).values_list("stage", flat=True).first() != Stage.CLOSED:
        raise ValidationError("Only a closed case is re-opened.")
    return case_advance_stage(actor=actor, case=case, to=Stage.RECOVERY, rationale=rationale)


def _snapshot(item: dict) -> dict:
    return {key: item[key] for key in ("kind", "label", "threshold_text", "figure_text", "met")}


def exit_stage_entered(*, case: Case, actor: User, from_stage: str, change: StageChange) -> None:
    """Registered for Closed and Recovery: on closing, record the exit decision and plan the follow-up
    reviews; on re-opening a closed case, cancel the follow-ups still to come. Runs inside the stage
    move's transaction."""
    if change.to_stage == Stage.CLOSED:
        _closed(case=case, actor=actor, change=change)
    elif change.to_stage == Stage.RECOVERY and from_stage == Stage.CLOSED:
        _reopened(case=case, actor=actor, change=change)


def _closed(*, case: Case, actor: User, change: StageChange) -> None:
    readiness = case_readiness(case=case)
    criteria = [_snapshot(item) for item in readiness["criteria"]]
    override = readiness["override"] if not readiness["all_met"] else None
    decision = ExitDecision.objects.create(
        organisation_id=case.organisation_id, case=case, change=change, criteria=criteria,
        all_met=readiness["all_met"], override=override, decided_by=actor, decided_at=change.changed_at,
    )
    lines = [f"- {'Met' if item['met'] else 'NOT MET'} — {item['label']}: {item['figure_text']} "
             f"({item['threshold_text']})" for item in criteria]
    if override is not None:
        lines.append(f"\nClosed on an override asked for by {override.requested_by} ({override.reason}) and approved "
                     f"by {override.decided_by} ({override.decision_reason}).")
    months = tuple(settings.EXIT_FOLLOW_UP_MONTHS)
    follow_ups = FollowUpReview.objects.bulk_create([
        FollowUpReview(organisation_id=case.organisation_id, case=case, months=m, due_on=add_months(case.closed_on, m))
        for m in months
    ])
    if follow_ups:
        lines.append("\nFollow-up reviews: " + ", ".join(f"{f.due_on:%-d %b %Y} ({f.months} months)"
                                                         for f in follow_ups) + ".")
    chronology_record_automatic(
        actor=actor, case=case, kind=ChronologyEntry.Kind.DECISION, occurred_at=change.changed_at,
        title=("Exit decision: every exit criterion met" if readiness["all_met"]
               else "Exit decision: closed on an approved override"),
        details="\n".join(lines), decision="The case leaves critical care and closes.",
        rationale=change.rationale, significant=True,
    )
    audit_record(actor=actor, verb="training.exit_decided", obj=case,
                 summary={"decision": decision.pk, "all_met": readiness["all_met"],
                          "override": override.pk if override else None, "follow_ups": list(months)})


def _reopened(*, case: Case, actor: User, change: StageChange) -> None:
    pending = list(FollowUpReview.objects.filter(organisation_id=case.organisation_id, case=case,
                                                 status=FollowUpReview.Status.PENDING).order_by("due_on"))
    if not pending:
        return
    FollowUpReview.objects.filter(pk__in=[f.pk for f in pending]).update(status=FollowUpReview.Status.CANCELLED)
    chronology_record_automatic(
        actor=actor, case=case, occurred_at=change.changed_at,
        title=f"Follow-up review{'s' if len(pending) != 1 else ''} cancelled: the case re-opened",
        details=", ".join(f"{f.months}-month review due {f.due_on:%-d %b %Y}" for f in pending) + ".",
    )
    audit_record(actor=actor, verb="training.follow_ups_cancelled", obj=case,
                 summary={"follow_ups": [f.pk for f in pending]})


# Follow-up reviews -------------------------------------------------------------------------


@transaction.atomic
def follow_up_done(*, actor: User, follow_up: FollowUpReview, notes: str,
                   done_on: dt.date | None = None) -> FollowUpReview:
    """The lead consultant records a follow-up review as done, with what it found."""
    case = follow_up.case
    if not can_record_follow_up(user=actor, case=case):
        raise PermissionDenied("The case's lead consultant records its follow-up reviews.")
    follow_up = FollowUpReview.objects.select_for_update().get(pk=follow_up.pk)
    notes = (notes or "").strip()
    done_on = done_on or timezone.localdate()
    if follow_up.status != FollowUpReview.Status.PENDING:
        raise ValidationError(f"This follow-up review is already {follow_up.get_status_display().lower()}.")
    errors = {}
    if not notes:
        errors["notes"] = "Say what the follow-up review found."
    if done_on > timezone.localdate():
        errors["done_on"] = "A follow-up review is recorded once it has happened: the date cannot be in the future."
    elif case.closed_on and done_on < case.closed_on:
        errors["done_on"] = f"The review cannot be dated before the case closed ({case.closed_on:%-d %b %Y})."
    if errors:
        raise ValidationError(errors)
    follow_up.status, follow_up.done_on, follow_up.notes, follow_up.done_by = (
        FollowUpReview.Status.DONE, done_on, notes, actor)
    follow_up.save(update_fields=["status", "done_on", "notes", "done_by"])
    chronology_record_automatic(
        actor=actor, case=case, occurred_at=start_of_day(done_on),
        title=f"{follow_up.months}-month follow-up review done", details=notes, significant=True,
    )
    audit_record(actor=actor, verb="training.follow_up.done", obj=case,
                 summary={"follow_up": follow_up.pk, "months": follow_up.months})
    return follow_up


def follow_up_reminder_send(*, follow_up_id: int, day: dt.date) -> bool:
    """Email the lead consultant (else the case's consultants) that a follow-up review is due, once.

    The row is claimed in its own transaction first (status "sending"), so a second run or a
    concurrent one finds it taken and sends nothing; the email goes out after the claim commits; a
    refusal by the mail server marks it failed and re-raises, and the next run sends it again.
    Returns whether an email went out.
    """
    with transaction.atomic():
        follow_up = (follow_ups_due(day=day).select_for_update(of=("self",))
                     .select_related("case", "case__organisation", "case__lead_consultant")
                     .filter(pk=follow_up_id).first())
        if follow_up is None:
            return False
        recipients = follow_up_recipients(follow_up.case)
        if not recipients:
            return False
        FollowUpReview.objects.filter(pk=follow_up.pk).update(
            reminder_status=FollowUpReview.ReminderStatus.SENDING, reminder_error="")
    case = follow_up.case
    site = settings.SITE_URL.rstrip("/")
    context = {"follow_up": follow_up, "case": case, "organisation": case.organisation, "day": day,
               "overdue": follow_up.due_on < day, "recipients": recipients,
               "exit_url": site + reverse("training:exit_readiness", args=[case.reference])}
    message = templated_email("training/email/follow_up", context, to=[user.email for user in recipients])
    try:
        message.send()
    except Exception as exc:
        FollowUpReview.objects.filter(pk=follow_up.pk).update(
            reminder_status=FollowUpReview.ReminderStatus.FAILED, reminder_error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
    FollowUpReview.objects.filter(pk=follow_up.pk).update(
        reminder_status=FollowUpReview.ReminderStatus.SENT, reminded_at=timezone.now())
    return True


def send_follow_up_reminders(*, day: dt.date, failures: list | None = None) -> int:
    """Remind every follow-up review due on `day` or overdue and never reminded; returns how many
    emails went out. A refused email is recorded (and in `failures`) and the others still go."""
    sent = 0
    for follow_up_id in list(follow_ups_due(day=day).values_list("pk", flat=True)):
        try:
            sent += follow_up_reminder_send(follow_up_id=follow_up_id, day=day)
        except (smtplib.SMTPException, ConnectionError, TimeoutError) as exc:
            if failures is not None:
                failures.append(exc)
    return sent

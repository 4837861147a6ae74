"""Writes of a case's closure report: a consultant drafts it, asks for approval, a second consultant
approves or refuses it, and the approved version is rendered as a PDF by a worker.

Four eyes: whoever asked for approval cannot approve (a second consultant of the case, or the
consultancy admin, does). The personal-data check reads every free text the PDF would carry when
approval is asked for and again at approval; a finding blocks approval until the text is corrected
or a consultant records why it may stand (an override, per finding, with a reason).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.models import Case, ChronologyEntry, Report, User
from crisis.privacy import hit_record
from crisis.services import chronology_record_automatic, report_render_or_record_failure

from ..models import ClosureGuardOverride, ClosureReport
from ..selectors.closure import closure_guard_hits, closure_report_context, latest_closure_report

__all__ = [
    "CLOSURE_TEMPLATE",
    "closure_approval_problem",
    "closure_approve",
    "closure_create",
    "closure_override",
    "closure_refuse",
    "closure_render",
    "closure_request_approval",
    "closure_retry_render",
    "closure_update",
]

CLOSURE_TEMPLATE = "training/pdf/closure_report.html"
TEXT_LIMIT = 20_000
NOT_EDITABLE = {
    ClosureReport.Status.AWAITING_APPROVAL: "This version is waiting for approval: ask for it to be refused "
                                            "(with what to change) before changing it.",
    ClosureReport.Status.APPROVED: "An approved closure report is not changed: start a new version instead.",
}


def _require_manager(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the case's consultants, or the consultancy admin, write its closure report.")


def _locked(closure: ClosureReport) -> ClosureReport:
    return (ClosureReport.objects.select_for_update(of=("self",))
            .select_related("case", "case__organisation", "case__lead_consultant", "report").get(pk=closure.pk))


def _texts(lessons_learned: str | None, handover: str | None) -> dict[str, str]:
    values = {}
    for field, text in (("lessons_learned", lessons_learned), ("handover", handover)):
        if text is None:
            continue
        text = text.replace("\r\n", "\n").strip()
        if len(text) > TEXT_LIMIT:
            raise ValidationError({field: f"Keep it under {TEXT_LIMIT:,} characters."})
        values[field] = text
    return values


@transaction.atomic
def closure_create(*, actor: User, case: Case, lessons_learned: str = "", handover: str = "") -> ClosureReport:
    """Start a version of the case's closure report: the first, or the next after an approved one.
    A version still in draft, refused or waiting for approval is finished first."""
    _require_manager(actor, case)
    Case.objects.select_for_update().filter(pk=case.pk).first()  # one new version at a time
    latest = latest_closure_report(case=case)
    if latest is not None and latest.status != ClosureReport.Status.APPROVED:
        raise ValidationError(f"Closure report {latest.number} is still {latest.get_status_display().lower()}: "
                              "finish it before starting another version.")
    values = _texts(lessons_learned, handover)
    closure = ClosureReport(organisation_id=case.organisation_id, case=case, number=(latest.number + 1) if latest
                            else 1, created_by=actor, **values)
    closure.full_clean()
    closure.save()
    audit_record(actor=actor, verb="closure_report.created", obj=closure, case=case,
                 summary={"number": closure.number})
    return closure


@transaction.atomic
def closure_update(*, actor: User, closure: ClosureReport, lessons_learned: str | None = None,
                   handover: str | None = None) -> ClosureReport:
    """Change the consultant's words of a draft or refused version (a refused one keeps its reason)."""
    _require_manager(actor, closure.case)
    closure = _locked(closure)
    if not closure.editable:
        raise ValidationError(NOT_EDITABLE[closure.status])
    values = _texts(lessons_learned, handover)
    changed = [field for field, value in values.items() if getattr(closure, field) != value]
    for field in changed:
        setattr(closure, field, values[field])
    if changed:
        closure.full_clean()
        closure.save(update_fields=changed)
        audit_record(actor=actor, verb="closure_report.updated", obj=closure, case=closure.case,
                     summary={"number": closure.number, "fields": changed})
    return closure


def _store_check(closure: ClosureReport, hits) -> None:
    closure.guard_hits = [hit_record(hit) for hit in hits]
    closure.guard_checked_at = timezone.now()
    closure.guard_clean = not hits
    closure.save(update_fields=["guard_hits", "guard_checked_at", "guard_clean"])


@transaction.atomic
def closure_request_approval(*, actor: User, closure: ClosureReport) -> ClosureReport:
    """Send a draft (or a corrected refused version) for a second consultant's approval, after the
    personal-data check; what it finds is listed on the report and blocks approval until resolved."""
    _require_manager(actor, closure.case)
    closure = _locked(closure)
    if not closure.editable:
        raise ValidationError("Only a draft or a refused version can be sent for approval.")
    missing = {field: message for field, message in (
        ("lessons_learned", "Write the lessons learned before asking for approval."),
        ("handover", "Say what remains and who owns it now before asking for approval."),
    ) if not getattr(closure, field).strip()}
    if missing:
        raise ValidationError(missing)
    hits = closure_guard_hits(case=closure.case, closure=closure)
    closure.status = ClosureReport.Status.AWAITING_APPROVAL
    closure.requested_by, closure.requested_at = actor, timezone.now()
    closure.save(update_fields=["status", "requested_by", "requested_at"])
    _store_check(closure, hits)
    audit_record(actor=actor, verb="closure_report.approval_requested", obj=closure, case=closure.case,
                 summary={"number": closure.number, "findings": len(hits)})
    chronology_record_automatic(actor=actor, case=closure.case, kind=ChronologyEntry.Kind.REPORT,
                                title=f"Closure report {closure.number} sent for approval",
                                shared_with_organisation=False)
    return closure


def closure_approval_problem(*, user: User, closure: ClosureReport) -> str:
    """Why this user may not approve this version now ("" when they may)."""
    if not can_manage_case(user=user, case=closure.case):
        return "Only a consultant of this case, or the consultancy admin, can approve its closure report."
    if closure.status != ClosureReport.Status.AWAITING_APPROVAL:
        return "Only a version waiting for approval can be approved."
    if user.pk == closure.requested_by_id:
        return ("You asked for this report's approval: a second consultant of the case, or the consultancy "
                "admin, must approve it before it leaves the organisation.")
    return ""


def closure_approve(*, actor: User, closure: ClosureReport, reason: str = "") -> ClosureReport:
    """A second consultant approves a version; the check runs again first. Once approved, the version
    is rendered as a PDF by a worker and filed with the case's reports.

    Refused with a reason for the requester, and when the check now finds something not overridden (a
    protected name added since, a text changed): the findings are kept on the version, nothing else."""
    _require_manager(actor, closure.case)
    with transaction.atomic():
        closure = _locked(closure)
        problem = closure_approval_problem(user=actor, closure=closure)
        if problem:
            raise ValidationError(problem)
        hits = closure_guard_hits(case=closure.case, closure=closure)
        _store_check(closure, hits)
        if not hits:
            case = closure.case
            report = Report.objects.create(
                organisation_id=case.organisation_id, case=case, kind=Report.Kind.CLOSURE_REPORT,
                requested_by=actor, title=f"Closure report {closure.number} — {case.reference}")
            closure.status = ClosureReport.Status.APPROVED
            closure.decided_by, closure.decided_at = actor, timezone.now()
            closure.decision_reason = (reason or "").strip()
            closure.report = report
            closure.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "report"])
            audit_record(actor=actor, verb="closure_report.approved", obj=closure, case=case,
                         summary={"number": closure.number, "reason": closure.decision_reason,
                                  "requested_by": closure.requested_by_id})
            chronology_record_automatic(
                actor=actor, case=case, kind=ChronologyEntry.Kind.DECISION, significant=True,
                title=f"Closure report {closure.number} approved",
                decision=f"Closure report {closure.number} approved for the board and the regulators.",
                rationale=closure.decision_reason)
            from ..tasks import render_closure_report

            transaction.on_commit(lambda: render_closure_report.delay(closure_report_id=closure.pk))
            return closure
    raise ValidationError(f"The personal-data check finds {len(hits)} problem(s): the report is not approved. "
                          "Correct the text, or record why each may stand, then approve.")


@transaction.atomic
def closure_refuse(*, actor: User, closure: ClosureReport, reason: str) -> ClosureReport:
    """A consultant of the case refuses a version waiting for approval, saying what to change; the
    version goes back to be corrected (and keeps the reason) and can be sent again."""
    _require_manager(actor, closure.case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the report is refused: what should change."})
    closure = _locked(closure)
    if closure.status != ClosureReport.Status.AWAITING_APPROVAL:
        raise ValidationError("Only a version waiting for approval can be refused.")
    closure.status = ClosureReport.Status.REFUSED
    closure.decided_by, closure.decided_at = actor, timezone.now()
    closure.decision_reason = reason
    closure.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    audit_record(actor=actor, verb="closure_report.refused", obj=closure, case=closure.case,
                 summary={"number": closure.number, "reason": reason})
    chronology_record_automatic(actor=actor, case=closure.case, kind=ChronologyEntry.Kind.DECISION,
                                title=f"Closure report {closure.number} refused", decision="Refused, to be corrected.",
                                rationale=reason, shared_with_organisation=False)
    return closure


@transaction.atomic
def closure_override(*, actor: User, closure: ClosureReport, hit_id: str, reason: str) -> ClosureGuardOverride:
    """A consultant lets one finding of the check stand, with the reason (audited without the text
    found). It holds while the same text stands in the same field; approval still needs a second
    consultant."""
    _require_manager(actor, closure.case)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this may stay in the report as it is."})
    closure = _locked(closure)
    if closure.status == ClosureReport.Status.APPROVED:
        raise ValidationError("An approved closure report is not checked again.")
    hits = closure_guard_hits(case=closure.case, closure=closure)
    hit = next((h for h in hits if h.hit_id == hit_id), None)
    if hit is None:
        raise ValidationError({"hit_id": "No such finding on this report (it may be corrected or overridden "
                                         "already)."})
    override = ClosureGuardOverride.objects.create(
        organisation_id=closure.organisation_id, closure_report=closure, hit_id=hit.hit_id, kind=hit.kind,
        message=hit.message[:300], reason=reason, overridden_by=actor)
    _store_check(closure, [h for h in hits if h.hit_id != hit_id])
    audit_record(actor=actor, verb="closure_report.check_overridden", obj=closure, case=closure.case,
                 summary={"number": closure.number, "finding": hit.message, "kind": hit.kind, "reason": reason})
    return override


def closure_render(*, closure_report_id: int) -> ClosureReport:
    """Render an approved version as its PDF (called by the worker). Idempotent: a ready report is
    left alone. A failed render is recorded on the report, then raised for the task to retry."""
    with transaction.atomic():
        closure = (ClosureReport.objects.select_related("case", "case__organisation", "case__lead_consultant")
                   .get(pk=closure_report_id))
        if closure.status != ClosureReport.Status.APPROVED or closure.report_id is None:
            return closure
        report = Report.objects.select_for_update(of=("self",)).get(pk=closure.report_id)
        if report.status == Report.Status.READY or report.kind != Report.Kind.CLOSURE_REPORT:
            return closure
        report.case = closure.case
        failure = report_render_or_record_failure(
            report=report, template=CLOSURE_TEMPLATE,
            build_context=lambda: closure_report_context(case=closure.case, closure=closure),
            filename=f"{closure.case.reference}-closure-report-{closure.number}.pdf")
    if failure is not None:
        raise failure
    closure.report = report
    return closure


@transaction.atomic
def closure_retry_render(*, actor: User, closure: ClosureReport) -> ClosureReport:
    """Queue an approved version's PDF again after a failed render."""
    _require_manager(actor, closure.case)
    closure = _locked(closure)
    report = closure.report
    if closure.status != ClosureReport.Status.APPROVED or report is None or report.status != Report.Status.FAILED:
        raise ValidationError("Only an approved report whose PDF failed to render can be rendered again.")
    report.status, report.error = Report.Status.QUEUED, ""
    report.save(update_fields=["status", "error"])
    audit_record(actor=actor, verb="report.requested", obj=report, case=closure.case,
                 summary={"kind": Report.Kind.CLOSURE_REPORT, "retry": True, "number": closure.number})
    from ..tasks import render_closure_report

    transaction.on_commit(lambda: render_closure_report.delay(closure_report_id=closure.pk))
    return closure

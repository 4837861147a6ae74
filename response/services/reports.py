"""The action plan PDF: requested on a page or the API, rendered by a worker, stored by the core's
report store."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.access import can_manage_case, is_case_leader
from crisis.audit import audit_record
from crisis.models import Case, Report, User
from crisis.services import report_render_or_record_failure

__all__ = [
    "REPORT_TEMPLATES",
    "report_render",
    "report_request",
]

REPORT_TEMPLATES = {Report.Kind.ACTION_PLAN: "response/pdf/action_plan.html"}


@transaction.atomic
def report_request(*, actor: User, case: Case, kind: str = Report.Kind.ACTION_PLAN) -> Report:
    """Queue a PDF for a worker to render; it is listed on the case while it renders."""
    if kind not in REPORT_TEMPLATES:
        raise ValidationError({"kind": "That report cannot be requested here."})
    allowed = can_manage_case(user=actor, case=case) or is_case_leader(user=actor, case=case)
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
    from ..selectors import action_plan_context

    with transaction.atomic():
        report = (Report.objects.select_for_update(of=("self",))
                  .select_related("case", "case__organisation").get(pk=report_id))
        if report.status == Report.Status.READY:
            return report
        failure = report_render_or_record_failure(
            report=report, template=REPORT_TEMPLATES[report.kind],
            build_context=lambda: action_plan_context(case=report.case, report=report),
            filename=f"{report.case.reference}-{report.kind}.pdf")
    if failure is not None:
        raise failure
    return report

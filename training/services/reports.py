"""The training record PDF for inspectors and governors: requested on the matrix page or the API,
rendered by a worker through the one PDF service, stored by the core's report store.

A report is filed on one of the organisation's cases (the core keeps reports on a case, and the
document's furniture names the case's lead consultant): the open, unrestricted case opened most
recently, else the latest unrestricted one. A restricted case is never used, so the record is listed
where every consultant and leader of the organisation finds it.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.audit import audit_record
from crisis.models import Case, Organisation, Report, User
from crisis.services import report_render_or_record_failure

from ..charts import coverage_chart
from .base import require_training_manager

__all__ = ["RECORD_TEMPLATE", "default_period", "record_case", "record_render", "record_request"]

RECORD_TEMPLATE = "training/pdf/training_record.html"


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The twelve months up to today: sessions delivered in them, unless a period is asked for."""
    today = today or timezone.localdate()
    return today.replace(year=today.year - 1) + dt.timedelta(days=1) if not (today.month == 2 and today.day == 29) \
        else dt.date(today.year - 1, 3, 1), today


def record_case(organisation: Organisation) -> Case | None:
    cases = Case.objects.filter(organisation=organisation, restricted=False)
    return (cases.filter(closed_on__isnull=True).order_by("-opened_on", "-id").first()
            or cases.order_by("-opened_on", "-id").first())


@transaction.atomic
def record_request(*, actor: User, organisation: Organisation, period_from: dt.date | None = None,
                   period_to: dt.date | None = None) -> Report:
    """Queue the organisation's training record for a worker to render; listed on its case meanwhile."""
    require_training_manager(actor, organisation.pk)
    default_from, default_to = default_period()
    period_from, period_to = period_from or default_from, period_to or default_to
    if period_from > period_to:
        raise ValidationError({"period_from": "The period starts after it ends."})
    case = record_case(organisation)
    if case is None:
        raise ValidationError("The training record is filed with the organisation's case, and it has none yet.")
    report = Report.objects.create(
        organisation_id=organisation.pk, case=case, kind=Report.Kind.TRAINING_RECORD, requested_by=actor,
        title=f"Training record — {organisation.name} — {timezone.localdate():%d %b %Y}",
    )
    audit_record(actor=actor, verb="report.requested", obj=report, case=case,
                 summary={"kind": Report.Kind.TRAINING_RECORD, "period_from": period_from.isoformat(),
                          "period_to": period_to.isoformat()})
    from ..tasks import render_training_record

    transaction.on_commit(lambda: render_training_record.delay(
        report_id=report.pk, period_from=period_from.isoformat(), period_to=period_to.isoformat()))
    return report


def record_render(*, report_id: int, period_from: dt.date, period_to: dt.date) -> Report:
    """Render a queued training record (called by the worker). Idempotent: a ready report is left
    alone. A failed render is recorded as failed, then raised for the task to retry."""
    from ..selectors.matrix import training_record_context

    def build_context() -> dict:
        context = training_record_context(report=report, period_from=period_from, period_to=period_to)
        context["chart"] = coverage_chart(context["coverage"], context["overall"])
        return context

    with transaction.atomic():
        report = (Report.objects.select_for_update(of=("self",))
                  .select_related("case", "case__organisation", "case__lead_consultant").get(pk=report_id))
        if report.status == Report.Status.READY or report.kind != Report.Kind.TRAINING_RECORD:
            return report
        failure = report_render_or_record_failure(report=report, template=RECORD_TEMPLATE,
                                                  build_context=build_context,
                                                  filename=f"{report.case.reference}-training-record.pdf")
    if failure is not None:
        raise failure
    return report

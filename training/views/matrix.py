"""The training matrix of an organisation (its CSV, its training record PDF) and "My training".

Thin: the organisation comes through `training_organisation` (404 for another organisation, 403 for
staff), the grid through the matrix selector, the PDF request through the service.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from crisis.audit import audit_record
from crisis.forms import DateInput, Form
from crisis.models import Report
from crisis.views.files import private_file_response

from .. import selectors, services
from ..charts import coverage_chart
from .base import training_organisation

# Spreadsheets run a cell that starts with one of these as a formula: the export prefixes it with an
# apostrophe, so it is shown as text (as the risk register's CSV does).


class MatrixFilterForm(Form):
    role = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, label="Role")
    department = forms.ChoiceField(required=False, label="Department")

    def __init__(self, *args, roles=(), departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "All roles"), *((role["id"], role["name"]) for role in roles)]
        self.fields["department"].choices = [("", "All departments"), *((d, d) for d in departments)]


class RecordPeriodForm(Form):
    period_from = forms.DateField(required=False, label="Sessions delivered from", widget=DateInput)
    period_to = forms.DateField(required=False, label="to", widget=DateInput)


def _filters(request: HttpRequest, organisation) -> tuple[MatrixFilterForm, dict]:
    """The role and department asked for; an unknown one is ignored (the form says so)."""

    form = MatrixFilterForm(
        request.GET or None,
        roles=selectors.roles_for(request.user).filter(organisation=organisation).values("id", "name"),
        departments=selectors.people_for(request.user).filter(organisation=organisation).exclude(department="")
        .order_by("department").values_list("department", flat=True).distinct(),
    )
    if form.is_bound and form.is_valid():
        return form, {"role": form.cleaned_data["role"], "department": form.cleaned_data["department"] or None}
    return form, {}


@login_required
@require_GET
def matrix(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form, filters = _filters(request, organisation)
    grid = selectors.training_matrix(user=request.user, organisation=organisation, page=request.GET.get("page"),
                                     **filters)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/matrix.html", {
        "organisation": organisation, "matrix": grid, "filter_form": form, "filter_query": query.urlencode(),
        "chart": coverage_chart(grid.coverage, grid.overall), "days": selectors.EXPIRING_DAYS,
        "period_form": RecordPeriodForm(),
        "reports": list(selectors.training_record_reports(user=request.user, organisation=organisation)[:5]),
    })


@login_required
@require_GET
def matrix_csv(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The whole matrix (every current person, the filters applied) as CSV, audited as a download."""
    organisation = training_organisation(request, organisation_id)
    _, filters = _filters(request, organisation)
    grid = selectors.training_matrix(user=request.user, organisation=organisation, page_size=None, **filters)
    content = selectors.matrix_csv(grid)
    audit_record(actor=request.user, verb="training_matrix.downloaded", obj=organisation,
                 summary={"rows": len(grid.rows), **{k: v for k, v in filters.items() if v}})
    # The BOM makes Excel read the file as UTF-8 (names with accents, curly quotes).
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (f'attachment; filename="training-matrix-{organisation.pk}-'
                                       f'{timezone.localdate():%Y-%m-%d}.csv"')
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def record_pdf_request(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form = RecordPeriodForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the period as two dates, or leave both empty for the last twelve months.")
        return redirect("training:matrix", organisation_id=organisation.pk)
    try:
        services.record_request(actor=request.user, organisation=organisation,
                                period_from=form.cleaned_data["period_from"], period_to=form.cleaned_data["period_to"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The training record PDF is being prepared: it is listed below when ready.")
    return redirect(_matrix_url(organisation.pk) + "#records")


def _matrix_url(organisation_id: int) -> str:
    return reverse("training:matrix", kwargs={"organisation_id": organisation_id})


def record_pdf_response(*, user, organisation, report: Report, via: str = "page") -> HttpResponse:
    """The stored PDF as a download, audited with its hash once the file did open."""
    day = timezone.localdate(report.rendered_at) if report.rendered_at else timezone.localdate()
    response = private_file_response(report.file, filename=f"training-record-{organisation.pk}-{day:%Y-%m-%d}.pdf",
                                     content_type="application/pdf", missing="The report file is missing from storage.")
    audit_record(actor=user, verb="report.downloaded", obj=report, case=report.case,
                 summary={"title": report.title, "sha256": report.sha256, "via": via})
    return response


@login_required
@require_GET
def record_pdf_download(request: HttpRequest, organisation_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    report = selectors.get_training_record_report_for(user=request.user, organisation=organisation, pk=pk)
    if report.status != Report.Status.READY or not report.file:
        messages.error(request, "That training record is not ready (or failed to render); ask for it again.")
        return redirect(_matrix_url(organisation.pk) + "#records")
    return record_pdf_response(user=request.user, organisation=organisation, report=report)


@login_required
@require_GET
def my_training(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own training: what applies to them, where they stand, what to do next."""
    return render(request, "training/my_training.html", {"entries": selectors.my_training(request.user),
                                                          "days": selectors.EXPIRING_DAYS})

"""The risk register as a CSV file: download it, and upload a whole register (all or nothing).

Thin: the case comes through the selector (404 for a case the user may not see), the risks through
`case_risks` (so staff download only the risks they own), the import through the service.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from crisis import access
from crisis import selectors as crisis_selectors
from crisis.audit import audit_record
from crisis.forms import Form, add_service_errors
from crisis.models import Case

from .. import selectors, services


class RiskImportForm(Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8 CSV with a header row, at most "
        f"{services.RISK_CSV_MAX_ROWS} risks and {services.RISK_CSV_MAX_BYTES // 1024 // 1024} MB.",
    )


SAMPLE_ROW = (
    "Parents lose confidence after press coverage,reputational,Local press reports the allegation,"
    "Slow and inconsistent communication,Pupils withdrawn; regulator scrutiny,head@example.org,2026-11-20,"
    "4,4,4,3,2,2,mitigate,,open"
)


@login_required
@require_GET
def risk_export(request: HttpRequest, reference: str) -> HttpResponse:
    """The register as CSV, closed risks included: the whole register for consultants and leaders,
    the risks they own for staff."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    risks = list(selectors.case_risks(user=request.user, case=case, filters={"status": "all"}))
    content = services.risk_register_csv(risks=risks)
    audit_record(actor=request.user, verb="risk_register.exported", obj=case, summary={"rows": len(risks)})
    # The BOM makes Excel read the file as UTF-8 (names with accents, curly quotes).
    response = HttpResponse("\ufeff" + content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{case.reference}-risk-register.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _require_manager(request: HttpRequest, case: Case) -> None:
    if not access.can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can import risks.")


@login_required
def risk_import(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = RiskImportForm(request.POST, request.FILES) if request.method == "POST" else RiskImportForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # One byte past the limit is enough for the service to refuse an oversized file.
            content = upload.read(services.RISK_CSV_MAX_BYTES + 1)
            try:
                risks = services.risks_import_csv(actor=request.user, case=case, content=content)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Imported {len(risks)} risk{'s' if len(risks) != 1 else ''}.")
                return redirect("assessment:risk_register", reference=case.reference)
        status = 400
    return render(
        request,
        "assessment/risk_import.html",
        {
            "case": case,
            "form": form,
            "columns": services.RISK_CSV_COLUMNS,
            "required_columns": services.RISK_CSV_REQUIRED_COLUMNS,
            "sample_row": SAMPLE_ROW,
        },
        status=status,
    )

"""The closure report pages of a case, under /training/cases/<reference>/closure/.

Thin: the case through `get_case_for` (404 when the user may not see it), a version through the
closure selector (404 for a draft to a leader, and for every version to staff), writes through the
services. Staff, who may see the case, get 403 on its closure pages. The pages that show what the
personal-data check found (text that may be a child's name) are never cached by the browser.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.forms import add_service_errors
from crisis.models import Case, Report
from crisis.privacy import LABELS
from crisis.selectors import get_case_for
from crisis.views.files import private_file_response

from .. import selectors, services
from ..forms_closure import ClosureTextForm, DecisionForm, OverrideForm
from ..models import ClosureReport

PAGE_SIZE = 20


def closure_case(request: HttpRequest, reference: str) -> Case:
    """The case, if the user reads its closure reports: 404 when they may not see the case, 403 for staff."""
    case = get_case_for(user=request.user, reference=reference)
    if not selectors.can_read_closure_reports(user=request.user, case=case):
        raise PermissionDenied("A case's closure report is read by its consultants and the organisation's leaders.")
    return case


def _closure_url(case: Case, closure: ClosureReport | None = None) -> str:
    if closure is None:
        return reverse("training:closure", kwargs={"reference": case.reference})
    return reverse("training:closure_detail", kwargs={"reference": case.reference, "pk": closure.pk})


def _version_context(request: HttpRequest, case: Case, closure: ClosureReport, **forms) -> dict:
    """What the block of one version shows: for consultants, the live findings of the check (with
    the text found), the overrides and the decision forms; for leaders, the approved report only."""
    manage = can_manage_case(user=request.user, case=case)
    context = {"closure": closure, "can_manage": manage, "text_form": None, "hits": [], "overrides": [],
               "approval_problem": "", "decision_form": forms.get("decision_form") or DecisionForm(),
               "override_form": forms.get("override_form")}
    if manage:
        if closure.editable:
            context["text_form"] = forms.get("text_form") or ClosureTextForm(initial={
                "lessons_learned": closure.lessons_learned, "handover": closure.handover})
        if closure.status != ClosureReport.Status.APPROVED:
            context["hits"] = [{"hit": hit, "label": LABELS.get(hit.kind, hit.kind)}
                               for hit in selectors.closure_guard_hits(case=case, closure=closure)]
        context["overrides"] = list(selectors.closure_overrides(closure=closure))
        context["approval_problem"] = services.closure_approval_problem(user=request.user, closure=closure)
    return context


@never_cache
@login_required
@require_GET
def closure_page(request: HttpRequest, reference: str) -> HttpResponse:
    """The versions of the case's closure report; for consultants, the version in hand to write,
    send for approval, approve or refuse."""
    case = closure_case(request, reference)
    manage = can_manage_case(user=request.user, case=case)
    versions = Paginator(selectors.closure_reports_for(user=request.user, case=case), PAGE_SIZE)
    page = versions.get_page(request.GET.get("page"))
    latest = selectors.latest_closure_report(case=case) if manage else None
    current = latest if latest is not None and latest.status != ClosureReport.Status.APPROVED else None
    context = {"case": case, "page_obj": page, "can_manage": manage, "can_start": manage and current is None}
    if current is not None:
        current = selectors.get_closure_report_for(user=request.user, case=case, pk=current.pk)
        context.update(_version_context(request, case, current))
        context["current"] = current
    return render(request, "training/closure_list.html", context)


@login_required
@require_POST
def closure_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = closure_case(request, reference)
    try:
        closure = services.closure_create(actor=request.user, case=case)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(_closure_url(case))
    messages.success(request, f"Closure report {closure.number} started: write the lessons learned and the handover.")
    return redirect(_closure_url(case) + "#current")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def closure_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """One version; its consultants change the lessons learned and handover here while it is a draft
    or refused."""
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    text_form = None
    if request.method == "POST":
        text_form = ClosureTextForm(request.POST)
        if text_form.is_valid():
            try:
                services.closure_update(actor=request.user, closure=closure, **text_form.cleaned_data)
            except ValidationError as error:
                if closure.editable:
                    add_service_errors(text_form, error)
                else:  # no form is shown for a version that cannot change: say why on top
                    for message in error.messages:
                        messages.error(request, message)
            else:
                messages.success(request, f"Closure report {closure.number} saved.")
                return redirect(_closure_url(case, closure))
        closure.refresh_from_db()
    context = {"case": case, **_version_context(request, case, closure, text_form=text_form)}
    return render(request, "training/closure_detail.html", context, status=400 if text_form is not None else 200)


def _after(request: HttpRequest, case: Case, closure: ClosureReport, action, success: str) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(_closure_url(case, closure))


@login_required
@require_POST
def closure_request(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    return _after(request, case, closure,
                  lambda: services.closure_request_approval(actor=request.user, closure=closure),
                  f"Closure report {closure.number} is waiting for a second consultant's approval.")


@login_required
@require_POST
def closure_approve(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _after(request, case, closure,
                  lambda: services.closure_approve(actor=request.user, closure=closure, reason=reason),
                  f"Closure report {closure.number} approved: its PDF is being prepared.")


@login_required
@require_POST
def closure_refuse(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _after(request, case, closure,
                  lambda: services.closure_refuse(actor=request.user, closure=closure, reason=reason),
                  f"Closure report {closure.number} refused: it can be corrected and sent again.")


@never_cache
@login_required
@require_POST
def closure_override(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.closure_override(actor=request.user, closure=closure, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The finding is overridden, with your reason.")
            return redirect(_closure_url(case, closure) + "#check")
    elif not can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the case's consultants, or the consultancy admin, write its closure report.")
    context = {"case": case, **_version_context(request, case, closure, override_form=form)}
    return render(request, "training/closure_detail.html", context, status=400)


@login_required
@require_POST
def closure_retry(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    return _after(request, case, closure, lambda: services.closure_retry_render(actor=request.user, closure=closure),
                  "The PDF is being prepared again.")


def closure_pdf_response(*, user, closure: ClosureReport, via: str = "page") -> HttpResponse:
    """The approved version's stored PDF as a download, audited with its hash."""
    report = closure.report
    if report is None or report.status != Report.Status.READY or not report.file:
        raise Http404("That closure report is not rendered yet.")
    response = private_file_response(report.file, filename=f"{closure.case.reference}-closure-report-"
                                     f"{closure.number}.pdf", content_type="application/pdf",
                                     missing="The report file is missing from storage.")
    audit_record(actor=user, verb="report.downloaded", obj=report, case=closure.case,
                 summary={"title": report.title, "sha256": report.sha256, "via": via, "closure_report": closure.number})
    return response


@login_required
@require_GET
def closure_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = closure_case(request, reference)
    closure = selectors.get_closure_report_for(user=request.user, case=case, pk=pk)
    if closure.report is None or closure.report.status != Report.Status.READY or not closure.report.file:
        messages.error(request, "That closure report's PDF is not ready (or failed to render).")
        return redirect(_closure_url(case, closure))
    return closure_pdf_response(user=request.user, closure=closure)

"""HTML pages of the risk register (stage 1): the register of a case, one risk, and the sign-off.

Thin, like the case pages: reads through selectors that take the user, writes through the risk
services. A foreign case or risk is a 404; a signed-in user without the right role gets 403; a
service's ValidationError re-renders the page with the message and status 400, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from crisis import access
from crisis import selectors as crisis_selectors
from crisis.audit import audit_record
from crisis.forms import add_service_errors
from crisis.models import Case, Stage

from .. import selectors, services
from ..forms import (
    AssessmentSignOffForm,
    CategoryNoRiskForm,
    RiskCloseForm,
    RiskCommentForm,
    RiskCreateForm,
    RiskEditForm,
    RiskFilterForm,
    RiskRescoreForm,
)
from ..models import Risk
from ..risk_matrix import BAND_ORDER

REGISTER_PAGE_SIZE = 50


def _require_manager(request: HttpRequest, case: Case) -> None:
    if not access.can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can change its risk register.")


def _optional_url(name: str, reference: str) -> str | None:
    """The URL of a page that may not exist yet in this build (the CSV import and export)."""
    try:
        return reverse(name, kwargs={"reference": reference})
    except NoReverseMatch:
        return None


def _register_url(case: Case, anchor: str = "", **query) -> str:
    url = reverse("assessment:risk_register", kwargs={"reference": case.reference})
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return url + (f"?{urlencode(query)}" if query else "") + (f"#{anchor}" if anchor else "")


# The register ----------------------------------------------------------------------------------


def _register_page(
    request: HttpRequest,
    case: Case,
    *,
    status: int = 200,
    add_form: RiskCreateForm | None = None,
    no_risk_form: CategoryNoRiskForm | None = None,
    sign_off_form: AssessmentSignOffForm | None = None,
) -> HttpResponse:
    """The register, with any bound form that failed shown (open) in place of its empty one.

    A fixed number of queries however long the register: counts and the heat map are aggregated
    in SQL, rows load their owner in the same query, and the page holds at most 50 rows.
    """
    user = request.user
    can_manage = access.can_manage_case(user=user, case=case)
    can_view_register = selectors.can_view_risk_register(user=user, case=case)
    query = request.GET if request.method == "GET" else {}
    owners = access.owner_choices(case=case) if can_view_register else None
    filter_form = RiskFilterForm(query, owners=owners)
    filters = filter_form.filters(query)
    basis = filters["basis"]
    # Counts and heat map: the visible register (active risks), whatever the list's filters.
    visible = selectors.case_risks(user=user, case=case)
    risks = selectors.case_risks(user=user, case=case, filters=filters)
    page_obj = Paginator(risks, REGISTER_PAGE_SIZE).get_page(query.get("page"))
    cell = None
    if query.get("likelihood") and query.get("impact"):
        try:
            cell = (int(query["likelihood"]), int(query["impact"]))
        except ValueError:
            cell = None
    added = request.method == "GET" and query.get("added") == "1"
    context = {
        "case": case,
        "can_manage": can_manage,
        "can_view_register": can_view_register,
        "filter_form": filter_form,
        "filtered": any(key in query for key in ("q", "category", "band", "status", "owner", "overdue", "likelihood")),
        "page_obj": page_obj,
        "counts": selectors.risk_register_counts(visible),
        "heat_map": selectors.risk_heat_map(visible, basis=basis),
        "basis": basis,
        "bases": [("inherent", "Inherent"), ("current", "Current"), ("target", "Target")],
        "cell": cell,
        "band_order": BAND_ORDER,
        "export_url": _optional_url("assessment:risk_export", case.reference),
        "import_url": _optional_url("assessment:risk_import", case.reference) if can_manage else None,
    }
    if can_view_register:
        context["assessment"] = selectors.assessment_status(case=case)
    if can_manage:
        initial = {}
        if added:
            # Keep the category and owner of the risk just added: the next one is often alike.
            initial = {"category": query.get("add_category") or None, "owner": query.get("add_owner") or None}
        context["add_form"] = add_form or RiskCreateForm(
            owners=owners, focus=added, initial={k: v for k, v in initial.items() if v}
        )
        # Open while the assessment runs (risks come forty at a time), after an add, or on errors.
        context["add_open"] = (
            bool(add_form and add_form.errors) or added or case.stage == Stage.ASSESSMENT
            or not page_obj.paginator.count
        )
        open_categories = [
            (c["value"], c["label"]) for c in context["assessment"]["categories"] if not c["considered"]
        ]
        context["no_risk_form"] = no_risk_form or CategoryNoRiskForm(categories=open_categories)
        context["sign_off_form"] = sign_off_form or AssessmentSignOffForm()
    audit_record(actor=user, verb="risk_register.viewed", obj=case,
                 summary={"filters": {key: str(value) for key, value in filters.items()}})
    return render(request, "assessment/risk_register.html", context, status=status)


@login_required
@require_GET
def risk_register(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return _register_page(request, case)


@login_required
@require_POST
def risk_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = RiskCreateForm(request.POST, owners=access.owner_choices(case=case))
    if form.is_valid():
        data = form.cleaned_data
        try:
            risk = services.risk_create(actor=request.user, case=case, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Risk added: {risk.title} ({risk.get_band_display()}, score "
                                      f"{risk.current_score}).")
            # No "#add-risk" fragment: browsers skip autofocus when the URL targets an element, and
            # the form sits at the top of the page anyway.
            return redirect(_register_url(
                case, added=1, add_category=risk.category, add_owner=risk.owner_id or "",
            ))
    return _register_page(request, case, status=400, add_form=form)


@login_required
@require_POST
def category_no_risk(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = CategoryNoRiskForm(request.POST)
    if form.is_valid():
        try:
            entry = services.category_mark_no_risk(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{entry.get_category_display()}: marked “assessed, no risk identified”.")
            return redirect(_register_url(case, "assessment"))
    return _register_page(request, case, status=400, no_risk_form=form)


@login_required
@require_POST
def category_no_risk_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    entry = selectors.get_category_no_risk_for(user=request.user, case=case, pk=pk)
    _require_manager(request, case)
    label = entry.get_category_display()
    try:
        services.category_unmark_no_risk(actor=request.user, entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{label}: no longer marked “assessed, no risk identified”.")
    return redirect(_register_url(case, "assessment"))


@login_required
@require_POST
def assessment_sign_off(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = AssessmentSignOffForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_sign_off(actor=request.user, case=case, summary=form.cleaned_data["summary"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            problems = services.assessment_gate_problems(case=case)
            note = " " + " ".join(problems) if problems else " The case can move on to Engagement."
            messages.success(request, "Assessment signed off." + note)
            return redirect(_register_url(case, "assessment"))
    return _register_page(request, case, status=400, sign_off_form=form)


# One risk --------------------------------------------------------------------------------------


def _risk_page(
    request: HttpRequest,
    case: Case,
    risk: Risk,
    *,
    status: int = 200,
    open_form: str = "",
    **forms,
) -> HttpResponse:
    user = request.user
    can_manage = access.can_manage_case(user=user, case=case)
    can_comment = selectors.can_comment_on_risks(user=user, case=case)
    history = list(selectors.risk_history(risk=risk))
    context = {
        "case": case,
        "risk": risk,
        "can_manage": can_manage,
        "can_comment": can_comment,
        "history": history,
        "comments": selectors.risk_comments(risk=risk),
        "category_help": _category_help(risk.category),
        "open_form": open_form,
        "scores": [
            ("Inherent", "before any controls", risk.inherent_likelihood, risk.inherent_impact,
             risk.inherent_score, risk.inherent_band),
            ("Current", "with the controls in place", risk.current_likelihood, risk.current_impact,
             risk.current_score, risk.band),
            ("Target", "once the planned treatment is done", risk.target_likelihood, risk.target_impact,
             risk.target_score, risk.target_band),
        ],
    }
    if can_comment:
        context["comment_form"] = forms.get("comment_form") or RiskCommentForm()
    if can_manage:
        owners = access.owner_choices(case=case, include_id=risk.owner_id)
        context["edit_form"] = forms.get("edit_form") or RiskEditForm(
            risk=risk, owners=owners, initial=RiskEditForm.initial_for(risk)
        )
        context["rescore_form"] = forms.get("rescore_form") or RiskRescoreForm(
            initial=RiskRescoreForm.initial_for(risk)
        )
        context["close_form"] = forms.get("close_form") or RiskCloseForm()
    if status == 200:
        audit_record(actor=user, verb="risk.viewed", obj=risk, case=case)
    return render(request, "assessment/risk_detail.html", context, status=status)


def _category_help(category: str) -> str:
    from ..models import CATEGORY_HELP

    return CATEGORY_HELP.get(category, "")


def _get_risk(request: HttpRequest, reference: str, pk: int) -> tuple[Case, Risk]:
    """The case and the risk, or 404 when either is not the user's to see."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_risk_for(user=request.user, case=case, pk=pk)


@login_required
@require_GET
def risk_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, risk = _get_risk(request, reference, pk)
    return _risk_page(request, case, risk)


@login_required
def risk_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, risk = _get_risk(request, reference, pk)
    _require_manager(request, case)
    if request.method != "POST":
        return _risk_page(request, case, risk, open_form="edit")
    owners = access.owner_choices(case=case, include_id=risk.owner_id)
    form = RiskEditForm(request.POST, risk=risk, owners=owners)
    if form.is_valid():
        try:
            services.risk_update(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Risk saved.")
            return redirect(risk)
    # The service may have left unsaved values on the instance: show the stored risk.
    risk = selectors.get_risk_for(user=request.user, case=case, pk=pk)
    return _risk_page(request, case, risk, status=400, open_form="edit", edit_form=form)


@login_required
@require_POST
def risk_rescore(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, risk = _get_risk(request, reference, pk)
    _require_manager(request, case)
    form = RiskRescoreForm(request.POST)
    if form.is_valid():
        try:
            change = services.risk_rescore(actor=request.user, risk=risk, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            before = change.previous_current_score
            messages.success(request, f"Re-scored: current score {before} → {change.current_score} "
                                      f"({change.get_band_display()}).")
            return redirect(risk)
    risk = selectors.get_risk_for(user=request.user, case=case, pk=pk)
    return _risk_page(request, case, risk, status=400, open_form="rescore", rescore_form=form)


@login_required
@require_POST
def risk_close(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, risk = _get_risk(request, reference, pk)
    _require_manager(request, case)
    form = RiskCloseForm(request.POST)
    if form.is_valid():
        try:
            services.risk_close(actor=request.user, risk=risk, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Risk closed: {risk.title}.")
            return redirect(risk)
    risk = selectors.get_risk_for(user=request.user, case=case, pk=pk)
    return _risk_page(request, case, risk, status=400, open_form="close", close_form=form)


@login_required
@require_POST
def risk_comment(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, risk = _get_risk(request, reference, pk)
    if not selectors.can_comment_on_risks(user=request.user, case=case):
        raise PermissionDenied("Only consultants and the organisation's leaders can comment on risks.")
    form = RiskCommentForm(request.POST)
    if form.is_valid():
        try:
            services.risk_comment_create(actor=request.user, risk=risk, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Comment added.")
            return redirect(risk.get_absolute_url() + "#comments")
    return _risk_page(request, case, risk, status=400, comment_form=form)

"""HTML pages of the core: dashboards, organisations and the case page.

Views are thin: every read goes through a selector that takes the user, every write through a
service. A foreign object is a 404, exactly like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access, selectors, services, stages
from ..audit import audit_record
from ..forms import (
    CaseCreateForm,
    CaseEditForm,
    CaseFilterForm,
    ChronologyEntryForm,
    DeadlineForm,
    OrganisationSearchForm,
    StageMoveForm,
    add_service_errors,
)
from ..models import Case, Membership, Stage
from ..templatetags.safehold import stage_steps

PAGE_SIZE = 25


def _page(request: HttpRequest, items, param: str = "page") -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get(param))


# Health and entry ------------------------------------------------------------------------------


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For container health checks: no login, no database."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send consultancy staff to their dashboard and client users to their action plan."""
    if request.user.is_consultant:
        return redirect("crisis:dashboard")
    return redirect("response:our_action_plan")


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    # The dashboard is the consultancy's view; client users have their own home.
    if not request.user.is_consultant:
        return redirect("crisis:client_home")
    organisations = list(selectors.organisations_for(request.user).order_by("name"))
    filter_form = CaseFilterForm(request.GET, organisations=organisations)
    cases = selectors.case_list(user=request.user, filters=filter_form.filters())
    return render(
        request,
        "crisis/dashboard.html",
        {
            "organisations": selectors.organisation_list(user=request.user)[:PAGE_SIZE],
            "filter_form": filter_form,
            "page_obj": _page(request, cases),
            "can_create": selectors.organisations_user_can_manage(request.user).exists(),
        },
    )


@login_required
@require_GET
def client_home(request: HttpRequest) -> HttpResponse:
    """Leaders and staff: their organisation(s) and the cases they may see."""
    if request.user.is_consultant:
        return redirect("crisis:dashboard")
    status = request.GET.get("status") if request.GET.get("status") in ("open", "closed", "all") else "open"
    cases = selectors.case_list(user=request.user, filters={"status": status})
    memberships = list(selectors.memberships_of(request.user))
    return render(
        request,
        "crisis/client_home.html",
        {
            "memberships": memberships,
            "page_obj": _page(request, cases),
            "status": status,
            # Leaders follow the engagement with stakeholders; staff do not see it.
            "is_leader": any(m.role == Membership.Role.LEADER for m in memberships),
        },
    )


# Organisations ---------------------------------------------------------------------------------


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationSearchForm(request.GET)
    search = form.cleaned_data["q"].strip() if form.is_valid() else ""
    organisations = selectors.organisation_list(user=request.user, search=search)
    return render(
        request,
        "crisis/organisation_list.html",
        {"form": form, "search": search, "page_obj": _page(request, organisations)},
    )


@login_required
@require_GET
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.get_organisation_for(user=request.user, pk=pk)
    can_see_people = access.can_see_people(user=request.user, organisation=organisation)
    cases = selectors.case_list(user=request.user, filters={"status": "all", "organisation": organisation.pk})
    return render(
        request,
        "crisis/organisation_detail.html",
        {
            "organisation": organisation,
            "can_see_people": can_see_people,
            "people": selectors.organisation_people(user=request.user, organisation=organisation)
            if can_see_people
            else [],
            "consultants": selectors.organisation_consultants(user=request.user, organisation=organisation)
            if can_see_people
            else [],
            "page_obj": _page(request, cases),
        },
    )


# Cases -----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    if not request.user.is_consultant or not selectors.organisations_user_can_manage(request.user).exists():
        raise PermissionDenied("Only consultants assigned to an organisation can open its cases.")
    form = CaseCreateForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_create(
                    actor=request.user,
                    organisation=data["organisation"],
                    title=data["title"],
                    summary=data["summary"],
                    severity=data["severity"],
                    rag=data["rag"],
                    restricted=data["restricted"],
                    lead_consultant=data["lead_consultant"],
                    consultants=data["consultants"],
                    leaders=data["leaders"],
                    opened_on=data["opened_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Case {case.reference} opened.")
                return redirect(case)
        status = 400
    return render(request, "crisis/case_form.html", {"form": form, "creating": True}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    initial = {
        "title": case.title,
        "summary": case.summary,
        "severity": case.severity,
        "rag": case.rag,
        "restricted": case.restricted,
        "lead_consultant": case.lead_consultant,
        "consultants": list(selectors.case_team(case=case)),
        "leaders": list(selectors.case_named_leaders(case=case)),
    }
    form = CaseEditForm(request.POST or None, case=case, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            consultants, leaders = list(data.pop("consultants")), list(data.pop("leaders"))
            try:
                services.case_update(actor=request.user, case=case, consultants=consultants, leaders=leaders,
                                     **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Case details saved.")
                return redirect(case)
        status = 400
        # full_clean may have left unsaved values on the instance: show the stored case.
        case.refresh_from_db()
    audit_record(actor=request.user, verb="case.viewed", obj=case)
    return render(request, "crisis/case_form.html", {"form": form, "case": case, "creating": False}, status=status)


def _require_manager(request: HttpRequest, case: Case) -> None:
    if not access.can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can change its cases.")


STAGE_HEADINGS = {
    Stage.ASSESSMENT: "Assessment — risk register",
    Stage.ENGAGEMENT: "Engagement — stakeholders",
    Stage.RESPONSE: "Response — action plan",
    Stage.RECOVERY: "Recovery — training and exit",
}


def _stage_sections(case: Case, user) -> list[tuple[str, str, str]]:
    """(stage, heading, "done" / "current" / "todo", as the progress bar says) for each stage section
    of the case page.

    The engagement with stakeholders is read by those who read the case's reports (consultants and
    leaders): for anyone else the section is left out rather than shown empty.
    """
    states = {step["value"]: step["state"] for step in stage_steps(case)}
    reads_engagement = access.can_read_reports(user=user, organisation_id=case.organisation_id)
    return [
        (stage, heading, states[stage])
        for stage, heading in STAGE_HEADINGS.items()
        if stage != Stage.ENGAGEMENT or reads_engagement
    ]


def _case_page(request: HttpRequest, case: Case, *, status: int = 200, **forms) -> HttpResponse:
    """The case page, with any bound form that failed shown in place of its empty one."""
    can_manage = access.can_manage_case(user=request.user, case=case)
    allowed = stages.ALLOWED_STAGE_MOVES[case.stage]
    context = {
        "case": case,
        "can_manage": can_manage,
        "team": selectors.case_team(case=case),
        "named_leaders": selectors.case_named_leaders(case=case) if case.restricted else None,
        "deadlines": selectors.case_deadlines(case=case),
        "stage_changes": selectors.case_stage_changes(case=case),
        "chronology_page": _page(request, selectors.case_chronology(user=request.user, case=case)),
        "can_view_confidential": access.can_view_confidential(
            user=request.user, organisation_id=case.organisation_id
        ),
        "stage_sections": _stage_sections(case, request.user),
    }
    if can_manage:
        context["stage_form"] = forms.get("stage_form") or StageMoveForm(allowed=allowed)
        context["chronology_form"] = forms.get("chronology_form") or ChronologyEntryForm()
        context["deadline_form"] = forms.get("deadline_form") or DeadlineForm()
        context["protected_name_count"] = selectors.case_protected_names(user=request.user, case=case).count()
    audit_record(actor=request.user, verb="case.viewed", obj=case)
    return render(request, "crisis/case_detail.html", context, status=status)


@login_required
@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    return _case_page(request, case)


@login_required
@require_POST
def case_stage_move(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = StageMoveForm(request.POST, allowed=stages.ALLOWED_STAGE_MOVES[case.stage])
    if form.is_valid():
        try:
            services.case_advance_stage(
                actor=request.user, case=case, to=form.cleaned_data["to"], rationale=form.cleaned_data["rationale"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            case.refresh_from_db()
            messages.success(request, f"The case moved to {case.get_stage_display()}.")
            return redirect(case)
    return _case_page(request, case, status=400, stage_form=form)


@login_required
@require_POST
def chronology_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = ChronologyEntryForm(request.POST)
    if form.is_valid():
        try:
            services.chronology_entry_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Chronology entry added.")
            return redirect(case)
    return _case_page(request, case, status=400, chronology_form=form)


@login_required
@require_POST
def deadline_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = DeadlineForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Deadline added: {form.cleaned_data['title']}.")
            return redirect(case)
    return _case_page(request, case, status=400, deadline_form=form)


@login_required
@require_POST
def deadline_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_case_for(user=request.user, reference=reference)
    deadline = selectors.get_case_deadline_for(user=request.user, case=case, pk=pk)
    _require_manager(request, case)
    try:
        services.deadline_complete(actor=request.user, deadline=deadline)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Marked as done: {deadline.title}.")
    return redirect(case)


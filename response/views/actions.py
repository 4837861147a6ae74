"""HTML pages of the action plan (stage 3): a case's plan, one action with its evidence, notes and
history, the leader's "our action plan", and the action plan PDF.

Thin, like the risk pages: reads through selectors that take the user, writes through the action
services. A foreign case, action, evidence or report is a 404; a signed-in user without the right
role gets 403; a service's ValidationError re-renders the page with the message and status 400,
nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from crisis import access
from crisis import selectors as crisis_selectors
from crisis.audit import audit_record
from crisis.forms import add_service_errors
from crisis.models import Case, Report, Stage
from crisis.views.files import private_file_response

from .. import selectors, services
from ..downloads import evidence_file_response
from ..forms import (
    ActionDoneForm,
    ActionFilterForm,
    ActionForm,
    ActionNoteForm,
    ActionProgressForm,
    ActionReopenForm,
    ActionVerifyForm,
    EvidenceForm,
    OurPlanFilterForm,
)
from ..models import Action

LIST_PAGE_SIZE = 50
PLAN_PAGE_SIZE = 100
HISTORY_PAGE_SIZE = 25


def _require_manager(request: HttpRequest, case: Case) -> None:
    if not access.can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the consultants assigned to this organisation can do this.")


def _get_action(request: HttpRequest, reference: str, pk: int) -> tuple[Case, Action]:
    """The case and the action, or 404 when either is not the user's to see."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_action_for(user=request.user, case=case, pk=pk)


EVENT_LABELS = {
    "created": "Created",
    "updated": "Edited",
    "progress": "Progress updated",
    "done": "Marked done",
    "verified": "Verified",
    "reopened": "Reopened",
    "note_added": "Note added",
    "evidence_added": "Evidence added",
    "consultant_notes_updated": "Consultant notes changed",
}
STATUS_LABELS = dict(Action.Status.choices)


def _plain(key: str, value) -> str:
    if key == "status":
        return str(STATUS_LABELS.get(value, value))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value) or "none"
    if key == "progress" and value not in (None, ""):
        return f"{value}%"
    if key == "size" and isinstance(value, int):
        return filesizeformat(value)
    if key.endswith("_on") and isinstance(value, str) and len(value) == 10:
        try:
            return f"{dt.date.fromisoformat(value):%-d %b %Y}"
        except ValueError:
            pass
    return "—" if value in (None, "", "None") else str(value)


def _describe(event) -> object:
    """Give a history event a readable label and one line per change (the changes are JSON)."""
    event.label = EVENT_LABELS.get(event.verb, event.verb.replace("_", " ").capitalize())
    lines = []
    for key, value in (event.changes or {}).items():
        name = {"url": "Link", "due_on": "Due", "start_on": "Start"}.get(key, key.replace("_", " ").capitalize())
        if isinstance(value, dict) and "to" in value:
            lines.append(f"{name}: {_plain(key, value.get('from'))} → {_plain(key, value['to'])}")
        elif value not in (None, "", [], {}):
            lines.append(f"{name}: {_plain(key, value)}")
    event.lines = lines
    return event


# A case's action plan --------------------------------------------------------------------------


def _list_page(
    request: HttpRequest, case: Case, *, status: int = 200, add_form: ActionForm | None = None
) -> HttpResponse:
    """The plan, with the add form shown open when it failed.

    A fixed number of queries however long the plan: the figures are one aggregate, rows load
    their owner in the same query with the evidence count, risks are one prefetch per page.
    """
    user = request.user
    can_manage = access.can_manage_case(user=user, case=case)
    query = request.GET if request.method == "GET" else {}
    owners = access.owner_choices(case=case)
    # The owner filter lists people: only for those who may see who works with the organisation.
    filter_owners = owners if access.can_see_people(user=user, organisation=case.organisation) else ()
    filter_form = ActionFilterForm(query or None, owners=filter_owners)
    filters = filter_form.filters()
    actions = selectors.case_actions(user=user, case=case, filters=filters)
    context = {
        "case": case,
        "can_manage": can_manage,
        "can_export": selectors.can_export_action_plan(user=user, case=case),
        "case_open": case.stage != Stage.CLOSED,
        "stats": selectors.case_action_stats(case=case),
        "filter_form": filter_form,
        "filtered": any(key in query for key in ("q", "status", "owner", "overdue")),
        "page_obj": Paginator(actions, LIST_PAGE_SIZE).get_page(query.get("page")),
    }
    if can_manage and context["case_open"]:
        context["add_form"] = add_form or ActionForm(
            owners=owners, risks=selectors.action_risk_choices(user=user, case=case)
        )
        context["add_open"] = bool(add_form and add_form.errors) or not context["stats"]["total"]
    return render(request, "response/action_list.html", context, status=status)


@login_required
@require_GET
def action_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return _list_page(request, case)


@login_required
@require_POST
def action_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    _require_manager(request, case)
    form = ActionForm(
        request.POST, owners=access.owner_choices(case=case),
        risks=selectors.action_risk_choices(user=request.user, case=case),
    )
    if form.is_valid():
        try:
            action = services.action_create(actor=request.user, case=case, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Action added: {action.title}.")
            return redirect(action)
    return _list_page(request, case, status=400, add_form=form)


# One action ------------------------------------------------------------------------------------


def _action_page(
    request: HttpRequest, case: Case, action: Action, *, status: int = 200, open_form: str = "", **forms
) -> HttpResponse:
    """The action page; each form is offered only to whom the service would allow it."""
    user = request.user
    can_manage = access.can_manage_case(user=user, case=case)
    can_update = services.can_update_action(user=user, action=action)
    case_open = case.stage != Stage.CLOSED
    is_owner = action.owner_id is not None and action.owner_id == user.pk
    context = {
        "case": case,
        "action": action,
        "can_manage": can_manage,
        "can_update": can_update,
        "is_owner": is_owner,
        "case_open": case_open,
        "open_form": open_form,
        "can_view_confidential": access.can_view_confidential(user=user, organisation_id=case.organisation_id),
        "risks": selectors.action_risks(user=user, action=action),
        "evidence": selectors.action_evidence(action=action),
        "notes": selectors.action_notes(user=user, action=action),
    }
    history_page = Paginator(selectors.action_events(user=user, action=action), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context["history_page"] = history_page
    context["history"] = [_describe(event) for event in history_page.object_list]
    if case_open and can_update and not action.is_complete:
        context["progress_form"] = forms.get("progress_form") or ActionProgressForm(
            initial=ActionProgressForm.initial_for(action)
        )
    if case_open and is_owner and not action.is_complete:
        context["done_form"] = forms.get("done_form") or ActionDoneForm()
    if case_open and can_manage and action.status == Action.Status.DONE:
        context["verify_form"] = forms.get("verify_form") or ActionVerifyForm()
    if case_open and can_manage and action.is_complete:
        context["reopen_form"] = forms.get("reopen_form") or ActionReopenForm()
    if can_update:
        context["note_form"] = forms.get("note_form") or ActionNoteForm(can_write_confidential=can_manage)
    if case_open and can_update:
        context["file_form"] = forms.get("file_form") or EvidenceForm(kind=EvidenceForm.KIND_FILE)
        context["link_form"] = forms.get("link_form") or EvidenceForm(kind=EvidenceForm.KIND_LINK)
    if case_open and can_manage:
        owners = access.owner_choices(case=case, include_id=action.owner_id)
        linked = [r.pk for r in action.risks.all()]
        context["edit_form"] = forms.get("edit_form") or ActionForm(
            owners=owners, risks=selectors.action_risk_choices(user=user, case=case, include_ids=linked),
            prefix_id="edit", initial=ActionForm.initial_for(action),
        )
    context["has_side"] = not case_open or any(name in context for name in (
        "progress_form", "done_form", "verify_form", "reopen_form", "edit_form"))
    return render(request, "response/action_detail.html", context, status=status)


def _refused(request: HttpRequest, reference: str, pk: int, form_name: str, form, open_form: str = "") -> HttpResponse:
    """Re-render the stored action (the service may have changed the instance) with the failed form."""
    case, action = _get_action(request, reference, pk)
    return _action_page(request, case, action, status=400, open_form=open_form or form_name, **{form_name: form})


@login_required
@require_GET
def action_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    return _action_page(request, case, action)


@login_required
def action_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    _require_manager(request, case)
    if request.method != "POST":
        return _action_page(request, case, action, open_form="edit_form")
    linked = [r.pk for r in action.risks.all()]
    form = ActionForm(
        request.POST, owners=access.owner_choices(case=case, include_id=action.owner_id),
        risks=selectors.action_risk_choices(user=request.user, case=case, include_ids=linked), prefix_id="edit",
    )
    if form.is_valid():
        data = form.service_kwargs()
        risks = data.pop("risks")
        try:
            services.action_update(actor=request.user, action=action, risks=risks, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action saved.")
            return redirect(action)
    return _refused(request, reference, pk, "edit_form", form)


@login_required
@require_POST
def action_progress(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    if not services.can_update_action(user=request.user, action=action):
        raise PermissionDenied("Only the action's owner, the organisation's leaders and its consultants can update it.")
    form = ActionProgressForm(request.POST)
    if form.is_valid():
        try:
            services.action_update_progress(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Progress saved.")
            return redirect(action)
    return _refused(request, reference, pk, "progress_form", form)


@login_required
@require_POST
def action_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    form = ActionDoneForm(request.POST)
    if form.is_valid():
        try:  # the service decides who may declare it done (the owner): PermissionDenied is a 403
            services.action_mark_done(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Marked done. A consultant will check the evidence and verify it.")
            return redirect(action)
    elif action.owner_id != request.user.pk:
        raise PermissionDenied("Only the action's owner can declare it done.")
    return _refused(request, reference, pk, "done_form", form)


@login_required
@require_POST
def action_verify(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    _require_manager(request, case)
    form = ActionVerifyForm(request.POST)
    if form.is_valid():
        try:
            services.action_verify(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action verified.")
            return redirect(action)
    return _refused(request, reference, pk, "verify_form", form)


@login_required
@require_POST
def action_reopen(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    _require_manager(request, case)
    form = ActionReopenForm(request.POST)
    if form.is_valid():
        try:
            services.action_reopen(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action reopened.")
            return redirect(action)
    return _refused(request, reference, pk, "reopen_form", form)


@login_required
@require_POST
def action_note(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    if not services.can_update_action(user=request.user, action=action):
        raise PermissionDenied("Only the action's owner, the organisation's leaders and its consultants add notes.")
    can_manage = access.can_manage_case(user=request.user, case=case)
    form = ActionNoteForm(request.POST, can_write_confidential=can_manage)
    if form.is_valid():
        try:
            services.action_note_add(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Note added.")
            return redirect(action.get_absolute_url() + "#notes")
    return _refused(request, reference, pk, "note_form", form)


@login_required
@require_POST
def action_evidence(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, action = _get_action(request, reference, pk)
    if not services.can_update_action(user=request.user, action=action):
        raise PermissionDenied("Only the action's owner, the organisation's leaders and its consultants add evidence.")
    kind = EvidenceForm.KIND_LINK if request.POST.get("kind") == EvidenceForm.KIND_LINK else EvidenceForm.KIND_FILE
    form = EvidenceForm(request.POST, request.FILES, kind=kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == EvidenceForm.KIND_FILE:
                evidence = services.action_evidence_add_file(
                    actor=request.user, action=action, uploaded_file=data["file"], title=data["title"]
                )
            else:
                evidence = services.action_evidence_add_link(
                    actor=request.user, action=action, url=data["url"], title=data["title"]
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Evidence added: {evidence.title}.")
            return redirect(action.get_absolute_url() + "#evidence")
    return _refused(request, reference, pk, f"{kind}_form", form, open_form="evidence")


@login_required
@require_GET
def evidence_download(request: HttpRequest, reference: str, pk: int, evidence_pk: int) -> FileResponse:
    """A file of evidence, as an attachment, to anyone who sees the action (staff included)."""
    case, action = _get_action(request, reference, pk)
    evidence = selectors.get_evidence_for(user=request.user, action=action, pk=evidence_pk)
    return evidence_file_response(user=request.user, action=action, evidence=evidence)


# Reports (the action plan PDF) -----------------------------------------------------------------


@login_required
@require_POST
def report_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    try:  # consultants and leaders: the service's PermissionDenied is a 403 for staff
        services.report_request(actor=request.user, case=case)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The action plan PDF is being prepared: it is listed under Reports when ready.")
    return redirect(case.get_absolute_url() + "#reports")


@login_required
@require_GET
def report_download(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    report = selectors.get_report_for(user=request.user, case=case, pk=pk)
    if report.status != Report.Status.READY or not report.file:
        return render(request, "response/action_report_unavailable.html", {"case": case, "report": report}, status=404)
    day = timezone.localdate(report.rendered_at) if report.rendered_at else timezone.localdate()
    # The kind names the file: an action plan, or a status report listed among the case's reports.
    kind = report.kind.replace("_", "-")
    response = private_file_response(report.file, filename=f"{case.reference}-{kind}-{day:%Y-%m-%d}.pdf",
                                     content_type="application/pdf", missing="The report file is missing from storage.")
    audit_record(actor=request.user, verb="report.downloaded", obj=report, case=case,
                 summary={"title": report.title, "sha256": report.sha256})
    return response


# The leader's "our action plan" ----------------------------------------------------------------


def _grouped(actions: list[Action], group: str) -> list[tuple[str, list[Action]]]:
    """The page's rows grouped by status (in the life-cycle order) or by owner (unassigned last)."""
    groups: OrderedDict[str, list[Action]] = OrderedDict()
    if group == "owner":
        named = sorted({(a.owner.get_full_name() or a.owner.email) for a in actions if a.owner_id})
        for name in named:
            groups[name] = []
        for action in actions:
            key = (action.owner.get_full_name() or action.owner.email) if action.owner_id else "No owner yet"
            groups.setdefault(key, []).append(action)
    else:
        for _, label in Action.Status.choices:
            groups[label] = []
        for action in actions:
            groups[action.get_status_display()].append(action)
    return [(label, rows) for label, rows in groups.items() if rows]


@login_required
@require_GET
def our_action_plan(request: HttpRequest) -> HttpResponse:
    """Leaders and staff land here: their organisations' open cases' actions, overdue first."""
    user = request.user
    form = OurPlanFilterForm(request.GET)
    filters = form.filters()
    actions = selectors.action_plan_for(user=user, filters=filters)
    page_obj = Paginator(actions, PLAN_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page_obj.object_list)
    return render(
        request,
        "response/our_action_plan.html",
        {
            "filter_form": form,
            "filters": filters,
            "page_obj": page_obj,
            "groups": _grouped(rows, filters["group"]),
            "overdue_rows": [a for a in rows if a.overdue_first],
            "stats": selectors.action_plan_stats(user=user),
            "due_soon": selectors.actions_due_soon(user=user),
        },
    )

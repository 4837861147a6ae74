"""The communication log of a case: every contact with a stakeholder, its files and follow-up.

Mediation notes are consultant-only: the pages show `visible_mediation_notes`, the selector's
annotation, which is empty for everyone else.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis import selectors as crisis_selectors
from crisis.forms import add_service_errors
from crisis.models import Case

from .. import downloads, selectors, services
from ..forms import AttachmentForm, CommunicationFilterForm, CommunicationForm
from ..models import Communication
from .base import (
    PAGE_SIZE,
    can_manage,
    can_see_mediation_notes,
    engagement_case,
    refused,
    require_manager,
    stakeholder_choices,
)


def _list_url(case: Case) -> str:
    return reverse("stakeholders:communication_list", kwargs={"reference": case.reference})


def _detail_url(case: Case, communication: Communication, anchor: str = "") -> str:
    url = reverse("stakeholders:communication_detail",
                  kwargs={"reference": case.reference, "pk": communication.pk})
    return url + (f"#{anchor}" if anchor else "")


def _get_communication(request: HttpRequest, reference: str, pk: int) -> tuple[Case, Communication]:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_communication_for(user=request.user, case=case, pk=pk)


# The log ---------------------------------------------------------------------------------------


@login_required
@require_GET
def communication_list(request: HttpRequest, reference: str) -> HttpResponse:
    """The log, newest first, 50 a page: stakeholders and files are one prefetch each per page."""
    case = engagement_case(request, reference)
    manager = can_manage(request, case)
    choices = list(stakeholder_choices(request, case))
    filter_form = CommunicationFilterForm(request.GET or None, stakeholders=choices)
    communications = selectors.case_communications(user=request.user, case=case, filters=filter_form.filters())
    page_obj = Paginator(communications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "case": case,
        "can_manage": manager,
        "filter_form": filter_form,
        "filtered": any(key in request.GET for key in ("stakeholder", "channel", "direction", "follow_up")),
        "page_obj": page_obj,
        "show_mediation_notes": can_see_mediation_notes(request, case),
        "has_stakeholders": bool(choices),
    }
    if manager and choices:
        context["log_form"] = CommunicationForm(stakeholders=stakeholder_choices(request, case),
                                                press_lines=selectors.usable_press_line_versions(user=request.user,
                                                                                                 case=case))
        context["log_open"] = not page_obj.paginator.count
    return render(request, "stakeholders/communication_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def communication_create(request: HttpRequest, reference: str) -> HttpResponse:
    """Log a contact, with its files. A refused file names itself; nothing is stored then."""
    case = engagement_case(request, reference)
    require_manager(request, case)
    stakeholders = stakeholder_choices(request, case)
    press_lines = selectors.usable_press_line_versions(user=request.user, case=case)
    status = 200
    if request.method == "POST":
        form = CommunicationForm(request.POST, request.FILES, stakeholders=stakeholders, press_lines=press_lines)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.communication_log(
                    actor=request.user, case=case, stakeholders=data["stakeholders"], direction=data["direction"],
                    channel=data["channel"], summary=data["summary"], occurred_at=data["occurred_at"],
                    mediation_notes=data["mediation_notes"], follow_up_due=data["follow_up_due"],
                    attachments=request.FILES.getlist("attachments"),
                    press_line_version=data["press_line_version"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Communication logged.")
                return redirect(_list_url(case))
        status = 400
    else:
        initial = {}
        if request.GET.get("stakeholder"):  # "Log a communication" from a stakeholder's page
            initial["stakeholders"] = [request.GET["stakeholder"]]
        form = CommunicationForm(stakeholders=stakeholders, press_lines=press_lines, initial=initial)
    return render(request, "stakeholders/communication_form.html", {"case": case, "form": form}, status=status)


# One communication -----------------------------------------------------------------------------


def _communication_page(request: HttpRequest, case: Case, communication: Communication, *, status: int = 200,
                        attachment_form: AttachmentForm | None = None) -> HttpResponse:
    manager = can_manage(request, case)
    context = {
        "case": case,
        "communication": communication,
        "can_manage": manager,
        "show_mediation_notes": can_see_mediation_notes(request, case),
    }
    if manager:
        context["attachment_form"] = attachment_form or AttachmentForm()
    return render(request, "stakeholders/communication_detail.html", context, status=status)


@login_required
@require_GET
def communication_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, communication = _get_communication(request, reference, pk)
    return _communication_page(request, case, communication)


@login_required
@require_POST
def communication_follow_up_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, communication = _get_communication(request, reference, pk)
    require_manager(request, case)
    try:
        services.communication_follow_up_done(actor=request.user, communication=communication)
    except ValidationError as error:
        refused(request, error)
        return _communication_page(request, case, communication, status=400)
    messages.success(request, "Follow-up marked done.")
    return redirect(_detail_url(case, communication))


@login_required
@require_POST
def communication_attachment_add(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, communication = _get_communication(request, reference, pk)
    require_manager(request, case)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = services.communication_attachment_add(actor=request.user, communication=communication,
                                                               uploaded_file=form.cleaned_data["file"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"File added: {attachment.original_name}.")
            return redirect(_detail_url(case, communication, "attachments"))
    return _communication_page(request, case, communication, status=400, attachment_form=form)


@login_required
@require_GET
def communication_attachment_download(request: HttpRequest, reference: str, pk: int,
                                      attachment_pk: int) -> FileResponse:
    """A file of a contact, as an attachment, to those who read the engagement (never staff)."""
    _, communication = _get_communication(request, reference, pk)
    attachment = selectors.get_attachment_for(user=request.user, communication=communication, pk=attachment_pk)
    return downloads.attachment_file(user=request.user, communication=communication, attachment=attachment)

"""Press lines and holding statements: each wording is a version, approved before it is used.

Consultants write; a consultant or a leader approves, never the version's own writer (the
service decides, the page only offers the button where it would succeed).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from crisis import selectors as crisis_selectors
from crisis.forms import add_service_errors
from crisis.models import Case

from .. import selectors, services
from ..forms import PressLineForm, PressLineVersionForm
from ..models import PressLine
from .base import can_manage, engagement_case, refused, require_manager


def _detail_url(case: Case, press_line: PressLine) -> str:
    return reverse("stakeholders:press_line_detail", kwargs={"reference": case.reference, "pk": press_line.pk})


def _get_press_line(request: HttpRequest, reference: str, pk: int) -> tuple[Case, PressLine]:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_press_line_for(user=request.user, case=case, pk=pk)


def _list_page(request: HttpRequest, case: Case, *, status: int = 200,
               form: PressLineForm | None = None) -> HttpResponse:
    """Every press line with its latest wording (versions are one prefetch)."""
    manager = can_manage(request, case)
    press_lines = list(selectors.case_press_lines(user=request.user, case=case))
    for press_line in press_lines:
        versions = list(press_line.versions.all())
        press_line.latest = versions[0] if versions else None
        press_line.approved = next((v for v in versions if v.approved_at), None)
    context = {"case": case, "can_manage": manager, "press_lines": press_lines}
    if manager:
        context["form"] = form or PressLineForm()
        context["form_open"] = bool(form and form.errors) or not press_lines
    return render(request, "stakeholders/press_line_list.html", context, status=status)


@login_required
@require_GET
def press_line_list(request: HttpRequest, reference: str) -> HttpResponse:
    return _list_page(request, engagement_case(request, reference))


@login_required
@require_POST
def press_line_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = engagement_case(request, reference)
    require_manager(request, case)
    form = PressLineForm(request.POST)
    if form.is_valid():
        try:
            version = services.press_line_write(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Press line written: {version.press_line.title}. It needs approval "
                                      "before it is used.")
            return redirect(_detail_url(case, version.press_line))
    return _list_page(request, case, status=400, form=form)


def _detail_page(request: HttpRequest, case: Case, press_line: PressLine, *, status: int = 200,
                 form: PressLineVersionForm | None = None) -> HttpResponse:
    manager = can_manage(request, case)
    context = {
        "case": case,
        "press_line": press_line,
        "versions": list(press_line.versions.all()),
        "can_manage": manager,
    }
    if manager:
        latest = context["versions"][0] if context["versions"] else None
        context["form"] = form or PressLineVersionForm(initial={"text": latest.text if latest else ""})
        context["form_open"] = bool(form and form.errors)
    return render(request, "stakeholders/press_line_detail.html", context, status=status)


@login_required
@require_GET
def press_line_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, press_line = _get_press_line(request, reference, pk)
    return _detail_page(request, case, press_line)


@login_required
@require_POST
def press_line_version_add(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, press_line = _get_press_line(request, reference, pk)
    require_manager(request, case)
    form = PressLineVersionForm(request.POST)
    if form.is_valid():
        try:
            version = services.press_line_write(actor=request.user, case=case, press_line=press_line,
                                                text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} written. It needs approval before it is used.")
            return redirect(_detail_url(case, press_line))
    return _detail_page(request, case, press_line, status=400, form=form)


@login_required
@require_POST
def press_line_approve(request: HttpRequest, reference: str, pk: int, version_pk: int) -> HttpResponse:
    case, press_line = _get_press_line(request, reference, pk)
    version = selectors.get_press_line_version_for(user=request.user, press_line=press_line, pk=version_pk)
    try:  # consultants and leaders; the service's PermissionDenied is a 403
        services.press_line_approve(actor=request.user, version=version)
    except ValidationError as error:
        refused(request, error)
        return _detail_page(request, case, press_line, status=400)
    messages.success(request, f"Version {version.number} approved: it may be used.")
    return redirect(_detail_url(case, press_line))

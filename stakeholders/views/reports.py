"""Status reports of a case and the schedules that send them: send one now, approve one held for
approval, see every delivery and resend a failed one, download the PDF (audited).

Workers render and email the reports; these pages only ask for it and show where each one is.
"""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis import selectors as crisis_selectors
from crisis.forms import add_service_errors
from crisis.models import Case, Report

from .. import downloads, selectors, services
from ..forms import WEEKDAYS, DecisionForm, OverrideForm, ScheduleForm, SendNowForm
from ..models import Delivery, StatusReport, UpdateSchedule
from ..report_content import sections_words
from .base import (
    PAGE_SIZE,
    can_manage,
    engagement_case,
    names,
    refused,
    require_manager,
    stakeholder_choices,
)


def _list_url(case: Case, anchor: str = "") -> str:
    url = reverse("stakeholders:status_report_list", kwargs={"reference": case.reference})
    return url + (f"#{anchor}" if anchor else "")


def _detail_url(case: Case, status_report: StatusReport) -> str:
    return reverse("stakeholders:status_report_detail", kwargs={"reference": case.reference, "pk": status_report.pk})


def cadence_words(schedule: UpdateSchedule) -> str:
    """"Weekly on Friday at 09:00 (UK time)", "Monthly on day 31 (or the month's last day) at 08:30 (UK time)"."""
    at = f"at {schedule.time_of_day:%H:%M} (UK time)"
    if schedule.cadence == UpdateSchedule.Cadence.MONTHLY:
        day = schedule.day_of_month
        last = " (or the month's last day)" if day and day > 28 else ""
        return f"Monthly on day {day}{last} {at}"
    weekday = WEEKDAYS[schedule.weekday] if schedule.weekday is not None else "—"
    return f"{schedule.get_cadence_display()} on {weekday} {at}"


def delivery_summary(deliveries) -> str:
    """"3 sent, 1 failed" from the (prefetched) deliveries of one report."""
    counts = Counter(delivery.status for delivery in deliveries)
    parts = [f"{counts[value]} {label.lower()}" for value, label in
             ((Delivery.Status.SENT, "sent"), (Delivery.Status.FAILED, "failed"), (Delivery.Status.QUEUED, "queued"))
             if counts[value]]
    return ", ".join(parts)


# Status reports --------------------------------------------------------------------------------


def _list_page(request: HttpRequest, case: Case, *, status: int = 200, send_form: SendNowForm | None = None
               ) -> HttpResponse:
    """Schedules, the send-now form and the reports, 50 a page; a fixed number of queries."""
    manager = can_manage(request, case)
    schedules = list(selectors.case_schedules(user=request.user, case=case))
    for schedule in schedules:
        schedule.cadence_words = cadence_words(schedule)
    page_obj = Paginator(selectors.case_status_reports(user=request.user, case=case), PAGE_SIZE).get_page(
        request.GET.get("page") if request.method == "GET" else None)
    for status_report in page_obj.object_list:
        status_report.delivery_summary = delivery_summary(status_report.deliveries.all())
    context = {"case": case, "can_manage": manager, "schedules": schedules, "page_obj": page_obj}
    if manager:
        receiving = list(stakeholder_choices(request, case, receiving=True))
        context["receiving"] = receiving
        if receiving:
            context["send_form"] = send_form or SendNowForm(stakeholders=stakeholder_choices(request, case,
                                                                                              receiving=True))
            context["schedule_form"] = ScheduleForm(stakeholders=stakeholder_choices(request, case, receiving=True))
    return render(request, "stakeholders/status_report_list.html", context, status=status)


@login_required
@require_GET
def status_report_list(request: HttpRequest, reference: str) -> HttpResponse:
    return _list_page(request, engagement_case(request, reference))


@login_required
@require_POST
def status_report_send_now(request: HttpRequest, reference: str) -> HttpResponse:
    case = engagement_case(request, reference)
    require_manager(request, case)
    form = SendNowForm(request.POST, stakeholders=stakeholder_choices(request, case, receiving=True))
    if form.is_valid():
        chosen = list(form.cleaned_data["stakeholders"])
        try:
            report = services.status_report_send_now(
                actor=request.user, case=case, stakeholders=chosen, audience=form.cleaned_data["audience"],
                requires_approval=form.cleaned_data["requires_approval"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if report.requires_approval:
                messages.success(request, f"The {report.audience.name.lower()} version is being generated; once "
                                          f"a second consultant approves it, it will be emailed to {names(chosen)}.")
            else:
                messages.success(request, f"The {report.audience.name.lower()} version is being generated and "
                                          f"will be emailed to {names(chosen)}.")
            return redirect(_list_url(case, "reports"))
    return _list_page(request, case, status=400, send_form=form)


def _get_status_report(request: HttpRequest, reference: str, pk: int) -> tuple[Case, StatusReport]:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_status_report_for(user=request.user, case=case, pk=pk)


def _detail_page(request: HttpRequest, case: Case, status_report: StatusReport, *, status: int = 200,
                 decision_form: DecisionForm | None = None, override_form: OverrideForm | None = None
                 ) -> HttpResponse:
    deliveries = list(status_report.deliveries.all())
    report = status_report.report
    manager = can_manage(request, case)
    context = {
        "case": case,
        "status_report": status_report,
        "deliveries": deliveries,
        "delivery_summary": delivery_summary(deliveries),
        "downloadable": report is not None and report.status == Report.Status.READY and bool(report.file),
        "can_manage": manager,
        "sections": sections_words(status_report.sections or status_report.audience.sections),
    }
    if manager:
        context.update({
            "approval_problem": services.approval_problem(user=request.user, status_report=status_report),
            "decision_form": decision_form or DecisionForm(),
            "override_form": override_form,
            "overrides": list(status_report.guard_overrides.select_related("overridden_by")),
            "hits": status_report.guard_hits,
        })
    return render(request, "stakeholders/status_report_detail.html", context, status=status)


@login_required
@require_GET
def status_report_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, status_report = _get_status_report(request, reference, pk)
    return _detail_page(request, case, status_report)


@login_required
@require_POST
def status_report_approve(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """A second consultant approves the report as its PDF reads (the check runs again first)."""
    case, status_report = _get_status_report(request, reference, pk)
    require_manager(request, case)
    form = DecisionForm(request.POST)
    form.is_valid()
    try:
        services.status_report_approve(actor=request.user, status_report=status_report,
                                       reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        refused(request, error)
        _, status_report = _get_status_report(request, reference, pk)
        return _detail_page(request, case, status_report, status=400, decision_form=form)
    messages.success(request, "Report approved: it is being emailed.")
    return redirect(_detail_url(case, status_report))


@login_required
@require_POST
def status_report_refuse(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Refuse a report waiting for approval, with the reason; nothing is sent."""
    case, status_report = _get_status_report(request, reference, pk)
    require_manager(request, case)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.status_report_refuse(actor=request.user, status_report=status_report,
                                          reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Report refused: nothing was sent. Send a corrected report when ready.")
            return redirect(_detail_url(case, status_report))
    return _detail_page(request, case, status_report, status=400, decision_form=form)


@login_required
@require_POST
def status_report_recheck(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Render the report again from the case as it is now, and check it again."""
    case, status_report = _get_status_report(request, reference, pk)
    require_manager(request, case)
    try:
        services.status_report_recheck(actor=request.user, status_report=status_report)
    except ValidationError as error:
        refused(request, error)
        return _detail_page(request, case, status_report, status=400)
    messages.success(request, "The report is being generated again and checked.")
    return redirect(_detail_url(case, status_report))


@login_required
@require_POST
def status_report_override(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Let one finding of the personal-data check go out, with the reason (audited)."""
    case, status_report = _get_status_report(request, reference, pk)
    require_manager(request, case)
    form = OverrideForm(request.POST)
    if form.is_valid():
        try:
            services.status_report_override(actor=request.user, status_report=status_report,
                                            hit_id=form.cleaned_data["hit_id"], reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Finding overridden; the reason is recorded.")
            return redirect(_detail_url(case, status_report))
    return _detail_page(request, case, status_report, status=400, override_form=form)


@login_required
@require_GET
def status_report_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """The PDF, to consultants and leaders; every download is audited with the file's hash."""
    _, status_report = _get_status_report(request, reference, pk)
    return downloads.status_report_file(user=request.user, status_report=status_report)


@login_required
@require_POST
def delivery_resend(request: HttpRequest, reference: str, pk: int, delivery_pk: int) -> HttpResponse:
    case, status_report = _get_status_report(request, reference, pk)
    delivery = selectors.get_delivery_for(user=request.user, status_report=status_report, pk=delivery_pk)
    require_manager(request, case)
    try:
        services.delivery_resend(actor=request.user, delivery=delivery)
    except ValidationError as error:
        refused(request, error)
        return _detail_page(request, case, status_report, status=400)
    messages.success(request, f"Sending again to {delivery.email}.")
    return redirect(_detail_url(case, status_report))


# Schedules -------------------------------------------------------------------------------------


def _schedule_page(request: HttpRequest, case: Case, form: ScheduleForm, *, schedule: UpdateSchedule | None = None,
                   status: int = 200) -> HttpResponse:
    return render(request, "stakeholders/schedule_form.html", {
        "case": case, "form": form, "schedule": schedule,
        "no_receivers": not form.fields["stakeholders"].queryset.exists(),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = engagement_case(request, reference)
    require_manager(request, case)
    receiving = stakeholder_choices(request, case, receiving=True)
    if request.method != "POST":
        return _schedule_page(request, case, ScheduleForm(stakeholders=receiving))
    form = ScheduleForm(request.POST, stakeholders=receiving)
    if form.is_valid():
        try:
            schedule = services.schedule_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Schedule “{schedule.name}” set: {cadence_words(schedule)}; next on "
                                      f"{timezone.localtime(schedule.next_due_at):%a %-d %b %Y at %H:%M}.")
            return redirect(_list_url(case, "schedules"))
    return _schedule_page(request, case, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    schedule = selectors.get_schedule_for(user=request.user, case=case, pk=pk)
    require_manager(request, case)
    receiving = stakeholder_choices(request, case, receiving=True)
    if request.method != "POST":
        form = ScheduleForm(stakeholders=receiving, initial=ScheduleForm.initial_for(schedule))
        return _schedule_page(request, case, form, schedule=schedule)
    form = ScheduleForm(request.POST, stakeholders=receiving)
    if form.is_valid():
        try:
            services.schedule_update(actor=request.user, schedule=schedule, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Schedule “{schedule.name}” saved: {cadence_words(schedule)}.")
            return redirect(_list_url(case, "schedules"))
    schedule = selectors.get_schedule_for(user=request.user, case=case, pk=pk)
    return _schedule_page(request, case, form, schedule=schedule, status=400)


@login_required
@require_POST
def schedule_toggle(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Pause a schedule, or resume it from its next slot after now (no backlog is sent)."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    schedule = selectors.get_schedule_for(user=request.user, case=case, pk=pk)
    require_manager(request, case)
    try:
        services.schedule_set_active(actor=request.user, schedule=schedule, active=not schedule.active)
    except ValidationError as error:
        refused(request, error)
        return _list_page(request, case, status=400)
    if schedule.active:
        messages.success(request, f"Schedule “{schedule.name}” resumed: next on "
                                  f"{timezone.localtime(schedule.next_due_at):%a %-d %b %Y at %H:%M}.")
    else:
        messages.success(request, f"Schedule “{schedule.name}” paused: no report goes out until it is resumed.")
    return redirect(_list_url(case, "schedules"))

"""The exit page of a case: its criteria with live figures, the sign-offs, the four-eyes override,
"Close the case" and "Re-open the case", and the follow-up reviews after exit.

Thin: the case comes through `get_exit_case_for` (404 for a case the user does not see, 403 for
staff), the figures through `case_readiness`, every write through a service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from crisis.access import can_manage_case
from crisis.forms import add_service_errors
from crisis.models import Case, Stage

from .. import selectors, services
from ..forms_exit import (
    ExitCriteriaForm,
    FollowUpDoneForm,
    OverrideDecisionForm,
    OverrideRequestForm,
    SignOffForm,
    StageRationaleForm,
)
from ..models import ExitSignOff


def _exit_url(case: Case, anchor: str = "") -> str:
    return reverse("training:exit_readiness", args=[case.reference]) + (f"#{anchor}" if anchor else "")


def _page(request: HttpRequest, case: Case, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    manager = can_manage_case(user=user, case=case)
    readiness = selectors.case_readiness(case=case)
    criteria = selectors.exit_criteria(case=case)
    recovery = case.stage == Stage.RECOVERY
    pending = readiness["pending_override"]
    sign_roles = [role for role in ExitSignOff.Role.values
                  if recovery and selectors.can_sign_off_as(user=user, case=case, role=role)]
    context = {
        "case": case,
        "readiness": readiness,
        "met_count": sum(1 for item in readiness["criteria"] if item["met"]),
        "can_manage": manager,
        "recovery": recovery,
        "closed": case.stage == Stage.CLOSED,
        "criteria_form": forms.get("criteria_form") or (ExitCriteriaForm(criteria=criteria)
                                                        if manager and recovery else None),
        "sign_forms": [(role, ExitSignOff.Role(role).label, forms.get(f"sign_form_{role}") or SignOffForm(prefix=role))
                       for role in sign_roles],
        "override_form": forms.get("override_form") or (OverrideRequestForm()
                                                        if manager and recovery and not pending else None),
        "can_decide": bool(manager and pending and pending.requested_by_id != user.pk),
        "decision_form": forms.get("decision_form") or OverrideDecisionForm(),
        "close_form": forms.get("close_form") or StageRationaleForm(prefix="close"),
        "reopen_form": forms.get("reopen_form") or StageRationaleForm(prefix="reopen"),
        "overrides": list(selectors.case_exit_overrides(case=case)[:10]),
        "decision": selectors.case_exit_decision(case=case) if case.stage == Stage.CLOSED else None,
        "follow_ups": [(f, forms["follow_up_form"] if forms.get("follow_up_pk") == f.pk
                        else FollowUpDoneForm(prefix=f"follow-up-{f.pk}"))
                       for f in selectors.case_follow_ups(case=case)],
        "can_record_follow_up": selectors.can_record_follow_up(user=user, case=case),
        "follow_up_errors_pk": forms.get("follow_up_pk"),
    }
    return render(request, "training/exit_readiness.html", context, status=status)


@login_required
@require_GET
def exit_readiness(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    return _page(request, case)


@login_required
@require_POST
def exit_criteria_edit(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    form = ExitCriteriaForm(request.POST, criteria=selectors.exit_criteria(case=case))
    if form.is_valid():
        try:
            services.exit_criteria_update(actor=request.user, case=case, changes=form.changes())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for kind, errors in error.error_dict.items():
                    target = f"threshold_{kind}" if f"threshold_{kind}" in form.fields else None
                    for message in errors:
                        form.add_error(target, message)
            else:
                add_service_errors(form, error)
        else:
            messages.success(request, "Exit criteria saved.")
            return redirect(_exit_url(case, "criteria"))
    return _page(request, case, status=400, criteria_form=form)


@login_required
@require_POST
def exit_sign_off(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    role = request.POST.get("role", "")
    known = role in ExitSignOff.Role.values
    form = SignOffForm(request.POST, prefix=role if known else None)
    if form.is_valid():
        try:
            services.exit_sign_off(actor=request.user, case=case, role=role, note=form.cleaned_data["note"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Signed off as {ExitSignOff.Role(role).label.lower()}.")
            return redirect(_exit_url(case, "sign-off"))
    if not known:
        messages.error(request, " ".join(form.non_field_errors()))
    return _page(request, case, status=400, **({f"sign_form_{role}": form} if known else {}))


@login_required
@require_POST
def exit_override_request(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    form = OverrideRequestForm(request.POST)
    if form.is_valid():
        try:
            services.exit_override_request(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Override asked for: a second consultant of the case decides it.")
            return redirect(_exit_url(case, "override"))
    return _page(request, case, status=400, override_form=form)


@login_required
@require_POST
def exit_override_decide(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    override = selectors.get_exit_override_for(user=request.user, case=case, pk=pk)
    form = OverrideDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.exit_override_decide(actor=request.user, override=override,
                                          approve=form.cleaned_data["decision"] == "approve",
                                          reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            override.refresh_from_db()
            messages.success(request, f"Override {override.get_status_display().lower()}.")
            return redirect(_exit_url(case, "override"))
    return _page(request, case, status=400, decision_form=form)


def _stage_form_post(request: HttpRequest, reference: str, *, prefix: str, service, done: str) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    form = StageRationaleForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(actor=request.user, case=case, rationale=form.cleaned_data["rationale"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(_exit_url(case))
    return _page(request, case, status=400, **{f"{prefix}_form": form})


@login_required
@require_POST
def exit_close(request: HttpRequest, reference: str) -> HttpResponse:
    return _stage_form_post(request, reference, prefix="close", service=services.exit_close,
                            done="The case is closed. Follow-up reviews are planned below.")


@login_required
@require_POST
def exit_reopen(request: HttpRequest, reference: str) -> HttpResponse:
    return _stage_form_post(request, reference, prefix="reopen", service=services.exit_reopen,
                            done="The case is open again, in Recovery.")


@login_required
@require_POST
def follow_up_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = selectors.get_exit_case_for(user=request.user, reference=reference)
    follow_up = selectors.get_follow_up_for(user=request.user, case=case, pk=pk)
    form = FollowUpDoneForm(request.POST, prefix=f"follow-up-{follow_up.pk}")
    if form.is_valid():
        try:
            services.follow_up_done(actor=request.user, follow_up=follow_up, notes=form.cleaned_data["notes"],
                                    done_on=form.cleaned_data["done_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{follow_up.months}-month follow-up review recorded.")
            return redirect(_exit_url(case, "follow-ups"))
    return _page(request, case, status=400, follow_up_form=form, follow_up_pk=follow_up.pk)


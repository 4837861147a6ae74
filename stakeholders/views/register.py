"""The stakeholder register of a case: the list, one stakeholder with its contacts, trust history
and contacts log, and the forms that change them (consultants only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis import selectors as crisis_selectors
from crisis.forms import add_service_errors
from crisis.models import Case

from .. import selectors, services
from ..forms import ContactForm, StakeholderFilterForm, StakeholderForm, TrustForm
from ..models import Stakeholder
from .base import (
    PAGE_SIZE,
    can_manage,
    can_see_mediation_notes,
    engagement_case,
    refused,
    require_manager,
)

# Errors of the first contact, by its own fields. The stakeholder's own name is required by the form,
# so a "name" error from the service is the contact's.
CONTACT_ERROR_FIELDS = {"name": "contact_name", "email": "contact_email", "phone": "contact_phone",
                        "role": "contact_role"}


def _detail_url(case: Case, stakeholder: Stakeholder, anchor: str = "") -> str:
    url = reverse("stakeholders:stakeholder_detail", kwargs={"reference": case.reference, "pk": stakeholder.pk})
    return url + (f"#{anchor}" if anchor else "")


def _get_stakeholder(request: HttpRequest, reference: str, pk: int) -> tuple[Case, Stakeholder]:
    """The case and the stakeholder, or 404 when either is not the user's to read (staff included)."""
    case = crisis_selectors.get_case_for(user=request.user, reference=reference)
    return case, selectors.get_stakeholder_for(user=request.user, case=case, pk=pk)


# The register ----------------------------------------------------------------------------------


@login_required
@require_GET
def stakeholder_list(request: HttpRequest, reference: str) -> HttpResponse:
    """The register, by type. A fixed number of queries: counts are annotations, contacts a prefetch."""
    case = engagement_case(request, reference)
    filter_form = StakeholderFilterForm(request.GET or None)
    stakeholders = selectors.case_stakeholders(user=request.user, case=case, filters=filter_form.filters())
    return render(request, "stakeholders/stakeholder_list.html", {
        "case": case,
        "can_manage": can_manage(request, case),
        "filter_form": filter_form,
        "filtered": any(key in request.GET for key in ("kind", "trust", "receives_reports")),
        "page_obj": Paginator(stakeholders, PAGE_SIZE).get_page(request.GET.get("page")),
    })


def _form_page(request: HttpRequest, case: Case, form: StakeholderForm, *, stakeholder: Stakeholder | None = None,
               status: int = 200) -> HttpResponse:
    return render(request, "stakeholders/stakeholder_form.html",
                  {"case": case, "form": form, "stakeholder": stakeholder}, status=status)


def _contact_errors(error: ValidationError) -> ValidationError:
    """The first contact's errors by its own fields on the "add a stakeholder" form."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({CONTACT_ERROR_FIELDS.get(field, field): errors
                            for field, errors in error.error_dict.items()})


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = engagement_case(request, reference)
    require_manager(request, case)
    owners = selectors.stakeholder_owner_choices(case=case)
    if request.method != "POST":
        return _form_page(request, case, StakeholderForm(owners=owners))
    form = StakeholderForm(request.POST, owners=owners)
    if form.is_valid():
        try:
            stakeholder = services.stakeholder_create(actor=request.user, case=case, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, _contact_errors(error))
        else:
            messages.success(request, f"Stakeholder added: {stakeholder.name}.")
            return redirect(_detail_url(case, stakeholder))
    return _form_page(request, case, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def stakeholder_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, stakeholder = _get_stakeholder(request, reference, pk)
    require_manager(request, case)
    owners = selectors.stakeholder_owner_choices(case=case, include_id=stakeholder.owner_id)
    if request.method != "POST":
        form = StakeholderForm(owners=owners, editing=True, initial=StakeholderForm.initial_for(stakeholder))
        return _form_page(request, case, form, stakeholder=stakeholder)
    form = StakeholderForm(request.POST, owners=owners, editing=True)
    if form.is_valid():
        try:
            services.stakeholder_update(actor=request.user, stakeholder=stakeholder, **form.service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved: {stakeholder.name}.")
            return redirect(_detail_url(case, stakeholder))
    # The service may have left unsaved values on the instance: show the stored stakeholder.
    stakeholder = selectors.get_stakeholder_for(user=request.user, case=case, pk=pk)
    return _form_page(request, case, form, stakeholder=stakeholder, status=400)


# One stakeholder -------------------------------------------------------------------------------


def _stakeholder_page(request: HttpRequest, case: Case, stakeholder: Stakeholder, *, status: int = 200,
                      **forms) -> HttpResponse:
    """Contacts, trust history, the contacts log and the schedules; forms for consultants."""
    user = request.user
    manager = can_manage(request, case)
    communications = selectors.case_communications(user=user, case=case, stakeholder=stakeholder)
    context = {
        "case": case,
        "stakeholder": stakeholder,
        "can_manage": manager,
        "contacts": selectors.stakeholder_contacts(stakeholder=stakeholder),
        "trust_history": selectors.stakeholder_trust_history(stakeholder=stakeholder),
        "page_obj": Paginator(communications, PAGE_SIZE).get_page(request.GET.get("page")),
        "show_mediation_notes": can_see_mediation_notes(request, case),
        "schedules": selectors.case_schedules(user=user, case=case).filter(stakeholders=stakeholder),
    }
    if manager:
        context["trust_form"] = forms.get("trust_form") or TrustForm(initial={"level": stakeholder.trust_level})
        context["contact_form"] = forms.get("contact_form") or ContactForm()
    return render(request, "stakeholders/stakeholder_detail.html", context, status=status)


@login_required
@require_GET
def stakeholder_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, stakeholder = _get_stakeholder(request, reference, pk)
    return _stakeholder_page(request, case, stakeholder)


@login_required
@require_POST
def stakeholder_trust(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, stakeholder = _get_stakeholder(request, reference, pk)
    require_manager(request, case)
    form = TrustForm(request.POST)
    if form.is_valid():
        try:
            change = services.stakeholder_set_trust(actor=request.user, stakeholder=stakeholder,
                                                    **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Trust changed: {change.from_level} → {change.to_level} "
                                      f"({stakeholder.trust_label}).")
            return redirect(_detail_url(case, stakeholder, "trust"))
    stakeholder = selectors.get_stakeholder_for(user=request.user, case=case, pk=pk)
    return _stakeholder_page(request, case, stakeholder, status=400, trust_form=form)


@login_required
@require_POST
def contact_add(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, stakeholder = _get_stakeholder(request, reference, pk)
    require_manager(request, case)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            contact = services.contact_add(actor=request.user, stakeholder=stakeholder, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Contact added: {contact.name}.")
            return redirect(_detail_url(case, stakeholder, "contacts"))
    return _stakeholder_page(request, case, stakeholder, status=400, contact_form=form)


@login_required
@require_POST
def contact_remove(request: HttpRequest, reference: str, pk: int, contact_pk: int) -> HttpResponse:
    case, stakeholder = _get_stakeholder(request, reference, pk)
    contact = selectors.get_contact_for(user=request.user, stakeholder=stakeholder, pk=contact_pk)
    require_manager(request, case)
    name = contact.name
    try:
        services.contact_remove(actor=request.user, contact=contact)
    except ValidationError as error:
        refused(request, error)
        return _stakeholder_page(request, case, stakeholder, status=400)
    messages.success(request, f"Contact removed: {name}.")
    return redirect(_detail_url(case, stakeholder, "contacts"))

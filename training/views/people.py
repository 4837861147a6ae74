"""Pages of the staff list, the CSV import, the roles and the requirements of an organisation.

Thin: `training_organisation` first (404 for an organisation the user does not see, 403 for staff),
then reads through the selectors and writes through the services. A service's ValidationError
re-renders the form with the message and status 400, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from crisis.forms import add_service_errors
from crisis.models import Organisation

from .. import selectors, services
from ..forms_people import PeopleImportForm, PersonFilterForm, PersonForm, RequirementForm, RoleForm
from ..models import Person, Requirement
from .base import PAGE_SIZE, training_organisation

# The staff list ---------------------------------------------------------------------------------


@login_required
@require_GET
def people_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    user = request.user
    roles = selectors.organisation_roles(user=user, organisation=organisation)
    filter_form = PersonFilterForm(
        request.GET or None, roles=roles,
        departments=selectors.organisation_departments(user=user, organisation=organisation),
    )
    filters = filter_form.filters() if request.GET else {}
    people = selectors.organisation_people(user=user, organisation=organisation, filters=filters)
    page_obj = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/people_list.html", {
        "organisation": organisation,
        "filter_form": filter_form,
        "filtered": any(filters.get(name) for name in ("q", "role", "department", "leavers")),
        "page_obj": page_obj,
    })


def _person_form(request: HttpRequest, organisation: Organisation, **kwargs) -> PersonForm:
    return PersonForm(
        request.POST if request.method == "POST" else None,
        roles=selectors.organisation_roles(user=request.user, organisation=organisation),
        members=selectors.organisation_members(organisation=organisation),
        **kwargs,
    )


@login_required
def person_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form = _person_form(request, organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                person = services.person_create(actor=request.user, organisation=organisation, **form.service_fields())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                linked = f", linked to {person.user.email}" if person.user_id else ""
                messages.success(request, f"{person.full_name} added to the staff list{linked}.")
                return redirect("training:person_detail", organisation.pk, person.pk)
        status = 400
    return render(request, "training/people_form.html",
                  {"organisation": organisation, "form": form, "person": None}, status=status)


@login_required
def person_edit(request: HttpRequest, organisation_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    person = selectors.get_person_for(user=request.user, pk=pk, organisation=organisation)
    initial = {name: getattr(person, name) for name in ("full_name", "email", "department", "start_date",
                                                         "leaver_date", "user")}
    initial["roles"] = list(person.roles.all())
    form = _person_form(request, organisation, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = form.service_fields()
            if fields["user"] is None and not person.user_id:
                fields.pop("user")  # not chosen: the email may still link the account
            try:
                services.person_update(actor=request.user, person=person, **fields)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{person.full_name}: changes saved.")
                return redirect("training:person_detail", organisation.pk, person.pk)
        status = 400
    return render(request, "training/people_form.html",
                  {"organisation": organisation, "form": form, "person": person}, status=status)


@login_required
@require_GET
def person_detail(request: HttpRequest, organisation_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    user = request.user
    person = selectors.get_person_for(user=user, pk=pk, organisation=organisation)
    person = Person.objects.select_related("user").prefetch_related("roles").get(pk=person.pk)
    return render(request, "training/people_detail.html", {
        "organisation": organisation,
        "person": person,
        "requirements": selectors.person_requirements(user=user, person=person),
        "records": selectors.person_records(user=user, person=person),
    })


# The CSV import ---------------------------------------------------------------------------------


@login_required
def people_import(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form = PeopleImportForm(request.POST, request.FILES) if request.method == "POST" else PeopleImportForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # One byte past the limit is enough for the service to refuse an oversized file.
            content = form.cleaned_data["file"].read(services.PEOPLE_CSV_MAX_BYTES + 1)
            try:
                result = services.people_import_csv(actor=request.user, organisation=organisation, content=content)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, str(result))
                return redirect("training:people_list", organisation.pk)
        status = 400
    return render(request, "training/people_import.html", {
        "organisation": organisation,
        "form": form,
        "columns": services.PEOPLE_CSV_COLUMNS,
        "roles": selectors.organisation_roles(user=request.user, organisation=organisation),
    }, status=status)


@login_required
@require_GET
def people_import_template(request: HttpRequest, organisation_id: int) -> HttpResponse:
    training_organisation(request, organisation_id)
    # The BOM makes Excel read the file as UTF-8 (names with accents).
    response = HttpResponse("\ufeff" + services.people_csv_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="staff-list-template.csv"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Roles and requirements -------------------------------------------------------------------------


def _requirements_page(request: HttpRequest, organisation: Organisation, *, role_form: RoleForm | None = None,
                       status: int = 200) -> HttpResponse:
    user = request.user
    return render(request, "training/requirement_list.html", {
        "organisation": organisation,
        "requirements": selectors.organisation_requirements(user=user, organisation=organisation),
        "roles": selectors.organisation_roles(user=user, organisation=organisation),
        "role_form": role_form or RoleForm(),
    }, status=status)


@login_required
@require_GET
def requirement_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _requirements_page(request, training_organisation(request, organisation_id))


def _requirement_form(request: HttpRequest, organisation: Organisation, **kwargs) -> RequirementForm:
    return RequirementForm(request.POST if request.method == "POST" else None,
                           roles=selectors.organisation_roles(user=request.user, organisation=organisation), **kwargs)


@login_required
def requirement_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form = _requirement_form(request, organisation)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                requirement = services.requirement_create(actor=request.user, organisation=organisation,
                                                          **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Requirement added: {requirement.title}.")
                return redirect("training:requirement_list", organisation.pk)
        status = 400
    return render(request, "training/requirement_form.html",
                  {"organisation": organisation, "form": form, "requirement": None}, status=status)


@login_required
def requirement_edit(request: HttpRequest, organisation_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    requirement: Requirement = selectors.get_requirement_for(user=request.user, pk=pk, organisation=organisation)
    initial = {name: getattr(requirement, name) for name in services.people.REQUIREMENT_FIELDS}
    initial["roles"] = list(requirement.roles.all())
    form = _requirement_form(request, organisation, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.requirement_update(actor=request.user, requirement=requirement, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Requirement saved: {form.cleaned_data['title']}.")
                return redirect("training:requirement_list", organisation.pk)
        status = 400
    return render(request, "training/requirement_form.html",
                  {"organisation": organisation, "form": form, "requirement": requirement}, status=status)


@login_required
@require_POST
def role_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            role = services.role_create(actor=request.user, organisation=organisation, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Role added: {role.name}.")
            return redirect("training:requirement_list", organisation.pk)
    return _requirements_page(request, organisation, role_form=form, status=400)


@login_required
@require_POST
def role_edit(request: HttpRequest, organisation_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    role = selectors.get_role_for(user=request.user, organisation=organisation, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.role_rename(actor=request.user, role=role, name=form.cleaned_data["name"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, f"Role renamed: {role.name}.")
    else:
        messages.error(request, "A role needs a name (at most 100 characters).")
    return redirect("training:requirement_list", organisation.pk)

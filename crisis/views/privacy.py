"""The protected names of a case: the page the consultants keep them on.

A case the user cannot see is a 404 (the case selector); a case they see but do not manage (its
leaders, its staff) is a 403, checked before any name is read, so the answer tells them nothing
about which names there are. One name is found through its selector, within its case.

Names never go into a flash message (messages may be kept in a cookie), and the pages are never
cached by the browser.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from .. import access, selectors, services
from ..audit import audit_record
from ..forms import ProtectedNameForm, add_service_errors
from ..models import Case


def _protected_names_case(request: HttpRequest, reference: str) -> Case:
    case = selectors.get_case_for(user=request.user, reference=reference)
    if not access.can_keep_protected_names(user=request.user, case=case):
        raise PermissionDenied(access.PROTECTED_NAMES_REFUSED)
    return case


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def protected_name_list(request: HttpRequest, reference: str) -> HttpResponse:
    """The case's protected names, and the form to add one."""
    case = _protected_names_case(request, reference)
    form = ProtectedNameForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.protected_name_create(actor=request.user, case=case, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The name is protected: reports of this case are checked for it.")
                return redirect("crisis:protected_name_list", case.reference)
        status = 400
    else:
        audit_record(actor=request.user, verb="protected_names.viewed", obj=case)
    names = selectors.case_protected_names(user=request.user, case=case)
    return render(request, "crisis/protected_names.html", {"case": case, "names": names, "form": form},
                  status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def protected_name_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _protected_names_case(request, reference)
    protected_name = selectors.get_case_protected_name_for(user=request.user, case=case, pk=pk)
    initial = {field: getattr(protected_name, field) for field in services.PROTECTED_NAME_EDITABLE_FIELDS}
    form = ProtectedNameForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.protected_name_update(actor=request.user, protected_name=protected_name,
                                               **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Protected name saved.")
                return redirect("crisis:protected_name_list", case.reference)
        status = 400
        # A refused change may have been set on the instance: show the stored one.
        protected_name.refresh_from_db()
    return render(request, "crisis/protected_name_form.html",
                  {"case": case, "protected_name": protected_name, "form": form}, status=status)


@login_required
@require_POST
def protected_name_delete(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _protected_names_case(request, reference)
    protected_name = selectors.get_case_protected_name_for(user=request.user, case=case, pk=pk)
    services.protected_name_delete(actor=request.user, protected_name=protected_name)
    messages.success(request, "The name is no longer protected.")
    return redirect("crisis:protected_name_list", case.reference)

"""Pages of courses, sessions, attendance registers and certificates.

Thin: reads through the training selectors, writes through the training services. The
organisation's consultants and leaders use them (training_organisation: 404 for another
organisation, 403 for staff); a certificate file opens also for the person it belongs to.
A service's ValidationError re-renders the page with the message and status 400, nothing written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis.audit import audit_record
from crisis.forms import add_service_errors
from crisis.views.files import private_file_response

from .. import selectors, services
from ..forms_courses import MARK_CHOICES, CertificateForm, CourseForm, ExpiryForm, SessionForm
from ..models import TrainingRecord
from .base import PAGE_SIZE, training_organisation

RECENT_SESSIONS = 10


def record_file_response(*, user, record: TrainingRecord, via: str = "page") -> FileResponse:
    """A record's certificate, for the page and the API alike, audited with its hash once it opened."""
    if not record.file:
        raise Http404("No certificate is stored for this record.")
    response = private_file_response(record.file, filename=record.original_name or "certificate",
                                     content_type=record.content_type, missing="The file is no longer stored.")
    audit_record(actor=user, verb="training.certificate_downloaded", obj=record,
                 summary={"person": record.person.full_name, "course": record.course.title,
                          "sha256": record.sha256, "via": via})
    return response


@login_required
@require_GET
def course_list(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    courses = Paginator(selectors.organisation_courses(user=request.user, organisation=organisation),
                        PAGE_SIZE).get_page(request.GET.get("page"))
    sessions = selectors.organisation_sessions(user=request.user, organisation=organisation)[:RECENT_SESSIONS]
    # Arriving from a response-plan action: each course leads to its session form with the action chosen.
    action = request.GET.get("action", "")
    return render(request, "training/course_list.html", {
        "organisation": organisation, "page_obj": courses, "courses": courses.object_list, "sessions": sessions,
        "for_action": selectors.course_action_choices(user=request.user, organisation=organisation).filter(
            pk=action).first() if action.isdigit() else None,
    })


def _course_form_page(request, organisation, form, course=None, status=200) -> HttpResponse:
    return render(request, "training/course_form.html",
                  {"organisation": organisation, "form": form, "course": course}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    requirements = selectors.requirement_choices(user=request.user, organisation=organisation)
    form = CourseForm(request.POST or None, requirements=requirements)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        satisfies = data.pop("satisfies") or None
        try:
            course = services.course_create(actor=request.user, organisation=organisation, satisfies=satisfies,
                                            **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Course “{course.title}” added.")
            return redirect("training:course_detail", organisation.pk, course.pk)
    return _course_form_page(request, organisation, form, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, organisation_id: int, course_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    course = selectors.get_course_for(user=request.user, pk=course_id, organisation=organisation)
    requirements = selectors.requirement_choices(user=request.user, organisation=organisation)
    initial = {name: getattr(course, name) for name in services.COURSE_FIELDS}
    form = CourseForm(request.POST or None, requirements=requirements,
                      initial={**initial, "satisfies": list(course.satisfies.all())})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.course_update(actor=request.user, course=course, satisfies=data.pop("satisfies"), **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Course saved.")
            return redirect("training:course_detail", organisation.pk, course.pk)
    return _course_form_page(request, organisation, form, course, status=400 if form.is_bound else 200)


def _session_form(request, organisation, data=None) -> SessionForm:
    actions = selectors.course_action_choices(user=request.user, organisation=organisation)
    initial = {}
    if request.GET.get("action"):
        initial["action"] = actions.filter(pk=request.GET["action"] if request.GET["action"].isdigit() else 0).first()
    return SessionForm(data, actions=actions, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request: HttpRequest, organisation_id: int, course_id: int) -> HttpResponse:
    """The course, its sessions, and the form that adds a session (POST)."""
    organisation = training_organisation(request, organisation_id)
    course = selectors.get_course_for(user=request.user, pk=course_id, organisation=organisation)
    form = _session_form(request, organisation, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session = services.session_create(actor=request.user, course=course, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Session added: record who attended on its register.")
                return redirect("training:session_detail", organisation.pk, session.pk)
        status = 400
    sessions = Paginator(
        selectors.organisation_sessions(user=request.user, organisation=organisation).filter(course=course),
        PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/course_detail.html", {
        "organisation": organisation, "course": course, "form": form, "page_obj": sessions,
        "sessions": sessions.object_list, "held": selectors.course_held_share(course=course),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, organisation_id: int, session_id: int) -> HttpResponse:
    """The attendance register: every current person, marked in one save."""
    organisation = training_organisation(request, organisation_id)
    session = selectors.get_session_for(user=request.user, pk=session_id, organisation=organisation)
    rows = selectors.register_rows(session=session)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        marks = {person.pk: request.POST.get(f"mark-{person.pk}", "") for person, _ in rows}
        try:
            result = services.attendance_save(actor=request.user, session=session, marks=marks)
        except ValidationError as error:
            errors = error.messages
            status = 400
            rows = [(person, TrainingRecord(attendance=marks[person.pk]) if marks[person.pk] else None)
                    for person, _ in rows]
        else:
            note = (f"Register saved: {result['attended']} attended, {result['partial']} in part, "
                    f"{result['absent']} absent.")
            if result["action_progress"] is not None:
                note += f" The action “{session.action.title}” is now {result['action_progress']}% done."
            messages.success(request, note)
            return redirect("training:session_detail", organisation.pk, session.pk)
    present = sum(1 for _, r in rows if r is not None and r.attendance in services.PRESENT)
    return render(request, "training/session_detail.html", {
        "organisation": organisation, "session": session, "rows": rows, "errors": errors,
        "choices": MARK_CHOICES, "present": present,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_create(request: HttpRequest, organisation_id: int, person_id: int) -> HttpResponse:
    """Record a course one person took elsewhere, with its certificate."""
    organisation = training_organisation(request, organisation_id)
    person = selectors.get_person_for(user=request.user, pk=person_id, organisation=organisation)
    courses = selectors.organisation_courses(user=request.user, organisation=organisation).filter(internal=False)
    form = CertificateForm(request.POST or None, request.FILES or None, courses=courses)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.certificate_record(
                actor=request.user, person=person, course=data["course"], completed_on=data["completed_on"],
                expires_on=data["expires_on"], uploaded_file=data["file"],
                new_course={"title": data["new_title"], "kind": data["new_kind"], "provider": data["new_provider"]},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Certificate of “{record.course.title}” recorded for {person}.")
            return redirect("training:record_detail", organisation.pk, record.pk)
    return render(request, "training/record_certificate_form.html",
                  {"organisation": organisation, "person": person, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def record_detail(request: HttpRequest, organisation_id: int, record_id: int) -> HttpResponse:
    """One record: its expiry corrected (POST), or the page that offers it and its deletion."""
    organisation = training_organisation(request, organisation_id)
    record = selectors.get_record_for(user=request.user, pk=record_id, organisation=organisation)
    form = ExpiryForm(request.POST or None, initial={"expires_on": record.expires_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_set_expiry(actor=request.user, record=record, expires_on=form.cleaned_data["expires_on"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Expiry saved.")
            return redirect("training:record_detail", organisation.pk, record.pk)
    return render(request, "training/record_detail.html", {"organisation": organisation, "record": record,
                                                           "form": form}, status=400 if form.is_bound else 200)


@login_required
@require_POST
def record_delete(request: HttpRequest, organisation_id: int, record_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    record = selectors.get_record_for(user=request.user, pk=record_id, organisation=organisation)
    target = (reverse("training:session_detail", args=[organisation.pk, record.session_id]) if record.session_id
              else reverse("training:course_list", args=[organisation.pk]))
    services.record_delete(actor=request.user, record=record)
    messages.success(request, "Record deleted.")
    return redirect(target)


@login_required
@require_GET
def record_file(request: HttpRequest, organisation_id: int, record_id: int) -> HttpResponse:
    """A certificate: the organisation's keepers, and the person it belongs to (anyone else: 404)."""
    organisation = selectors.get_training_organisation(user=request.user, pk=organisation_id)
    record = selectors.get_record_for(user=request.user, pk=record_id, organisation=organisation)
    return record_file_response(user=request.user, record=record)

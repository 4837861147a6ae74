"""Pages of knowledge checks (written by those who keep the organisation's training, taken by the
people who took the course) and of a case's observations and learning walks.

Thin: reads through the selectors, writes through the services; a refused save re-renders the form
with the message and status 400, nothing written. The keepers' check pages go through
`training_organisation` (404 for another organisation, 403 for staff). A check is taken from "My
training": anyone else's attempt is a 404. A case's observations are read by its consultants and
leaders (403 for staff, who see the case) and written by its consultants.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis.access import can_manage_case, can_manage_training
from crisis.forms import add_service_errors
from crisis.selectors import get_case_for

from .. import selectors, services
from ..forms_evaluations import (
    CheckForm,
    ObservationFilterForm,
    ObservationForm,
    PaperScoreForm,
    QuestionForm,
    TakeCheckForm,
)
from .base import PAGE_SIZE, training_organisation

# Knowledge checks: the keepers' pages ------------------------------------------------------------


def _check_page(request, organisation, check_id):
    return selectors.get_check_for(user=request.user, pk=check_id, organisation=organisation)


@login_required
@require_http_methods(["GET", "POST"])
def check_create(request: HttpRequest, organisation_id: int, course_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    course = selectors.get_course_for(user=request.user, pk=course_id, organisation=organisation)
    existing = selectors.checks_for(request.user).filter(course=course).first()
    if existing is not None:
        return redirect("training:check_detail", organisation.pk, existing.pk)
    form = CheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.knowledge_check_create(actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Knowledge check added: now write its questions.")
            return redirect("training:check_detail", organisation.pk, check.pk)
    return render(request, "training/evaluations_check_form.html",
                  {"organisation": organisation, "course": course, "form": form},
                  status=400 if form.is_bound else 200)


def _paper_form(request, organisation, check, data=None) -> PaperScoreForm:
    people = selectors.people_for(request.user).filter(organisation=organisation, records__course=check.course)
    return PaperScoreForm(data, people=people.distinct().order_by("full_name", "id"))


@login_required
@require_http_methods(["GET", "POST"])
def check_detail(request: HttpRequest, organisation_id: int, check_id: int) -> HttpResponse:
    """The check: its settings (saved by POST), questions with the correct answer marked, its
    figures, and the forms that add a question and record a paper score."""
    organisation = training_organisation(request, organisation_id)
    check = _check_page(request, organisation, check_id)
    form = CheckForm(request.POST or None, initial={"title": check.title, "pass_mark": check.pass_mark,
                                                    "active": check.active})
    if request.method == "POST" and form.is_valid():
        try:
            services.knowledge_check_update(actor=request.user, check=check, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Knowledge check saved.")
            return redirect("training:check_detail", organisation.pk, check.pk)
    return render(request, "training/evaluations_check_detail.html", {
        "organisation": organisation, "check": check, "form": form,
        "questions": selectors.check_questions(check=check),
        "answered": selectors.answered_question_ids(check=check),
        "summary": selectors.check_attempt_summary(check=check),
        "question_form": QuestionForm(), "paper_form": _paper_form(request, organisation, check),
        "attempts": selectors.attempts_for(request.user).filter(knowledge_check=check)
        .select_related("person").order_by("-taken_at", "-id")[:PAGE_SIZE],
    }, status=400 if form.is_bound else 200)


def _question_page(request, organisation, check, form, question=None, status=200) -> HttpResponse:
    return render(request, "training/evaluations_question_form.html", {
        "organisation": organisation, "check": check, "form": form, "question": question,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def check_question_create(request: HttpRequest, organisation_id: int, check_id: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    check = _check_page(request, organisation, check_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_question_create(actor=request.user, check=check, text=form.cleaned_data["text"],
                                           options=form.options())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question added.")
            return redirect("training:check_detail", organisation.pk, check.pk)
    return _question_page(request, organisation, check, form, status=400 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def check_question_edit(request: HttpRequest, organisation_id: int, check_id: int, pk: int) -> HttpResponse:
    """Reword a question: option n of the form is the question's n-th option (emptied: removed)."""
    organisation = training_organisation(request, organisation_id)
    check = _check_page(request, organisation, check_id)
    question = selectors.get_check_question_for(check=check, pk=pk)
    existing = list(question.options.all())
    initial = {"text": question.text, **{f"option_{i}": o.text for i, o in enumerate(existing, start=1)},
               "correct": next((i for i, o in enumerate(existing, start=1) if o.correct), None)}
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        options = [{**o, "id": existing[o["slot"] - 1].pk if o["slot"] <= len(existing) else None}
                   for o in form.options()]
        options = [o for o in options if o["text"]]
        try:
            services.check_question_update(actor=request.user, question=question, text=form.cleaned_data["text"],
                                           options=options)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Question saved.")
            return redirect("training:check_detail", organisation.pk, check.pk)
    return _question_page(request, organisation, check, form, question, status=400 if form.is_bound else 200)


@login_required
@require_POST
def check_question_delete(request: HttpRequest, organisation_id: int, check_id: int, pk: int) -> HttpResponse:
    organisation = training_organisation(request, organisation_id)
    check = _check_page(request, organisation, check_id)
    question = selectors.get_check_question_for(check=check, pk=pk)
    try:
        services.check_question_delete(actor=request.user, question=question)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "Question removed.")
    return redirect("training:check_detail", organisation.pk, check.pk)


@login_required
@require_http_methods(["GET", "POST"])
def check_record(request: HttpRequest, organisation_id: int, check_id: int) -> HttpResponse:
    """Record the score of a check someone did on paper."""
    organisation = training_organisation(request, organisation_id)
    check = _check_page(request, organisation, check_id)
    form = _paper_form(request, organisation, check, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.check_attempt_record(actor=request.user, check=check, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{attempt.person}: {attempt.score}% recorded "
                                      f"({'passed' if attempt.passed else 'not passed'}).")
            return redirect("training:check_detail", organisation.pk, check.pk)
    return render(request, "training/evaluations_paper_form.html",
                  {"organisation": organisation, "check": check, "form": form},
                  status=400 if form.is_bound else 200)


# Knowledge checks: taking one ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def my_check(request: HttpRequest, check_id: int) -> HttpResponse:
    """Take a check of a course one was trained on. Those who keep the organisation's training see
    the page as it is shown (without taking it, unless they took the course too)."""
    check = selectors.get_check_for(user=request.user, pk=check_id)
    person = selectors.my_people(request.user).filter(organisation_id=check.organisation_id).first()
    may_take = person is not None and check.active and selectors.records_for(request.user).filter(
        person=person, course_id=check.course_id).exists()
    questions = list(selectors.check_questions(check=check))
    form = TakeCheckForm(request.POST or None, questions=questions)
    if request.method == "POST":
        if not may_take:
            raise PermissionDenied("A knowledge check is taken by the people on the staff list who took its course.")
        if form.is_valid():
            try:
                attempt = services.check_attempt_submit(actor=request.user, check=check, answers=form.answers())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("training:my_attempt", attempt.pk)
    return render(request, "training/evaluations_take.html", {
        "check": check, "form": form, "may_take": may_take, "questions": questions,
    }, status=400 if form.is_bound else 200)


@login_required
@require_GET
def my_attempt(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """An attempt's result: the score, passed or not, and which questions were answered wrongly."""
    attempt = selectors.get_attempt_for(user=request.user, pk=attempt_id)
    return render(request, "training/evaluations_result.html", {
        "attempt": attempt, "check": attempt.knowledge_check,
        "wrong": selectors.attempt_wrong_answers(attempt=attempt),
        "keeper": can_manage_training(user=request.user, organisation_id=attempt.organisation_id),
    })


# Observations and learning walks ------------------------------------------------------------


def _observation_case(request, reference: str, *, write: bool = False):
    """The case (404 unless the user sees it), if its observations are theirs to read (or write): 403."""
    case = get_case_for(user=request.user, reference=reference)
    if write and not can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Observations and learning walks are written by the case's consultants.")
    if not selectors.can_read_observations(user=request.user, case=case):
        raise PermissionDenied("A case's observations are read by its consultants and leaders.")
    return case


@login_required
@require_GET
def observation_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = _observation_case(request, reference)
    filter_form = ObservationFilterForm(request.GET or None)
    rating = filter_form.cleaned_data["rating"] if filter_form.is_bound and filter_form.is_valid() else ""
    page = Paginator(selectors.case_observations(user=request.user, case=case, rating=rating or None),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/evaluations_observation_list.html", {
        "case": case, "page_obj": page, "observations": page.object_list, "filter_form": filter_form,
        "summary": selectors.case_observation_summary(case=case, latest=0),
        "can_write": can_manage_case(user=request.user, case=case) and case.is_open,
    })


@login_required
@require_http_methods(["GET", "POST"])
def observation_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = _observation_case(request, reference, write=True)
    form = ObservationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            observation = services.observation_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Observation recorded.")
            return redirect("training:observation_detail", case.reference, observation.pk)
    return render(request, "training/evaluations_observation_form.html", {"case": case, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_GET
def observation_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _observation_case(request, reference)
    observation = selectors.get_observation_for(user=request.user, case=case, pk=pk)
    can_write = can_manage_case(user=request.user, case=case) and case.is_open
    return render(request, "training/evaluations_observation_detail.html", {
        "case": case, "observation": observation, "can_write": can_write,
    })


@login_required
@require_http_methods(["GET", "POST"])
def observation_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _observation_case(request, reference, write=True)
    observation = selectors.get_observation_for(user=request.user, case=case, pk=pk)
    form = ObservationForm(request.POST or None, initial={name: getattr(observation, name)
                                                          for name in services.OBSERVATION_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_update(actor=request.user, observation=observation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Observation saved.")
            return redirect("training:observation_detail", case.reference, observation.pk)
    return render(request, "training/evaluations_observation_form.html",
                  {"case": case, "form": form, "observation": observation}, status=400 if form.is_bound else 200)


@login_required
@require_POST
def observation_action(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Turn a concern into an action of the response plan (once)."""
    case = _observation_case(request, reference, write=True)
    observation = selectors.get_observation_for(user=request.user, case=case, pk=pk)
    try:
        action = services.observation_to_action(actor=request.user, observation=observation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"Action “{action.title}” added to the response plan.")
    return redirect("training:observation_detail", case.reference, observation.pk)

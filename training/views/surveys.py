"""Pages of the anonymous surveys of a case, under /training/cases/<reference>/surveys/, and the one
page that needs no login: the response page a link opens.

The case is reached through `get_case_for` (404 for a case the user does not see); its consultants run
the surveys, the leaders who see the case read the results (403 on the consultants' buttons), staff get
403 (they answer through the public page like anyone else).
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from crisis.access import can_manage_case
from crisis.forms import add_service_errors
from crisis.models import Case
from crisis.selectors import get_case_for

from .. import selectors, services
from ..forms_surveys import RerunForm, SurveyForm
from ..models import Survey, SurveyGroup
from ..survey_questions import GROUP_INTROS

PAGE_SIZE = 25
LIKERT = [(1, "Strongly disagree"), (2, "Disagree"), (3, "Neither agree nor disagree"), (4, "Agree"),
          (5, "Strongly agree")]
COOKIE_PREFIX = "survey_sent_"


def _case(request: HttpRequest, reference: str, *, write: bool = False) -> Case:
    case = get_case_for(user=request.user, reference=reference)
    if write and not can_manage_case(user=request.user, case=case):
        raise PermissionDenied("Only the case's consultants run its surveys.")
    if not selectors.can_read_surveys(user=request.user, case=case):
        raise PermissionDenied("A case's surveys are run by its consultants and read by its leaders.")
    return case


def _survey(request: HttpRequest, reference: str, pk: int, *, write: bool = False) -> tuple[Case, Survey]:
    case = _case(request, reference, write=write)
    return case, selectors.get_survey_for(user=request.user, pk=pk, case=case)


@login_required
@require_GET
def survey_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    page = Paginator(selectors.case_surveys(user=request.user, case=case), PAGE_SIZE).get_page(request.GET.get("page"))
    can_manage = can_manage_case(user=request.user, case=case)
    return render(request, "training/survey_list.html", {
        "case": case, "page_obj": page, "surveys": page.object_list, "can_manage": can_manage,
        "trend": selectors.case_survey_trend(case=case),
    })


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference, write=True)
    today = timezone.localdate()
    form = SurveyForm(request.POST or None, initial={"opens_on": today, "closes_on": today + dt.timedelta(days=14),
                                                     "groups": [SurveyGroup.STAFF]})
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Survey “{survey.title}” created as a draft: open it to issue its links.")
            return redirect("training:survey_detail", case.reference, survey.pk)
    return render(request, "training/survey_form.html", {"case": case, "form": form},
                  status=400 if form.is_bound else 200)


@login_required
@require_GET
def survey_detail(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, survey = _survey(request, reference, pk)
    can_manage = can_manage_case(user=request.user, case=case)
    today = timezone.localdate()
    return render(request, "training/survey_detail.html", _detail_context(request, case, survey, can_manage, {
        "rerun_form": RerunForm(initial={"round": Survey.Round.CHECKPOINT, "opens_on": today,
                                         "closes_on": today + dt.timedelta(days=14)}),
    }))


def _detail_context(request, case, survey, can_manage, extra) -> dict:
    links = selectors.survey_links(survey=survey) if can_manage else []
    for link in links:
        link.url = request.build_absolute_uri(reverse("training:survey_respond", args=[link.token]))
    return {
        "case": case, "survey": survey, "can_manage": can_manage, "links": links,
        "results": selectors.survey_results(user=request.user, survey=survey),
        "trend": selectors.survey_series_trend(user=request.user, survey=survey),
        "comments": list(selectors.survey_comments(user=request.user, survey=survey)),
        "likert": LIKERT, **extra,
    }


def _run(request, survey, action, success: str):
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect("training:survey_detail", survey.case.reference, survey.pk)


@login_required
@require_POST
def survey_open(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _, survey = _survey(request, reference, pk, write=True)
    return _run(request, survey, lambda: services.survey_open(actor=request.user, survey=survey),
                "Survey opened: copy each group's link below and send it out.")


@login_required
@require_POST
def survey_close(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _, survey = _survey(request, reference, pk, write=True)
    return _run(request, survey, lambda: services.survey_close(actor=request.user, survey=survey),
                "Survey closed: its links no longer take responses.")


@login_required
@require_POST
def survey_rerun(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, survey = _survey(request, reference, pk, write=True)
    form = RerunForm(request.POST)
    if form.is_valid():
        try:
            rerun = services.survey_rerun(actor=request.user, survey=survey, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{rerun.title}” created with the same questions: open it to issue its links.")
            return redirect("training:survey_detail", case.reference, rerun.pk)
    return render(request, "training/survey_detail.html",
                  _detail_context(request, case, survey, True, {"rerun_form": form}), status=400)


@login_required
@require_POST
def survey_link_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    _, survey = _survey(request, reference, pk, write=True)
    group = request.POST.get("group", "")
    return _run(request, survey, lambda: services.survey_link_issue(actor=request.user, survey=survey, group=group),
                "New link issued; the group's previous link no longer works.")


@login_required
@require_POST
def survey_link_revoke(request: HttpRequest, reference: str, pk: int, link_pk: int) -> HttpResponse:
    _, survey = _survey(request, reference, pk, write=True)
    link = selectors.get_survey_link_for(user=request.user, pk=link_pk, survey=survey)
    return _run(request, survey, lambda: services.survey_link_revoke(actor=request.user, link=link),
                "Link revoked: it no longer opens the survey. Issue a new one when you need it.")


@login_required
@require_POST
def survey_comment_share(request: HttpRequest, reference: str, pk: int, comment_pk: int) -> HttpResponse:
    _, survey = _survey(request, reference, pk, write=True)
    comment = selectors.get_survey_comment_for(user=request.user, pk=comment_pk, survey=survey)
    shareable = request.POST.get("shareable", "1") != "0"
    return _run(request, survey, lambda: services.survey_comment_mark_shareable(
        actor=request.user, comment=comment, shareable=shareable),
        "Comment marked shareable: the organisation's leaders now read it." if shareable
        else "Comment no longer shared with the organisation's leaders.")


# The anonymous response page ---------------------------------------------------------------------


def _link_or_404(token: str):
    link = selectors.link_for_token(token)
    if link is None:
        raise Http404("This survey link is not valid, or the survey has closed.")
    return link


@never_cache
@require_http_methods(["GET", "POST"])
def survey_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page a survey link opens, for anyone with the link: the organisation's name, the group's
    introduction and the questions — nothing of the case. One response per browser is asked for (a
    cookie says one was sent), never enforced with anyone's identity."""
    link = _link_or_404(token)
    survey = link.survey
    items = list(survey.items.filter(group=link.group).order_by("position", "id"))
    cookie = f"{COOKIE_PREFIX}{survey.pk}"
    context = {"organisation_name": link.organisation.name, "intro": GROUP_INTROS.get(link.group, ""),
               "group_label": SurveyGroup(link.group).label, "likert": LIKERT, "token": token}
    if request.method == "GET" and request.COOKIES.get(cookie) and request.GET.get("again") != "1":
        return render(request, "training/survey_respond_sent.html", {**context, "already": True})
    errors: dict[str, list[str]] = {}
    chosen: dict[int, str] = {}
    comment = ""
    if request.method == "POST":
        answers = {}
        for name, value in request.POST.items():
            if name.startswith("item_"):
                answers[name.removeprefix("item_")] = value or None
                chosen[name.removeprefix("item_")] = value
        comment = request.POST.get("comment", "")
        try:
            services.survey_submit_response(link=link, answers=answers, comment=comment)
        except services.SurveyRateLimited:
            return render(request, "training/survey_respond_busy.html", context, status=429)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"answers": error.messages}
        else:
            response = render(request, "training/survey_respond_sent.html", {**context, "already": False})
            response.set_cookie(cookie, "1", max_age=60 * 60 * 24 * 180, httponly=True, samesite="Lax",
                                secure=request.is_secure())
            return response
    questions = [{"item": item, "chosen": chosen.get(str(item.pk), ""),
                  "errors": errors.get(f"item_{item.pk}", [])} for item in items]
    general = [m for k, msgs in errors.items() if not k.startswith("item_") and k != "comment" for m in msgs]
    return render(request, "training/survey_respond.html", {
        **context, "questions": questions, "errors": general, "comment": comment,
        "comment_errors": errors.get("comment", []),
    }, status=400 if errors else 200)

"""Demo data for stage 4, called by `manage.py seed_demo` after the training records (the exit criteria
read them): each case's culture surveys and their rounds, observations and learning walks, exit
sign-offs; then the demo closes the cases whose story ends closed, through the exit gate, and writes
and approves their closure reports; and a knowledge check on a course with its scores.

Everything goes through the services; what the services stamp "now" (a survey's dates and its
responses' day, a sign-off's time, a closure report's requests and decisions, and the chronology
entries they write) is then moved back to the day it happened, as demo/engagement.py does for status
reports. Keyed on survey titles, observation areas, sign-off roles and closure report numbers, so a
second run writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from crisis import services as crisis_services
from crisis.models import Case, ChronologyEntry, Report, Stage, User
from training import services
from training.models import (
    ClosureReport,
    Course,
    ExitSignOff,
    KnowledgeCheck,
    Observation,
    Person,
    Survey,
    SurveyComment,
    SurveyLink,
    SurveyResponse,
)

from .clock import moment
from .data import CASES, CaseSpec
from .data.recovery import (
    KNOWLEDGE_CHECK_QUESTIONS,
    KNOWLEDGE_CHECKS,
    RECOVERY,
    ClosureSpec,
    ObservationSpec,
    RoundSpec,
    SignOffSpec,
    SurveySpec,
)


def seed_recovery(users: dict[str, User], created: list[str]) -> None:
    for spec in CASES:
        case = Case.objects.filter(organisation__name=spec.organisation, title=spec.title).first()
        if case is None:
            continue
        story = RECOVERY.get(spec.title)
        if story is not None and case.stage != Stage.CLOSED:
            for survey in story.surveys:
                _survey(case, users[spec.lead], survey, created)
            for observation in story.observations:
                _observation(case, users, observation, created)
            for sign_off in story.sign_offs:
                _sign_off(case, users, sign_off, created)
        _close_if_due(case, spec, users, created)
        if story is not None and story.closure is not None:
            _closure(case, users[spec.lead], users, story.closure, created)
    _knowledge_checks(users, created)


def _day(days_ago: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days_ago)


def _at(days_ago: int, at: str) -> dt.datetime:
    return moment(_day(days_ago), 0, at)


def _date_entries(case: Case, after_pk: int, occurred_at: dt.datetime) -> None:
    """The chronology entries a service just wrote, moved to when it happened."""
    ChronologyEntry.objects.filter(case=case, pk__gt=after_pk).update(occurred_at=occurred_at)


def _last_entry() -> int:
    return ChronologyEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


# Surveys ------------------------------------------------------------------------------------------


def _survey(case: Case, lead: User, spec: SurveySpec, created: list[str]) -> None:
    if Survey.objects.filter(case=case, title=spec.title, baseline__isnull=True).exists():
        return
    baseline = None
    for item in spec.rounds:
        if baseline is None:
            survey = services.survey_create(actor=lead, case=case, title=spec.title, groups=list(spec.groups),
                                            opens_on=timezone.localdate(), closes_on=timezone.localdate())
            baseline = survey
        else:
            survey = services.survey_rerun(actor=lead, survey=baseline, round=item.round,
                                           opens_on=timezone.localdate(), closes_on=timezone.localdate())
        _run_round(case, lead, survey, item)
        created.append(f"{survey.get_round_display().lower()} survey “{survey.title}” of {case.reference} "
                       f"({sum(n for n, _ in item.responses.values())} responses)")


def _run_round(case: Case, lead: User, survey: Survey, item: RoundSpec) -> None:
    """Open the round today, answer it, close it if the story says so, then move it to its days."""
    first = _last_entry()
    services.survey_open(actor=lead, survey=survey)
    _date_entries(case, first, _at(item.opened_days_ago, "08:30"))
    links = {link.group: link for link in SurveyLink.objects.filter(survey=survey)}
    comments = [text for text, _ in item.comments]  # written by the first group's first respondents
    first_group = next(iter(item.responses))
    for group, (count, pattern) in item.responses.items():
        items = list(survey.items.filter(group=group).order_by("position", "id"))
        for respondent in range(count):
            answers = {entry.pk: pattern[(respondent + index) % len(pattern)] for index, entry in enumerate(items)}
            comment = comments.pop(0) if comments and group == first_group else ""
            services.survey_submit_response(link=links[group], answers=answers, comment=comment)
    lead_comments = dict(item.comments)
    for comment in SurveyComment.objects.filter(response__survey=survey).select_related("response__survey__case"):
        if lead_comments.get(comment.text):
            services.survey_comment_mark_shareable(actor=lead, comment=comment)
    closes_on = _day(item.closed_days_ago if item.closed_days_ago is not None else -7)
    if item.closed_days_ago is not None:
        first = _last_entry()
        services.survey_close(actor=lead, survey=survey)
        _date_entries(case, first, _at(item.closed_days_ago, "17:00"))
    # Responses came in over the days the round was open; the day is all a response keeps.
    responses = list(SurveyResponse.objects.filter(survey=survey).order_by("pk").values_list("pk", flat=True))
    last_day = item.closed_days_ago if item.closed_days_ago is not None else 0
    span = max(item.opened_days_ago - last_day, 1)
    for index, pk in enumerate(responses):
        days_ago = item.opened_days_ago - index * span // len(responses)
        SurveyResponse.objects.filter(pk=pk).update(submitted_on=_day(days_ago))
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=_day(item.opened_days_ago), closes_on=closes_on,
        opened_at=_at(item.opened_days_ago, "08:30"),
        closed_at=_at(item.closed_days_ago, "17:00") if item.closed_days_ago is not None else None,
    )
    SurveyLink.objects.filter(survey=survey).update(
        created_at=_at(item.opened_days_ago, "08:30"), expires_at=services.link_expiry(closes_on))


# Observations and sign-offs -----------------------------------------------------------------------


def _observation(case: Case, users: dict[str, User], spec: ObservationSpec, created: list[str]) -> None:
    if Observation.objects.filter(case=case, area=spec.area).exists():
        return
    first = _last_entry()
    observation = services.observation_create(
        actor=users[spec.observer], case=case, observed_on=_day(spec.days_ago), area=spec.area, seen=spec.seen,
        rating=spec.rating, kind=spec.kind,
    )
    _date_entries(case, first, _at(spec.days_ago, "15:00"))
    Observation.objects.filter(pk=observation.pk).update(created_at=_at(spec.days_ago, "15:00"))
    created.append(f"{observation.get_kind_display().lower()} “{spec.area}” on {case.reference}")


def _sign_off(case: Case, users: dict[str, User], spec: SignOffSpec, created: list[str]) -> None:
    if ExitSignOff.objects.filter(case=case, role=spec.role).exists():
        return
    first = _last_entry()
    actor = case.lead_consultant if spec.role == ExitSignOff.Role.LEAD_CONSULTANT else users[spec.email]
    signoff = services.exit_sign_off(actor=actor, case=case, role=spec.role, note=spec.note)
    signed_at = max(_at(spec.days_ago, "16:30"), case.stage_changed_at + dt.timedelta(minutes=1))
    ExitSignOff.objects.filter(pk=signoff.pk).update(signed_at=signed_at)
    _date_entries(case, first, signed_at)
    created.append(f"exit sign-off by the {signoff.get_role_display().lower()} on {case.reference}")


# Closing through the gate, and the closure report ----------------------------------------------------


def _close_if_due(case: Case, spec: CaseSpec, users: dict[str, User], created: list[str]) -> None:
    """The case's move to Closed, left by seed_case until stage 4's records exist: it passes the exit
    gate on its criteria, as a real case must (the gate refuses otherwise and the seed stops)."""
    case.refresh_from_db()
    closing = [(day, rationale) for day, to, rationale in spec.stages if to == Stage.CLOSED]
    if not closing or case.stage != Stage.RECOVERY:
        return
    day, rationale = closing[0]
    crisis_services.case_advance_stage(actor=users[spec.lead], case=case, to=Stage.CLOSED, rationale=rationale,
                                       effective_at=moment(case.opened_on, day, "17:00"))
    created.append(f"case {case.reference} closed through the exit gate")


def _closure(case: Case, lead: User, users: dict[str, User], spec: ClosureSpec, created: list[str]) -> None:
    case.refresh_from_db()
    if case.stage != Stage.CLOSED or ClosureReport.objects.filter(case=case).exists():
        return
    first = _last_entry()
    closure = services.closure_create(actor=lead, case=case, lessons_learned=spec.lessons_learned,
                                      handover=spec.handover)
    services.closure_request_approval(actor=lead, closure=closure)
    requested_at = _at(spec.drafted_days_ago, "11:00")
    _date_entries(case, first, requested_at)
    connection = transaction.get_connection()
    queued = len(connection.run_on_commit)
    first = _last_entry()
    approver = case.consultants.exclude(pk=lead.pk).order_by("pk").first()  # a second consultant of the case
    closure = services.closure_approve(actor=approver, closure=closure,
                                       reason="Read against the case file and the exit review: fit to send.")
    decided_at = _at(spec.approved_days_ago, "10:00")
    _date_entries(case, first, decided_at)
    ClosureReport.objects.filter(pk=closure.pk).update(created_at=requested_at, requested_at=requested_at,
                                                       decided_at=decided_at)
    # Rendered here, on its day, rather than by the worker after the seed commits.
    del connection.run_on_commit[queued:]
    closure.refresh_from_db()
    Report.objects.filter(pk=closure.report_id).update(requested_at=decided_at)
    services.closure_render(closure_report_id=closure.pk)
    Report.objects.filter(pk=closure.report_id).update(rendered_at=decided_at + dt.timedelta(minutes=1))
    created.append(f"closure report 1 of {case.reference}, approved")


# Knowledge checks -----------------------------------------------------------------------------------


def _knowledge_checks(users: dict[str, User], created: list[str]) -> None:
    from .data import PRIYA

    actor = users[PRIYA]
    for organisation_name, course_title, scores in KNOWLEDGE_CHECKS:
        course = Course.objects.filter(organisation__name=organisation_name, title=course_title).first()
        if course is None or KnowledgeCheck.objects.filter(course=course).exists():
            continue
        check = services.knowledge_check_create(actor=actor, course=course, questions=KNOWLEDGE_CHECK_QUESTIONS,
                                                title=f"{course.title}: what stayed with you")
        for name, score in scores.items():
            person = Person.objects.get(organisation_id=course.organisation_id, full_name=name)
            services.check_attempt_record(actor=actor, check=check, person=person, score=score,
                                          taken_on=timezone.localdate() - dt.timedelta(days=20))
        created.append(f"knowledge check on “{course.title}” with {len(scores)} scores")

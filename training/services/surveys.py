"""Writes of anonymous surveys: creating one from the question bank, opening and closing it,
re-running it, its links, the anonymous responses and marking a comment shareable.

A case's consultants run its surveys; every such write checks it, is atomic and audited, and opening
and closing enter the chronology. A response is written by nobody in particular: it records no user,
no address, no browser and only the day (so it is deliberately not audited: the audit row would
carry the respondent's address). One link takes at most SURVEY_SUBMISSIONS_PER_HOUR responses an
hour; more are refused before anything is written.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.models import Case, User
from crisis.services import chronology_record_automatic

from ..models import (
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyGroup,
    SurveyItem,
    SurveyLink,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "SurveyRateLimited",
    "link_expiry",
    "survey_close",
    "survey_comment_mark_shareable",
    "survey_create",
    "survey_link_issue",
    "survey_link_revoke",
    "survey_open",
    "survey_question_saved",
    "survey_rerun",
    "survey_submit_response",
]

COMMENT_MAX = 2000


class SurveyRateLimited(Exception):
    """Too many responses through one link within the hour: refused, nothing written."""


def _require_consultant(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Only the case's consultants run its surveys.")


def link_expiry(closes_on: dt.date) -> dt.datetime:
    """A link works to the end of the survey's closing day (UK time)."""
    return timezone.make_aware(dt.datetime.combine(closes_on + dt.timedelta(days=1), dt.time.min))


def _check_groups(groups: Iterable[str]) -> list[str]:
    chosen = [g for g in SurveyGroup.values if g in set(groups or [])]
    unknown = sorted(set(groups or []) - set(SurveyGroup.values))
    if unknown:
        raise ValidationError({"groups": f"Unknown group: {', '.join(unknown)}. Groups are: "
                                         f"{', '.join(SurveyGroup.values)}."})
    if not chosen:
        raise ValidationError({"groups": "Choose at least one group to ask."})
    return chosen


def _clean_survey(survey: Survey) -> None:
    survey.title = (survey.title or "").strip()
    if survey.min_responses is not None and survey.min_responses < 3:
        raise ValidationError({"min_responses": "Results need at least 3 responses a group: fewer could identify "
                                                "someone."})
    survey.full_clean(exclude=["organisation", "case", "baseline", "created_by"])


@transaction.atomic
def survey_create(
    *, actor: User, case: Case, title: str, groups: Iterable[str], opens_on: dt.date, closes_on: dt.date,
    min_responses: int | None = None,
) -> Survey:
    """A baseline survey (a draft) asking each chosen group the bank's active questions for it, copied
    into the survey so later edits of the bank never change it."""
    _require_consultant(actor, case)
    if not case.is_open:
        raise ValidationError("A closed case runs no new surveys.")
    chosen = _check_groups(groups)
    survey = Survey(organisation_id=case.organisation_id, case=case, title=title, round=Survey.Round.BASELINE,
                    groups=chosen, opens_on=opens_on, closes_on=closes_on, created_by=actor)
    if min_responses is not None:
        survey.min_responses = min_responses
    _clean_survey(survey)
    questions = list(SurveyQuestion.objects.filter(active=True, group__in=chosen))
    missing = [SurveyGroup(g).label for g in chosen if not any(q.group == g for q in questions)]
    if missing:
        raise ValidationError({"groups": f"The question bank has no active question for: {', '.join(missing)}."})
    survey.save()
    SurveyItem.objects.bulk_create([
        SurveyItem(organisation_id=case.organisation_id, survey=survey, group=q.group, key=q.key, text=q.text,
                   key_question=q.key_question, position=q.position) for q in questions
    ])
    audit_record(actor=actor, verb="survey.created", obj=survey,
                 summary={"title": survey.title, "round": survey.round, "groups": chosen,
                          "questions": len(questions), "min_responses": survey.min_responses})
    return survey


@transaction.atomic
def survey_rerun(
    *, actor: User, survey: Survey, round: str, opens_on: dt.date, closes_on: dt.date, title: str = "",  # noqa: A002
) -> Survey:
    """The same survey again (a checkpoint or exit round): the baseline's questions, groups and
    threshold, so the rounds compare."""
    _require_consultant(actor, survey.case)
    if not survey.case.is_open:
        raise ValidationError("A closed case runs no new surveys.")
    if round not in (Survey.Round.CHECKPOINT, Survey.Round.EXIT):
        raise ValidationError({"round": "A re-run is a checkpoint or an exit round."})
    baseline = survey.baseline or survey
    rerun = Survey(
        organisation_id=baseline.organisation_id, case=baseline.case, baseline=baseline, round=round,
        title=title or f"{baseline.title} — {Survey.Round(round).label.lower()}", groups=list(baseline.groups),
        min_responses=baseline.min_responses, opens_on=opens_on, closes_on=closes_on, created_by=actor,
    )
    _clean_survey(rerun)
    rerun.save()
    items = list(SurveyItem.objects.filter(organisation_id=baseline.organisation_id, survey=baseline))
    SurveyItem.objects.bulk_create([
        SurveyItem(organisation_id=rerun.organisation_id, survey=rerun, group=i.group, key=i.key, text=i.text,
                   key_question=i.key_question, position=i.position) for i in items
    ])
    audit_record(actor=actor, verb="survey.rerun", obj=rerun,
                 summary={"baseline": baseline.pk, "round": round, "questions": len(items)})
    return rerun


def _issue(actor: User, survey: Survey, group: str) -> SurveyLink:
    return SurveyLink.objects.create(organisation_id=survey.organisation_id, survey=survey, group=group,
                                     token=secrets.token_urlsafe(32), expires_at=link_expiry(survey.closes_on),
                                     created_by=actor)


@transaction.atomic
def survey_open(*, actor: User, survey: Survey) -> Survey:
    """Open a draft for responses from today, with a link for each group that has none working."""
    _require_consultant(actor, survey.case)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.DRAFT:
        raise ValidationError(f"Only a draft survey can be opened; this one is {survey.get_status_display().lower()}.")
    today = timezone.localdate()
    if survey.closes_on < today:
        raise ValidationError({"closes_on": "The closing date has passed: change it before opening the survey."})
    survey.status = Survey.Status.OPEN
    survey.opens_on = min(survey.opens_on, today)
    survey.opened_at = timezone.now()
    survey.save(update_fields=["status", "opens_on", "opened_at"])
    now = timezone.now()
    working = set(SurveyLink.objects.filter(survey=survey, revoked_at__isnull=True, expires_at__gt=now)
                  .values_list("group", flat=True))
    for group in survey.groups:
        if group not in working:
            _issue(actor, survey, group)
    chronology_record_automatic(
        actor=actor, case=survey.case, title=f"Survey opened: {survey.title}",
        details=f"{survey.get_round_display()} round, asking {', '.join(survey.group_labels()).lower()}; "
                f"open until {survey.closes_on:%d %b %Y}. Responses are anonymous.",
    )
    audit_record(actor=actor, verb="survey.opened", obj=survey, summary={"closes_on": survey.closes_on.isoformat()})
    return survey


@transaction.atomic
def survey_close(*, actor: User, survey: Survey) -> Survey:
    """Close an open survey: its links stop working; results stay."""
    _require_consultant(actor, survey.case)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.OPEN:
        raise ValidationError("Only an open survey can be closed.")
    survey.status = Survey.Status.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    responses = SurveyResponse.objects.filter(organisation_id=survey.organisation_id, survey=survey).count()
    chronology_record_automatic(
        actor=actor, case=survey.case, title=f"Survey closed: {survey.title}",
        details=f"{responses} anonymous response{'' if responses == 1 else 's'} received.",
    )
    audit_record(actor=actor, verb="survey.closed", obj=survey, summary={"responses": responses})
    return survey


@transaction.atomic
def survey_link_issue(*, actor: User, survey: Survey, group: str) -> SurveyLink:
    """A new link for a group; the group's links still working are revoked (one working link a group)."""
    _require_consultant(actor, survey.case)
    if group not in survey.groups:
        raise ValidationError({"group": "This survey does not ask that group."})
    if survey.status == Survey.Status.CLOSED:
        raise ValidationError("The survey is closed: it takes no more responses.")
    now = timezone.now()
    old = list(SurveyLink.objects.select_for_update().filter(survey=survey, group=group, revoked_at__isnull=True,
                                                             expires_at__gt=now))
    for link in old:
        link.revoked_at, link.revoked_by = now, actor
        link.save(update_fields=["revoked_at", "revoked_by"])
    link = _issue(actor, survey, group)
    audit_record(actor=actor, verb="survey.link_issued", obj=survey,
                 summary={"group": group, "link": link.pk, "prefix": link.prefix, "revoked": [x.pk for x in old]})
    return link


@transaction.atomic
def survey_link_revoke(*, actor: User, link: SurveyLink) -> SurveyLink:
    """Stop a link working (it went somewhere it should not); a new one is issued separately."""
    _require_consultant(actor, link.survey.case)
    link = SurveyLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is not None:
        raise ValidationError("This link is already revoked.")
    link.revoked_at, link.revoked_by = timezone.now(), actor
    link.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(actor=actor, verb="survey.link_revoked", obj=link.survey,
                 summary={"group": link.group, "link": link.pk, "prefix": link.prefix})
    return link


def _rate_key(link: SurveyLink) -> str:
    return f"survey-link-submissions:{link.pk}:{timezone.now():%Y%m%d%H}"


def _check_rate(link: SurveyLink) -> str:
    key = _rate_key(link)
    if (cache.get(key) or 0) >= settings.SURVEY_SUBMISSIONS_PER_HOUR:
        raise SurveyRateLimited("Too many responses through this link in the last hour.")
    return key


def _count_submission(key: str) -> None:
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=3600)


def survey_submit_response(*, link: SurveyLink, answers: Mapping[int, int | None], comment: str = "",
                           ) -> SurveyResponse:
    """One anonymous response through a link: `answers` maps the survey item's id to 1–5 (None or a
    missing item: prefer not to say). All or nothing: a value outside 1–5, an item of another group or
    survey, or nothing answered at all refuses the whole response. Refused with SurveyRateLimited,
    nothing written, when the link has taken SURVEY_SUBMISSIONS_PER_HOUR responses this hour."""
    key = _check_rate(link)
    response = _write_response(link=link, answers=answers, comment=comment)
    _count_submission(key)
    return response


@transaction.atomic
def _write_response(*, link: SurveyLink, answers: Mapping[int, int | None], comment: str) -> SurveyResponse:
    survey = Survey.objects.get(pk=link.survey_id)  # its status now, not as the caller last read it
    if not link.is_active() or survey.status != Survey.Status.OPEN:
        raise ValidationError("This survey is not taking responses.")
    items = {i.pk: i for i in SurveyItem.objects.filter(organisation_id=link.organisation_id, survey=survey,
                                                        group=link.group)}
    errors: dict[str, str] = {}
    values: dict[int, int] = {}
    for raw_id, raw_value in answers.items():
        try:
            item = items.get(int(raw_id))
        except (TypeError, ValueError):
            item = None
        if item is None:
            errors["answers"] = "An answer was given to a question this survey does not ask here."
            continue
        if raw_value in (None, ""):
            continue
        try:
            value = int(raw_value)
        except (TypeError, ValueError):
            value = 0
        if isinstance(raw_value, bool) or not 1 <= value <= 5:
            errors[f"item_{item.pk}"] = "Choose one of the five answers, or “Prefer not to say”."
            continue
        values[item.pk] = value
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX:
        errors["comment"] = f"Please keep your comment to {COMMENT_MAX} characters."
    if not errors and not values and not comment:
        errors["answers"] = "Answer at least one question, or write a comment, before sending."
    if errors:
        raise ValidationError(errors)
    response = SurveyResponse.objects.create(organisation_id=link.organisation_id, survey=survey, group=link.group,
                                             submitted_on=timezone.localdate())
    SurveyAnswer.objects.bulk_create([
        SurveyAnswer(organisation_id=link.organisation_id, response=response, item_id=item_id, value=value)
        for item_id, value in values.items()
    ])
    if comment:
        SurveyComment.objects.create(organisation_id=link.organisation_id, response=response, text=comment)
    return response


@transaction.atomic
def survey_comment_mark_shareable(*, actor: User, comment: SurveyComment, shareable: bool = True) -> SurveyComment:
    """A consultant lets the organisation's leaders read a comment (or takes that back)."""
    survey = comment.response.survey
    _require_consultant(actor, survey.case)
    comment = SurveyComment.objects.select_for_update().get(pk=comment.pk)
    if comment.shareable == shareable:
        return comment
    comment.shareable = shareable
    comment.marked_by, comment.marked_at = actor, timezone.now()
    comment.save(update_fields=["shareable", "marked_by", "marked_at"])
    audit_record(actor=actor, verb="survey.comment_shareable" if shareable else "survey.comment_unshared",
                 obj=survey, summary={"comment": comment.pk})
    return comment


@transaction.atomic
def survey_question_saved(*, actor: User, question: SurveyQuestion, changed: Iterable[str], created: bool) -> None:
    """Audit an edit of the question bank made in the admin (surveys already created keep their copy)."""
    if not (actor.is_consultancy_admin or actor.is_superuser):
        raise PermissionDenied("Only the consultancy's admins edit the question bank.")
    question.full_clean()
    question.save()
    audit_record(actor=actor, verb="survey.question_created" if created else "survey.question_changed", obj=question,
                 summary={"key": question.key, "group": question.group, "changed": sorted(changed)})

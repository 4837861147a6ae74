"""Writes of knowledge checks and their attempts, and of a case's observations and learning walks.

Knowledge checks are written by those who keep the organisation's training; a person takes a check
of a course they have a record of; a keeper records the score of a paper check. Once a check has
been taken its past scores never change: each answer keeps whether it was right when given, and a
question or option that was answered cannot be removed (its wording can still be corrected, and a
new question added). Observations are written by the case's consultants; each is entered in the
chronology (for consultants; a concern is significant), and a concern may become one action of the
response plan. Every write validates everything before writing anything, and is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from crisis.access import can_manage_case
from crisis.audit import audit_record
from crisis.models import Case, Stage, User
from crisis.services import chronology_record_automatic
from response import services as response_services

from ..models import (
    CheckAttempt,
    CheckAttemptAnswer,
    CheckOption,
    CheckQuestion,
    Course,
    KnowledgeCheck,
    Observation,
    Person,
    TrainingRecord,
)
from .base import require_training_manager

__all__ = [
    "CHECK_FIELDS",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "OBSERVATION_ACTION_DUE_DAYS",
    "OBSERVATION_FIELDS",
    "check_attempt_record",
    "check_attempt_submit",
    "check_question_create",
    "check_question_delete",
    "check_question_update",
    "knowledge_check_create",
    "knowledge_check_update",
    "observation_create",
    "observation_to_action",
    "observation_update",
]

CHECK_FIELDS = ("title", "pass_mark", "active")
MIN_OPTIONS, MAX_OPTIONS = 2, 5
OBSERVATION_FIELDS = ("kind", "observed_on", "area", "seen", "rating")
OBSERVATION_ACTION_DUE_DAYS = 28


# Knowledge checks: writing them ----------------------------------------------------------------


def _clean_check(check: KnowledgeCheck) -> None:
    check.title = (check.title or "").strip()
    if not check.title:
        raise ValidationError({"title": "Give the check a title."})
    check.full_clean(exclude=["organisation", "course"])


def _clean_question(text: str, options: Iterable[Mapping]) -> tuple[str, list[dict]]:
    """The question's text and its options, checked: 2 to 5 options with text, exactly one correct."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the question."})
    cleaned = [{"id": o.get("id"), "text": (o.get("text") or "").strip(), "correct": bool(o.get("correct"))}
               for o in options]
    cleaned = [o for o in cleaned if o["text"] or o["id"]]
    if any(not o["text"] for o in cleaned):
        raise ValidationError({"options": "Every option needs its text."})
    if not MIN_OPTIONS <= len(cleaned) <= MAX_OPTIONS:
        raise ValidationError({"options": f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options "
                                          f"({len(cleaned)} given)."})
    if len({o["text"].casefold() for o in cleaned}) != len(cleaned):
        raise ValidationError({"options": "Two options have the same text."})
    correct = sum(o["correct"] for o in cleaned)
    if correct != 1:
        raise ValidationError({"options": "Mark exactly one option as the correct answer "
                                          f"({'none is' if correct == 0 else f'{correct} are'} marked)."})
    if any(len(o["text"]) > 300 for o in cleaned):
        raise ValidationError({"options": "Keep each option under 300 characters."})
    return text, cleaned


def _add_question(check: KnowledgeCheck, text: str, options: list[dict], position: int) -> CheckQuestion:
    question = CheckQuestion.objects.create(organisation_id=check.organisation_id, knowledge_check=check, text=text,
                                            position=position)
    CheckOption.objects.bulk_create([
        CheckOption(organisation_id=check.organisation_id, question=question, text=o["text"], correct=o["correct"],
                    position=i) for i, o in enumerate(options)
    ])
    return question


@transaction.atomic
def knowledge_check_create(
    *, actor: User, course: Course, title: str = "", pass_mark: int = 80, active: bool = True,
    questions: Iterable[Mapping] = (),
) -> KnowledgeCheck:
    """A course's knowledge check (one per course), with its questions when given: each a mapping of
    "text" and "options" (mappings of "text" and "correct"). Nothing is written if one is wrong."""
    require_training_manager(actor, course.organisation_id)
    if KnowledgeCheck.objects.filter(course=course).exists():
        raise ValidationError({"course": f"“{course.title}” has a knowledge check already: edit that one."})
    check = KnowledgeCheck(organisation_id=course.organisation_id, course=course,
                           title=title or f"{course.title}: knowledge check", pass_mark=pass_mark, active=active)
    _clean_check(check)
    cleaned = []
    for number, question in enumerate(questions, start=1):
        try:
            cleaned.append(_clean_question(question.get("text", ""), question.get("options") or ()))
        except ValidationError as error:
            raise ValidationError({"questions": [f"Question {number}: {m}" for m in error.messages]}) from None
    check.save()
    for position, (text, options) in enumerate(cleaned):
        _add_question(check, text, options, position)
    audit_record(actor=actor, verb="training.check_created", obj=check,
                 summary={"course": course.title, "pass_mark": check.pass_mark, "questions": len(cleaned)})
    return check


@transaction.atomic
def knowledge_check_update(*, actor: User, check: KnowledgeCheck, **changes) -> KnowledgeCheck:
    """Title, pass mark, active. A new pass mark applies to later attempts: each attempt keeps the
    mark it was taken against."""
    require_training_manager(actor, check.organisation_id)
    unknown = set(changes) - set(CHECK_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    before = {name: getattr(check, name) for name in changes}
    for name, value in changes.items():
        setattr(check, name, value)
    _clean_check(check)
    diff = {n: {"from": before[n], "to": getattr(check, n)} for n in changes if before[n] != getattr(check, n)}
    if diff:
        check.save(update_fields=list(diff))
        audit_record(actor=actor, verb="training.check_updated", obj=check, summary=diff)
    return check


@transaction.atomic
def check_question_create(*, actor: User, check: KnowledgeCheck, text: str,
                          options: Iterable[Mapping]) -> CheckQuestion:
    """A question at the end of the check."""
    require_training_manager(actor, check.organisation_id)
    text, cleaned = _clean_question(text, options)
    last = CheckQuestion.objects.filter(knowledge_check=check).aggregate(last=Max("position"))["last"]
    question = _add_question(check, text, cleaned, 0 if last is None else last + 1)
    audit_record(actor=actor, verb="training.check_question_added", obj=check,
                 summary={"question": question.pk, "text": text[:200], "options": len(cleaned)})
    return question


@transaction.atomic
def check_question_update(*, actor: User, question: CheckQuestion, text: str,
                          options: Iterable[Mapping]) -> CheckQuestion:
    """Reword a question and its options: `options` lists each one to keep (with its "id") or add
    (without), with its text and whether it is correct; one left out is removed. An option someone
    chose in an attempt stays: past scores and answers keep what they referred to."""
    require_training_manager(actor, question.organisation_id)
    text, cleaned = _clean_question(text, options)
    existing = {o.pk: o for o in question.options.all()}
    kept_ids = set()
    for option in cleaned:
        if option["id"] is not None:
            try:
                option_id = int(option["id"])
            except (TypeError, ValueError):
                option_id = None
            if option_id not in existing:
                raise ValidationError({"options": "An option to keep is not one of this question's."})
            option["id"] = option_id
            kept_ids.add(option_id)
    removed = [o for pk, o in existing.items() if pk not in kept_ids]
    answered = set(CheckAttemptAnswer.objects.filter(option__in=removed).values_list("option_id", flat=True))
    if answered:
        names = ", ".join(f"“{o.text}”" for o in removed if o.pk in answered)
        raise ValidationError({"options": f"{names} was chosen in an attempt and cannot be removed: reword it "
                                          "instead, so past scores keep their answers."})
    for option in removed:
        option.delete()
    for position, option in enumerate(cleaned):
        if option["id"] is None:
            CheckOption.objects.create(organisation_id=question.organisation_id, question=question,
                                       text=option["text"], correct=option["correct"], position=position)
        else:
            row = existing[option["id"]]
            row.text, row.correct, row.position = option["text"], option["correct"], position
            row.save(update_fields=["text", "correct", "position"])
    before = question.text
    question.text = text
    question.save(update_fields=["text"])
    audit_record(actor=actor, verb="training.check_question_updated", obj=question.knowledge_check, summary={
        "question": question.pk, "text": {"from": before[:200], "to": text[:200]}, "options": len(cleaned),
        "removed": len(removed),
    })
    return question


@transaction.atomic
def check_question_delete(*, actor: User, question: CheckQuestion) -> None:
    """Remove a question nobody has answered yet (an answered one stays, for the scores it made)."""
    require_training_manager(actor, question.organisation_id)
    if CheckAttemptAnswer.objects.filter(question=question).exists():
        raise ValidationError("This question has been answered in an attempt: it stays, so past scores keep "
                              "their answers. Reword it, or make a new check if it no longer fits.")
    audit_record(actor=actor, verb="training.check_question_deleted", obj=question.knowledge_check,
                 summary={"question": question.pk, "text": question.text[:200]})
    question.delete()


# Knowledge checks: taking them --------------------------------------------------------------


def _passed(score: int, pass_mark: int) -> bool:
    return score >= pass_mark


@transaction.atomic
def check_attempt_submit(*, actor: User, check: KnowledgeCheck, answers: Mapping[int, int | None]) -> CheckAttempt:
    """The actor takes a check: `answers` maps each question's id to the id of the option chosen.
    Every question must be answered; the score is the share answered right, in whole percent."""
    person = Person.objects.filter(organisation_id=check.organisation_id, user_id=getattr(actor, "pk", None)).first()
    if person is None or not TrainingRecord.objects.filter(person=person, course_id=check.course_id).exists():
        raise PermissionDenied("A knowledge check is taken by the people on the staff list who took its course.")
    if not check.active:
        raise ValidationError("This knowledge check is not open at the moment.")
    questions = list(CheckQuestion.objects.filter(knowledge_check=check).prefetch_related("options")
                     .order_by("position", "id"))
    if not questions:
        raise ValidationError("This knowledge check has no questions yet.")
    chosen: dict[int, CheckOption] = {}
    missing = []
    for number, question in enumerate(questions, start=1):
        option_id = answers.get(question.pk)
        option = next((o for o in question.options.all() if str(o.pk) == str(option_id)), None)
        if option is None:
            missing.append(str(number))
        else:
            chosen[question.pk] = option
    if missing:
        raise ValidationError({"answers": f"Answer every question (not answered: {', '.join(missing)})."})
    right = sum(1 for option in chosen.values() if option.correct)
    score = round(100 * right / len(questions))
    attempt = CheckAttempt.objects.create(
        organisation_id=check.organisation_id, knowledge_check=check, person=person, score=score,
        pass_mark=check.pass_mark, passed=_passed(score, check.pass_mark), recorded_by=actor,
    )
    CheckAttemptAnswer.objects.bulk_create([
        CheckAttemptAnswer(organisation_id=check.organisation_id, attempt=attempt, question=question,
                           option=chosen[question.pk], correct=chosen[question.pk].correct)
        for question in questions
    ])
    audit_record(actor=actor, verb="training.check_taken", obj=attempt,
                 summary={"check": check.title, "score": score, "passed": attempt.passed})
    return attempt


@transaction.atomic
def check_attempt_record(*, actor: User, check: KnowledgeCheck, person: Person, score: int,
                         taken_on: dt.date) -> CheckAttempt:
    """A keeper of the organisation's training records the score of a check a person did on paper."""
    require_training_manager(actor, check.organisation_id)
    if person.organisation_id != check.organisation_id:
        raise ValidationError({"person": "Choose a person of this organisation."})
    errors = {}
    if score is None or isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        errors["score"] = f"A score is a whole percentage from 0 to 100 ({score} given)."
    if taken_on is None:
        errors["taken_on"] = "Give the date the check was done."
    elif taken_on > timezone.localdate():
        errors["taken_on"] = "The date the check was done cannot be in the future."
    if errors:
        raise ValidationError(errors)
    taken_at = timezone.make_aware(dt.datetime.combine(taken_on, dt.time(12, 0)))
    attempt = CheckAttempt.objects.create(
        organisation_id=check.organisation_id, knowledge_check=check, person=person, score=score,
        pass_mark=check.pass_mark, passed=_passed(score, check.pass_mark), paper=True, taken_at=taken_at,
        recorded_by=actor,
    )
    audit_record(actor=actor, verb="training.check_paper_recorded", obj=attempt, summary={
        "check": check.title, "person": person.full_name, "score": score, "taken_on": taken_on.isoformat(),
    })
    return attempt


# Observations and learning walks --------------------------------------------------------------


def _require_case_consultant(actor: User, case: Case) -> None:
    if not can_manage_case(user=actor, case=case):
        raise PermissionDenied("Observations and learning walks are written by the case's consultants.")


def _clean_observation(observation: Observation, case: Case) -> None:
    observation.area = (observation.area or "").strip()
    observation.seen = (observation.seen or "").strip()
    errors = {}
    if observation.observed_on is None:
        errors["observed_on"] = "Give the date of the observation."
    elif observation.observed_on > timezone.localdate():
        errors["observed_on"] = "The date of the observation cannot be in the future."
    elif observation.observed_on < case.opened_on:
        errors["observed_on"] = (f"The date cannot be before the case was opened "
                                 f"({case.opened_on:%d %b %Y}).")
    if errors:
        raise ValidationError(errors)
    observation.full_clean(exclude=["organisation", "case", "observer", "action"])


def _require_open(case: Case) -> None:
    if case.stage == Stage.CLOSED:
        raise ValidationError("The case is closed: its observations can no longer be changed.")


@transaction.atomic
def observation_create(
    *, actor: User, case: Case, observed_on: dt.date, area: str, seen: str, rating: str,
    kind: str = Observation.Kind.OBSERVATION,
) -> Observation:
    """An observation or learning walk by one of the case's consultants (the observer), entered in
    the chronology for consultants (significant when it is a concern)."""
    _require_case_consultant(actor, case)
    _require_open(case)
    observation = Observation(organisation_id=case.organisation_id, case=case, kind=kind, observed_on=observed_on,
                              area=area, seen=seen, rating=rating, observer=actor)
    _clean_observation(observation, case)
    observation.save()
    concern = observation.rating == Observation.Rating.CONCERN
    # Consultants only: what was seen may name people; leaders read it on the observations pages.
    chronology_record_automatic(
        actor=actor, case=case, title=f"{observation.get_kind_display()}: {observation.area} "
                                      f"({observation.get_rating_display().lower()})",
        occurred_at=timezone.make_aware(dt.datetime.combine(observation.observed_on, dt.time(12, 0))),
        significant=concern, shared_with_organisation=False,
    )
    audit_record(actor=actor, verb="training.observation_created", obj=observation, summary={
        "kind": observation.kind, "area": observation.area, "rating": observation.rating,
        "observed_on": observation.observed_on.isoformat(),
    })
    return observation


@transaction.atomic
def observation_update(*, actor: User, observation: Observation, **changes) -> Observation:
    """Correct an observation (its kind, date, area, what was seen, its rating)."""
    case = observation.case
    _require_case_consultant(actor, case)
    _require_open(case)
    unknown = set(changes) - set(OBSERVATION_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if (observation.action_id and "rating" in changes
            and changes["rating"] != Observation.Rating.CONCERN):
        raise ValidationError({"rating": "This concern is an action of the response plan already: it stays a "
                                         "concern."})
    before = {name: getattr(observation, name) for name in changes}
    for name, value in changes.items():
        setattr(observation, name, value)
    _clean_observation(observation, case)
    diff = {n: {"from": str(before[n]), "to": str(getattr(observation, n))}
            for n in changes if before[n] != getattr(observation, n)}
    if diff:
        observation.save(update_fields=list(diff))
        audit_record(actor=actor, verb="training.observation_updated", obj=observation, summary=diff)
    return observation


@transaction.atomic
def observation_to_action(*, actor: User, observation: Observation, due_on: dt.date | None = None):
    """A concern becomes one action of the case's response plan (no owner yet: the consultant
    assigns it), linked both ways; a second request answers with the error, not a second action."""
    _require_case_consultant(actor, observation.case)
    observation = Observation.objects.select_for_update(of=("self",)).select_related("case").get(pk=observation.pk)
    if observation.rating != Observation.Rating.CONCERN:
        raise ValidationError("Only a concern becomes an action of the response plan.")
    if observation.action_id is not None:
        raise ValidationError("This concern is an action of the response plan already.")
    action = response_services.action_create(
        actor=actor, case=observation.case,
        title=f"Address the concern seen: {observation.area}"[:200],
        description=(f"{observation.get_kind_display()} on {observation.observed_on:%d %b %Y}, "
                     f"{observation.area}:\n{observation.seen}"),
        due_on=due_on or timezone.localdate() + dt.timedelta(days=OBSERVATION_ACTION_DUE_DAYS),
    )
    observation.action = action
    observation.save(update_fields=["action"])
    audit_record(actor=actor, verb="training.observation_to_action", obj=observation,
                 summary={"action": action.pk, "title": action.title})
    return action

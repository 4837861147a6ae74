"""Reads of knowledge checks, their attempts, and a case's observations and learning walks.

Knowledge checks: those who keep an organisation's training read its checks and every attempt; a
person reads the active checks of the courses they have a record of, and only their own attempts.
Observations: a case's consultants and leaders read them (on a restricted case, those named on it);
staff read none. Anything else answers 404, as a missing row does.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from crisis.access import can_manage_case, is_active_user, is_case_leader, training_manager_condition
from crisis.models import Case, Organisation
from crisis.selectors import cases_for

from ..models import (
    CheckAttempt,
    CheckAttemptAnswer,
    CheckOption,
    CheckQuestion,
    KnowledgeCheck,
    Observation,
    Person,
    TrainingRecord,
)

__all__ = [
    "OBSERVATION_RATINGS",
    "answered_question_ids",
    "attempt_wrong_answers",
    "attempts_for",
    "can_read_observations",
    "case_observation_summary",
    "case_observations",
    "check_attempt_summary",
    "check_questions",
    "checks_for",
    "get_attempt_for",
    "get_check_question_for",
    "get_check_for",
    "get_observation_for",
    "knowledge_check_summary",
    "my_attempts",
    "my_checks",
    "observations_for",
    "organisation_checks",
    "person_attempts",
]

OBSERVATION_RATINGS = Observation.Rating


# Knowledge checks ------------------------------------------------------------------------------


def _taken_course_condition(user) -> Q:
    """Active checks of a course the user's own staff-list entry has a record of."""
    records = TrainingRecord.objects.filter(course_id=OuterRef("course_id"), person__user_id=user.pk)
    return Q(Exists(records), active=True)


def checks_for(user) -> QuerySet[KnowledgeCheck]:
    """The checks the user reads: all of the organisations whose training they keep; otherwise the
    active checks of the courses they were trained on (to take them)."""
    if not is_active_user(user):
        return KnowledgeCheck.objects.none()
    return KnowledgeCheck.objects.filter(training_manager_condition(user) | _taken_course_condition(user))


def organisation_checks(*, user, organisation: Organisation) -> QuerySet[KnowledgeCheck]:
    """The organisation's checks (for its keepers), each with its course and figures: questions,
    attempts, how many passed and the average score (one query)."""
    return (
        checks_for(user).filter(training_manager_condition(user), organisation=organisation)
        .select_related("course")
        .annotate(
            question_count=Count("questions", distinct=True),
            attempt_count=Count("attempts", distinct=True),
            passed_count=Count("attempts", filter=Q(attempts__passed=True), distinct=True),
            average_score=Avg("attempts__score"),
        )
        .order_by("title", "id")
    )


def get_check_for(*, user, pk, organisation: Organisation | None = None) -> KnowledgeCheck:
    qs = checks_for(user).select_related("organisation", "course")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    try:
        return qs.get(pk=pk)
    except (KnowledgeCheck.DoesNotExist, ValueError, TypeError):
        raise Http404("No such knowledge check.") from None


def check_questions(*, check: KnowledgeCheck) -> QuerySet[CheckQuestion]:
    """A check's questions in order, each with its options (two queries). Whether an option is
    correct is in the rows: pages for those who take the check never render it."""
    return (CheckQuestion.objects.filter(organisation_id=check.organisation_id, knowledge_check=check)
            .prefetch_related(Prefetch("options", queryset=CheckOption.objects.order_by("position", "id")))
            .order_by("position", "id"))


def answered_question_ids(*, check: KnowledgeCheck) -> set[int]:
    """The check's questions someone has answered (they stay, for the scores they made): one query."""
    return set(CheckAttemptAnswer.objects.filter(organisation_id=check.organisation_id,
                                                 question__knowledge_check=check)
               .values_list("question_id", flat=True).distinct())


def get_check_question_for(*, check: KnowledgeCheck, pk) -> CheckQuestion:
    """One question of a check the caller has already reached through `get_check_for`."""
    try:
        return check_questions(check=check).get(pk=pk)
    except (CheckQuestion.DoesNotExist, ValueError, TypeError):
        raise Http404("No such question.") from None


def attempt_wrong_answers(*, attempt: CheckAttempt) -> list[CheckAttemptAnswer]:
    """The questions answered wrongly in an attempt, in the check's order, with the answer given
    (one query). The right answer is not given: the check may be taken again."""
    return list(CheckAttemptAnswer.objects.filter(organisation_id=attempt.organisation_id, attempt=attempt,
                                                  correct=False)
                .select_related("question", "option").order_by("question__position", "question_id"))


def attempts_for(user) -> QuerySet[CheckAttempt]:
    """Attempts the user reads: every one of the organisations whose training they keep, else their own."""
    if not is_active_user(user):
        return CheckAttempt.objects.none()
    return CheckAttempt.objects.filter(training_manager_condition(user) | Q(person__user_id=user.pk))


def get_attempt_for(*, user, pk) -> CheckAttempt:
    qs = attempts_for(user).select_related("organisation", "knowledge_check", "knowledge_check__course", "person")
    try:
        return qs.get(pk=pk)
    except (CheckAttempt.DoesNotExist, ValueError, TypeError):
        raise Http404("No such attempt.") from None


def person_attempts(*, user, person: Person) -> QuerySet[CheckAttempt]:
    """One person's attempts, latest first, with their check (one query)."""
    return (attempts_for(user).filter(organisation_id=person.organisation_id, person=person)
            .select_related("knowledge_check", "knowledge_check__course").order_by("-taken_at", "-id"))


def my_attempts(user) -> QuerySet[CheckAttempt]:
    """The user's own attempts, in every organisation they are on the staff list of."""
    if not is_active_user(user):
        return CheckAttempt.objects.none()
    return (CheckAttempt.objects.filter(person__user_id=user.pk)
            .select_related("knowledge_check", "knowledge_check__course", "person").order_by("-taken_at", "-id"))


def my_checks(user) -> list[tuple[KnowledgeCheck, CheckAttempt | None]]:
    """The checks the user may take (active, of a course they have a record of), each with their
    latest attempt (two queries)."""
    if not is_active_user(user):
        return []
    checks = list(KnowledgeCheck.objects.filter(_taken_course_condition(user))
                  .select_related("course", "organisation").order_by("organisation__name", "title", "id"))
    latest: dict[int, CheckAttempt] = {}
    for attempt in CheckAttempt.objects.filter(person__user_id=user.pk,
                                               knowledge_check__in=[c.pk for c in checks]).order_by("taken_at", "id"):
        latest[attempt.knowledge_check_id] = attempt
    return [(check, latest.get(check.pk)) for check in checks]


def check_attempt_summary(*, check: KnowledgeCheck) -> dict:
    """A check's figures (one query): attempts, people, people who passed (at least once), the pass
    rate of attempts and the average score."""
    rows = CheckAttempt.objects.filter(organisation_id=check.organisation_id, knowledge_check=check).aggregate(
        n_attempts=Count("id"), n_passed=Count("id", filter=Q(passed=True)),
        n_people=Count("person", distinct=True),
        n_people_passed=Count("person", filter=Q(passed=True), distinct=True), mean=Avg("score"),
    )
    attempts = rows["n_attempts"]
    return {
        "attempts": attempts,
        "people": rows["n_people"],
        "people_passed": rows["n_people_passed"],
        "pass_rate": round(100 * rows["n_passed"] / attempts) if attempts else None,
        "average": round(rows["mean"]) if rows["mean"] is not None else None,
    }


def knowledge_check_summary(*, organisation: Organisation) -> dict:
    """For the closure report: the organisation's checks, their attempts, the people who passed one
    and the average score (two queries). Callers have already decided the reader may see it."""
    checks = KnowledgeCheck.objects.filter(organisation=organisation)
    rows = CheckAttempt.objects.filter(organisation=organisation).aggregate(
        n_attempts=Count("id"), n_passed=Count("id", filter=Q(passed=True)),
        n_people_passed=Count("person", filter=Q(passed=True), distinct=True), mean=Avg("score"),
    )
    return {
        "checks": checks.count(),
        "attempts": rows["n_attempts"],
        "attempts_passed": rows["n_passed"],
        "people_passed": rows["n_people_passed"],
        "average_score": round(rows["mean"]) if rows["mean"] is not None else None,
    }


# Observations and learning walks ------------------------------------------------------------


def can_read_observations(*, user, case: Case) -> bool:
    """The case's consultants and its leaders (named ones on a restricted case); never staff."""
    return can_manage_case(user=user, case=case) or is_case_leader(user=user, case=case)


def observations_for(user) -> QuerySet[Observation]:
    """Observations of the cases the user sees, in organisations whose consultant or leader they are."""
    if not is_active_user(user):
        return Observation.objects.none()
    return Observation.objects.filter(training_manager_condition(user), case__in=cases_for(user))


def case_observations(*, user, case: Case, rating: str | None = None) -> QuerySet[Observation]:
    qs = (observations_for(user).filter(organisation_id=case.organisation_id, case=case)
          .select_related("observer", "action").order_by("-observed_on", "-id"))
    if rating:
        qs = qs.filter(rating=rating)
    return qs


def get_observation_for(*, user, case: Case, pk) -> Observation:
    qs = observations_for(user).filter(case=case).select_related("case", "organisation", "observer", "action")
    try:
        return qs.get(pk=pk)
    except (Observation.DoesNotExist, ValueError, TypeError):
        raise Http404("No such observation.") from None


def case_observation_summary(*, case: Case, latest: int = 3) -> dict:
    """A case's observations in figures (two queries): {"total", "counts": {rating: n} for every
    rating, "labels": {rating: label}, "latest": the last few, newest first}. Callers have already
    decided the reader may see them (`can_read_observations`)."""
    counts = Counter(dict(Observation.objects.filter(organisation_id=case.organisation_id, case=case)
                          .values_list("rating").annotate(n=Count("id")).order_by()))
    return {
        "total": sum(counts.values()),
        "counts": {rating: counts.get(rating, 0) for rating in Observation.Rating.values},
        "labels": dict(Observation.Rating.choices),
        "latest": list(Observation.objects.filter(organisation_id=case.organisation_id, case=case)
                       .select_related("observer").order_by("-observed_on", "-id")[:latest]),
    }

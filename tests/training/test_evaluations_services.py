"""Knowledge checks and observations, written through the services: scores and pass marks, what an
edit may not change, who may write, and bad input refused with nothing written."""

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crisis.models import AuditEvent, ChronologyEntry, Stage
from response.models import Action
from training import selectors, services
from training.models import CheckAttempt, CheckOption, CheckQuestion, KnowledgeCheck, Observation

from .evaluation_helpers import TODAY, answers, course_with_check, trained_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


# Writing a check ---------------------------------------------------------------------------------


def test_a_check_is_written_with_its_questions_and_audited(world):
    course, check = course_with_check(world)
    assert check.organisation_id == world.org_a.pk and check.pass_mark == 80
    assert [q.text for q in selectors.check_questions(check=check)][0] == "Who do you tell first about a concern?"
    assert CheckOption.objects.filter(question__knowledge_check=check, correct=True).count() == 3
    assert AuditEvent.objects.filter(verb="training.check_created", object_id=str(check.pk)).exists()


@pytest.mark.parametrize("options,message", [
    ([{"text": "A"}, {"text": "B"}], "exactly one option as the correct answer (none is marked)"),
    ([{"text": "A", "correct": True}, {"text": "B", "correct": True}], "(2 are marked)"),
    ([{"text": "A", "correct": True}], "between 2 and 5 options (1 given)"),
    ([{"text": str(n), "correct": n == 0} for n in range(6)], "between 2 and 5 options (6 given)"),
    ([{"text": "A", "correct": True}, {"text": "a"}], "Two options have the same text"),
])
def test_a_question_needs_two_to_five_options_exactly_one_correct(world, options, message):
    course, check = course_with_check(world)
    with pytest.raises(ValidationError) as error:
        services.check_question_create(actor=world.alice, check=check, text="Which?", options=options)
    assert message in str(error.value)
    assert check.questions.count() == 3


def test_a_check_with_a_wrong_question_is_not_written_at_all(world):
    from training.models import Course

    course = Course.objects.create(organisation=world.org_a, title="DSL update", kind="dsl_update")
    with pytest.raises(ValidationError) as error:
        services.knowledge_check_create(actor=world.alice, course=course, questions=[
            {"text": "Fine", "options": [{"text": "A", "correct": True}, {"text": "B"}]},
            {"text": "No right answer", "options": [{"text": "A"}, {"text": "B"}]},
        ])
    assert "Question 2: Mark exactly one option" in str(error.value)
    assert not KnowledgeCheck.objects.filter(course=course).exists() and not CheckQuestion.objects.exists()


def test_one_check_per_course_and_a_pass_mark_from_1_to_100(world):
    course, check = course_with_check(world)
    with pytest.raises(ValidationError, match="has a knowledge check already"):
        services.knowledge_check_create(actor=world.alice, course=course)
    for mark in (0, 101):
        with pytest.raises(ValidationError):
            services.knowledge_check_update(actor=world.alice, check=check, pass_mark=mark)
    check.refresh_from_db()
    assert check.pass_mark == 80


def test_staff_and_another_organisations_consultant_cannot_write_a_check(world):
    course, check = course_with_check(world)
    for actor in (world.staff_a, world.bob, world.leader_b):
        with pytest.raises(PermissionDenied):
            services.knowledge_check_update(actor=actor, check=check, title="Mine")
        with pytest.raises(PermissionDenied):
            services.check_question_create(actor=actor, check=check, text="Q", options=[
                {"text": "A", "correct": True}, {"text": "B"}])
    # A leader of the organisation keeps its training: she may.
    services.knowledge_check_update(actor=world.leader_a, check=check, title="Safeguarding: what to do")
    assert KnowledgeCheck.objects.get(pk=check.pk).title == "Safeguarding: what to do"


# Taking a check ----------------------------------------------------------------------------------


def test_the_score_is_the_share_answered_right_and_passes_at_the_pass_mark(world):
    course, check = course_with_check(world, pass_mark=60)
    trained_person(world, course, user=world.staff_a)
    attempt = services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=2))
    assert (attempt.score, attempt.passed, attempt.pass_mark) == (67, True, 60)
    wrong = selectors.attempt_wrong_answers(attempt=attempt)
    assert [a.question.text for a in wrong] == ["When do you write the concern down?"]
    attempt = services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=1))
    assert (attempt.score, attempt.passed) == (33, False)
    assert AuditEvent.objects.filter(verb="training.check_taken").count() == 2


def test_every_question_must_be_answered_with_one_of_its_options(world):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    given = answers(check, right=3)
    first, second, third = list(given)
    with pytest.raises(ValidationError, match=r"not answered: 2\)"):
        services.check_attempt_submit(actor=world.staff_a, check=check, answers={first: given[first],
                                                                                 third: given[third]})
    # An option of another question does not answer this one.
    with pytest.raises(ValidationError, match=r"not answered: 1\)"):
        services.check_attempt_submit(actor=world.staff_a, check=check, answers={**given, first: given[second]})
    assert not CheckAttempt.objects.exists()


def test_only_someone_who_took_the_course_takes_its_check(world):
    course, check = course_with_check(world)
    for actor in (world.staff_a, world.leader_a, world.staff_b):
        with pytest.raises(PermissionDenied):
            services.check_attempt_submit(actor=actor, check=check, answers=answers(check, right=3))
    assert not CheckAttempt.objects.exists()


def test_correcting_a_check_keeps_past_scores_and_an_answered_question_stays(world):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    attempt = services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=3))
    question = check.questions.order_by("position").first()
    options = list(question.options.all())
    # The correct answer changes: the past attempt keeps its 100%.
    services.check_question_update(actor=world.alice, question=question, text=question.text, options=[
        {"id": options[0].pk, "text": options[0].text, "correct": False},
        {"id": options[1].pk, "text": options[1].text, "correct": True},
        {"id": options[2].pk, "text": options[2].text},
    ])
    services.knowledge_check_update(actor=world.alice, check=check, pass_mark=100)
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.pass_mark) == (100, True, 80)
    assert selectors.attempt_wrong_answers(attempt=attempt) == []
    # The option chosen cannot go, nor the question; an option nobody chose can.
    with pytest.raises(ValidationError, match="“The DSL” was chosen in an attempt"):
        services.check_question_update(actor=world.alice, question=question, text=question.text, options=[
            {"id": options[1].pk, "text": options[1].text, "correct": True},
            {"id": options[2].pk, "text": options[2].text},
        ])
    with pytest.raises(ValidationError, match="has been answered"):
        services.check_question_delete(actor=world.alice, question=question)
    services.check_question_update(actor=world.alice, question=question, text="Who do you tell first?", options=[
        {"id": options[0].pk, "text": options[0].text, "correct": True},
        {"id": options[1].pk, "text": options[1].text},
    ])
    assert list(question.options.values_list("text", flat=True)) == ["The DSL", "The parents"]
    # A question nobody answered is removed.
    new = services.check_question_create(actor=world.alice, check=check, text="New?", options=[
        {"text": "A", "correct": True}, {"text": "B"}])
    services.check_question_delete(actor=world.alice, question=new)
    assert not CheckQuestion.objects.filter(pk=new.pk).exists()


def test_a_paper_score_is_recorded_by_a_keeper(world):
    course, check = course_with_check(world)
    person = trained_person(world, course)
    attempt = services.check_attempt_record(actor=world.leader_a, check=check, person=person, score=85,
                                            taken_on=TODAY - dt.timedelta(days=2))
    assert (attempt.score, attempt.passed, attempt.paper) == (85, True, True)
    assert attempt.taken_at.date() == TODAY - dt.timedelta(days=2)
    with pytest.raises(PermissionDenied):
        services.check_attempt_record(actor=world.staff_a, check=check, person=person, score=85, taken_on=TODAY)


@pytest.mark.parametrize("score,taken_on,message", [
    (120, TODAY, "from 0 to 100 (120 given)"),
    (-1, TODAY, "from 0 to 100 (-1 given)"),
    (50, TODAY + dt.timedelta(days=1), "cannot be in the future"),
    (50, None, "Give the date"),
])
def test_a_paper_score_out_of_range_or_in_the_future_is_refused(world, score, taken_on, message):
    course, check = course_with_check(world)
    person = trained_person(world, course)
    with pytest.raises(ValidationError, match=re.escape(message)):
        services.check_attempt_record(actor=world.alice, check=check, person=person, score=score, taken_on=taken_on)
    assert not CheckAttempt.objects.exists()


def test_a_paper_score_is_for_a_person_of_the_same_organisation(world):
    course, check = course_with_check(world)
    other_course, _ = course_with_check(world, organisation=world.org_b, actor=world.bob, title="Club safeguarding")
    outsider = trained_person(world, other_course, name="Sid Swimmer")
    with pytest.raises(ValidationError, match="person of this organisation"):
        services.check_attempt_record(actor=world.alice, check=check, person=outsider, score=90, taken_on=TODAY)


def test_the_closure_summary_counts_checks_attempts_and_people_who_passed(world):
    course, check = course_with_check(world)
    sam = trained_person(world, course)
    pat = trained_person(world, course, name="Pat Porter")
    for person, score in ((sam, 40), (sam, 90), (pat, 70)):
        services.check_attempt_record(actor=world.alice, check=check, person=person, score=score, taken_on=TODAY)
    assert selectors.knowledge_check_summary(organisation=world.org_a) == {
        "checks": 1, "attempts": 3, "attempts_passed": 1, "people_passed": 1, "average_score": 67,
    }
    assert selectors.check_attempt_summary(check=check) == {
        "attempts": 3, "people": 2, "people_passed": 1, "pass_rate": 33, "average": 67,
    }
    assert selectors.knowledge_check_summary(organisation=world.org_b)["attempts"] == 0


# Observations ------------------------------------------------------------------------------------


def _observe(world, case=None, **changes):
    values = {"kind": "learning_walk", "observed_on": TODAY, "area": "Year 9 corridor at lunch",
              "seen": "Staff on duty at both ends; pupils knew who the DSL was.", "rating": "working_well"}
    return services.observation_create(actor=world.alice, case=case or world.case_a, **{**values, **changes})


def test_an_observation_is_recorded_in_the_chronology_and_a_concern_is_significant(world):
    before = ChronologyEntry.objects.filter(case=world.case_a).count()
    good = _observe(world)
    concern = _observe(world, area="Reception and signing-in", rating="concern", kind="observation")
    entries = ChronologyEntry.objects.filter(case=world.case_a).order_by("id")[before:]
    assert [(e.title, e.significant, e.shared_with_organisation) for e in entries] == [
        ("Learning walk: Year 9 corridor at lunch (working well)", False, False),
        ("Observation: Reception and signing-in (concern)", True, False),
    ]
    assert good.observer == world.alice and concern.organisation_id == world.org_a.pk
    assert AuditEvent.objects.filter(verb="training.observation_created", case=world.case_a).count() == 2


@pytest.mark.parametrize("changes,message", [
    ({"observed_on": TODAY + dt.timedelta(days=1)}, "cannot be in the future"),
    ({"observed_on": dt.date(2000, 1, 1)}, "before the case was opened"),
    ({"area": "  "}, "area"),
    ({"rating": "excellent"}, "rating"),
])
def test_bad_observations_are_refused_and_nothing_is_written(world, changes, message):
    chronology = ChronologyEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        _observe(world, **changes)
    assert message in str(error.value)
    assert not Observation.objects.exists() and ChronologyEntry.objects.count() == chronology


def test_only_the_cases_consultants_write_observations(world):
    for actor in (world.leader_a, world.staff_a, world.bob):
        with pytest.raises(PermissionDenied):
            services.observation_create(actor=actor, case=world.case_a, observed_on=TODAY, area="Hall", seen="x",
                                        rating="concern")
    # Carol is assigned to the organisation but not named on the restricted case.
    with pytest.raises(PermissionDenied):
        services.observation_create(actor=world.carol, case=world.restricted_a, observed_on=TODAY, area="Hall",
                                    seen="x", rating="concern")
    observation = _observe(world)
    with pytest.raises(PermissionDenied):
        services.observation_update(actor=world.leader_a, observation=observation, rating="concern")


def test_a_concern_becomes_one_action_of_the_plan(world):
    concern = _observe(world, area="Staff room noticeboard", seen="The DSL's name is out of date.", rating="concern")
    action = services.observation_to_action(actor=world.alice, observation=concern)
    concern.refresh_from_db()
    assert concern.action == action and action.case == world.case_a and action.owner is None
    assert action.title == "Address the concern seen: Staff room noticeboard"
    assert "The DSL's name is out of date." in action.description
    with pytest.raises(ValidationError, match="already"):
        services.observation_to_action(actor=world.alice, observation=concern)
    with pytest.raises(ValidationError, match="Only a concern"):
        services.observation_to_action(actor=world.alice, observation=_observe(world))
    with pytest.raises(ValidationError, match="stays a concern"):
        services.observation_update(actor=world.alice, observation=concern, rating="developing")
    assert Action.objects.filter(case=world.case_a, title__startswith="Address the concern").count() == 1


def test_a_closed_cases_observations_are_not_changed(world):
    observation = _observe(world)
    world.case_a.stage = Stage.CLOSED
    with pytest.raises(ValidationError, match="closed"):
        services.observation_update(actor=world.alice, observation=observation, area="Hall")


def test_the_case_summary_counts_by_rating_and_lists_the_latest_three(world):
    for n, rating in enumerate(["concern", "developing", "working_well", "working_well"]):
        _observe(world, area=f"Area {n}", rating=rating)
    _observe(world, case=world.restricted_a, rating="concern")
    summary = selectors.case_observation_summary(case=world.case_a)
    assert summary["total"] == 4
    assert summary["counts"] == {"working_well": 2, "developing": 1, "concern": 1}
    assert [o.area for o in summary["latest"]] == ["Area 3", "Area 2", "Area 1"]

"""The knowledge checks and observations API: who reads what (the correct answers only for keepers;
a person their own scores), bad input answered 400 with nothing written, and flat query counts."""

import pytest
from django.urls import reverse

from training import services
from training.models import CheckAttempt, KnowledgeCheck, Observation

from .evaluation_helpers import QUESTIONS, TODAY, course_with_check, trained_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def test_a_keeper_writes_a_check_with_its_questions(world, login):
    from training.models import Course

    course = Course.objects.create(organisation=world.org_a, title="DSL update", kind="dsl_update")
    response = login(world.leader_a).post(reverse("api-training-checks", args=[world.org_a.pk]), {
        "course": course.pk, "pass_mark": 70, "questions": QUESTIONS}, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["pass_mark"] == 70 and len(data["questions"]) == 3
    assert [o["correct"] for o in data["questions"][0]["options"]] == [True, False, False]
    listed = login(world.alice).get(reverse("api-training-checks", args=[world.org_a.pk])).json()
    assert [c["title"] for c in listed["results"]] == ["DSL update: knowledge check"]


@pytest.mark.parametrize("questions,message", [
    ([{"text": "Q", "options": [{"text": "A"}, {"text": "B"}]}], "Mark exactly one option"),
    ([{"text": "Q", "options": [{"text": "A", "correct": True}, {"text": "B", "correct": True}]}], "(2 are marked)"),
])
def test_a_check_without_one_correct_option_is_a_400_and_nothing_is_written(world, login, questions, message):
    from training.models import Course

    course = Course.objects.create(organisation=world.org_a, title="DSL update", kind="dsl_update")
    response = login(world.alice).post(reverse("api-training-checks", args=[world.org_a.pk]), {
        "course": course.pk, "questions": questions}, content_type="application/json")
    assert response.status_code == 400 and message in response.content.decode()
    assert not KnowledgeCheck.objects.exists()


def test_the_person_reads_the_check_without_the_correct_answers(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    url = reverse("api-training-check-detail", args=[check.pk])
    options = [o for q in login(world.staff_a).get(url).json()["questions"] for o in q["options"]]
    assert len(options) == 7 and all(o["correct"] is None for o in options)
    assert login(world.staff_a).patch(url, {"pass_mark": 10}, content_type="application/json").status_code == 403
    assert login(world.bob).get(url).status_code == 404
    assert login(world.staff_b).get(url).status_code == 404


def test_attempts_the_persons_own_and_every_one_for_keepers(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    other = trained_person(world, course, name="Pat Porter")
    services.check_attempt_record(actor=world.alice, check=check, person=other, score=55, taken_on=TODAY)
    mine = login(world.staff_a).get(reverse("api-training-my-attempts")).json()
    assert mine["count"] == 0
    url = reverse("api-training-check-attempts", args=[check.pk])
    assert login(world.staff_a).get(url).status_code == 403
    response = login(world.alice).post(url, {"person": other.pk, "score": 90, "taken_on": TODAY.isoformat()},
                                       content_type="application/json")
    assert response.status_code == 201 and response.json()["passed"] is True
    assert [a["score"] for a in login(world.leader_a).get(url).json()["results"]] == [90, 55]
    assert login(world.bob).get(url).status_code == 404


def test_a_paper_score_of_120_is_a_400_and_nothing_is_written(world, login):
    course, check = course_with_check(world)
    person = trained_person(world, course)
    response = login(world.alice).post(reverse("api-training-check-attempts", args=[check.pk]), {
        "person": person.pk, "score": 120, "taken_on": TODAY.isoformat()}, content_type="application/json")
    assert response.status_code == 400 and "from 0 to 100 (120 given)" in response.content.decode()
    assert not CheckAttempt.objects.exists()


def test_my_attempts_list_only_mine(world, login):
    course, check = course_with_check(world)
    me = trained_person(world, course, user=world.staff_a)
    services.check_attempt_record(actor=world.alice, check=check, person=me, score=80, taken_on=TODAY)
    services.check_attempt_record(actor=world.alice, check=check, person=trained_person(world, course, name="Pat"),
                                  score=20, taken_on=TODAY)
    results = login(world.staff_a).get(reverse("api-training-my-attempts")).json()["results"]
    assert [(a["score"], a["person_name"]) for a in results] == [(80, "Sam Staff")]


def test_observations_through_the_api(world, login):
    url = reverse("api-observations", args=[world.case_a.reference])
    body = {"kind": "learning_walk", "observed_on": TODAY.isoformat(), "area": "Reception and signing-in",
            "seen": "No ID checked.", "rating": "concern"}
    assert login(world.leader_a).post(url, body, content_type="application/json").status_code == 403
    response = login(world.alice).post(url, body, content_type="application/json")
    assert response.status_code == 201
    pk = response.json()["id"]
    assert [o["area"] for o in login(world.leader_a).get(url).json()["results"]] == ["Reception and signing-in"]
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.bob).get(url).status_code == 404
    assert login(world.alice).get(url, {"rating": "great"}).status_code == 400
    detail = reverse("api-observation-detail", args=[world.case_a.reference, pk])
    response = login(world.alice).patch(detail, {"seen": "No ID checked at 8:40."}, content_type="application/json")
    assert response.status_code == 200 and response.json()["seen"] == "No ID checked at 8:40."
    action_url = reverse("api-observation-action", args=[world.case_a.reference, pk])
    response = login(world.alice).post(action_url)
    assert response.status_code == 201 and Observation.objects.get(pk=pk).action_id == response.json()["action"]
    assert login(world.alice).post(action_url).status_code == 400


def test_a_future_observation_is_a_400_and_nothing_is_written(world, login):
    import datetime as dt

    response = login(world.alice).post(reverse("api-observations", args=[world.case_a.reference]), {
        "observed_on": (TODAY + dt.timedelta(days=2)).isoformat(), "area": "Hall", "seen": "x",
        "rating": "developing"}, content_type="application/json")
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    assert not Observation.objects.exists()

"""The knowledge checks and observations pages: a person takes a check from "My training" and sees
their score and what they got wrong (never the right answers in the form); keepers write checks and
read everyone's scores; staff read only their own; a case's observations are read by its consultants
and leaders and written by its consultants; query counts stay flat."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from training import services
from training.models import CheckAttempt, KnowledgeCheck, Observation, Person, TrainingRecord

from .evaluation_helpers import TODAY, answers, course_with_check, trained_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Taking a check ----------------------------------------------------------------------------------


def test_my_training_lists_the_checks_of_my_courses_with_my_latest_score(world, login):
    course, check = course_with_check(world)
    course_with_check(world, title="Online safety")  # a course Sam did not take: not listed
    trained_person(world, course, user=world.staff_a)
    client = login(world.staff_a)
    body = client.get(reverse("training:my_training")).content.decode()
    assert "Knowledge checks" in body and check.title in body and "Not taken yet" in body
    assert "Online safety" not in body
    services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=2))
    body = client.get(reverse("training:my_training")).content.decode()
    assert "67%, not passed" in body and "Take it again" in body


def test_the_check_form_never_shows_which_answer_is_correct(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    response = login(world.staff_a).get(reverse("training:my_check", args=[check.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Who do you tell first about a concern?" in body and 'type="radio"' in body
    assert "correct" not in body.lower() and "✓" not in body
    assert "Submit my answers" in body


def test_submitting_shows_the_score_pass_or_fail_and_the_questions_answered_wrongly(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    chosen = answers(check, right=2)
    response = login(world.staff_a).post(reverse("training:my_check", args=[check.pk]),
                                         {f"q{q}": o for q, o in chosen.items()}, follow=True)
    body = response.content.decode()
    attempt = CheckAttempt.objects.get()
    assert (attempt.score, attempt.passed) == (67, False)
    assert "67%: not passed" in body and "The pass mark was 80%." in body
    assert "Answered wrongly (1)" in body and "When do you write the concern down?" in body
    assert "Your answer: At the end of term" in body
    assert "Who do you tell first about a concern?" not in body  # answered right: not listed


def test_an_unanswered_question_is_a_form_error_and_nothing_is_written(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    chosen = list(answers(check, right=3).items())[:2]
    response = login(world.staff_a).post(reverse("training:my_check", args=[check.pk]),
                                         {f"q{q}": o for q, o in chosen})
    assert response.status_code == 400 and "Choose an answer." in response.content.decode()
    assert not CheckAttempt.objects.exists()


def test_staff_never_see_another_persons_score_and_outsiders_get_404(world, login):
    course, check = course_with_check(world)
    other = trained_person(world, course, name="Pat Porter")
    attempt = services.check_attempt_record(actor=world.alice, check=check, person=other, score=55, taken_on=TODAY)
    trained_person(world, course, user=world.staff_a)
    url = reverse("training:my_attempt", args=[attempt.pk])
    for user in (world.staff_a, world.bob, world.leader_b, world.staff_b):
        assert login(user).get(url).status_code == 404
    # The person's own attempt opens for them; the keepers read everyone's.
    assert "55%: not passed" in login(world.leader_a).get(url).content.decode()
    # Staff who did not take the course cannot open the check; another organisation gets 404.
    assert login(world.staff_b).get(reverse("training:my_check", args=[check.pk])).status_code == 404
    assert login(world.bob).post(reverse("training:my_check", args=[check.pk]), {}).status_code == 404


def test_a_keeper_sees_the_check_as_it_is_taken_but_cannot_take_it(world, login):
    course, check = course_with_check(world)
    client = login(world.alice)
    body = client.get(reverse("training:my_check", args=[check.pk])).content.decode()
    assert "you cannot take it yourself" in body and "Submit my answers" not in body
    assert client.post(reverse("training:my_check", args=[check.pk]), {}).status_code == 403


# Writing checks, paper scores, course and person pages -----------------------------------------------


def test_a_leader_writes_a_check_and_its_questions_from_the_course_page(world, login):
    from training.models import Course

    course = Course.objects.create(organisation=world.org_a, title="DSL update", kind="dsl_update")
    client = login(world.leader_a)
    body = client.get(reverse("training:course_detail", args=[world.org_a.pk, course.pk])).content.decode()
    assert "Write a knowledge check" in body
    response = client.post(reverse("training:check_create", args=[world.org_a.pk, course.pk]),
                           {"title": "", "pass_mark": "75", "active": "on"})
    check = KnowledgeCheck.objects.get(course=course)
    assert response.status_code == 302 and check.title == "DSL update: knowledge check" and check.pass_mark == 75
    url = reverse("training:check_question_create", args=[world.org_a.pk, check.pk])
    response = client.post(url, {"text": "Who is the DSL?", "option_1": "Ms Khan", "option_2": "Mr Lee",
                                 "correct": "1"})
    assert response.status_code == 302
    body = client.get(reverse("training:check_detail", args=[world.org_a.pk, check.pk])).content.decode()
    assert "Who is the DSL?" in body and "✓ Ms Khan" in body and "Remove question 1" in body


def test_an_answered_question_is_not_offered_for_removal_and_is_refused(world, login):
    course, check = course_with_check(world)
    trained_person(world, course, user=world.staff_a)
    services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=3))
    client = login(world.alice)
    body = client.get(reverse("training:check_detail", args=[world.org_a.pk, check.pk])).content.decode()
    assert "Remove question" not in body and body.count("Answered in an attempt: it stays.") == 3
    question = check.questions.first()
    response = client.post(reverse("training:check_question_delete", args=[world.org_a.pk, check.pk, question.pk]),
                           follow=True)
    assert "has been answered in an attempt" in response.content.decode() and check.questions.count() == 3


def test_a_question_is_reworded_on_its_page_and_an_emptied_option_removed(world, login):
    course, check = course_with_check(world)
    question = check.questions.order_by("position").first()
    client = login(world.leader_a)
    url = reverse("training:check_question_edit", args=[world.org_a.pk, check.pk, question.pk])
    body = client.get(url).content.decode()
    assert 'value="The DSL"' in body and 'value="Nobody"' in body
    response = client.post(url, {"text": "Who do you tell first?", "option_1": "The DSL (Ms Khan)",
                                 "option_2": "The parents", "option_3": "", "correct": "1"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Who do you tell first?"
    assert [(o.text, o.correct) for o in question.options.all()] == [("The DSL (Ms Khan)", True),
                                                                      ("The parents", False)]


@pytest.mark.parametrize("data,message", [
    ({"text": "Q", "option_1": "A", "option_2": "B"}, "Mark exactly one option as the correct answer"),
    ({"text": "Q", "option_1": "A", "correct": "1"}, "Give between 2 and 5 options (1 given)."),
])
def test_a_question_without_one_correct_answer_is_refused_on_the_page(world, login, data, message):
    course, check = course_with_check(world)
    response = login(world.alice).post(reverse("training:check_question_create", args=[world.org_a.pk, check.pk]),
                                       data)
    assert response.status_code == 400 and message in response.content.decode()
    assert check.questions.count() == 3


def test_a_pass_mark_over_100_is_refused(world, login):
    course, check = course_with_check(world)
    response = login(world.alice).post(reverse("training:check_detail", args=[world.org_a.pk, check.pk]),
                                       {"title": check.title, "pass_mark": "120", "active": "on"})
    assert response.status_code == 400 and "less than or equal to 100" in response.content.decode()
    check.refresh_from_db()
    assert check.pass_mark == 80


def test_a_paper_score_is_recorded_on_the_page_and_120_is_refused(world, login):
    course, check = course_with_check(world)
    person = trained_person(world, course, name="Pat Porter")
    client = login(world.alice)
    url = reverse("training:check_record", args=[world.org_a.pk, check.pk])
    response = client.post(url, {"person": person.pk, "score": "120", "taken_on": TODAY.isoformat()})
    assert response.status_code == 400 and "from 0 to 100 (120 given)" in response.content.decode()
    response = client.post(url, {"person": person.pk, "score": "90",
                                 "taken_on": (TODAY + dt.timedelta(days=3)).isoformat()})
    assert response.status_code == 400 and "cannot be in the future" in response.content.decode()
    assert not CheckAttempt.objects.exists()
    response = client.post(url, {"person": person.pk, "score": "90", "taken_on": TODAY.isoformat()}, follow=True)
    assert "Pat Porter: 90% recorded (passed)." in response.content.decode()


def test_staff_get_403_on_the_check_pages_and_another_organisation_404(world, login):
    course, check = course_with_check(world)
    url = reverse("training:check_detail", args=[world.org_a.pk, check.pk])
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.bob).get(url).status_code == 404
    assert login(world.bob).get(reverse("training:check_detail", args=[world.org_b.pk, check.pk])).status_code == 404


def test_the_course_page_summarises_the_check_and_the_person_page_lists_attempts(world, login):
    course, check = course_with_check(world)
    sam, pat = trained_person(world, course), trained_person(world, course, name="Pat Porter")
    for person, score in ((sam, 40), (sam, 90), (pat, 70)):
        services.check_attempt_record(actor=world.alice, check=check, person=person, score=score, taken_on=TODAY)
    client = login(world.leader_a)
    body = client.get(reverse("training:course_detail", args=[world.org_a.pk, course.pk])).content.decode()
    assert check.title in body and "<dt>Pass rate</dt><dd>33%</dd>" in body and "<dd>67%</dd>" in body
    body = client.get(reverse("training:person_detail", args=[world.org_a.pk, sam.pk])).content.decode()
    assert "Knowledge checks" in body and "40%" in body and "90%" in body and "70%" not in body


def test_the_check_list_course_and_person_pages_read_the_same_queries_for_many_attempts(world, login):
    course, check = course_with_check(world)
    person = trained_person(world, course)
    client = login(world.alice)
    urls = [reverse("training:course_detail", args=[world.org_a.pk, course.pk]),
            reverse("training:check_detail", args=[world.org_a.pk, check.pk]),
            reverse("training:person_detail", args=[world.org_a.pk, person.pk]),
            reverse("api-training-checks", args=[world.org_a.pk])]

    def grow(n):
        for i in range(n):
            services.check_attempt_record(actor=world.alice, check=check, person=person, score=50 + i,
                                          taken_on=TODAY)
            other, _ = course_with_check(world, title=f"Course {person.pk}-{i}-{n}")

    grow(2)
    small = [_count(client, url) for url in urls]
    grow(6)
    assert [_count(client, url) for url in urls] == small


def test_my_training_reads_the_same_queries_for_many_checks(world, login):
    client = login(world.staff_a)
    person = Person.objects.create(organisation=world.org_a, full_name="Sam Staff", user=world.staff_a)

    def grow(n, start):
        for i in range(start, start + n):
            course, check = course_with_check(world, title=f"Course {i}")
            TrainingRecord.objects.create(organisation=world.org_a, person=person, course=course,
                                          completed_on=TODAY, recorded_by=world.alice)
            services.check_attempt_submit(actor=world.staff_a, check=check, answers=answers(check, right=i % 4))

    grow(1, 0)
    small = _count(client, reverse("training:my_training"))
    grow(4, 1)
    assert _count(client, reverse("training:my_training")) == small


# Observations ------------------------------------------------------------------------------------


def _observe(world, case=None, **changes):
    values = {"kind": "observation", "observed_on": TODAY, "area": "Reception and signing-in",
              "seen": "Visitors were not asked for ID.", "rating": "concern"}
    return services.observation_create(actor=world.alice, case=case or world.case_a, **{**values, **changes})


def test_a_consultant_records_an_observation_and_turns_the_concern_into_an_action(world, login):
    client = login(world.alice)
    response = client.post(reverse("training:observation_create", args=[world.case_a.reference]), {
        "kind": "learning_walk", "observed_on": TODAY.isoformat(), "area": "Staff room noticeboard",
        "seen": "The DSL poster names last year's DSL.", "rating": "concern"})
    observation = Observation.objects.get()
    assert response.status_code == 302
    body = client.get(response.url).content.decode()
    assert "Staff room noticeboard" in body and "Turn this concern into an action" in body
    response = client.post(reverse("training:observation_action", args=[world.case_a.reference, observation.pk]),
                           follow=True)
    observation.refresh_from_db()
    body = response.content.decode()
    assert observation.action is not None and "Address the concern seen: Staff room noticeboard" in body
    assert "Turn this concern into an action" not in body


def test_a_future_date_is_a_form_error_and_nothing_is_written(world, login):
    response = login(world.alice).post(reverse("training:observation_create", args=[world.case_a.reference]), {
        "kind": "observation", "observed_on": (TODAY + dt.timedelta(days=1)).isoformat(), "area": "Hall",
        "seen": "x", "rating": "developing"})
    assert response.status_code == 400
    assert "The date of the observation cannot be in the future." in response.content.decode()
    assert not Observation.objects.exists()


def test_leaders_read_observations_staff_get_403_and_another_organisation_404(world, login):
    observation = _observe(world)
    list_url = reverse("training:observation_list", args=[world.case_a.reference])
    detail_url = reverse("training:observation_detail", args=[world.case_a.reference, observation.pk])
    body = login(world.leader_a).get(detail_url).content.decode()
    assert "Visitors were not asked for ID." in body and "Turn this concern" not in body and "Edit" not in body
    assert login(world.leader_a).get(reverse("training:observation_create", args=[world.case_a.reference])
                                     ).status_code == 403
    for url in (list_url, detail_url):
        assert login(world.staff_a).get(url).status_code == 403
        assert login(world.bob).get(url).status_code == 404
    # The restricted case: the leader named on it reads it, the unnamed one does not see the case.
    restricted = _observe(world, case=world.restricted_a)
    url = reverse("training:observation_detail", args=[world.restricted_a.reference, restricted.pk])
    assert login(world.leader_a).get(url).status_code == 200
    assert login(world.unnamed_leader_a).get(url).status_code == 404
    assert login(world.carol).get(url).status_code == 404


def test_the_list_filters_by_rating_and_the_panel_counts(world, login):
    _observe(world)
    _observe(world, area="Year 9 corridor at lunch", rating="working_well")
    client = login(world.alice)
    url = reverse("training:observation_list", args=[world.case_a.reference])
    body = client.get(url, {"rating": "working_well"}).content.decode()
    assert "Year 9 corridor at lunch" in body and "Reception and signing-in" not in body
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    for user, shown in ((world.leader_a, True), (world.staff_a, False)):
        request.user = user
        html = Template("{% load training %}{% observations_panel case %}").render(
            Context({"request": request, "case": world.case_a}))
        assert ("Concern: 1" in html and "Working well: 1" in html) is shown
        assert ("Year 9 corridor at lunch" in html) is shown


def test_the_observation_list_reads_the_same_queries_for_5_and_30(world, login):
    client = login(world.alice)
    url = reverse("training:observation_list", args=[world.case_a.reference])
    api_url = reverse("api-observations", args=[world.case_a.reference])

    def grow(n):
        for i in range(n):
            observation = _observe(world, area=f"Area {i}", rating=["concern", "developing", "working_well"][i % 3])
            if i % 3 == 0:
                services.observation_to_action(actor=world.alice, observation=observation)

    grow(5)
    small = (_count(client, url), _count(client, api_url))
    grow(25)
    assert (_count(client, url), _count(client, api_url)) == small


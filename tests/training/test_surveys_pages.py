"""The survey pages and API: consultants run surveys, the case's leaders read aggregated results and
the comments marked shareable, staff get 403; the threshold holds on every route; lists and results
take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis.models import AuditEvent, Case, Stage
from response import services as response_services
from training.models import Survey, SurveyComment

from .survey_helpers import TODAY, answer, link_of, open_survey, rerun

pytestmark = pytest.mark.django_db
NOT_ENOUGH = "Not enough responses yet to show results without identifying anyone"


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _detail(survey):
    return reverse("training:survey_detail", args=[survey.case.reference, survey.pk])


def test_a_consultant_creates_a_survey_from_the_bank(world, login):
    client = login(world.alice)
    url = reverse("training:survey_create", args=[world.case_a.reference])
    assert "Fewest responses to show" in client.get(url).content.decode()
    response = client.post(url, {"title": "Baseline culture survey", "groups": ["staff", "parents"],
                                 "opens_on": TODAY, "closes_on": TODAY, "min_responses": 5})
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(survey)
    assert survey.groups == ["staff", "parents"] and survey.status == "draft"
    client.post(reverse("training:survey_open", args=[world.case_a.reference, survey.pk]))
    body = client.get(_detail(survey)).content.decode()
    assert "/training/s/" in body and link_of(survey).token in body and "Revoke" in body


def test_a_threshold_below_three_is_a_clear_error_and_nothing_is_written(world, login):
    response = login(world.alice).post(reverse("training:survey_create", args=[world.case_a.reference]), {
        "title": "Small", "groups": ["staff"], "opens_on": TODAY, "closes_on": TODAY, "min_responses": 2})
    assert response.status_code == 400
    assert "at least 3 responses" in response.content.decode()
    assert not Survey.objects.exists()


def test_the_api_refuses_a_threshold_below_three(world, login):
    before = AuditEvent.objects.count()
    response = login(world.alice).post(reverse("api-case-surveys", args=[world.case_a.reference]), {
        "title": "Small", "groups": ["staff"], "opens_on": TODAY, "closes_on": TODAY, "min_responses": 2},
        content_type="application/json")
    assert response.status_code == 400 and "at least 3 responses" in str(response.json())
    assert not Survey.objects.exists() and AuditEvent.objects.count() == before


def test_leaders_read_results_but_not_links_and_cannot_run_surveys(world, login):
    survey = open_survey(world)
    answer(survey, n=3, value=4)
    client = login(world.leader_a)
    body = client.get(_detail(survey)).content.decode()
    assert "Key questions: <strong>4.0 of 5</strong>" in body
    assert link_of(survey).token not in body and "Revoke" not in body
    assert client.post(reverse("training:survey_close", args=[world.case_a.reference, survey.pk])).status_code == 403
    assert client.get(reverse("training:survey_create", args=[world.case_a.reference])).status_code == 403
    assert client.get(reverse("api-survey-links", args=[survey.pk])).status_code == 403
    survey.refresh_from_db()
    assert survey.status == "open"


@pytest.mark.parametrize("name", ["training:survey_list", "api-case-surveys"])
def test_staff_see_nothing_of_surveys(world, login, name):
    survey = open_survey(world)
    client = login(world.staff_a)
    assert client.get(reverse(name, args=[world.case_a.reference])).status_code == 403
    assert client.get(_detail(survey)).status_code == 403
    assert client.get(reverse("api-survey-results", args=[survey.pk])).status_code == 404


def test_the_threshold_holds_on_the_page_and_the_api(world, login):
    survey = open_survey(world, groups=["staff", "parents"])
    answer(survey, n=3, value=5)
    answer(survey, n=2, value=1, group="parents")
    for who in (world.alice, world.leader_a):
        client = login(who)
        body = client.get(_detail(survey)).content.decode()
        parents = body[body.index('data-group="parents"'):]
        assert NOT_ENOUGH in parents and "1.0" not in parents
        data = client.get(reverse("api-survey-results", args=[survey.pk])).json()
        groups = {g["group"]: g for g in data["groups"]}
        assert groups["staff"]["shown"] and groups["staff"]["questions"][0]["mean"] == 5.0
        assert not groups["parents"]["shown"] and groups["parents"]["questions"] == []
        assert groups["parents"]["key_score"] is None and groups["parents"]["message"].startswith(NOT_ENOUGH)
        assert [p["round"] for g in data["trend"] if g["group"] == "parents" for p in g["points"]] == []


def test_the_trend_and_the_panel_count_only_rounds_at_the_threshold(world, login):
    baseline = open_survey(world)
    answer(baseline, n=3, value=2)
    checkpoint = rerun(world, baseline)
    answer(checkpoint, n=3, value=4)
    body = login(world.leader_a).get(_detail(checkpoint)).content.decode()
    assert "Trend across the series" in body and "Baseline 2.0, Checkpoint 4.0" in body
    Case.objects.filter(pk=world.case_a.pk).update(stage=Stage.RECOVERY)
    case_page = login(world.leader_a).get(world.case_a.get_absolute_url()).content.decode()
    assert "Culture and confidence surveys" in case_page
    assert "key questions <strong>4.0 of 5</strong> (checkpoint, 3 responses), +2.0 since the baseline" in case_page
    staff_page = login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()
    assert "Culture and confidence surveys" not in staff_page


def test_comments_are_for_consultants_until_one_marks_them_shareable(world, login):
    survey = open_survey(world)
    answer(survey, n=1, comment="The head listens now.")
    answer(survey, n=1, comment="Still worried about the rota.")
    comment = SurveyComment.objects.get(text="The head listens now.")
    leader = login(world.leader_a)
    assert "The head listens now." not in leader.get(_detail(survey)).content.decode()
    assert leader.get(reverse("api-survey-comments", args=[survey.pk])).json()["results"] == []
    alice = login(world.alice)
    body = alice.get(_detail(survey)).content.decode()
    assert "The head listens now." in body and "Still worried about the rota." in body and "Mark shareable" in body
    assert leader.post(reverse("training:survey_comment_share",
                               args=[world.case_a.reference, survey.pk, comment.pk])).status_code == 403
    alice.post(reverse("training:survey_comment_share", args=[world.case_a.reference, survey.pk, comment.pk]),
               {"shareable": "1"})
    body = leader.get(_detail(survey)).content.decode()
    assert "The head listens now." in body and "Still worried about the rota." not in body
    texts = [c["text"] for c in leader.get(reverse("api-survey-comments", args=[survey.pk])).json()["results"]]
    assert texts == ["The head listens now."]
    other = SurveyComment.objects.get(text="Still worried about the rota.")
    assert leader.post(reverse("api-survey-comment-shareable", args=[other.pk]), {"shareable": True},
                       content_type="application/json").status_code == 404
    response = alice.post(reverse("api-survey-comment-shareable", args=[other.pk]), {"shareable": True},
                          content_type="application/json")
    assert response.status_code == 200 and response.json()["shareable"] is True


def test_links_revoke_and_reissue_through_the_pages_and_the_api(world, login):
    survey = open_survey(world)
    old = link_of(survey)
    client = login(world.alice)
    client.post(reverse("training:survey_link_new", args=[world.case_a.reference, survey.pk]), {"group": "staff"})
    new = link_of(survey)
    assert new != old
    response = client.post(reverse("api-survey-link-revoke", args=[new.pk]))
    assert response.status_code == 200 and response.json()["active"] is False
    response = client.post(reverse("api-survey-links", args=[survey.pk]), {"group": "pupils"},
                           content_type="application/json")
    assert response.status_code == 400
    response = client.post(reverse("api-survey-links", args=[survey.pk]), {"group": "staff"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["url"].endswith(f"/training/s/{response.json()['token']}/")


def test_the_api_creates_opens_reruns_and_closes(world, login):
    client = login(world.alice)
    created = client.post(reverse("api-case-surveys", args=[world.case_a.reference]), {
        "title": "Baseline", "groups": ["staff"], "opens_on": TODAY, "closes_on": TODAY},
        content_type="application/json")
    assert created.status_code == 201 and created.json()["min_responses"] == 5
    pk = created.json()["id"]
    assert client.post(reverse("api-survey-open", args=[pk])).json()["status"] == "open"
    detail = client.get(reverse("api-survey-detail", args=[pk])).json()
    assert detail["items"] and detail["round"] == "baseline"
    again = client.post(reverse("api-survey-rerun", args=[pk]), {"round": "exit", "opens_on": TODAY,
                                                                 "closes_on": TODAY}, content_type="application/json")
    assert again.status_code == 201 and again.json()["baseline"] == pk
    bad = client.post(reverse("api-survey-rerun", args=[pk]), {"round": "baseline", "opens_on": TODAY,
                                                               "closes_on": TODAY}, content_type="application/json")
    assert bad.status_code == 400 and Survey.objects.count() == 2
    assert client.post(reverse("api-survey-close", args=[pk])).json()["status"] == "closed"
    listed = client.get(reverse("api-case-surveys", args=[world.case_a.reference])).json()
    assert {s["id"] for s in listed["results"]} == {pk, again.json()["id"]}


def test_the_checkpoint_page_shows_the_survey_figure(world, login):
    survey = open_survey(world)
    answer(survey, n=3, value=4)
    checkpoint = response_services.checkpoint_record(actor=world.alice, case=world.case_a,
                                                      confidence={"parents": 3}, commentary="Surveys back.")
    body = login(world.leader_a).get(reverse("response:checkpoint_detail",
                                             args=[world.case_a.reference, checkpoint.pk])).content.decode()
    assert "Survey: staff (key questions)" in body and "4.0 of 5" in body
    Case.objects.filter(pk=world.case_a.pk).update(stage=Stage.RESPONSE)
    case_page = login(world.leader_a).get(world.case_a.get_absolute_url()).content.decode()
    assert "Survey: staff (key questions): <strong>4.0 of 5</strong>" in case_page
    data = login(world.alice).get(reverse("api-case-checkpoints", args=[world.case_a.reference])).json()
    assert data["results"][-1]["figures"][0]["value"] == "4.0 of 5"


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_results_take_as_many_queries_for_few_surveys_and_responses_as_for_many(world, login):
    client = login(world.alice)
    first = open_survey(world, groups=["staff", "parents"])
    list_url = reverse("training:survey_list", args=[world.case_a.reference])
    api_list = reverse("api-case-surveys", args=[world.case_a.reference])

    def grow(surveys, responses):
        for i in range(surveys):
            s = open_survey(world, title=f"Survey {i}")
            answer(s, n=1)
        answer(first, n=responses)
        answer(first, n=responses, group="parents")
        return [_queries(client, url) for url in (list_url, api_list, _detail(first),
                                                  reverse("api-survey-results", args=[first.pk]))]

    small = grow(1, 3)
    assert small == grow(3, 30)


def test_the_question_bank_is_edited_in_the_admin_and_each_save_is_audited(world, login):
    from training.models import SurveyQuestion

    question = SurveyQuestion.objects.get(key="parents-child-safe")
    survey = open_survey(world, groups=["parents"])
    url = reverse("admin:training_surveyquestion_change", args=[question.pk])
    response = login(world.admin).post(url, {"key": question.key, "group": "parents", "position": 5,
                                             "text": "My child feels safe here.", "key_question": "on",
                                             "active": "on"})
    assert response.status_code == 302
    assert SurveyQuestion.objects.get(pk=question.pk).text == "My child feels safe here."
    event = AuditEvent.objects.get(verb="survey.question_changed")
    assert event.actor == world.admin and event.summary["changed"] == ["position", "text"]
    assert survey.items.get(key="parents-child-safe").text == "My child is safe here."  # the survey kept its copy
    assert login(world.alice).get(url).status_code == 302  # consultants are not admins

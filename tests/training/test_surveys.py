"""Survey services and reads: the question bank, creating, opening, closing and re-running a survey,
links, anonymous responses, results only from the threshold, the trend, the key score the exit
criterion reads and the figure an improvement checkpoint records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisis.models import AuditEvent, ChronologyEntry
from response import services as response_services
from training import selectors, services
from training.models import (
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyItem,
    SurveyLink,
    SurveyQuestion,
    SurveyResponse,
)
from training.selectors.surveys import _results as survey_results_of

from .survey_helpers import TODAY, answer, link_of, open_survey, rerun

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_the_question_bank_ships_questions_for_every_group():
    for group in ("staff", "leaders", "parents", "pupils"):
        questions = SurveyQuestion.objects.filter(group=group, active=True)
        assert 6 <= questions.count() <= 8, group
        assert questions.filter(key_question=True).exists()
    assert SurveyQuestion.objects.filter(text__icontains="designated safeguarding lead").exists()


def test_loading_the_bank_again_never_overwrites_an_edited_question():
    from training.survey_questions import load_questions

    question = SurveyQuestion.objects.get(key="staff-know-dsl")
    question.text = "I know who our DSL is."
    question.save()
    SurveyQuestion.objects.filter(key="pupils-online").delete()
    assert load_questions(SurveyQuestion) == 1
    assert SurveyQuestion.objects.get(key="staff-know-dsl").text == "I know who our DSL is."


def test_a_survey_copies_its_questions_so_editing_the_bank_changes_no_past_survey(world):
    survey = open_survey(world, groups=["staff", "parents"])
    assert survey.items.filter(group="staff").count() == SurveyQuestion.objects.filter(group="staff").count()
    assert survey.items.filter(group="parents").exists() and not survey.items.filter(group="pupils").exists()
    SurveyQuestion.objects.filter(key="staff-know-dsl").update(text="Changed in the bank")
    assert survey.items.get(key="staff-know-dsl").text.startswith("I know who the designated safeguarding lead")
    again = rerun(world, survey)
    assert again.baseline_id == survey.pk and again.round == "checkpoint"
    assert sorted(again.items.values_list("key", "text")) == sorted(survey.items.values_list("key", "text"))


def test_a_rerun_of_a_rerun_belongs_to_the_same_series(world):
    survey = open_survey(world)
    checkpoint = rerun(world, survey)
    exit_round = rerun(world, checkpoint, round="exit", days=60)
    assert exit_round.baseline_id == survey.pk


def test_the_threshold_is_never_below_three_and_nothing_is_written(world):
    before = Survey.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        services.survey_create(actor=world.alice, case=world.case_a, title="Too small", groups=["staff"],
                               opens_on=TODAY, closes_on=TODAY, min_responses=2)
    assert "at least 3 responses" in str(error.value)
    assert (Survey.objects.count(), AuditEvent.objects.count()) == before


def test_the_threshold_defaults_to_the_setting(world, settings):
    settings.SURVEY_MIN_RESPONSES = 7
    survey = services.survey_create(actor=world.alice, case=world.case_a, title="Default", groups=["staff"],
                                    opens_on=TODAY, closes_on=TODAY)
    assert survey.min_responses == 7


@pytest.mark.parametrize("groups,message", [([], "at least one group"), (["governors"], "Unknown group")])
def test_a_survey_needs_known_groups(world, groups, message):
    with pytest.raises(ValidationError) as error:
        services.survey_create(actor=world.alice, case=world.case_a, title="x", groups=groups, opens_on=TODAY,
                               closes_on=TODAY)
    assert message in str(error.value)
    assert not Survey.objects.exists()


def test_closing_before_opening_is_refused(world):
    with pytest.raises(ValidationError):
        services.survey_create(actor=world.alice, case=world.case_a, title="x", groups=["staff"], opens_on=TODAY,
                               closes_on=TODAY - dt.timedelta(days=1))


@pytest.mark.parametrize("who", ["leader_a", "staff_a", "bob", "carol_on_restricted"])
def test_only_the_cases_consultants_run_surveys(world, who):
    user, case = (world.carol, world.restricted_a) if who == "carol_on_restricted" else (getattr(world, who),
                                                                                          world.case_a)
    with pytest.raises(PermissionDenied):
        services.survey_create(actor=user, case=case, title="x", groups=["staff"], opens_on=TODAY, closes_on=TODAY)


def test_opening_issues_a_link_per_group_and_enters_the_chronology(world):
    survey = open_survey(world, groups=["staff", "pupils"])
    assert survey.status == "open"
    links = SurveyLink.objects.filter(survey=survey)
    assert sorted(links.values_list("group", flat=True)) == ["pupils", "staff"]
    link = links.first()
    assert len(link.token) >= 40 and link.expires_at.date() == survey.closes_on + dt.timedelta(days=1)
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Survey opened: Culture survey").exists()
    services.survey_close(actor=world.alice, survey=survey)
    entry = ChronologyEntry.objects.get(case=world.case_a, title="Survey closed: Culture survey")
    assert "0 anonymous responses" in entry.details
    assert set(AuditEvent.objects.filter(object_type="training.survey").values_list("verb", flat=True)) >= {
        "survey.created", "survey.opened", "survey.closed"}


def test_a_new_link_revokes_the_groups_working_one(world):
    survey = open_survey(world)
    old = link_of(survey)
    new = services.survey_link_issue(actor=world.alice, survey=survey, group="staff")
    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoked_by == world.alice and new.is_active()
    assert selectors.link_for_token(old.token) is None and selectors.link_for_token(new.token) == new
    services.survey_link_revoke(actor=world.alice, link=new)
    assert selectors.link_for_token(new.token) is None
    assert AuditEvent.objects.filter(verb="survey.link_revoked").count() == 1
    with pytest.raises(ValidationError):
        services.survey_link_issue(actor=world.alice, survey=survey, group="parents")


def test_a_response_records_nothing_about_who_sent_it(world):
    survey = open_survey(world)
    items = list(survey.items.filter(group="staff"))
    response = services.survey_submit_response(link=link_of(survey), answers={items[0].pk: 5, items[1].pk: None},
                                               comment="  More training please.  ")
    assert {f.name for f in SurveyResponse._meta.concrete_fields} == {"id", "organisation", "survey", "group",
                                                                      "submitted_on"}
    assert response.submitted_on == TODAY
    assert list(response.answers.values_list("item_id", "value")) == [(items[0].pk, 5)]  # prefer not to say: none
    assert response.comment.text == "More training please." and not response.comment.shareable
    assert not AuditEvent.objects.filter(verb__startswith="survey.response").exists()


@pytest.mark.parametrize("bad", ["seven", "other_group", "unknown_item", "nothing"])
def test_bad_answers_write_nothing(world, bad):
    survey = open_survey(world, groups=["staff", "parents"])
    staff_item = survey.items.filter(group="staff").first()
    answers = {
        "seven": {staff_item.pk: 7},
        "other_group": {staff_item.pk: 4, survey.items.filter(group="parents").first().pk: 4},
        "unknown_item": {staff_item.pk: 4, 999999: 3},
        "nothing": {staff_item.pk: None},
    }[bad]
    with pytest.raises(ValidationError):
        services.survey_submit_response(link=link_of(survey), answers=answers)
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_closed_survey_or_a_revoked_link_takes_no_response(world):
    survey = open_survey(world)
    link = link_of(survey)
    item = survey.items.first()
    services.survey_close(actor=world.alice, survey=survey)
    with pytest.raises(ValidationError):
        services.survey_submit_response(link=link, answers={item.pk: 3})
    assert not SurveyResponse.objects.exists()


def test_a_flood_on_one_link_is_refused_and_writes_nothing(world, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 3
    survey = open_survey(world)
    answer(survey, n=3)
    with pytest.raises(services.SurveyRateLimited):
        answer(survey, n=1)
    assert SurveyResponse.objects.count() == 3


def test_results_show_no_figure_below_the_threshold(world):
    survey = open_survey(world, groups=["staff", "parents"], min_responses=4)
    answer(survey, n=4, value=4)
    answer(survey, n=3, value=2, group="parents")
    results = {r.group: r for r in selectors.survey_results(user=world.alice, survey=survey)}
    staff, parents = results["staff"], results["parents"]
    assert staff.shown and staff.responses == 4 and staff.key_score == 4.0
    assert all(q.n == 4 and q.mean == 4.0 and q.counts == [0, 0, 0, 4, 0] for q in staff.questions)
    assert not parents.shown and parents.responses == 3
    assert parents.questions == [] and parents.key_score is None
    assert parents.message == "Not enough responses yet to show results without identifying anyone."


def test_results_are_for_the_cases_consultants_and_leaders_only(world):
    survey = open_survey(world)
    answer(survey, n=3)
    assert selectors.survey_results(user=world.leader_a, survey=survey)
    assert selectors.survey_results(user=world.staff_a, survey=survey) == []
    assert selectors.survey_results(user=world.leader_b, survey=survey) == []


def test_comments_are_hidden_from_leaders_until_marked_shareable(world):
    survey = open_survey(world)
    answer(survey, n=2, comment="Nobody told us what happened after we reported.")
    comment = SurveyComment.objects.first()
    assert selectors.survey_comments(user=world.alice, survey=survey).count() == 2
    assert not selectors.survey_comments(user=world.leader_a, survey=survey).exists()
    assert not selectors.survey_comments(user=world.staff_a, survey=survey).exists()
    with pytest.raises(PermissionDenied):
        services.survey_comment_mark_shareable(actor=world.leader_a, comment=comment)
    services.survey_comment_mark_shareable(actor=world.alice, comment=comment)
    assert list(selectors.survey_comments(user=world.leader_a, survey=survey)) == [comment]
    assert AuditEvent.objects.filter(verb="survey.comment_shareable", actor=world.alice).exists()


def test_results_take_as_many_queries_for_5_responses_as_for_60(world):
    survey = open_survey(world, groups=["staff", "parents"])

    def count(n):
        answer(survey, n=n)
        answer(survey, n=n, group="parents", value=3)
        with CaptureQueriesContext(connection) as queries:
            results = survey_results_of(survey)
        assert all(r.shown for r in results)
        return len(queries)

    assert count(5) == count(55)


def test_the_trend_counts_only_rounds_at_the_threshold(world):
    baseline = open_survey(world, groups=["staff", "parents"])
    answer(baseline, n=3, value=2)
    answer(baseline, n=3, value=3, group="parents")
    checkpoint = rerun(world, baseline)
    answer(checkpoint, n=3, value=4)
    answer(checkpoint, n=2, value=5, group="parents")  # below the threshold
    trend = {g["group"]: g for g in selectors.case_survey_trend(case=world.case_a)}
    staff, parents = trend["staff"], trend["parents"]
    assert [(p["round"], p["score"], p["difference"]) for p in staff["points"]] == [
        ("baseline", 2.0, 0.0), ("checkpoint", 4.0, 2.0)]
    assert [p["round"] for p in parents["points"]] == ["baseline"]
    assert all(len(q["points"]) == 1 for q in parents["questions"])
    question = staff["questions"][0]
    assert [p["difference"] for p in question["points"]] == [0.0, 2.0]
    assert "text" not in str([p.keys() for p in staff["points"]])  # no free text in a point


def test_the_trend_chart_draws_only_what_the_trend_gives(world):
    from training.charts import survey_trend_chart

    baseline = open_survey(world)
    answer(baseline, n=3, value=2)
    checkpoint = rerun(world, baseline)
    answer(checkpoint, n=2, value=5)  # below the threshold: no point
    svg = survey_trend_chart(selectors.case_survey_trend(case=world.case_a))
    assert svg.startswith("<svg") and svg.count("<circle") == 1 and 'fill="#1d4f7a"' in svg
    assert "Staff: Baseline 2.0" in svg and "5.0" not in svg


def test_the_staff_key_score_is_none_until_the_staff_reach_the_threshold(world):
    survey = open_survey(world, groups=["staff", "parents"])
    answer(survey, n=2, value=4)
    answer(survey, n=5, value=1, group="parents")
    assert selectors.staff_survey_key_score(case=world.case_a) is None
    answer(survey, n=1, value=1)
    score = selectors.staff_survey_key_score(case=world.case_a)
    assert score == {"score": 3.0, "responses": 3, "survey": survey, "baseline_score": 3.0}


def test_the_staff_key_score_reads_the_latest_round_and_its_baseline(world):
    baseline = open_survey(world)
    answer(baseline, n=3, value=2)
    checkpoint = rerun(world, baseline)
    answer(checkpoint, n=4, value=5)
    exit_round = rerun(world, baseline, round="exit", days=60)
    answer(exit_round, n=2, value=1)  # below the threshold: not read
    score = selectors.staff_survey_key_score(case=world.case_a)
    assert score["survey"] == checkpoint and score["score"] == 5.0 and score["responses"] == 4
    assert score["baseline_score"] == 2.0
    assert selectors.staff_survey_key_score(case=world.case_b) is None


def test_the_key_score_counts_only_key_questions(world):
    survey = open_survey(world)
    link = link_of(survey)
    key_items = list(survey.items.filter(key_question=True))
    other = survey.items.filter(key_question=False).first()
    for _ in range(3):
        services.survey_submit_response(link=link, answers={**{i.pk: 4 for i in key_items}, other.pk: 1})
    assert selectors.staff_survey_key_score(case=world.case_a)["score"] == 4.0


def test_recording_a_checkpoint_stores_the_survey_figure(world):
    survey = open_survey(world, groups=["staff", "parents"])
    answer(survey, n=3, value=4)
    answer(survey, n=2, value=5, group="parents")  # below the threshold: no figure
    checkpoint = response_services.checkpoint_record(actor=world.alice, case=world.case_a,
                                                      confidence={"parents": 3}, commentary="Surveys back.")
    assert checkpoint.figures == [{
        "label": "Survey: staff (key questions)", "value": "4.0 of 5",
        "detail": f"3 responses, baseline round opened {TODAY:%d %b %Y}",
    }]


def test_a_checkpoint_without_a_survey_at_the_threshold_has_no_survey_figure(world):
    survey = open_survey(world)
    answer(survey, n=2)
    checkpoint = response_services.checkpoint_record(actor=world.alice, case=world.case_a,
                                                      confidence={"parents": 3}, commentary="Too early.")
    assert checkpoint.figures == []


def test_survey_items_and_answers_carry_the_organisation(world):
    survey = open_survey(world)
    answer(survey, n=1, comment="x")
    for model in (SurveyItem, SurveyLink, SurveyResponse, SurveyAnswer, SurveyComment):
        assert set(model.objects.values_list("organisation_id", flat=True)) == {world.org_a.pk}, model

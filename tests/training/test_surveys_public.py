"""The anonymous response page a survey link opens: no login, nothing of the case, a plain 404 for any
link that does not work, one response per browser asked for, floods refused with 429, bad input
shown again with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from training import services
from training.models import Survey, SurveyAnswer, SurveyComment, SurveyLink, SurveyResponse

from .survey_helpers import link_of, open_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def _url(link: SurveyLink | str) -> str:
    return reverse("training:survey_respond", args=[link if isinstance(link, str) else link.token])


def test_the_page_shows_the_organisation_and_the_questions_and_nothing_of_the_case(world):
    survey = open_survey(world, groups=["staff", "pupils"])
    response = Client().get(_url(link_of(survey, "pupils")))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Oakfield Academy" in body and "There is an adult here I could talk to if I was worried." in body
    assert "I know who the designated safeguarding lead" not in body  # the staff questions are the staff's
    for secret in (world.case_a.reference, world.case_a.title, world.alice.full_name, survey.title,
                   "Allegation", "Adams"):
        assert secret not in body
    assert body.count("<fieldset") == survey.items.filter(group="pupils").count()
    assert "<legend>" in body and "Strongly disagree" in body and "Prefer not to say" in body


@pytest.mark.parametrize("state", ["forged", "unknown", "revoked", "expired", "closed", "draft"])
def test_a_link_that_does_not_work_is_a_plain_404(world, state):
    survey = open_survey(world)
    link = link_of(survey)
    url = _url(link)
    if state == "forged":
        url = _url(link.token[:-2] + "xx")
    elif state == "unknown":
        url = _url("eyJkIjoxfQ:forged:signature")
    elif state == "revoked":
        services.survey_link_revoke(actor=world.alice, link=link)
    elif state == "expired":
        SurveyLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    elif state == "closed":
        services.survey_close(actor=world.alice, survey=survey)
    elif state == "draft":
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    item = survey.items.first()
    for response in (Client().get(url), Client().post(url, {f"item_{item.pk}": "4"})):
        assert response.status_code == 404
        assert world.case_a.reference.encode() not in response.content
        assert b"Oakfield" not in response.content
    assert not SurveyResponse.objects.exists()


def test_sending_answers_thanks_and_sets_a_cookie_and_a_return_visit_is_asked_not_to_answer_twice(world):
    survey = open_survey(world)
    items = list(survey.items.filter(group="staff"))
    client = Client()
    data = {f"item_{items[0].pk}": "5", f"item_{items[1].pk}": "", "comment": "Thank you for the training."}
    response = client.post(_url(link_of(survey)), data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret/1.0")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert response.cookies[f"survey_sent_{survey.pk}"].value == "1"
    saved = SurveyResponse.objects.get()
    assert saved.group == "staff" and saved.submitted_on == timezone.localdate()
    assert list(SurveyAnswer.objects.values_list("item_id", "value")) == [(items[0].pk, 5)]
    assert SurveyComment.objects.get().text == "Thank you for the training."
    again = client.get(_url(link_of(survey))).content.decode()
    assert "already been sent from this browser" in again and "please do not answer twice" in again
    assert "<fieldset" not in again
    someone_else = client.get(_url(link_of(survey)) + "?again=1").content.decode()
    assert "<fieldset" in someone_else


def test_nothing_about_the_respondent_is_stored_anywhere(world):
    from crisis.models import AuditEvent

    survey = open_survey(world)
    item = survey.items.first()
    before = AuditEvent.objects.count()
    Client().post(_url(link_of(survey)), {f"item_{item.pk}": "3"}, REMOTE_ADDR="203.0.113.77",
                  HTTP_USER_AGENT="Probe/9.9")
    assert SurveyResponse.objects.count() == 1
    assert AuditEvent.objects.count() == before  # an audit row would hold the address


@pytest.mark.parametrize("bad", ["seven", "other_group", "unknown_item", "empty"])
def test_bad_input_shows_the_form_again_with_an_error_and_writes_nothing(world, bad):
    survey = open_survey(world, groups=["staff", "parents"])
    item = survey.items.filter(group="staff").first()
    data = {
        "seven": {f"item_{item.pk}": "7"},
        "other_group": {f"item_{item.pk}": "4", f"item_{survey.items.filter(group='parents').first().pk}": "4"},
        "unknown_item": {f"item_{item.pk}": "4", "item_99999999": "2"},
        "empty": {f"item_{item.pk}": ""},
    }[bad]
    response = Client().post(_url(link_of(survey)), data)
    body = response.content.decode()
    assert response.status_code == 400 and "<fieldset" in body
    assert any(message in body for message in ("Choose one of the five answers", "does not ask here",
                                                "Answer at least one question"))
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_flood_of_responses_on_one_link_is_refused_with_429_and_nothing_written(world, settings):
    settings.SURVEY_SUBMISSIONS_PER_HOUR = 3
    survey = open_survey(world)
    item = survey.items.first()
    url = _url(link_of(survey))
    for _ in range(3):
        assert Client().post(url, {f"item_{item.pk}": "4"}).status_code == 200
    response = Client().post(url, {f"item_{item.pk}": "4"})
    assert response.status_code == 429 and "try again" in response.content.decode()
    assert SurveyResponse.objects.count() == 3
    other = open_survey(world, title="Another survey")  # another link has its own count
    assert Client().post(_url(link_of(other)), {f"item_{other.items.first().pk}": "4"}).status_code == 200

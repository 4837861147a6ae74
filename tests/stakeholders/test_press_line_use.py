"""A press line is used only once approved: a logged contact names the wording it used, and the log,
the pages and the API refuse a draft, a replaced wording or another case's line."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from stakeholders import selectors, services
from stakeholders.models import Communication

pytestmark = pytest.mark.django_db


@pytest.fixture
def holding(world):
    """A holding statement: version 1 approved by the head, version 2 a draft."""
    first = services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                      text="We are working with the authorities.")
    services.press_line_approve(actor=world.leader_a, version=first)
    draft = services.press_line_write(actor=world.alice, case=world.case_a, press_line=first.press_line,
                                      text="We are working closely with the authorities.")
    return first, draft


def _log(world, ofsted, version, **extra):
    return services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="in",
                                      channel="email", summary="Asked for comment.", press_line_version=version,
                                      **extra)


def test_the_approved_wording_is_used_while_a_newer_draft_waits(world, ofsted, holding):
    first, draft = holding
    communication = _log(world, ofsted, first)
    assert communication.press_line_version == first
    assert list(selectors.usable_press_line_versions(user=world.alice, case=world.case_a)) == [first]


def test_a_draft_cannot_be_used(world, ofsted, holding):
    _, draft = holding
    with pytest.raises(ValidationError) as refused:
        _log(world, ofsted, draft)
    assert "Version 2 of “Holding statement” is not approved" in str(refused.value)
    assert not Communication.objects.exists()


def test_a_replaced_wording_cannot_be_used(world, ofsted, holding):
    first, draft = holding
    services.press_line_approve(actor=world.leader_a, version=draft)
    with pytest.raises(ValidationError) as refused:
        _log(world, ofsted, first)
    assert "has been replaced by version 2" in str(refused.value)
    assert list(selectors.usable_press_line_versions(user=world.alice, case=world.case_a)) == [draft]


def test_another_cases_press_line_cannot_be_used(world, ofsted):
    other = services.press_line_write(actor=world.alice, case=world.restricted_a, title="Other statement",
                                      text="No comment.")
    services.press_line_approve(actor=world.leader_a, version=other)
    with pytest.raises(ValidationError) as refused:
        _log(world, ofsted, other)
    assert "Choose a press line of this case." in str(refused.value)


def test_the_page_offers_approved_wording_only_and_shows_what_was_used(world, login, ofsted, holding):
    first, draft = holding
    client = login(world.alice)
    url = reverse("stakeholders:communication_create", kwargs={"reference": world.case_a.reference})
    page = client.get(url).content.decode()
    assert "Holding statement (version 1)" in page and "(version 2)" not in page
    data = {"stakeholders": [ofsted.pk], "direction": "in", "channel": "email", "summary": "Asked for comment."}
    response = client.post(url, {**data, "press_line_version": draft.pk})
    assert response.status_code == 400 and "Choose an approved press line of this case." in response.content.decode()
    assert not Communication.objects.exists()
    assert client.post(url, {**data, "press_line_version": first.pk}).status_code == 302
    log = login(world.leader_a).get(reverse("stakeholders:communication_list",
                                            kwargs={"reference": world.case_a.reference})).content.decode()
    assert "Press line: Holding statement (version 1)" in log


def test_the_api_names_the_wording_and_refuses_a_draft(world, ofsted, holding):
    first, draft = holding
    client = APIClient()
    client.force_authenticate(world.alice)
    url = reverse("api-case-communications", kwargs={"reference": world.case_a.reference})
    data = {"stakeholders": [ofsted.pk], "direction": "in", "channel": "email", "summary": "Asked for comment."}
    response = client.post(url, {**data, "press_line_version": draft.pk}, format="json")
    assert response.status_code == 400
    assert "not approved" in response.json()["press_line_version"][0]
    assert client.post(url, {**data, "press_line_version": 999999}, format="json").json() == {
        "press_line_version": ["Unknown press line version for this case: 999999."]}
    assert not Communication.objects.exists()
    response = client.post(url, {**data, "press_line_version": first.pk}, format="json")
    assert response.status_code == 201
    assert response.json()["press_line_version"] == {"id": first.pk, "press_line": first.press_line_id,
                                                     "title": "Holding statement", "number": 1}

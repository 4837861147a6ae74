"""Naming the leaders of a restricted case: on the case form and page, and through the cases API.

Lena is the leader named on A's restricted case ("Concern about the DSL"); Dora, A's designated
safeguarding lead, is a leader of A left out of it.
"""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from crisis import selectors
from crisis.models import AuditEvent, Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def _edit_url(case) -> str:
    return reverse("crisis:case_edit", kwargs={"reference": case.reference})


def _edit_data(case, **changes) -> dict:
    data = {"title": case.title, "summary": case.summary, "severity": case.severity, "rag": case.rag,
            "restricted": "on" if case.restricted else "", "lead_consultant": case.lead_consultant_id,
            "consultants": [u.pk for u in case.consultants.all()], "leaders": [u.pk for u in case.leaders.all()]}
    data.update(changes)
    return data


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _api_url(case) -> str:
    return reverse("api-case-detail", kwargs={"reference": case.reference})


# Pages -------------------------------------------------------------------------------------------


def test_the_case_page_shows_who_is_named_on_a_restricted_case(world, login):
    body = login(world.leader_a).get(world.restricted_a.get_absolute_url()).content.decode()
    team = body.split('id="team-heading"', 1)[1].split("</section>", 1)[0]
    assert "Alice Adams" in team and "Lena Leader" in team
    assert "Dora Dawson" not in team
    assert "only the leaders named here see this case" in team
    open_case = login(world.unnamed_leader_a).get(world.case_a.get_absolute_url()).content.decode()
    assert "Every leader of Oakfield Academy sees this case." in open_case


def test_the_edit_form_offers_the_organisations_leaders_with_the_named_ones_ticked(world, login):
    form = login(world.alice).get(_edit_url(world.restricted_a)).content.decode()
    leaders = form.split("<legend>Named leaders</legend>", 1)[1].split("</fieldset>", 1)[0]
    ticked = dict(re.findall(r'name="leaders" value="(\d+)" id="id_leaders_\d+"( checked)?>', leaders))
    assert ticked == {str(world.unnamed_leader_a.pk): "", str(world.leader_a.pk): " checked"}
    assert "Dora Dawson" in leaders and "Lena Leader" in leaders


def test_a_consultant_names_and_unnames_a_leader_on_the_edit_form(world, login):
    client, dora = login(world.alice), world.unnamed_leader_a
    response = client.post(_edit_url(world.restricted_a),
                           _edit_data(world.restricted_a, leaders=[world.leader_a.pk, dora.pk]))
    assert response.status_code == 302
    assert set(world.restricted_a.leaders.all()) == {world.leader_a, dora}
    assert login(dora).get(world.restricted_a.get_absolute_url()).status_code == 200
    assert AuditEvent.objects.filter(case=world.restricted_a, verb="case.leader_named", actor=world.alice,
                                     summary__email=dora.email).exists()

    response = client.post(_edit_url(world.restricted_a), _edit_data(world.restricted_a, leaders=[world.leader_a.pk]))
    assert response.status_code == 302
    assert login(dora).get(world.restricted_a.get_absolute_url()).status_code == 404
    assert AuditEvent.objects.filter(case=world.restricted_a, verb="case.leader_unnamed", actor=world.alice,
                                     summary__email=dora.email).exists()


@pytest.mark.parametrize("who", ["staff_a", "leader_b"])
def test_the_edit_form_refuses_anyone_but_the_organisations_leaders_and_changes_nothing(world, login, who):
    before = AuditEvent.objects.exclude(verb="case.viewed").count()
    response = login(world.alice).post(_edit_url(world.restricted_a), _edit_data(
        world.restricted_a, title="Renamed", leaders=[world.leader_a.pk, getattr(world, who).pk]))
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    world.restricted_a.refresh_from_db()
    assert world.restricted_a.title == "Concern about the DSL"
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]
    assert AuditEvent.objects.exclude(verb="case.viewed").count() == before


def test_a_new_restricted_case_names_its_leaders_on_the_form(world, login):
    client = login(world.alice)
    form = client.get(reverse("crisis:case_create")).content.decode()
    assert "Dora Dawson (Oakfield Academy)" in form and "Charlie Chair" not in form
    response = client.post(reverse("crisis:case_create"), {
        "organisation": world.org_a.pk, "title": "Concern about the head", "severity": "high", "rag": "red",
        "restricted": "on", "leaders": [world.unnamed_leader_a.pk], "opened_on": "2026-11-20",
    })
    assert response.status_code == 302
    case = Case.objects.get(title="Concern about the head")
    assert list(case.leaders.all()) == [world.unnamed_leader_a]
    assert case in selectors.cases_for(world.unnamed_leader_a) and case not in selectors.cases_for(world.leader_a)


def test_a_new_case_refuses_a_leader_of_another_organisation(world, login):
    response = login(world.alice).post(reverse("crisis:case_create"), {
        "organisation": world.org_a.pk, "title": "Crossed wires", "severity": "high", "rag": "red",
        "restricted": "on", "leaders": [world.leader_b.pk], "opened_on": "2026-11-20",
    })
    assert response.status_code == 400
    # Charlie is no choice at all for Alice: she consults for A only.
    assert "Select a valid choice" in response.content.decode()
    assert not Case.objects.filter(title="Crossed wires").exists()


# API ---------------------------------------------------------------------------------------------


def test_the_api_shows_the_named_leaders(world):
    body = _api(world.leader_a).get(_api_url(world.restricted_a)).json()
    assert body["leaders"] == [{"id": world.leader_a.pk, "full_name": "Lena Leader"}]
    assert _api(world.unnamed_leader_a).get(_api_url(world.restricted_a)).status_code == 404


def test_the_api_names_and_unnames_leaders(world):
    client, dora = _api(world.alice), world.unnamed_leader_a
    response = client.patch(_api_url(world.restricted_a), {"leaders": [world.leader_a.pk, dora.pk]}, format="json")
    assert response.status_code == 200, response.content
    assert {p["full_name"] for p in response.json()["leaders"]} == {"Lena Leader", "Dora Dawson"}
    assert _api(dora).get(_api_url(world.restricted_a)).status_code == 200

    # A change that does not send the leaders keeps them.
    client.patch(_api_url(world.restricted_a), {"rag": "amber"}, format="json")
    assert set(world.restricted_a.leaders.all()) == {world.leader_a, dora}

    response = client.patch(_api_url(world.restricted_a), {"leaders": [world.leader_a.pk]}, format="json")
    assert response.json()["leaders"] == [{"id": world.leader_a.pk, "full_name": "Lena Leader"}]
    assert _api(dora).get(_api_url(world.restricted_a)).status_code == 404
    verbs = list(AuditEvent.objects.filter(case=world.restricted_a, summary__email=dora.email)
                 .order_by("id").values_list("verb", flat=True))
    assert verbs == ["case.leader_named", "case.leader_unnamed"]


@pytest.mark.parametrize("who", ["staff_a", "leader_b", "carol"])
def test_the_api_refuses_anyone_but_the_organisations_leaders_and_writes_nothing(world, who):
    person = getattr(world, who)
    before = AuditEvent.objects.count()
    response = _api(world.alice).patch(_api_url(world.restricted_a),
                                       {"title": "Renamed", "leaders": [world.leader_a.pk, person.pk]}, format="json")
    assert response.status_code == 400
    assert response.json() == {"leaders": [f"Unknown leader for this organisation: {person.pk}."]}
    world.restricted_a.refresh_from_db()
    assert world.restricted_a.title == "Concern about the DSL"
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]
    assert AuditEvent.objects.count() == before


def test_the_api_opens_a_restricted_case_naming_its_leaders(world):
    response = _api(world.alice).post(reverse("api-case-list"), {
        "organisation": world.org_a.pk, "title": "Concern about the head", "restricted": True,
        "leaders": [world.unnamed_leader_a.pk],
    }, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["leaders"] == [{"id": world.unnamed_leader_a.pk, "full_name": "Dora Dawson"}]
    response = _api(world.alice).post(reverse("api-case-list"), {
        "organisation": world.org_a.pk, "title": "Not opened", "restricted": True, "leaders": [world.leader_b.pk],
    }, format="json")
    assert response.status_code == 400 and "leaders" in response.json()
    assert "Charlie" not in response.content.decode()
    assert not Case.objects.filter(title="Not opened").exists()


def test_a_leader_cannot_name_leaders(world):
    response = _api(world.leader_a).patch(_api_url(world.restricted_a),
                                          {"leaders": [world.leader_a.pk, world.unnamed_leader_a.pk]}, format="json")
    assert response.status_code == 403
    assert list(world.restricted_a.leaders.all()) == [world.leader_a]

"""The REST API: tenancy, writes through the services, and clear 400s for bad input.

Alice consults for A; Carol too but is not named on A's restricted case; Bob consults for B;
Charlie (leader_b) leads B and "should have no access to A's stuff".
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crisis import services
from crisis.models import AuditEvent, Case, ChronologyEntry, Stage, StageChange

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def case_url(case: Case, suffix: str = "") -> str:
    name = {"": "api-case-detail", "stage": "api-case-stage", "chronology": "api-case-chronology"}[suffix]
    return reverse(name, kwargs={"reference": case.reference})


def references(response) -> set[str]:
    return {row["reference"] for row in response.json()["results"]}


# Authentication ---------------------------------------------------------------------------------


def test_anonymous_requests_are_refused(world):
    response = api().get(reverse("api-case-list"))
    assert response.status_code in (401, 403)
    assert "detail" in response.json()


def test_a_token_from_email_and_password_signs_in(world):
    response = APIClient().post(
        reverse("api-token"), {"email": "Alice@Example.test", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    listed = client.get(reverse("api-case-list"))
    assert listed.status_code == 200
    assert references(listed) == {world.case_a.reference, world.restricted_a.reference}


def test_a_browser_session_reads_and_needs_the_csrf_token_to_write(world):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.alice, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("api-case-list")).status_code == 200
    response = client.post(
        case_url(world.case_a, "stage"), {"to": "engagement", "rationale": "Assessed."}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not StageChange.objects.exists()


def test_a_wrong_password_gets_a_clear_400(world):
    response = APIClient().post(
        reverse("api-token"), {"email": "alice@example.test", "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": ["Unable to sign in with that email address and password."]}
    assert "token" not in response.json()


def test_repeated_wrong_passwords_lock_the_account_out(world, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = APIClient()
    for _ in range(3):
        client.post(reverse("api-token"), {"email": "alice@example.test", "password": "wrong"}, format="json")
    response = client.post(reverse("api-token"), {"email": "alice@example.test", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert "token" not in response.json()


def test_the_token_endpoint_needs_both_fields(world):
    response = APIClient().post(reverse("api-token"), {"email": "alice@example.test"}, format="json")
    assert response.status_code == 400
    assert "password" in response.json()


# Tenancy ----------------------------------------------------------------------------------------


def test_bobs_case_list_leaves_out_as_cases(world):
    response = api(world.bob).get(reverse("api-case-list"))
    assert response.status_code == 200
    assert references(response) == {world.case_b.reference, world.restricted_b.reference}


@pytest.mark.parametrize("suffix", ["", "stage", "chronology"])
def test_another_organisations_leader_gets_404_on_as_case(world, suffix):
    client = api(world.leader_b)
    # The stage endpoint only takes POST: a GET is refused before any case is looked up.
    assert client.get(case_url(world.case_a, suffix)).status_code == (405 if suffix == "stage" else 404)
    if suffix == "stage":
        response = client.post(case_url(world.case_a, suffix), {"to": "engagement", "rationale": "x"}, format="json")
    elif suffix == "chronology":
        response = client.post(case_url(world.case_a, suffix), {"title": "x"}, format="json")
    else:
        response = client.patch(case_url(world.case_a), {"title": "x"}, format="json")
    assert response.status_code == 404
    assert world.case_a.reference not in response.content.decode()


def test_another_organisations_leader_gets_404_on_retrieve_and_chronology(world):
    client = api(world.leader_b)
    assert client.get(case_url(world.case_a)).status_code == 404
    assert client.get(case_url(world.case_a, "chronology")).status_code == 404


def test_another_organisations_consultant_cannot_change_the_stage(world):
    response = api(world.bob).post(
        case_url(world.case_a, "stage"), {"to": "engagement", "rationale": "Risks assessed."}, format="json"
    )
    assert response.status_code == 404
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT


def test_a_consultant_not_named_on_a_restricted_case_does_not_see_it(world):
    client = api(world.carol)
    assert world.restricted_a.reference not in references(client.get(reverse("api-case-list")))
    assert world.case_a.reference in references(client.get(reverse("api-case-list")))
    assert client.get(case_url(world.restricted_a)).status_code == 404
    assert client.get(case_url(world.restricted_a, "chronology")).status_code == 404


def test_a_leader_sees_their_restricted_case(world):
    client = api(world.leader_a)
    assert references(client.get(reverse("api-case-list"))) == {world.case_a.reference, world.restricted_a.reference}
    response = client.get(case_url(world.restricted_a))
    assert response.status_code == 200
    assert response.json()["restricted"] is True


def test_staff_do_not_see_the_restricted_case(world):
    client = api(world.staff_a)
    assert references(client.get(reverse("api-case-list"))) == {world.case_a.reference}
    assert client.get(case_url(world.restricted_a)).status_code == 404


def test_an_unknown_reference_is_404(world):
    response = api(world.admin).get(reverse("api-case-detail", kwargs={"reference": "SAF-1999-9999"}))
    assert response.status_code == 404


def test_client_users_do_not_see_consultant_only_chronology(world):
    secret = services.chronology_entry_create(actor=world.alice, case=world.case_a, title="Consultant-only note")
    shared = services.chronology_entry_create(
        actor=world.alice, case=world.case_a, title="Met the head", shared_with_organisation=True
    )
    for user in (world.leader_a, world.staff_a):
        client = api(user)
        on_case = {row["id"] for row in client.get(case_url(world.case_a, "chronology")).json()["results"]}
        across = {row["id"] for row in client.get(reverse("api-chronology-list")).json()["results"]}
        assert shared.pk in on_case and shared.pk in across
        assert secret.pk not in on_case and secret.pk not in across
    alice_sees = {row["id"] for row in api(world.alice).get(case_url(world.case_a, "chronology")).json()["results"]}
    assert {secret.pk, shared.pk} <= alice_sees


def test_the_chronology_list_leaves_out_other_organisations(world):
    response = api(world.bob).get(reverse("api-chronology-list"))
    assert response.status_code == 200
    cases = {row["case"] for row in response.json()["results"]}
    assert cases == {world.case_b.reference, world.restricted_b.reference}


def test_organisations_are_scoped_too(world):
    client = api(world.alice)
    response = client.get(reverse("api-organisation-list"))
    assert [row["name"] for row in response.json()["results"]] == ["Oakfield Academy"]
    assert client.get(reverse("api-organisation-detail", kwargs={"pk": world.org_b.pk})).status_code == 404
    detail = client.get(reverse("api-organisation-detail", kwargs={"pk": world.org_a.pk}))
    assert detail.json()["open_case_count"] == 2


def test_organisations_filter_by_kind_and_search_by_name(world):
    client = api(world.admin)
    by_kind = client.get(reverse("api-organisation-list"), {"kind": "sports_club"}).json()["results"]
    assert [row["name"] for row in by_kind] == ["Riverside Swimming Club"]
    by_name = client.get(reverse("api-organisation-list"), {"search": "oakf"}).json()["results"]
    assert [row["name"] for row in by_name] == ["Oakfield Academy"]


# Reading a case ---------------------------------------------------------------------------------


def test_retrieving_a_case_shows_it_and_audits_the_view(world):
    services.deadline_create(
        actor=world.alice, case=world.case_a, title="LADO referral", due_on=timezone.localdate() + dt.timedelta(days=1)
    )
    response = api(world.alice).get(case_url(world.case_a))
    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == world.case_a.reference
    assert body["organisation"] == {"id": world.org_a.pk, "name": "Oakfield Academy"}
    assert body["lead_consultant"] == {"id": world.alice.pk, "full_name": "Alice Adams"}
    assert body["stage"] == "assessment" and body["stage_label"] == "Assessment"
    assert body["next_due_title"] == "LADO referral"
    assert body["consultants"] == [{"id": world.alice.pk, "full_name": "Alice Adams"}]
    assert body["url"] == f"/cases/{world.case_a.reference}/"
    assert AuditEvent.objects.filter(verb="case.viewed", case=world.case_a, actor=world.alice).count() == 1


def test_a_reference_is_found_whatever_its_case(world):
    response = api(world.alice).get(reverse("api-case-detail", kwargs={"reference": world.case_a.reference.lower()}))
    assert response.status_code == 200


def test_the_case_list_filters(world):
    client = api(world.admin)
    url = reverse("api-case-list")
    assert references(client.get(url, {"restricted": "true"})) == {
        world.restricted_a.reference, world.restricted_b.reference
    }
    assert references(client.get(url, {"organisation": world.org_b.pk})) == {
        world.case_b.reference, world.restricted_b.reference
    }
    assert references(client.get(url, {"q": "coach"})) == {world.case_b.reference}
    assert references(client.get(url, {"q": "oakfield"})) == {world.case_a.reference, world.restricted_a.reference}
    assert references(client.get(url, {"stage": "engagement"})) == set()


def test_the_case_list_shows_closed_cases_unless_asked_for_open_ones(world):
    Case.objects.filter(pk=world.case_b.pk).update(stage=Stage.CLOSED, closed_on=timezone.localdate())
    client = api(world.bob)
    url = reverse("api-case-list")
    assert world.case_b.reference in references(client.get(url))
    assert world.case_b.reference not in references(client.get(url, {"status": "open"}))
    assert references(client.get(url, {"status": "closed"})) == {world.case_b.reference}


def test_an_unknown_filter_value_is_a_400(world):
    response = api(world.alice).get(reverse("api-case-list"), {"stage": "foo"})
    assert response.status_code == 400
    assert "stage" in response.json()


def test_the_case_list_orders_on_request(world):
    response = api(world.admin).get(reverse("api-case-list"), {"ordering": "reference"})
    got = [row["reference"] for row in response.json()["results"]]
    assert got == sorted(got)


# Opening and changing a case --------------------------------------------------------------------


def test_a_consultant_opens_a_case(world):
    response = api(world.alice).post(
        reverse("api-case-list"),
        {
            "organisation": world.org_a.pk,
            "title": "Online safety incident",
            "severity": "critical",
            "rag": "amber",
            "consultants": [world.carol.pk],
            "opened_on": "2026-03-02",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert body["reference"].startswith("SAF-2026-")
    assert (case.organisation, case.severity, case.rag, case.lead_consultant) == (
        world.org_a, "critical", "amber", world.alice
    )
    assert set(case.consultants.all()) == {world.alice, world.carol}
    assert AuditEvent.objects.filter(verb="case.created", case=case).exists()


def test_opening_a_case_for_another_organisation_is_refused(world):
    before = Case.objects.count()
    response = api(world.alice).post(
        reverse("api-case-list"), {"organisation": world.org_b.pk, "title": "Not mine"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": ["Unknown organisation."]}
    assert Case.objects.count() == before


def test_opening_a_case_with_another_organisations_consultant_is_refused(world):
    before = Case.objects.count()
    response = api(world.alice).post(
        reverse("api-case-list"),
        {"organisation": world.org_a.pk, "title": "Team", "consultants": [world.bob.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert "consultants" in response.json()
    assert "Bob" not in response.content.decode()
    assert Case.objects.count() == before


def test_client_users_cannot_open_cases(world):
    before = Case.objects.count()
    response = api(world.leader_a).post(
        reverse("api-case-list"), {"organisation": world.org_a.pk, "title": "Ours"}, format="json"
    )
    assert response.status_code == 403
    assert Case.objects.count() == before


def test_a_consultant_changes_a_case(world):
    response = api(world.alice).patch(
        case_url(world.case_a), {"rag": "green", "title": "Allegation (resolved)"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["rag"] == "green"
    world.case_a.refresh_from_db()
    assert (world.case_a.rag, world.case_a.title) == ("green", "Allegation (resolved)")
    assert AuditEvent.objects.filter(verb="case.updated", case=world.case_a).exists()


def test_a_consultant_who_restricts_a_case_they_are_not_named_on_loses_sight_of_it(world):
    client = api(world.carol)
    response = client.patch(case_url(world.case_a), {"restricted": True}, format="json")
    assert response.status_code == 200
    assert response.json()["restricted"] is True
    assert client.get(case_url(world.case_a)).status_code == 404


def test_a_leader_cannot_change_a_case(world):
    response = api(world.leader_a).patch(case_url(world.case_a), {"rag": "green"}, format="json")
    assert response.status_code == 403
    world.case_a.refresh_from_db()
    assert world.case_a.rag == "red"


def test_a_blank_title_is_a_field_error(world):
    response = api(world.alice).patch(case_url(world.case_a), {"title": ""}, format="json")
    assert response.status_code == 400
    assert "title" in response.json()


# Moving the stage -------------------------------------------------------------------------------


def test_a_consultant_moves_the_stage(world, assessed):
    response = api(world.alice).post(
        case_url(world.case_a, "stage"), {"to": "engagement", "rationale": "All risks assessed."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["stage"] == "engagement"
    change = StageChange.objects.get(case=world.case_a)
    assert (change.from_stage, change.to_stage, change.rationale) == ("assessment", "engagement", "All risks assessed.")
    assert ChronologyEntry.objects.filter(case=world.case_a, kind="stage_change").exists()


def test_staff_cannot_move_the_stage(world):
    response = api(world.staff_a).post(
        case_url(world.case_a, "stage"), {"to": "engagement", "rationale": "We think so."}, format="json"
    )
    assert response.status_code == 403
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT
    assert not StageChange.objects.filter(case=world.case_a).exists()


def test_a_leader_cannot_move_the_stage(world):
    response = api(world.leader_a).post(
        case_url(world.case_a, "stage"), {"to": "engagement", "rationale": "We think so."}, format="json"
    )
    assert response.status_code == 403
    assert not StageChange.objects.filter(case=world.case_a).exists()


def test_skipping_a_stage_is_refused_with_the_reason(world):
    response = api(world.alice).post(
        case_url(world.case_a, "stage"), {"to": "response", "rationale": "In a hurry."}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": [
            "A case cannot move from Assessment to Response: stages are taken in order. "
            "From Assessment it can move to Engagement."
        ]
    }
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT
    assert not StageChange.objects.filter(case=world.case_a).exists()


def test_an_unknown_stage_is_a_400_with_the_stages(world):
    response = api(world.alice).post(case_url(world.case_a, "stage"), {"to": "foo", "rationale": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "to": ['"foo" is not a stage. Stages are: assessment, engagement, response, recovery, closed.']
    }


def test_a_stage_move_needs_a_rationale(world):
    response = api(world.alice).post(case_url(world.case_a, "stage"), {"to": "engagement"}, format="json")
    assert response.status_code == 400
    assert "Give the reason" in response.json()["rationale"][0]
    assert not StageChange.objects.filter(case=world.case_a).exists()


def test_a_malformed_json_body_is_a_400(world):
    response = api(world.alice).post(
        case_url(world.case_a, "stage"), data='{"to": "engagement",', content_type="application/json"
    )
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


# Chronology -------------------------------------------------------------------------------------


def test_a_consultant_adds_a_chronology_entry(world):
    response = api(world.alice).post(
        case_url(world.case_a, "chronology"),
        {
            "title": "Suspended the teacher",
            "kind": "decision",
            "decision": "Suspend pending investigation.",
            "rationale": "LADO advice.",
            "significant": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["case"], body["kind"], body["author"]["id"]) == (world.case_a.reference, "decision", world.alice.pk)
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Suspended the teacher").exists()


def test_a_decision_without_reasons_is_a_field_error(world):
    response = api(world.alice).post(
        case_url(world.case_a, "chronology"), {"title": "Decided", "kind": "decision"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"rationale": ["A decision must record the reasons for it."]}


def test_a_chronology_entry_in_the_future_is_refused(world):
    future = (timezone.now() + dt.timedelta(days=2)).isoformat()
    response = api(world.alice).post(
        case_url(world.case_a, "chronology"), {"title": "Later", "occurred_at": future}, format="json"
    )
    assert response.status_code == 400
    assert "occurred_at" in response.json()


def test_client_users_cannot_add_chronology(world):
    response = api(world.leader_a).post(case_url(world.case_a, "chronology"), {"title": "Ours"}, format="json")
    assert response.status_code == 403


def test_the_chronology_list_filters(world):
    services.chronology_entry_create(actor=world.alice, case=world.case_a, title="Called Ofsted", kind="contact")
    client = api(world.alice)
    url = reverse("api-chronology-list")
    on_case = client.get(url, {"case": world.case_a.reference}).json()["results"]
    assert {row["case"] for row in on_case} == {world.case_a.reference}
    contacts = client.get(url, {"kind": "contact"}).json()["results"]
    assert [row["title"] for row in contacts] == ["Called Ofsted"]
    significant = client.get(url, {"significant": "true"}).json()["results"]
    assert {row["title"] for row in significant} == {"Case opened"}

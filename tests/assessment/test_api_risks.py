"""The risk register API: tenancy, writes through the risk services, clear 400s, a fixed query count.

Alice consults for A; Bob consults for B; Lena leads A and Sam is staff at A; Charlie (leader_b)
leads B and "should have no access to A's stuff".
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from assessment import services as assessment_services
from assessment.models import Risk, RiskComment, RiskScoreChange
from crisis.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


LEVELS = ("inherent_likelihood", "inherent_impact", "current_likelihood", "current_impact", "target_likelihood",
          "target_impact")


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def add_risk(world, case=None, **overrides) -> Risk:
    data = {"title": "Staff unaware of the LADO route", "category": "operational",
            "inherent_likelihood": 4, "inherent_impact": 4}
    data.update(overrides)
    return assessment_services.risk_create(actor=world.alice, case=case or world.case_a, **data)


def case_url(case, name: str = "api-case-risks") -> str:
    return reverse(name, kwargs={"reference": case.reference})


def risk_url(risk: Risk, name: str = "api-risk-detail") -> str:
    return reverse(name, kwargs={"pk": risk.pk})


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def rescore_body(*levels: int, reason: str = "Reviewed with the DSL.") -> dict:
    return {**dict(zip(LEVELS, levels, strict=True)), "reason": reason}


# Listing ----------------------------------------------------------------------------------------


def test_the_list_shows_the_register_by_priority_with_scores_and_bands(world):
    add_risk(world, title="Low one", inherent_likelihood=1, inherent_impact=2)
    add_risk(world, title="Critical one", category="legal", inherent_likelihood=5, inherent_impact=5,
             current_likelihood=4, current_impact=5, target_likelihood=2, target_impact=3, owner=world.leader_a)
    response = api(world.alice).get(case_url(world.case_a))
    assert response.status_code == 200
    assert titles(response) == ["Critical one", "Low one"]
    row = response.json()["results"][0]
    assert {k: row[k] for k in ("case", "category", "inherent_score", "inherent_band", "current_score",
                                "current_band", "target_score", "target_band", "movement", "review_overdue")} == {
        "case": world.case_a.reference, "category": "legal", "inherent_score": 25, "inherent_band": "critical",
        "current_score": 20, "current_band": "critical", "target_score": 6, "target_band": "medium",
        "movement": "new", "review_overdue": False,
    }
    assert row["owner"] == {"id": world.leader_a.pk, "full_name": "Lena Leader"}


def test_the_list_filters_like_the_register(world):
    add_risk(world, title="Gate", inherent_likelihood=1, inherent_impact=2)
    add_risk(world, title="Press", category="reputational", inherent_likelihood=5, inherent_impact=5,
             owner=world.leader_a)
    closed = add_risk(world, title="Gone", category="legal")
    assessment_services.risk_close(actor=world.alice, risk=closed, note="No longer applies.")
    client = api(world.alice)
    assert titles(client.get(case_url(world.case_a), {"category": "reputational"})) == ["Press"]
    assert titles(client.get(case_url(world.case_a), {"band": "low"})) == ["Gate"]
    assert titles(client.get(case_url(world.case_a), {"owner": world.leader_a.pk})) == ["Press"]
    assert titles(client.get(case_url(world.case_a), {"q": "gat"})) == ["Gate"]
    assert titles(client.get(case_url(world.case_a), {"status": "closed"})) == ["Gone"]
    assert len(titles(client.get(case_url(world.case_a), {"status": "all"}))) == 3
    assert titles(client.get(case_url(world.case_a), {"basis": "inherent", "likelihood": 5, "impact": 5})) == ["Press"]
    response = client.get(case_url(world.case_a), {"category": "gossip", "likelihood": 7})
    assert response.status_code == 400
    assert set(response.json()) == {"category", "likelihood"}


def test_staff_list_and_read_only_the_risks_they_own(world):
    own = add_risk(world, title="Sam's risk", owner=world.staff_a)
    other = add_risk(world, title="Someone else's", owner=world.leader_a)
    client = api(world.staff_a)
    assert titles(client.get(case_url(world.case_a))) == ["Sam's risk"]
    assert client.get(risk_url(own)).status_code == 200
    assert client.get(risk_url(other)).status_code == 404
    assert client.get(risk_url(other, "api-risk-history")).status_code == 404


def test_list_queries_do_not_grow_with_risks(world):
    def measure() -> tuple[int, int]:
        client = api(world.alice)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(case_url(world.case_a))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    owners = [world.alice, world.leader_a, world.staff_a, None]
    for number in range(10):
        add_risk(world, title=f"Risk {number}", owner=owners[number % 4], inherent_likelihood=number % 5 + 1)
    few, few_rows = measure()
    for number in range(10, 200):
        add_risk(world, title=f"Risk {number}", owner=owners[number % 4], inherent_likelihood=number % 5 + 1)
    many, many_rows = measure()
    assert (few_rows, many_rows) == (10, 200)
    assert many == few


# Creating ---------------------------------------------------------------------------------------


def test_a_consultant_adds_a_risk(world):
    response = api(world.alice).post(case_url(world.case_a), {
        "title": "Media doorstep the school gate", "category": "reputational", "inherent_likelihood": 4,
        "inherent_impact": 5, "current_likelihood": 3, "owner": world.leader_a.pk,
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    risk = Risk.objects.get(pk=body["id"])
    assert (risk.case, risk.owner, risk.current_likelihood, risk.current_impact, risk.target_likelihood) == (
        world.case_a, world.leader_a, 3, 5, 3
    )
    assert (body["current_score"], body["current_band"]) == (15, "critical")
    assert RiskScoreChange.objects.filter(risk=risk).count() == 1
    assert AuditEvent.objects.filter(verb="risk.created", object_id=str(risk.pk)).exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"current_likelihood": 7}, "current_likelihood"),
        ({"inherent_impact": "high"}, "inherent_impact"),
        ({"category": "gossip"}, "category"),
        ({"treatment": "accept"}, "treatment_rationale"),
        ({"title": ""}, "title"),
        ({"owner": 999999}, "owner"),
        ({"identified_on": "2999-01-01"}, "identified_on"),
        ({"status": "closed"}, "status"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(world, change, field):
    body = {"title": "A risk", "category": "legal", "inherent_likelihood": 3, "inherent_impact": 3, **change}
    response = api(world.alice).post(case_url(world.case_a), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Risk.objects.exists()


def test_an_owner_of_another_organisation_reads_as_unknown(world):
    body = {"title": "A risk", "category": "legal", "inherent_likelihood": 3, "inherent_impact": 3,
            "owner": world.leader_b.pk}
    response = api(world.alice).post(case_url(world.case_a), body, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "owner": ["Unknown owner: not a member of the organisation or a consultant assigned to it."]
    }
    assert "Charlie" not in response.content.decode()


def test_malformed_json_is_a_400_not_a_500(world):
    response = api(world.alice).post(case_url(world.case_a), data='{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize("who", ["leader_a", "staff_a"])
def test_leaders_and_staff_cannot_add_risks(world, who):
    response = api(getattr(world, who)).post(case_url(world.case_a), {"title": ""}, format="json")
    assert response.status_code == 403
    assert not Risk.objects.exists()


# Changing, re-scoring, closing ------------------------------------------------------------------


def test_patch_changes_the_details_sent(world):
    risk = add_risk(world)
    response = api(world.alice).patch(risk_url(risk), {"title": "Staff unsure of the LADO route",
                                                       "owner": world.staff_a.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Staff unsure of the LADO route"
    risk.refresh_from_db()
    assert (risk.title, risk.owner) == ("Staff unsure of the LADO route", world.staff_a)


def test_patch_refuses_score_fields_and_points_to_rescore(world):
    risk = add_risk(world)
    response = api(world.alice).patch(risk_url(risk), {"title": "x", "current_likelihood": 1}, format="json")
    assert response.status_code == 400
    assert "rescore/" in response.json()["current_likelihood"][0]
    risk.refresh_from_db()
    assert (risk.title, risk.current_likelihood) == ("Staff unaware of the LADO route", 4)
    derived = api(world.alice).patch(risk_url(risk), {"band": "low"}, format="json")
    assert derived.status_code == 400
    assert derived.json() == {"band": ["This field cannot be changed."]}


def test_patch_with_nothing_to_change_is_a_400(world):
    response = api(world.alice).patch(risk_url(add_risk(world)), {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": ["Send at least one field to change."]}


def test_rescoring_records_history_that_the_history_endpoint_shows(world):
    risk = add_risk(world)
    client = api(world.alice)
    response = client.post(risk_url(risk, "api-risk-rescore"), rescore_body(4, 4, 2, 3, 1, 2), format="json")
    assert response.status_code == 200
    assert (response.json()["current_score"], response.json()["previous_score"], response.json()["movement"]) == (
        6, 16, "down"
    )
    history = client.get(risk_url(risk, "api-risk-history")).json()["results"]
    assert [(h["reason"], h["current_score"]) for h in history] == [("Identified", 16), ("Reviewed with the DSL.", 6)]
    assert history[1]["before"]["current"] == [4, 4] and history[1]["after"]["current"] == [2, 3]
    assert history[1]["changed_by"]["id"] == world.alice.pk


def test_a_rescore_needs_every_level_and_a_reason(world):
    risk = add_risk(world)
    response = api(world.alice).post(risk_url(risk, "api-risk-rescore"), {"current_likelihood": 9}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {*LEVELS, "reason"}
    assert response.json()["current_likelihood"] == ["Must be a whole number from 1 to 5."]
    assert RiskScoreChange.objects.count() == 1


def test_closing_a_risk_keeps_the_note(world):
    risk = add_risk(world)
    response = api(world.alice).post(risk_url(risk, "api-risk-close"), {"note": "Teacher resigned."}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert RiskComment.objects.get(risk=risk).body == "Closed: Teacher resigned."
    again = api(world.alice).post(risk_url(risk, "api-risk-close"), {"note": "Again."}, format="json")
    assert again.status_code == 400
    assert again.json() == {"detail": ["The risk is already closed."]}


@pytest.mark.parametrize("who", ["leader_a", "staff_a"])
def test_leaders_and_staff_cannot_change_risks(world, who):
    risk = add_risk(world, owner=world.staff_a)
    client = api(getattr(world, who))
    assert client.patch(risk_url(risk), {"title": "x"}, format="json").status_code == 403
    rescore = client.post(risk_url(risk, "api-risk-rescore"), rescore_body(1, 1, 1, 1, 1, 1), format="json")
    assert rescore.status_code == 403
    assert client.post(risk_url(risk, "api-risk-close"), {"note": "x"}, format="json").status_code == 403
    risk.refresh_from_db()
    assert (risk.title, risk.current_score, risk.status) == ("Staff unaware of the LADO route", 16, "open")


# Comments ---------------------------------------------------------------------------------------


def test_a_leader_may_comment_and_everyone_who_sees_the_risk_reads_comments(world):
    risk = add_risk(world, owner=world.staff_a)
    response = api(world.leader_a).post(risk_url(risk, "api-risk-comments"), {"body": "Governors informed."},
                                        format="json")
    assert response.status_code == 201
    assert response.json()["author"] == {"id": world.leader_a.pk, "full_name": "Lena Leader"}
    listed = api(world.alice).get(risk_url(risk, "api-risk-comments")).json()["results"]
    assert [c["body"] for c in listed] == ["Governors informed."]


def test_staff_may_not_comment_even_on_their_own_risk(world):
    risk = add_risk(world, owner=world.staff_a)
    response = api(world.staff_a).post(risk_url(risk, "api-risk-comments"), {"body": "Me too."}, format="json")
    assert response.status_code == 403
    assert not RiskComment.objects.exists()


# Heat map ---------------------------------------------------------------------------------------


def test_the_heat_map_counts_match_the_data(world):
    for title in ("Press", "Parents"):
        add_risk(world, title=title, category="reputational", inherent_likelihood=5, inherent_impact=5,
                 current_likelihood=4, current_impact=5)
    add_risk(world, title="Gate", inherent_likelihood=2, inherent_impact=2)
    closed = add_risk(world, title="Gone", inherent_likelihood=4, inherent_impact=5)
    assessment_services.risk_close(actor=world.alice, risk=closed, note="No longer applies.")
    client = api(world.alice)

    current = client.get(case_url(world.case_a, "api-case-risk-heat-map")).json()
    cells = {(c["likelihood"], c["impact"]): c for c in current["cells"]}
    assert current["basis"] == "current"
    assert len(current["cells"]) == 25
    assert cells[(4, 5)] == {"likelihood": 4, "impact": 5, "band": "critical", "count": 2}  # closed left out
    assert cells[(2, 2)]["count"] == 1
    assert sum(c["count"] for c in current["cells"]) == 3
    assert current["counts"] == {
        "by_band": {"critical": 2, "high": 0, "medium": 0, "low": 1},
        "by_category": {"operational": 1, "strategic": 0, "reputational": 2, "financial": 0, "legal": 0,
                        "personnel": 0},
        "total": 3,
    }

    inherent = client.get(case_url(world.case_a, "api-case-risk-heat-map"), {"basis": "inherent"}).json()
    cells = {(c["likelihood"], c["impact"]): c["count"] for c in inherent["cells"]}
    assert (inherent["basis"], cells[(5, 5)], cells[(4, 5)]) == ("inherent", 2, 0)
    assert client.get(case_url(world.case_a, "api-case-risk-heat-map"), {"basis": "wishful"}).status_code == 400


# Import -----------------------------------------------------------------------------------------


def test_the_api_imports_a_csv_file(world):
    content = "title,category,inherent_likelihood,inherent_impact\nGate left open,operational,3,2\nPress,legal,4,4\n"
    response = api(world.alice).post(
        case_url(world.case_a, "api-case-risk-import"),
        {"file": SimpleUploadedFile("r.csv", content.encode(), content_type="text/csv")},
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json() == {"imported": 2}
    assert Risk.objects.filter(case=world.case_a).count() == 2


def test_a_refused_api_import_lists_the_rows_and_writes_nothing(world):
    content = "title,category,inherent_likelihood,inherent_impact\nGate,operational,3,2\n,gossip,7,2\n"
    response = api(world.alice).post(
        case_url(world.case_a, "api-case-risk-import"),
        {"file": SimpleUploadedFile("r.csv", content.encode(), content_type="text/csv")},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": [
        "Row 3: a title is required (title).",
        "Row 3: unknown category “gossip”; use one of operational, strategic, reputational, financial, legal, "
        "personnel (category).",
        "Row 3: likelihood must be 1 to 5, got 7 (inherent_likelihood).",
    ]}
    assert not Risk.objects.exists()


def test_an_api_import_needs_a_file_and_a_manager(world):
    url = case_url(world.case_a, "api-case-risk-import")
    response = api(world.alice).post(url, {}, format="multipart")
    assert response.status_code == 400
    assert "file" in response.json()
    assert api(world.leader_a).post(url, {}, format="multipart").status_code == 403


# Tenancy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "leader_b", "staff_b"])
def test_another_organisation_gets_404_on_every_risk_endpoint(world, who):
    risk = add_risk(world, owner=world.leader_a)
    client = api(getattr(world, who))
    reads = [case_url(world.case_a), case_url(world.case_a, "api-case-risk-heat-map"), risk_url(risk),
             risk_url(risk, "api-risk-history"), risk_url(risk, "api-risk-comments")]
    writes = [
        (case_url(world.case_a), {"title": "x", "category": "legal", "inherent_likelihood": 1, "inherent_impact": 1}),
        (case_url(world.case_a, "api-case-risk-import"), {}),
        (risk_url(risk, "api-risk-rescore"), rescore_body(1, 1, 1, 1, 1, 1)),
        (risk_url(risk, "api-risk-comments"), {"body": "x"}),
        (risk_url(risk, "api-risk-close"), {"note": "x"}),
    ]
    responses = [client.get(url) for url in reads]
    responses += [client.post(url, body, format="json") for url, body in writes]
    responses.append(client.patch(risk_url(risk), {"title": "x"}, format="json"))
    for response in responses:
        assert response.status_code == 404, response.request["PATH_INFO"]
        body = response.content.decode()
        assert world.case_a.reference not in body and risk.title not in body
    assert (Risk.objects.count(), RiskComment.objects.count(), RiskScoreChange.objects.count()) == (1, 0, 1)


def test_the_schema_lists_every_risk_endpoint(world):
    schema = api(world.alice).get(reverse("api-schema"), {"format": "json"}).json()
    assert {
        "/api/v1/cases/{reference}/risks/",
        "/api/v1/cases/{reference}/risks/heat-map/",
        "/api/v1/cases/{reference}/risks/import/",
        "/api/v1/risks/{id}/",
        "/api/v1/risks/{id}/rescore/",
        "/api/v1/risks/{id}/history/",
        "/api/v1/risks/{id}/comments/",
        "/api/v1/risks/{id}/close/",
    } <= set(schema["paths"])

"""The policy register and improvement checkpoint API: who keeps and checks policies, compliance
from the checklist, checkpoints filled from the data, tenancy and a fixed query count.

Alice consults for A; Bob consults for B; Lena leads A and Sam is staff at A; Charlie (leader_b)
leads B and "should have no access to A's stuff".
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assessment import services as assessment_services
from crisis.models import AuditEvent
from response import services as response_services
from response.models import ChecklistRequirement, ImprovementCheckpoint, Policy, PolicyCheck

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def add_policy(world, **overrides) -> Policy:
    values = {"actor": world.leader_a, "organisation": world.org_a, "policy_type": "child_protection",
              "title": "Child protection policy", "next_review_on": timezone.localdate() + dt.timedelta(days=200)}
    values.update(overrides)
    return response_services.policy_create(**values)


def policies_url(organisation) -> str:
    return reverse("api-organisation-policies", kwargs={"pk": organisation.pk})


def policy_url(policy: Policy, name: str = "api-policy-detail") -> str:
    return reverse(name, kwargs={"pk": policy.pk})


def checkpoints_url(case, name: str = "api-case-checkpoints") -> str:
    return reverse(name, kwargs={"reference": case.reference})


def requirements(policy_type: str = "child_protection") -> list[ChecklistRequirement]:
    return list(ChecklistRequirement.objects.filter(policy_type=policy_type, active=True).order_by("order", "id"))


# Policies ---------------------------------------------------------------------------------------


def test_a_leader_adds_a_policy_with_its_document(world):
    response = api(world.leader_a).post(policies_url(world.org_a), {
        "policy_type": "child_protection", "title": "Child protection policy", "version": "2.1",
        "status": "approved", "approved_on": "2026-09-01", "approved_by_body": "The governing body",
        "next_review_on": "2027-09-01", "owner": world.leader_a.pk,
        "document": SimpleUploadedFile("cp-policy.pdf", PDF),
    }, format="multipart")
    assert response.status_code == 201, response.json()
    body = response.json()
    policy = Policy.objects.get(pk=body["id"])
    assert (policy.organisation, policy.version, policy.owner, policy.document_name) == (
        world.org_a, "2.1", world.leader_a, "cp-policy.pdf")
    assert (body["status"], body["has_document"], body["compliance"], body["checked_count"]) == (
        "approved", True, 0, 0)
    assert body["requirement_count"] == len(requirements())
    assert [item["result"] for item in body["checklist"]] == [None] * len(requirements())
    assert AuditEvent.objects.filter(verb="policy.created", object_id=str(policy.pk)).exists()


def test_a_policy_is_added_as_json_too_and_its_rules_answer_400(world):
    client = api(world.alice)
    response = client.post(policies_url(world.org_a), {"policy_type": "whistleblowing", "title": "Whistleblowing",
                                                       "next_review_on": "2027-01-01"}, format="json")
    assert response.status_code == 201
    unapproved = client.post(policies_url(world.org_a), {"policy_type": "behaviour", "title": "Behaviour",
                                                         "status": "approved", "next_review_on": "2027-01-01"},
                             format="json")
    assert unapproved.status_code == 400 and "approved_on" in unapproved.json()
    bad = client.post(policies_url(world.org_a), {"policy_type": "gossip", "title": "", "owner": world.leader_b.pk},
                      format="json")
    assert bad.status_code == 400
    assert set(bad.json()) == {"policy_type", "title", "owner", "next_review_on"}
    disguised = client.post(policies_url(world.org_a), {
        "policy_type": "behaviour", "title": "Behaviour", "next_review_on": "2027-01-01",
        "document": SimpleUploadedFile("behaviour.pdf", b"MZ\x90\x00"),
    }, format="multipart")
    assert disguised.status_code == 400 and "does not contain" in disguised.json()["document"][0]
    assert Policy.objects.count() == 1


def test_staff_read_the_register_but_cannot_write_it(world):
    policy = add_policy(world)
    client = api(world.staff_a)
    assert [p["title"] for p in client.get(policies_url(world.org_a)).json()["results"]] == ["Child protection policy"]
    assert client.get(policy_url(policy)).status_code == 200
    assert client.post(policies_url(world.org_a), {"title": ""}, format="json").status_code == 403
    assert client.patch(policy_url(policy), {"title": "x"}, format="json").status_code == 403
    assert Policy.objects.get().title == "Child protection policy"


def test_patch_changes_the_policy(world):
    policy = add_policy(world)
    response = api(world.leader_a).patch(policy_url(policy), {"version": "3.0", "status": "in_review"}, format="json")
    assert response.status_code == 200
    assert (response.json()["version"], response.json()["status"]) == ("3.0", "in_review")
    refused = api(world.leader_a).patch(policy_url(policy), {"compliance": 100}, format="json")
    assert refused.status_code == 400 and refused.json() == {"compliance": ["This field cannot be changed."]}
    policy.refresh_from_db()
    assert (policy.version, policy.status) == ("3.0", "in_review")


def test_a_consultant_sets_the_checklist_and_the_compliance_follows(world):
    policy = add_policy(world)
    first, second, *_ = requirements()
    total = len(requirements())
    client = api(world.alice)
    response = client.post(policy_url(policy, "api-policy-checklist"),
                           {"requirement": first.pk, "result": "met", "note": "Names the DSL."}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["compliance"] == round(100 / total)
    response = client.post(policy_url(policy, "api-policy-checklist"),
                           {"requirement": second.pk, "result": "partly"}, format="json")
    body = response.json()
    assert body["compliance"] == round(100 * 1.5 / total)
    assert body["checked_count"] == 2
    items = {item["requirement"]["id"]: item for item in body["checklist"]}
    assert (items[first.pk]["result"], items[first.pk]["note"], items[first.pk]["checked_by"]["id"]) == (
        "met", "Names the DSL.", world.alice.pk)
    assert items[second.pk]["result"] == "partly"
    assert any("best-practice checklist" in reason for reason in body["suggestion_reasons"])
    # Changing a result replaces it.
    client.post(policy_url(policy, "api-policy-checklist"), {"requirement": second.pk, "result": "met"},
                format="json")
    assert PolicyCheck.objects.filter(policy=policy).count() == 2
    assert api(world.leader_a).get(policy_url(policy)).json()["compliance"] == round(200 / total)
    listed = api(world.leader_a).get(policies_url(world.org_a)).json()["results"]
    assert listed[0]["compliance"] == round(200 / total)


def test_a_leader_cannot_check_policies(world):
    policy = add_policy(world)
    response = api(world.leader_a).post(policy_url(policy, "api-policy-checklist"),
                                        {"requirement": requirements()[0].pk, "result": "met"}, format="json")
    assert response.status_code == 403
    # 403 before the input.
    assert api(world.leader_a).post(policy_url(policy, "api-policy-checklist"), {},
                                    format="json").status_code == 403
    assert not PolicyCheck.objects.exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"requirement": 999999, "result": "met"}, "requirement"),
        ({"requirement": "rse", "result": "met"}, "requirement"),
        ({"result": "met"}, "requirement"),
        ({"requirement": "first", "result": "mostly"}, "result"),
    ],
)
def test_an_unknown_requirement_or_result_is_a_400(world, body, field):
    policy = add_policy(world)
    if body.get("requirement") == "rse":  # a real requirement, of another policy type
        body = {**body, "requirement": requirements("rse")[0].pk}
    elif body.get("requirement") == "first":
        body = {**body, "requirement": requirements()[0].pk}
    response = api(world.alice).post(policy_url(policy, "api-policy-checklist"), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not PolicyCheck.objects.exists()


def test_an_overdue_review_is_a_suggestion(world):
    policy = add_policy(world, next_review_on=timezone.localdate() - dt.timedelta(days=3))
    body = api(world.leader_a).get(policy_url(policy)).json()
    assert body["review_overdue"] is True
    assert body["suggestion_reasons"] and body["suggestion_reasons"][0].startswith("review was due on")


def test_policy_list_queries_do_not_grow_with_policies(world):
    types = ["child_protection", "staff_code", "safer_recruitment", "whistleblowing", "online_safety"]
    owners = [world.leader_a, world.alice, None]

    def add(start: int, stop: int) -> None:
        for n in range(start, stop):
            policy = add_policy(world, policy_type=types[n % 5], title=f"Policy {n}", owner=owners[n % 3])
            requirement = requirements(types[n % 5])[0]
            response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirement,
                                               result="partly")

    def measure() -> tuple[int, int]:
        client = api(world.leader_a)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(policies_url(world.org_a))
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    add(0, 5)
    few, few_rows = measure()
    add(5, 40)
    many, many_rows = measure()
    assert (few_rows, many_rows) == (5, 40)
    assert many == few


# Checkpoints ------------------------------------------------------------------------------------


def _some_data(world) -> None:
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Press at the gate",
                                    category="reputational",
                         inherent_likelihood=5, inherent_impact=5)
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Gate code shared",
                                    category="operational",
                         inherent_likelihood=1, inherent_impact=2)
    done = response_services.action_create(actor=world.alice, case=world.case_a, title="Brief the staff",
                                           owner=world.leader_a,
                                  due_on=timezone.localdate() + dt.timedelta(days=5))
    response_services.action_mark_done(actor=world.leader_a, action=done, completion_notes="Briefing held.")
    late = response_services.action_create(actor=world.alice, case=world.case_a, title="Audit the SCR",
                                           owner=world.staff_a,
                                  due_on=timezone.localdate() + dt.timedelta(days=5))
    late.due_on = timezone.localdate() - dt.timedelta(days=1)
    late.save(update_fields=["due_on"])


def test_a_consultant_records_a_checkpoint_with_figures_from_the_data(world):
    _some_data(world)
    client = api(world.alice)
    preview = client.get(checkpoints_url(world.case_a, "api-case-checkpoint-figures"))
    assert preview.status_code == 200
    assert preview.json() == {
        "actions_total": 2, "actions_complete": 1, "actions_completed_since_last": 1, "actions_overdue": 1,
        "risks_by_band": {"critical": 1, "high": 0, "medium": 0, "low": 1}, "previous_on": None,
    }
    response = client.post(checkpoints_url(world.case_a), {
        "confidence": {"parents": 2, "regulators": 3}, "commentary": "Staff briefed; the SCR audit is late.",
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["actions_total"], body["actions_complete"], body["actions_overdue"], body["completion_percent"]) == (
        2, 1, 1, 50)
    assert body["risks_by_band"] == {"critical": 1, "high": 0, "medium": 0, "low": 1}
    assert (body["average_confidence"], body["recorded_by"]["id"]) == (2.5, world.alice.pk)
    listed = api(world.leader_a).get(checkpoints_url(world.case_a)).json()["results"]
    assert [c["commentary"] for c in listed] == ["Staff briefed; the SCR audit is late."]
    assert AuditEvent.objects.filter(verb="checkpoint.recorded", case=world.case_a).exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"confidence": {"parents": 6}}, "confidence"),
        ({"confidence": {"parents": True}}, "confidence"),
        ({"confidence": {"aliens": 3}}, "confidence"),
        ({"confidence": {}}, "confidence"),
        ({"confidence": [3]}, "confidence"),
        ({"confidence": {"parents": 3}, "commentary": ""}, "commentary"),
        ({"confidence": {"parents": 3}, "recorded_on": "2999-01-01"}, "recorded_on"),
    ],
)
def test_a_bad_checkpoint_is_a_400_and_writes_nothing(world, body, field):
    body = {"commentary": "Steady progress.", **body}
    response = api(world.alice).post(checkpoints_url(world.case_a), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not ImprovementCheckpoint.objects.exists()


def test_the_bad_rating_message_names_the_group(world):
    response = api(world.alice).post(checkpoints_url(world.case_a),
                                     {"confidence": {"parents": 6}, "commentary": "x"}, format="json")
    assert response.json() == {"confidence": ["Confidence of parents and carers is rated 1 to 5."]}


@pytest.mark.parametrize("who", ["leader_a", "staff_a"])
def test_only_consultants_record_checkpoints_and_preview_figures(world, who):
    client = api(getattr(world, who))
    assert client.get(checkpoints_url(world.case_a)).status_code == 200
    assert client.post(checkpoints_url(world.case_a), {}, format="json").status_code == 403
    assert client.get(checkpoints_url(world.case_a, "api-case-checkpoint-figures")).status_code == 403
    assert not ImprovementCheckpoint.objects.exists()


# Tenancy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "leader_b", "staff_b"])
def test_another_organisation_gets_404_on_every_policy_and_checkpoint_endpoint(world, who):
    policy = add_policy(world)
    response_services.checkpoint_record(actor=world.alice, case=world.case_a, confidence={"parents": 2},
                               commentary="Early days at Oakfield.")
    client = api(getattr(world, who))
    responses = [
        client.get(policies_url(world.org_a)),
        client.post(policies_url(world.org_a), {"policy_type": "behaviour", "title": "x",
                                                "next_review_on": "2027-01-01"}, format="json"),
        client.get(policy_url(policy)),
        client.patch(policy_url(policy), {"title": "x"}, format="json"),
        client.post(policy_url(policy, "api-policy-checklist"), {"requirement": requirements()[0].pk,
                                                                 "result": "met"}, format="json"),
        client.get(checkpoints_url(world.case_a)),
        client.post(checkpoints_url(world.case_a), {"confidence": {"parents": 5}, "commentary": "x"}, format="json"),
        client.get(checkpoints_url(world.case_a, "api-case-checkpoint-figures")),
    ]
    for response in responses:
        assert response.status_code == 404, response.request["PATH_INFO"]
        body = response.content.decode()
        assert "Child protection policy" not in body and "Oakfield" not in body
        assert world.case_a.reference not in body
    assert (Policy.objects.count(), PolicyCheck.objects.count(), ImprovementCheckpoint.objects.count()) == (1, 0, 1)
    assert Policy.objects.get().title == "Child protection policy"


def test_the_schema_lists_every_policy_and_checkpoint_endpoint(world):
    schema = api(world.alice).get(reverse("api-schema"), {"format": "json"}).json()
    assert {
        "/api/v1/organisations/{id}/policies/",
        "/api/v1/policies/{id}/",
        "/api/v1/policies/{id}/checklist/",
        "/api/v1/cases/{reference}/checkpoints/",
        "/api/v1/cases/{reference}/checkpoints/figures/",
    } <= set(schema["paths"])

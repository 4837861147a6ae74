"""The closure report through the API: the same rules as the pages, bad input a 400 with nothing
written, and a list whose queries do not grow with the versions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis.models import AuditEvent
from training.models import ClosureGuardOverride, ClosureReport

from .closure_helpers import HANDOVER, LESSONS, PROTECTED, approved, draft, protect, requested

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def _list(case):
    return reverse("api-case-closure-reports", kwargs={"reference": case.reference})


def _url(name, closure):
    return reverse(name, kwargs={"reference": closure.case.reference, "pk": closure.pk})


def test_a_consultant_creates_edits_and_sends_a_version(world, login):
    client = login(world.alice)
    response = client.post(_list(world.case_a), {"lessons_learned": LESSONS}, content_type="application/json")
    assert response.status_code == 201 and response.json()["number"] == 1
    closure = ClosureReport.objects.get(case=world.case_a)
    response = client.patch(_url("api-closure-report-detail", closure), {"handover": HANDOVER},
                            content_type="application/json")
    assert response.status_code == 200 and response.json()["handover"] == HANDOVER
    response = client.post(_url("api-closure-report-request", closure))
    assert response.status_code == 200 and response.json()["status"] == "awaiting_approval"
    assert client.get(_list(world.case_a)).json()["count"] == 1


def test_the_requester_approving_is_a_400_and_the_second_consultant_approves(world, login):
    closure = requested(world)
    response = login(world.alice).post(_url("api-closure-report-approve", closure), {}, content_type="application/json")
    assert response.status_code == 400 and "second consultant" in str(response.json())
    response = login(world.carol).post(_url("api-closure-report-approve", closure), {"reason": "Fine."},
                                       content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved" and body["decided_by"]["name"] == "Carol Clarke"
    assert body["report"]["status"] == "queued"


def test_bad_input_is_a_400_and_nothing_is_written(world, login):
    finished = approved(world)
    closure = requested(world)
    audit = AuditEvent.objects.count()
    response = login(world.carol).post(_url("api-closure-report-refuse", closure), {"reason": ""},
                                       content_type="application/json")
    assert response.status_code == 400 and "reason" in response.json()
    response = login(world.alice).patch(_url("api-closure-report-detail", finished), {"handover": "Changed."},
                                        content_type="application/json")
    assert response.status_code == 400 and "start a new version" in str(response.json())
    response = login(world.alice).patch(_url("api-closure-report-detail", closure), {"handover": "x" * 20_001},
                                        content_type="application/json")
    assert response.status_code == 400 and "handover" in response.json()
    closure.refresh_from_db()
    finished.refresh_from_db()
    assert closure.status == "awaiting_approval" and finished.handover == HANDOVER
    assert AuditEvent.objects.count() == audit


def test_findings_carry_the_text_found_and_an_override_lets_one_stand(world, login):
    protect(world)
    closure = requested(world, lessons=f"{PROTECTED} spoke up.")
    client = login(world.alice)
    (finding,) = client.get(_url("api-closure-report-detail", closure)).json()["findings"]
    assert (finding["field"], finding["match"], finding["kind"]) == ("lessons learned", PROTECTED, "protected_name")
    response = client.post(_url("api-closure-report-override", closure), {"hit_id": finding["hit_id"]},
                           content_type="application/json")
    assert response.status_code == 400 and not ClosureGuardOverride.objects.exists()
    response = client.post(_url("api-closure-report-override", closure),
                           {"hit_id": finding["hit_id"], "reason": "Named with her family's consent."},
                           content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["findings"] == [] and body["overrides"][0]["reason"] == "Named with her family's consent."


def test_a_leader_reads_approved_versions_only_and_downloads_the_pdf(world, login):
    first = approved(world)
    second = draft(world)
    client = login(world.leader_a)
    listed = client.get(_list(world.case_a)).json()
    assert [v["number"] for v in listed["results"]] == [1]
    assert listed["results"][0]["findings"] == []
    assert client.get(_url("api-closure-report-detail", second)).status_code == 404
    response = client.get(_url("api-closure-report-download", first))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditEvent.objects.filter(verb="report.downloaded", actor=world.leader_a,
                                     summary__via="api").exists()
    assert client.post(_list(world.case_a), {}, content_type="application/json").status_code == 403


def test_staff_are_refused_and_another_organisation_gets_404(world, login):
    closure = approved(world)
    assert login(world.staff_a).get(_list(world.case_a)).status_code == 403
    assert login(world.staff_a).get(_url("api-closure-report-download", closure)).status_code == 403
    assert login(world.bob).get(_list(world.case_a)).status_code == 404
    assert login(world.bob).get(_url("api-closure-report-detail", closure)).status_code == 404


def test_the_list_reads_in_a_fixed_number_of_queries(world, login):
    client = login(world.alice)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_list(world.case_a)).status_code == 200
        return len(queries)

    approved(world)
    small = measure()
    approved(world)
    approved(world)
    assert measure() == small

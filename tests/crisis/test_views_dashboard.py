"""The start page, the consultant dashboard, the client home and the health check."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisis import services
from crisis.models import Rag, Severity, Stage

from ..conftest import approve_exit_override

pytestmark = pytest.mark.django_db


def test_it_sends_consultants_to_the_dashboard_and_clients_to_their_action_plan(world, login):
    assert login(world.alice).get("/")["Location"] == "/dashboard/"
    assert login(world.admin).get("/")["Location"] == "/dashboard/"
    assert login(world.leader_a).get("/")["Location"] == "/actions/"
    assert login(world.staff_a).get("/")["Location"] == "/actions/"


def test_it_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_answers_the_health_check_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_it_lists_alices_cases_and_not_bobs(world, login):
    response = login(world.alice).get("/dashboard/")
    body = response.content.decode()
    assert response.status_code == 200
    assert world.case_a.reference in body and world.restricted_a.reference in body
    assert "Allegation against a teacher" in body
    assert world.case_b.reference not in body and world.restricted_b.reference not in body
    assert "Riverside Swimming Club" not in body
    # Her organisation, with its open case count, and the button to open a case.
    assert "Your organisations" in body and "Oakfield Academy" in body and "2 open cases" in body
    assert "New case" in body


def test_it_hides_the_restricted_case_from_carol(world, login):
    body = login(world.carol).get("/dashboard/").content.decode()
    assert world.case_a.reference in body
    assert world.restricted_a.reference not in body


def test_it_searches_by_title_and_reference(world, login):
    client = login(world.alice)
    body = client.get("/dashboard/", {"q": "allegation"}).content.decode()
    assert world.case_a.reference in body and world.restricted_a.reference not in body
    body = client.get("/dashboard/", {"q": world.restricted_a.reference}).content.decode()
    assert world.restricted_a.reference in body and world.case_a.reference not in body


def test_it_filters_by_rag_severity_stage_and_status(world, ready_to_close, login):
    services.case_update(actor=world.alice, case=world.case_a, rag=Rag.GREEN, severity=Severity.LOW)
    client = login(world.alice)
    body = client.get("/dashboard/", {"rag": "green"}).content.decode()
    assert world.case_a.reference in body and world.restricted_a.reference not in body
    body = client.get("/dashboard/", {"severity": "high"}).content.decode()
    assert world.case_a.reference not in body and world.restricted_a.reference in body

    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="Assessed.")
    body = client.get("/dashboard/", {"stage": "engagement"}).content.decode()
    assert world.case_a.reference in body and world.restricted_a.reference not in body

    for stage in (Stage.RESPONSE, Stage.RECOVERY):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=stage, rationale="Next step.")
    approve_exit_override(world.case_a, world.alice, world.carol)  # the exit criteria are not met yet
    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.CLOSED, rationale="Next step.")
    assert world.case_a.reference not in client.get("/dashboard/").content.decode()
    body = client.get("/dashboard/", {"status": "closed"}).content.decode()
    assert world.case_a.reference in body and world.restricted_a.reference not in body
    assert "Closed cases" in body
    body = client.get("/dashboard/", {"status": "all"}).content.decode()
    assert world.case_a.reference in body and world.restricted_a.reference in body


def test_it_filters_by_organisation_and_ignores_one_it_cannot_see(world, login):
    other = services.organisation_create(actor=world.admin, name="Elm Tree Nursery", kind="early_years")
    services.assignment_create(actor=world.admin, consultant=world.alice, organisation=other)
    elm_case = services.case_create(actor=world.alice, organisation=other, title="Nursery concern")
    client = login(world.alice)
    body = client.get("/dashboard/", {"organisation": other.pk}).content.decode()
    assert elm_case.reference in body and world.case_a.reference not in body
    # Organisation B is not a choice for Alice: the filter is dropped, never widened.
    body = client.get("/dashboard/", {"organisation": world.org_b.pk}).content.decode()
    assert world.case_b.reference not in body and world.case_a.reference in body


def test_it_highlights_an_overdue_deadline(world, login):
    services.deadline_create(
        actor=world.alice, case=world.case_a, title="Refer to the LADO",
        due_on=timezone.localdate() - dt.timedelta(days=2), statutory=True,
    )
    body = login(world.alice).get("/dashboard/").content.decode()
    assert "Refer to the LADO" in body
    assert "due--overdue" in body and "overdue</strong>" in body


def test_it_runs_the_same_number_of_queries_for_5_and_50_cases(world, login):
    client = login(world.alice)
    client.get("/dashboard/")  # warm caches (content types, session)

    def cases(count: int) -> None:
        for n in range(count):
            case = services.case_create(actor=world.alice, organisation=world.org_a, title=f"Case number {n}")
            services.deadline_create(
                actor=world.alice, case=case, title=f"Review {n}", due_on=timezone.localdate() + dt.timedelta(n)
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/dashboard/")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    cases(3)  # with the world's two: 5
    five = queries()
    cases(45)
    fifty = queries()
    assert five == fifty


def test_it_paginates_25_cases_a_page(world, login):
    for n in range(30):
        services.case_create(actor=world.alice, organisation=world.org_a, title=f"Case number {n}")
    client = login(world.alice)
    first = client.get("/dashboard/")
    assert len(first.context["page_obj"].object_list) == 25
    assert "Page 1 of 2" in first.content.decode()
    second = client.get("/dashboard/", {"page": 2})
    assert len(second.context["page_obj"].object_list) == 7


def test_it_sends_client_users_from_the_dashboard_to_their_home(world, login):
    response = login(world.leader_a).get("/dashboard/")
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_it_shows_a_leader_their_organisation_and_every_case(world, login):
    response = login(world.leader_a).get("/home/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Oakfield Academy" in body and "Head teacher" in body
    assert world.case_a.reference in body and world.restricted_a.reference in body
    assert world.case_b.reference not in body
    assert "Days open" in body and 'aria-current="step"' in body


def test_it_shows_staff_their_organisation_and_only_unrestricted_cases(world, login):
    body = login(world.staff_a).get("/home/").content.decode()
    assert "Oakfield Academy" in body
    assert world.case_a.reference in body
    assert world.restricted_a.reference not in body
    assert "Riverside Swimming Club" not in body


def test_it_sends_consultants_from_the_client_home_to_the_dashboard(world, login):
    assert login(world.alice).get("/home/")["Location"] == "/dashboard/"

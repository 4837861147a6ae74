"""The case page: who sees it, what it shows, and the audit trail of who looked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from crisis import services
from crisis.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def _url(case) -> str:
    return f"/cases/{case.reference}/"


def test_it_shows_the_case_to_the_assigned_consultant(world, login):
    response = login(world.alice).get(_url(world.case_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert world.case_a.reference in body and "Allegation against a teacher" in body
    assert "A parent reported concerns about a member of staff." in body
    assert "Oakfield Academy" in body and "Alice Adams" in body
    # The five-step progress bar with the current stage marked for assistive technology.
    for label in ("Assessment", "Engagement", "Response", "Recovery", "Closed"):
        assert label in body
    assert body.count('aria-current="step"') == 1
    # One section per stage, and the manager's tools.
    for heading in ("Assessment — risk register", "Engagement — stakeholders", "Response — action plan",
                    "Recovery — training and exit"):
        assert heading in body
    assert "Move stage" in body and "Add a chronology entry" in body and "Add a deadline" in body
    assert f"/cases/{world.case_a.reference}/edit/" in body


def test_it_records_that_the_case_was_viewed(world, login):
    login(world.alice).get(_url(world.case_a))
    event = AuditEvent.objects.get(verb="case.viewed")
    assert event.actor == world.alice
    assert event.case == world.case_a
    assert event.organisation == world.org_a


def test_it_answers_404_to_the_leader_of_another_organisation(world, login):
    response = login(world.leader_b).get(_url(world.case_a))
    assert response.status_code == 404
    assert "Allegation against a teacher" not in response.content.decode()
    assert not AuditEvent.objects.filter(verb="case.viewed").exists()


def test_it_answers_404_to_a_consultant_not_assigned(world, login):
    assert login(world.bob).get(_url(world.case_a)).status_code == 404


def test_it_hides_a_restricted_case_from_a_consultant_not_named(world, login):
    assert login(world.carol).get(_url(world.restricted_a)).status_code == 404


def test_it_shows_a_restricted_case_to_the_leader_without_manager_tools(world, login):
    response = login(world.leader_a).get(_url(world.restricted_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Concern about the DSL" in body and "Restricted" in body
    assert "Move stage" not in body and "Add a chronology entry" not in body and "Edit case" not in body


def test_it_hides_a_restricted_case_from_staff(world, login):
    assert login(world.staff_a).get(_url(world.restricted_a)).status_code == 404


def test_it_says_there_is_no_case_with_an_unknown_reference(world, login):
    response = login(world.alice).get("/cases/SAF-1999-9999/")
    assert response.status_code == 404
    assert "No case with that reference." in response.content.decode()


def test_it_shows_consultant_only_entries_to_consultants_and_not_to_the_organisation(world, login):
    services.chronology_entry_create(
        actor=world.alice, case=world.case_a, title="Spoke to the LADO privately", details="Off the record."
    )
    services.chronology_entry_create(
        actor=world.alice, case=world.case_a, title="Met the governors", shared_with_organisation=True,
    )
    consultant_view = login(world.alice).get(_url(world.case_a)).content.decode()
    assert "Spoke to the LADO privately" in consultant_view and "Consultant only" in consultant_view
    assert "Met the governors" in consultant_view
    for user in (world.leader_a, world.staff_a):
        body = login(user).get(_url(world.case_a)).content.decode()
        assert "Met the governors" in body
        assert "Spoke to the LADO privately" not in body and "Off the record." not in body


def test_it_paginates_the_chronology(world, login):
    for n in range(30):
        services.chronology_entry_create(actor=world.alice, case=world.case_a, title=f"Entry {n}")
    client = login(world.alice)
    first = client.get(_url(world.case_a))
    assert len(first.context["chronology_page"].object_list) == 25
    assert "Chronology pages" in first.content.decode()
    second = client.get(_url(world.case_a), {"page": 2})
    assert len(second.context["chronology_page"].object_list) == 6  # 30 and "Case opened"


def test_it_opens_a_case_through_the_form(world, login):
    client = login(world.alice)
    form = client.get("/cases/new/").content.decode()
    assert "Oakfield Academy" in form and "Riverside Swimming Club" not in form
    response = client.post("/cases/new/", {
        "organisation": world.org_a.pk, "title": "Online safety breach", "summary": "Filtering failed.",
        "severity": "critical", "rag": "amber", "lead_consultant": world.carol.pk,
        "consultants": [world.alice.pk], "opened_on": "2026-11-20",
    })
    case = world.org_a.cases.get(title="Online safety breach")
    assert response.status_code == 302 and response["Location"] == _url(case)
    assert case.lead_consultant == world.carol and case.severity == "critical" and case.rag == "amber"
    assert set(case.consultants.all()) == {world.alice, world.carol}
    assert str(case.opened_on) == "2026-11-20"
    page = client.get(response["Location"]).content.decode()
    assert f"Case {case.reference} opened." in page


def test_it_refuses_a_consultant_not_assigned_to_the_organisation(world, login):
    count = world.org_a.cases.count()
    response = login(world.alice).post("/cases/new/", {
        "organisation": world.org_a.pk, "title": "Another", "severity": "high", "rag": "red",
        "consultants": [world.bob.pk], "opened_on": "2026-11-20",
    })
    assert response.status_code == 400
    assert "Not assigned to Oakfield Academy: Bob Brown." in response.content.decode()
    assert world.org_a.cases.count() == count


def test_it_refuses_an_organisation_the_consultant_is_not_assigned_to(world, login):
    response = login(world.alice).post("/cases/new/", {
        "organisation": world.org_b.pk, "title": "Sneaky", "severity": "high", "rag": "red",
        "opened_on": "2026-11-20",
    })
    assert response.status_code == 400
    assert not world.org_b.cases.filter(title="Sneaky").exists()


def test_it_does_not_let_client_users_open_cases(world, login):
    assert login(world.leader_a).get("/cases/new/").status_code == 403
    response = login(world.leader_a).post("/cases/new/", {
        "organisation": world.org_a.pk, "title": "Leader case", "severity": "high", "rag": "red",
        "opened_on": "2026-11-20",
    })
    assert response.status_code == 403
    assert not world.org_a.cases.filter(title="Leader case").exists()


def test_it_edits_a_case(world, login):
    client = login(world.alice)
    form = client.get(f"/cases/{world.case_a.reference}/edit/").content.decode()
    assert 'value="Allegation against a teacher"' in form
    response = client.post(f"/cases/{world.case_a.reference}/edit/", {
        "title": "Allegation against a PE teacher", "summary": "Updated.", "severity": "moderate",
        "rag": "amber", "lead_consultant": world.alice.pk, "consultants": [world.alice.pk, world.carol.pk],
    })
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.title == "Allegation against a PE teacher" and world.case_a.rag == "amber"
    assert set(world.case_a.consultants.all()) == {world.alice, world.carol}
    assert AuditEvent.objects.filter(verb="case.updated", case=world.case_a).exists()


def test_it_does_not_let_a_leader_edit_a_case(world, login):
    client = login(world.leader_a)
    assert client.get(f"/cases/{world.case_a.reference}/edit/").status_code == 403
    response = client.post(f"/cases/{world.case_a.reference}/edit/", {
        "title": "Changed", "severity": "low", "rag": "green",
    })
    assert response.status_code == 403
    world.case_a.refresh_from_db()
    assert world.case_a.title == "Allegation against a teacher"


def test_the_case_page_runs_the_same_number_of_queries_for_few_and_many_records(world, assessed, login):
    """Chronology, stage history, deadlines and team: no query per row."""
    client = login(world.alice)
    url = world.case_a.get_absolute_url()
    client.get(url)  # warm caches (content types, session)

    def add_records(count: int, start: int) -> None:
        for n in range(start, start + count):
            services.chronology_entry_create(
                actor=world.alice, case=world.case_a, title=f"Entry {n}", kind="decision",
                decision="Decided.", rationale="Because.", shared_with_organisation=bool(n % 2),
            )
            services.deadline_create(
                actor=world.alice, case=world.case_a, title=f"Due {n}", due_on=timezone.localdate()
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    add_records(3, 0)
    few = queries()
    add_records(40, 3)
    for stage in ("engagement", "response", "engagement", "response"):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=stage, rationale="Moving on.")
    world.case_a.refresh_from_db()
    assert few == queries()
    assert "Entry 42" in client.get(url).content.decode()


def test_staff_see_no_engagement_section_and_no_placeholder_text(world, login):
    staff = login(world.staff_a).get(_url(world.case_a)).content.decode()
    leader = login(world.leader_a).get(_url(world.case_a)).content.decode()
    assert "Engagement — stakeholders" not in staff and "Engagement — stakeholders" in leader
    assert "Assessment — risk register" in staff and "Response — action plan" in staff
    for body in (staff, leader):
        assert "will live here" not in body
        assert "Not reached yet." in body  # Recovery, for a case in Assessment


def test_the_recovery_section_says_where_the_case_stands_in_it(world, login):
    """Recovery has no records yet: its section says whether the case is there, or has passed it."""
    from crisis.models import Case, Stage

    case = world.case_a
    Case.objects.filter(pk=case.pk).update(stage=Stage.RECOVERY, stage_changed_at=timezone.now())
    body = login(world.alice).get(_url(case)).content.decode()
    recovery = body.split('id="section-recovery"', 1)[1].split("</section>", 1)[0]
    assert "In Recovery since" in recovery
    Case.objects.filter(pk=case.pk).update(stage=Stage.CLOSED)
    body = login(world.alice).get(_url(case)).content.decode()
    recovery = body.split('id="section-recovery"', 1)[1].split("</section>", 1)[0]
    assert "Completed." in recovery and "Not reached yet." not in recovery

"""The organisation list and the organisation page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crisis import services

from ..conftest import approve_exit_override
from ..factories import ConsultantFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(organisation) -> str:
    return f"/organisations/{organisation.pk}/"


def test_it_shows_the_organisation_with_its_people_and_cases(world, login):
    response = login(world.alice).get(_url(world.org_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Oakfield Academy" in body and "School" in body and "140001" in body
    assert "Lena Leader" in body and "Head teacher" in body and "Sam Staff" in body
    assert "Alice Adams" in body and "Carol Clarke" in body
    assert world.case_a.reference in body and world.restricted_a.reference in body


def _assign_elsewhere(world, consultant, count: int) -> None:
    """Assignments to other organisations, each with a case the consultant is named on."""
    for _ in range(count):
        organisation = OrganisationFactory()
        services.assignment_create(actor=world.admin, consultant=consultant, organisation=organisation)
        services.case_create(actor=consultant, organisation=organisation, title="Another crisis",
                             consultants=[consultant])


def test_it_lists_each_consultant_once_however_many_organisations_they_serve(world, login):
    """Alice also serves four other organisations and is named on cases here and there: she is one
    consultant of Oakfield all the same, for the admin, for herself and for the leader."""
    _assign_elsewhere(world, world.alice, 4)
    services.case_update(actor=world.alice, case=world.case_a, consultants=[world.alice, world.carol])
    for viewer in (world.admin, world.alice, world.leader_a):
        body = login(viewer).get(_url(world.org_a)).content.decode()
        assert body.count("<strong>Alice Adams</strong>") == 1
        assert body.count("<strong>Carol Clarke</strong>") == 1


def test_it_runs_the_same_number_of_queries_for_1_and_6_consultants_with_many_assignments(world, login):
    client = login(world.admin)
    client.get(_url(world.org_a))  # warm caches (content types, session)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_url(world.org_a))
        assert response.status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for n in range(4):
        consultant = ConsultantFactory(email=f"consultant{n}@example.test")
        services.assignment_create(actor=world.admin, consultant=consultant, organisation=world.org_a)
        _assign_elsewhere(world, consultant, 3)
    assert queries() == few


def test_it_shows_closed_cases_too(world, ready_to_close, login):
    for stage in ("engagement", "response", "recovery"):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=stage, rationale="Next.")
    approve_exit_override(world.case_a, world.alice, world.carol)  # the exit criteria are not met yet
    services.case_advance_stage(actor=world.alice, case=world.case_a, to="closed", rationale="Next.")
    assert world.case_a.reference in login(world.alice).get(_url(world.org_a)).content.decode()


def test_it_answers_404_for_another_organisation(world, login):
    for user in (world.alice, world.leader_a, world.staff_a):
        response = login(user).get(_url(world.org_b))
        assert response.status_code == 404
        assert "Riverside Swimming Club" not in response.content.decode()


def test_it_shows_people_to_leaders_but_not_to_staff(world, login):
    leader_view = login(world.leader_a).get(_url(world.org_a)).content.decode()
    assert "Sam Staff" in leader_view and "Alice Adams" in leader_view
    staff_view = login(world.staff_a).get(_url(world.org_a)).content.decode()
    assert "Oakfield Academy" in staff_view
    assert "Lena Leader" not in staff_view and "Alice Adams" not in staff_view
    assert world.case_a.reference in staff_view and world.restricted_a.reference not in staff_view


def test_it_lists_only_the_organisations_a_consultant_is_assigned_to(world, login):
    body = login(world.alice).get("/organisations/").content.decode()
    assert "Oakfield Academy" in body and "Riverside Swimming Club" not in body
    admin_view = login(world.admin).get("/organisations/").content.decode()
    assert "Oakfield Academy" in admin_view and "Riverside Swimming Club" in admin_view


def test_it_searches_organisations(world, login):
    client = login(world.admin)
    body = client.get("/organisations/", {"q": "river"}).content.decode()
    assert "Riverside Swimming Club" in body and "Oakfield Academy" not in body
    body = client.get("/organisations/", {"q": "140001"}).content.decode()
    assert "Oakfield Academy" in body and "Riverside Swimming Club" not in body
    body = client.get("/organisations/", {"q": "nothing like this"}).content.decode()
    assert "No organisation matches" in body

"""The staff list, import and requirements pages: consultants and leaders keep them, staff get 403,
another organisation 404; query counts do not grow with the list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis.models import AuditEvent
from training import services
from training.models import Person, Requirement, StaffRole

pytestmark = pytest.mark.django_db


def _url(name, world, *args):
    return reverse(f"training:{name}", args=[world.org_a.pk, *args])


def _person(world, name="Pat Jones", **fields):
    return services.person_create(actor=world.alice, organisation=world.org_a, full_name=name, **fields)


@pytest.mark.parametrize("who", ["alice", "carol", "leader_a"])
def test_consultants_and_leaders_see_the_staff_list(world, login, who):
    _person(world, "Pat Jones", department="Science")
    response = login(getattr(world, who)).get(_url("people_list", world))
    assert response.status_code == 200
    assert "Pat Jones" in response.content.decode()


def test_staff_get_403_and_other_organisations_404(world, login):
    person = _person(world)
    for name, args in (("people_list", ()), ("person_detail", (person.pk,)), ("people_import", ()),
                       ("requirement_list", ()), ("person_create", ())):
        assert login(world.staff_a).get(_url(name, world, *args)).status_code == 403
        assert login(world.bob).get(_url(name, world, *args)).status_code == 404
    # A person of another organisation, under A's pages: 404.
    other = services.person_create(actor=world.bob, organisation=world.org_b, full_name="Bea B")
    assert login(world.alice).get(_url("person_detail", world, other.pk)).status_code == 404


def test_search_filters_and_leavers(world, login):
    dsl = StaffRole.objects.get(organisation=world.org_a, key="dsl")
    _person(world, "Ann Able", roles=[dsl], department="SLT")
    _person(world, "Ben Baker", department="Science")
    _person(world, "Cat Gone", start_date=dt.date(2020, 1, 1), leaver_date=dt.date(2021, 1, 1))
    client = login(world.leader_a)

    def names(**params):
        body = client.get(_url("people_list", world), params).content.decode()
        return [n for n in ("Ann Able", "Ben Baker", "Cat Gone") if n in body]

    assert names() == ["Ann Able", "Ben Baker"]
    assert names(leavers="on") == ["Ann Able", "Ben Baker", "Cat Gone"]
    assert names(q="bak") == ["Ben Baker"]
    assert names(role=dsl.pk) == ["Ann Able"]
    assert names(department="Science") == ["Ben Baker"]


def test_adding_a_person_through_the_form(world, login):
    dsl = StaffRole.objects.get(organisation=world.org_a, key="dsl")
    response = login(world.leader_a).post(_url("person_create", world), {
        "full_name": "Sam Staff", "email": "staff.a@example.test", "roles": [dsl.pk], "department": "SLT",
        "start_date": "2022-09-01", "leaver_date": ""})
    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("person_detail", world, person.pk)
    assert person.user == world.staff_a and list(person.roles.all()) == [dsl]


def test_a_leaver_date_before_the_start_is_a_clear_error(world, login):
    response = login(world.alice).post(_url("person_create", world), {
        "full_name": "Sam", "start_date": "2022-09-01", "leaver_date": "2022-08-01"})
    assert response.status_code == 400
    assert "is before the start date" in response.content.decode()
    assert not Person.objects.exists()


def test_editing_a_person_and_choosing_an_account(world, login):
    person = _person(world)
    response = login(world.alice).post(_url("person_edit", world, person.pk), {
        "full_name": "Pat Jones-Smith", "user": world.leader_a.pk})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Pat Jones-Smith" and person.user == world.leader_a
    # A user who is not a member is no choice at all.
    response = login(world.alice).post(_url("person_edit", world, person.pk), {
        "full_name": "Pat", "user": world.leader_b.pk})
    assert response.status_code == 400


def test_the_person_page_lists_what_applies_to_them(world, login):
    dsl = StaffRole.objects.get(organisation=world.org_a, key="dsl")
    person = _person(world, roles=[dsl])
    body = login(world.alice).get(_url("person_detail", world, person.pk)).content.decode()
    assert "DSL training (refreshed every two years)" in body  # of the role
    assert "Safeguarding and child protection training" in body  # of everyone
    assert "Safer recruitment training" not in body  # of another role
    assert "No training recorded yet." in body


def test_the_import_page_reports_each_row_and_writes_nothing(world, login):
    upload = SimpleUploadedFile("staff.csv", b"full_name,roles\nAnn,dsl\nBill,Caretaker\n", content_type="text/csv")
    response = login(world.leader_a).post(_url("people_import", world), {"file": upload})
    assert response.status_code == 400
    assert "Row 3, roles: unknown role “Caretaker”." in response.content.decode()
    assert not Person.objects.exists()
    upload = SimpleUploadedFile("staff.csv", b"full_name,roles\nAnn,dsl\n", content_type="text/csv")
    response = login(world.leader_a).post(_url("people_import", world), {"file": upload}, follow=True)
    assert "Staff list imported: 1 added, 0 updated" in response.content.decode()


def test_the_template_csv_downloads(world, login):
    response = login(world.alice).get(_url("people_import_template", world))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode("utf-8-sig").startswith("full_name,email,roles,department,start_date,leaver_date")


def test_the_requirements_page_shows_roles_renewal_and_source(world, login):
    body = login(world.leader_a).get(_url("requirement_list", world)).content.decode()
    assert "every 2 years" in body and "each September" in body and "Everyone" in body
    assert "Source: Keeping Children Safe in Education" in body


def test_editing_a_requirement_and_adding_one_and_a_role(world, login):
    client = login(world.leader_a)
    response = client.post(_url("role_create", world), {"name": "Caretaker"})
    assert response.status_code == 302
    caretaker = StaffRole.objects.get(organisation=world.org_a, key="caretaker")
    response = client.post(_url("requirement_create", world), {
        "title": "Site safeguarding", "course_kind": "other", "roles": [caretaker.pk], "renewal_months": "12",
        "mandatory": "on", "active": "on", "source": "Our policy"})
    assert response.status_code == 302
    requirement = Requirement.objects.get(organisation=world.org_a, key="site_safeguarding")
    response = client.post(_url("requirement_edit", world, requirement.pk), {
        "title": "Site safeguarding", "course_kind": "other", "everyone": "on", "renew_each_september": "on",
        "active": "on"})
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.everyone and requirement.renew_each_september and not requirement.mandatory
    response = client.post(_url("role_edit", world, caretaker.pk), {"name": "Site manager"})
    caretaker.refresh_from_db()
    assert caretaker.name == "Site manager"
    assert AuditEvent.objects.filter(verb__startswith="training.").count() == 4


def test_another_organisations_requirement_is_404(world, login):
    other = Requirement.objects.filter(organisation=world.org_b).first()
    assert login(world.alice).get(_url("requirement_edit", world, other.pk)).status_code == 404


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _fill(world, n: int) -> None:
    roles = list(StaffRole.objects.filter(organisation=world.org_a))
    for i in range(n):
        person = Person.objects.create(organisation=world.org_a, full_name=f"Person {i:03}", department="Dept")
        person.roles.set(roles[: i % 3])


def test_the_staff_list_and_requirements_page_take_the_same_queries_for_5_and_60_people(world, login):
    client = login(world.leader_a)
    _fill(world, 5)
    small = (_count(client, _url("people_list", world)), _count(client, _url("requirement_list", world)))
    _fill(world, 55)
    for i in range(10):
        services.role_create(actor=world.alice, organisation=world.org_a, name=f"Extra role {i}")
    large = (_count(client, _url("people_list", world)), _count(client, _url("requirement_list", world)))
    assert small == large

"""The staff list, roles and requirements API."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from training import services
from training.models import Person, Requirement, StaffRole

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _org_url(world, what, org=None):
    return f"/api/v1/organisations/{(org or world.org_a).pk}/training/{what}/"


def test_people_list_create_and_filter(world):
    dsl = StaffRole.objects.get(organisation=world.org_a, key="dsl")
    client = api(world.leader_a)
    response = client.post(_org_url(world, "people"), {"full_name": "Sam Staff", "email": "staff.a@example.test",
                                                        "roles": [dsl.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["user"] == world.staff_a.pk and response.json()["roles"][0]["key"] == "dsl"
    client.post(_org_url(world, "people"), {"full_name": "Ben Baker"}, format="json")
    body = client.get(_org_url(world, "people"), {"role": dsl.pk}).json()
    assert [p["full_name"] for p in body["results"]] == ["Sam Staff"]
    assert client.get(_org_url(world, "people"), {"q": "ben"}).json()["count"] == 1


def test_a_role_of_another_organisation_and_a_bad_leaver_date_are_400(world):
    other = StaffRole.objects.filter(organisation=world.org_b).first()
    client = api(world.alice)
    assert client.post(_org_url(world, "people"), {"full_name": "X", "roles": [other.pk]},
                       format="json").status_code == 400
    response = client.post(_org_url(world, "people"), {"full_name": "X", "start_date": "2024-09-01",
                                                        "leaver_date": "2024-01-01"}, format="json")
    assert response.status_code == 400 and "leaver_date" in response.json()
    assert not Person.objects.exists()


def test_staff_get_403_on_lists_and_read_only_their_own_entry(world):
    mine = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Sam",
                                  email=world.staff_a.email)
    other = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat")
    client = api(world.staff_a)
    for what in ("people", "requirements", "roles"):
        assert client.get(_org_url(world, what)).status_code == 403
    assert client.get(f"/api/v1/training/people/{mine.pk}/").status_code == 200
    assert client.get(f"/api/v1/training/people/{other.pk}/").status_code == 404
    assert client.patch(f"/api/v1/training/people/{mine.pk}/", {"full_name": "Me"}, format="json").status_code == 403


def test_another_organisation_is_404(world):
    person = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat")
    client = api(world.bob)
    assert client.get(_org_url(world, "people")).status_code == 404
    assert client.get(f"/api/v1/training/people/{person.pk}/").status_code == 404
    requirement = Requirement.objects.filter(organisation=world.org_a).first()
    assert client.patch(f"/api/v1/training/requirements/{requirement.pk}/", {"mandatory": False},
                        format="json").status_code == 404


def test_patch_a_person_and_refuse_unknown_fields(world):
    person = services.person_create(actor=world.alice, organisation=world.org_a, full_name="Pat")
    client = api(world.leader_a)
    response = client.patch(f"/api/v1/training/people/{person.pk}/", {"department": "Science"}, format="json")
    assert response.status_code == 200 and response.json()["department"] == "Science"
    assert client.patch(f"/api/v1/training/people/{person.pk}/", {"organisation": 9},
                        format="json").status_code == 400


def test_import_answers_400_with_the_rows_and_writes_nothing(world):
    client = api(world.leader_a)
    upload = SimpleUploadedFile("s.csv", b"full_name,roles\nAnn,dsl\nBill,Caretaker\n", content_type="text/csv")
    response = client.post(_org_url(world, "people/import"), {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["rows"] == [{"row": 3, "column": "roles", "message": "unknown role “Caretaker”"}]
    assert not Person.objects.exists()
    upload = SimpleUploadedFile("s.csv", b"full_name,roles\nAnn,dsl\n", content_type="text/csv")
    response = client.post(_org_url(world, "people/import"), {"file": upload}, format="multipart")
    assert response.status_code == 200 and len(response.json()["created"]) == 1


def test_requirements_list_and_patch_and_roles(world):
    client = api(world.alice)
    body = client.get(_org_url(world, "requirements")).json()
    dsl = next(r for r in body["results"] if r["key"] == "dsl_training")
    assert dsl["renewal"] == "every 2 years" and dsl["source"].startswith("Keeping Children Safe")
    response = client.patch(f"/api/v1/training/requirements/{dsl['id']}/", {"renewal_months": 12}, format="json")
    assert response.status_code == 200 and response.json()["renewal"] == "every year"
    response = client.post(_org_url(world, "roles"), {"name": "Caretaker"}, format="json")
    assert response.status_code == 201 and response.json()["key"] == "caretaker"
    assert any(r["key"] == "caretaker" for r in client.get(_org_url(world, "roles")).json()["results"])

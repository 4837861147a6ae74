"""The courses API: the pages' rules through the same services (staff 403, another organisation 404)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from training import services
from training.models import CourseKind, Person, TrainingRecord

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(shared_world):
    return shared_world


def test_courses_are_listed_and_added_with_requirement_keys(world, login):
    client = login(world.alice)
    url = f"/api/v1/organisations/{world.org_a.pk}/training/courses/"
    created = client.post(url, {"title": "DSL update", "kind": CourseKind.DSL_UPDATE}, content_type="application/json")
    assert created.status_code == 201 and created.json()["satisfies"] == ["dsl_update"]
    listed = client.get(url).json()
    assert [c["title"] for c in listed["results"]] == ["DSL update"]
    patched = client.patch(f"/api/v1/training/courses/{created.json()['id']}/", {"provider": "County"},
                           content_type="application/json")
    assert patched.json()["provider"] == "County"
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.leader_b).get(url).status_code == 404


def test_a_register_is_saved_and_read_and_a_refusal_writes_nothing(world, login):
    client = login(world.leader_a)
    people = Person.objects.bulk_create([Person(organisation=world.org_a, full_name=n) for n in ("Ann", "Ben")])
    course = services.course_create(actor=world.alice, organisation=world.org_a, title="Safeguarding",
                                    kind=CourseKind.SAFEGUARDING)
    session = client.post(f"/api/v1/organisations/{world.org_a.pk}/training/sessions/",
                          {"course": course.pk, "date": "2024-09-02", "capacity": 1},
                          content_type="application/json").json()
    url = f"/api/v1/training/sessions/{session['id']}/attendance/"
    refused = client.post(url, {"marks": {str(p.pk): "attended" for p in people}}, content_type="application/json")
    assert refused.status_code == 400 and "holds 1" in refused.json()["marks"][0]
    assert not TrainingRecord.objects.filter(session_id=session["id"]).exists()
    saved = client.post(url, {"marks": {str(people[0].pk): "attended", str(people[1].pk): "absent"}},
                        content_type="application/json")
    assert saved.status_code == 200 and {r["attendance"] for r in saved.json()} == {"attended", "absent"}
    assert len(client.get(url).json()) == 2


def test_a_certificate_is_uploaded_and_downloaded_by_its_person_only(world, login):
    person = Person.objects.create(organisation=world.org_a, full_name="Sam", user=world.staff_a)
    other = Person.objects.create(organisation=world.org_a, full_name="Olive")
    url = f"/api/v1/training/people/{person.pk}/records/"
    created = login(world.alice).post(url, {"new_title": "DSL course", "new_kind": "dsl",
                                            "completed_on": timezone.localdate().isoformat(),
                                            "file": SimpleUploadedFile("c.pdf", PDF)})
    assert created.status_code == 201 and created.json()["has_file"]
    wrong = login(world.alice).post(url, {"new_title": "X", "completed_on": "2025-01-01",
                                          "file": SimpleUploadedFile("c.pdf", b"MZ not a pdf")})
    assert wrong.status_code == 400 and TrainingRecord.objects.filter(person=person).count() == 1
    own = login(world.staff_a).get(f"/api/v1/training/records/{created.json()['id']}/file/")
    assert own.status_code == 200
    assert [r["id"] for r in login(world.staff_a).get(url).json()["results"]] == [created.json()["id"]]
    assert login(world.staff_a).get(f"/api/v1/training/people/{other.pk}/records/").status_code == 404
    assert login(world.staff_a).post(url, {"new_title": "Mine", "completed_on": "2025-01-01"}).status_code == 403


def test_a_record_is_read_corrected_and_deleted_through_the_api(world):
    import datetime as dt

    from django.urls import reverse
    from rest_framework.test import APIClient

    from crisis.models import AuditEvent
    from training import services as training_services
    from training.models import Person, TrainingRecord

    person = Person.objects.create(organisation=world.org_a, full_name="Rita Record", email=world.staff_a.email,
                                   user=world.staff_a)
    course = training_services.course_create(actor=world.alice, organisation=world.org_a, title="Update",
                                             kind="safeguarding_update")
    done = dt.date.today() - dt.timedelta(days=10)
    record = training_services.certificate_record(actor=world.alice, person=person, course=course, completed_on=done)
    url = reverse("api-training-record-detail", kwargs={"pk": record.pk})

    def client(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    assert client(world.staff_a).get(url).json()["course_title"] == "Update"  # her own record
    assert client(world.staff_a).patch(url, {"expires_on": None}, format="json").status_code == 403
    assert client(world.bob).get(url).status_code == 404
    before = client(world.leader_a).patch(url, {"expires_on": (done - dt.timedelta(days=1)).isoformat()},
                                          format="json")
    assert before.status_code == 400
    extra = client(world.leader_a).patch(url, {"expires_on": None, "person": 1}, format="json")
    assert extra.status_code == 400 and extra.json() == {"person": ["Only expires_on can be changed."]}
    record.refresh_from_db()
    assert record.expires_on == done.replace(year=done.year + 1)
    never = client(world.leader_a).patch(url, {"expires_on": None}, format="json")
    assert never.status_code == 200 and never.json()["expires_on"] is None
    assert AuditEvent.objects.filter(verb="training.record_expiry_changed").count() == 1
    assert client(world.leader_a).delete(url).status_code == 204
    assert not TrainingRecord.objects.filter(pk=record.pk).exists()
    assert AuditEvent.objects.filter(verb="training.record_deleted").count() == 1

"""Adding deadlines to a case and marking them done."""

import datetime as dt

import pytest
from django.utils import timezone

from crisis import services
from crisis.models import ChronologyEntry, Deadline

pytestmark = pytest.mark.django_db


def test_it_adds_a_deadline(world, login):
    client = login(world.alice)
    due = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(f"/cases/{world.case_a.reference}/deadlines/", {
        "title": "Refer to the LADO", "due_on": due.isoformat(), "statutory": "on",
    })
    assert response.status_code == 302
    deadline = Deadline.objects.get(case=world.case_a)
    assert deadline.title == "Refer to the LADO" and deadline.due_on == due and deadline.statutory
    body = client.get(response["Location"]).content.decode()
    assert "Refer to the LADO" in body and "Statutory" in body and f"Due {due:%-d %b %Y}" in body


def test_it_shows_an_error_for_a_deadline_without_a_date(world, login):
    response = login(world.alice).post(f"/cases/{world.case_a.reference}/deadlines/", {"title": "Reply"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Deadline.objects.filter(case=world.case_a).exists()


def test_it_marks_a_deadline_done(world, login):
    deadline = services.deadline_create(
        actor=world.alice, case=world.case_a, title="Notify Ofsted",
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    client = login(world.alice)
    page = client.get(f"/cases/{world.case_a.reference}/").content.decode()
    assert "Overdue" in page and "deadline--overdue" in page
    response = client.post(f"/cases/{world.case_a.reference}/deadlines/{deadline.pk}/done/")
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.completed_on == timezone.localdate()
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Done: Notify Ofsted").exists()
    body = client.get(response["Location"]).content.decode()
    assert "Marked as done: Notify Ofsted." in body and "Overdue" not in body


def test_it_says_when_a_deadline_is_already_done(world, login):
    deadline = services.deadline_create(
        actor=world.alice, case=world.case_a, title="Notify Ofsted", due_on=timezone.localdate()
    )
    services.deadline_complete(actor=world.alice, deadline=deadline)
    client = login(world.alice)
    response = client.post(f"/cases/{world.case_a.reference}/deadlines/{deadline.pk}/done/", follow=True)
    assert "This deadline is already marked as met." in response.content.decode()


def test_it_answers_404_for_a_deadline_of_another_case(world, login):
    deadline = services.deadline_create(
        actor=world.alice, case=world.case_a, title="Notify Ofsted", due_on=timezone.localdate()
    )
    response = login(world.alice).post(f"/cases/{world.restricted_a.reference}/deadlines/{deadline.pk}/done/")
    assert response.status_code == 404
    deadline.refresh_from_db()
    assert deadline.completed_on is None


def test_it_does_not_let_others_touch_deadlines(world, login):
    deadline = services.deadline_create(
        actor=world.alice, case=world.case_a, title="Notify Ofsted", due_on=timezone.localdate()
    )
    url = f"/cases/{world.case_a.reference}/deadlines/{deadline.pk}/done/"
    assert login(world.bob).post(url).status_code == 404
    assert login(world.leader_a).post(url).status_code == 403
    add = login(world.staff_a).post(f"/cases/{world.case_a.reference}/deadlines/", {
        "title": "Staff deadline", "due_on": timezone.localdate().isoformat(),
    })
    assert add.status_code == 403
    deadline.refresh_from_db()
    assert deadline.completed_on is None
    assert not Deadline.objects.filter(title="Staff deadline").exists()

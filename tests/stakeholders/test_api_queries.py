"""The engagement API's lists run a fixed number of queries, however many rows they show."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crisis.models import Report
from stakeholders import services
from stakeholders.models import AudienceProfile, Delivery, Stakeholder, StatusReport

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def queries_for(user, url: str) -> tuple[int, int]:
    """(number of queries, number of rows shown) for one GET of a list."""
    client = APIClient()
    client.force_authenticate(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), len(response.json()["results"])


def case_url(world, name: str) -> str:
    return reverse(name, kwargs={"reference": world.case_a.reference})


def add_stakeholders(world, start: int, stop: int) -> list[Stakeholder]:
    """Stakeholders with two contacts each, an owner, and a contact logged with them."""
    added = []
    for n in range(start, stop):
        stakeholder = services.stakeholder_create(
            actor=world.alice, case=world.case_a, kind="regulator", name=f"Regulator {n:02}", receives_reports=True,
            owner=world.leader_a if n % 2 else world.alice,
            contacts=[{"name": f"Inspector {n}", "email": f"inspector{n}@example.test"},
                      {"name": f"Press {n}", "receives_reports": False}],
        )
        added.append(stakeholder)
    return added


@pytest.mark.parametrize("user_name", ["alice", "leader_a"])
def test_the_stakeholder_list_queries_do_not_grow_with_stakeholders(world, user_name):
    user, url = getattr(world, user_name), case_url(world, "api-case-stakeholders")
    for stakeholder in add_stakeholders(world, 0, 3):
        services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[stakeholder],
                                   direction="out", channel="call", summary="Briefing")
    few, few_rows = queries_for(user, url)
    for stakeholder in add_stakeholders(world, 3, 30):
        services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[stakeholder],
                                   direction="out", channel="call", summary="Briefing")
    many, many_rows = queries_for(user, url)
    assert (few_rows, many_rows) == (3, 25)
    assert many == few


@pytest.mark.parametrize("user_name", ["alice", "leader_a"])
def test_the_communication_list_queries_do_not_grow_with_contacts(world, user_name):
    user, url = getattr(world, user_name), case_url(world, "api-case-communications")
    first, second = add_stakeholders(world, 0, 2)

    def add(count: int) -> None:
        for n in range(count):
            services.communication_log(
                actor=world.alice, case=world.case_a, stakeholders=[first, second], direction="out",
                channel="email", summary=f"Update {n}", mediation_notes="Consultant-only",
                follow_up_due=timezone.localdate(), attachments=[SimpleUploadedFile(f"letter{n}.pdf", PDF)],
            )

    add(3)
    few, few_rows = queries_for(user, url)
    add(37)
    many, many_rows = queries_for(user, url)
    assert (few_rows, many_rows) == (3, 25)
    assert many == few


def test_the_follow_up_list_queries_do_not_grow_with_follow_ups(world):
    first, second = add_stakeholders(world, 0, 2)

    def add(count: int) -> None:
        for n in range(count):
            services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[first, second],
                                       direction="in", channel="call", summary=f"Call {n}",
                                       follow_up_due=timezone.localdate() + dt.timedelta(days=n % 5))

    add(3)
    few, few_rows = queries_for(world.alice, reverse("api-follow-ups"))
    add(30)
    many, many_rows = queries_for(world.alice, reverse("api-follow-ups"))
    assert (few_rows, many_rows) == (3, 25)
    assert many == few


def add_status_reports(world, stakeholders: list[Stakeholder], count: int) -> None:
    """Rendered reports with a delivery to each contact, written directly (no PDF rendering)."""
    contacts = [s.contacts.get(receives_reports=True) for s in stakeholders]
    for n in range(count):
        report = Report.objects.create(
            organisation=world.org_a, case=world.case_a, kind=Report.Kind.STATUS_REPORT, title=f"Status {n}",
            status=Report.Status.READY, requested_by=world.alice, sha256=f"{n:064x}",
            file=ContentFile(PDF, name=f"status{n}.pdf"),
        )
        status_report = StatusReport.objects.create(audience=AudienceProfile.objects.get(key="regulator"),
            organisation=world.org_a, case=world.case_a, report=report, requested_by=world.alice,
            status=StatusReport.Status.SENT, sent_at=timezone.now(),
        )
        status_report.stakeholders.set(stakeholders)
        for contact, status in zip(contacts, [Delivery.Status.SENT, Delivery.Status.FAILED], strict=False):
            Delivery.objects.create(organisation=world.org_a, status_report=status_report, contact=contact,
                                    email=contact.email, status=status)


@pytest.mark.parametrize("user_name", ["alice", "leader_a"])
def test_the_status_report_list_queries_do_not_grow_with_reports(world, user_name):
    user, url = getattr(world, user_name), case_url(world, "api-case-status-reports")
    stakeholders = add_stakeholders(world, 0, 2)
    add_status_reports(world, stakeholders, 2)
    few, few_rows = queries_for(user, url)
    add_status_reports(world, stakeholders, 18)
    many, many_rows = queries_for(user, url)
    assert (few_rows, many_rows) == (2, 20)
    assert many == few


def test_the_schedule_list_queries_do_not_grow_with_schedules(world):
    url = case_url(world, "api-case-schedules")
    stakeholders = add_stakeholders(world, 0, 2)

    def add(count: int) -> None:
        for n in range(count):
            services.schedule_create(actor=world.alice, case=world.case_a, name=f"Schedule {n}",
                                     stakeholders=stakeholders, cadence="weekly", weekday=n % 7,
                                     time_of_day=dt.time(9))

    add(2)
    few, few_rows = queries_for(world.alice, url)
    add(13)
    many, many_rows = queries_for(world.alice, url)
    assert (few_rows, many_rows) == (2, 15)
    assert many == few


def test_the_press_line_list_queries_do_not_grow_with_press_lines(world):
    url = case_url(world, "api-case-press-lines")

    def add(count: int) -> None:
        for n in range(count):
            version = services.press_line_write(actor=world.alice, case=world.case_a, title=f"Line {n}",
                                                text="First wording.")
            services.press_line_approve(actor=world.leader_a, version=version)
            services.press_line_write(actor=world.alice, case=world.case_a, press_line=version.press_line,
                                      text="Second wording.")

    add(2)
    few, few_rows = queries_for(world.alice, url)
    add(10)
    many, many_rows = queries_for(world.alice, url)
    assert (few_rows, many_rows) == (2, 12)
    assert many == few

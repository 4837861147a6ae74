"""List endpoints run a fixed number of queries, however many rows they show."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crisis import services

pytestmark = pytest.mark.django_db


def open_cases(world, count: int) -> None:
    for number in range(count):
        case = services.case_create(actor=world.alice, organisation=world.org_a, title=f"Case {number}")
        services.deadline_create(
            actor=world.alice, case=case, title="Review", due_on=timezone.localdate() + dt.timedelta(days=number)
        )
        services.chronology_entry_create(
            actor=world.alice, case=case, title=f"Entry {number}", shared_with_organisation=True
        )


def queries_for(user, url: str) -> tuple[int, int]:
    """(number of queries, number of rows shown) for one GET of a list."""
    client = APIClient()
    client.force_authenticate(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), len(response.json()["results"])


@pytest.mark.parametrize("user_name", ["alice", "leader_a"])
@pytest.mark.parametrize("url_name", ["api-case-list", "api-chronology-list", "api-organisation-list"])
def test_list_queries_do_not_grow_with_rows(world, user_name, url_name):
    user = getattr(world, user_name)
    url = reverse(url_name)
    open_cases(world, 5)
    few, few_rows = queries_for(user, url)
    open_cases(world, 45)
    many, many_rows = queries_for(user, url)
    if url_name != "api-organisation-list":
        assert many_rows > few_rows
    assert many == few


def test_a_cases_chronology_queries_do_not_grow_with_entries(world):
    url = reverse("api-case-chronology", kwargs={"reference": world.case_a.reference})
    for number in range(4):
        services.chronology_entry_create(actor=world.alice, case=world.case_a, title=f"Entry {number}")
    few, few_rows = queries_for(world.alice, url)
    for number in range(40):
        services.chronology_entry_create(actor=world.alice, case=world.case_a, title=f"More {number}")
    many, many_rows = queries_for(world.alice, url)
    assert (few_rows, many_rows) == (5, 25)
    assert many == few

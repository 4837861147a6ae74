"""The plan pages load in a fixed number of queries however many actions there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import services as assessment_services
from response.models import Action, Evidence

pytestmark = pytest.mark.django_db


def _fill(world, n: int) -> None:
    """n actions on A's open case, each owned, with a linked risk and a piece of evidence."""
    today = timezone.localdate()
    risks = [
        assessment_services.risk_create(actor=world.alice, case=world.case_a, title=f"Risk {i}", category="operational",
                             inherent_likelihood=3, inherent_impact=4)
        for i in range(3)
    ]
    owners = [world.leader_a, world.staff_a, world.alice]
    statuses = list(Action.Status.values)
    actions = Action.objects.bulk_create([
        Action(organisation=world.org_a, case=world.case_a, title=f"Action {i:03}", owner=owners[i % 3],
               status=statuses[i % len(statuses)], blocked_reason="Waiting" if statuses[i % 5] == "blocked" else "",
               progress=(i * 7) % 100, due_on=today + dt.timedelta(days=(i % 40) - 10), created_by=world.alice)
        for i in range(n)
    ])
    Through = Action.risks.through
    Through.objects.bulk_create([Through(action_id=a.pk, risk_id=risks[i % 3].pk) for i, a in enumerate(actions)])
    Evidence.objects.bulk_create([
        Evidence(organisation=world.org_a, case=world.case_a, action=a, kind="link", title="Minutes",
                 url="https://example.org/m", uploaded_by=world.leader_a)
        for a in actions
    ])


def _count(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "who,url,params",
    [
        ("alice", "response:action_list", {}),
        ("leader_a", "response:action_list", {"status": "open", "overdue": "on"}),
        ("leader_a", "our_action_plan", {}),
        ("staff_a", "our_action_plan", {"group": "owner", "status": "all"}),
        ("alice", "crisis:case_detail", {}),
    ],
)
def test_the_query_count_does_not_grow_with_the_plan(world, login, who, url, params):
    path = (reverse("response:our_action_plan") if url == "our_action_plan"
            else reverse(url, args=[world.case_a.reference]))
    client = login(getattr(world, who))
    _fill(world, 10)
    small = _count(client, path, **params)
    _fill(world, 290)
    assert Action.objects.count() == 300
    large = _count(client, path, **params)
    assert small == large, f"{url} as {who}: {small} queries for 10 actions, {large} for 300"

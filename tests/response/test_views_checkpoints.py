"""The improvement checkpoint pages: the trend, recording a checkpoint, one checkpoint, the case
page's Improvement block; and the risk register's "no action" flag that the response plan clears.
"""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.models import Risk
from crisis.models import Case, ChronologyEntry
from response import services as response_services
from response.models import ImprovementCheckpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


TODAY = timezone.localdate()


def _list(case) -> str:
    return reverse("response:checkpoint_list", kwargs={"reference": case.reference})


def _create(case) -> str:
    return reverse("response:checkpoint_create", kwargs={"reference": case.reference})


def _open_earlier(case: Case, days: int = 200) -> Case:
    """Let checkpoints be dated in the past: the case opened `days` ago."""
    Case.objects.filter(pk=case.pk).update(opened_on=TODAY - dt.timedelta(days=days))
    case.refresh_from_db()
    return case


def _checkpoints(world, n: int) -> list[ImprovementCheckpoint]:
    case = _open_earlier(world.case_a, days=20 * n + 10)
    return [
        response_services.checkpoint_record(
            actor=world.alice, case=case, confidence={"parents": 1 + i % 5, "regulators": 1 + (i + 2) % 5},
            commentary=f"Checkpoint number {i}.", recorded_on=TODAY - dt.timedelta(days=14 * (n - i)),
        )
        for i in range(n)
    ]


def _action(world, title: str, due_in: int):
    return response_services.action_create(actor=world.alice, case=world.case_a, title=title, owner=world.alice,
                                  due_on=TODAY + dt.timedelta(days=due_in))


def _form(**extra) -> dict:
    data = {"regulators": "", "local_authority": "", "parents": "", "staff": "", "governors": "", "media": "",
            "commentary": ""}
    data.update(extra)
    return data


# Recording -------------------------------------------------------------------------------------


def test_the_form_shows_the_figures_from_the_data(world, login):
    done = _action(world, "Re-train the DSL team", 10)
    _action(world, "Update the child protection policy", 20)
    late = _action(world, "Refer to the LADO", 5)
    response_services.action_mark_done(actor=world.alice, action=done, completion_notes="Training delivered.")
    from response.models import Action

    Action.objects.filter(pk=late.pk).update(due_on=TODAY - dt.timedelta(days=2))
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Press interest",
                                    category="reputational",
                         inherent_likelihood=5, inherent_impact=5)

    body = login(world.alice).get(_list(world.case_a)).content.decode()

    figures = response_services.checkpoint_figures(case=world.case_a)
    assert (figures["actions_total"], figures["actions_complete"], figures["actions_overdue"]) == (3, 1, 1)
    assert 'data-figure="actions_complete">1 of <span data-figure="actions_total">3</span>' in body
    assert 'data-figure="actions_overdue">1<' in body
    assert 'data-figure="actions_completed_since_last">1<' in body
    # The figures are shown, not inputs: nothing the browser sends can change them.
    assert 'name="actions_' not in body


def test_a_consultant_records_a_checkpoint_with_the_figures_from_the_data(world, login):
    done = _action(world, "Re-train the DSL team", 10)
    _action(world, "Update the policy", 20)
    response_services.action_mark_done(actor=world.alice, action=done, completion_notes="Training delivered.")

    response = login(world.alice).post(_create(world.case_a), _form(
        parents="2", regulators="3", commentary="Parents remain wary; the regulator saw the plan.",
    ))

    checkpoint = ImprovementCheckpoint.objects.get(case=world.case_a)
    assert response.status_code == 302
    assert response.url == reverse("response:checkpoint_detail",
                                   kwargs={"reference": world.case_a.reference, "pk": checkpoint.pk})
    assert (checkpoint.actions_total, checkpoint.actions_complete, checkpoint.actions_overdue) == (2, 1, 0)
    assert checkpoint.confidence == {"parents": 2, "regulators": 3}
    assert checkpoint.recorded_by == world.alice and checkpoint.recorded_on == TODAY
    body = login(world.staff_a).get(response.url).content.decode()
    assert "50% (1 of 2)" in body and "Parents remain wary" in body
    assert 'data-score="2"' in body and "2.5" in body


@pytest.mark.parametrize(
    "data,message",
    [
        (_form(parents="6", commentary="Fine."), "Confidence of parents and carers is rated 1 to 5."),
        (_form(commentary="Nobody rated."), "Rate the confidence of at least one stakeholder group."),
        (_form(parents="3", commentary="   "), "Say what the figures mean"),
        (_form(parents="three", commentary="Fine."), "Confidence of parents and carers is rated 1 to 5."),
    ],
    ids=["confidence-6", "no-group", "no-commentary", "not-a-number"],
)
def test_bad_input_is_refused_and_nothing_is_written(world, login, data, message):
    entries = ChronologyEntry.objects.count()
    response = login(world.alice).post(_create(world.case_a), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImprovementCheckpoint.objects.exists()
    assert ChronologyEntry.objects.count() == entries


def test_leaders_and_staff_read_checkpoints_but_cannot_record_them(world, login):
    _checkpoints(world, 2)
    for user in (world.leader_a, world.staff_a):
        client = login(user)
        body = client.get(_list(world.case_a)).content.decode()
        assert "Checkpoint number 1." in body and "Record a checkpoint" not in body
        assert client.post(_create(world.case_a), _form(parents="4", commentary="Mine.")).status_code == 403
    assert ImprovementCheckpoint.objects.count() == 2


def test_another_organisation_gets_404(world, login):
    checkpoint = _checkpoints(world, 1)[0]
    client = login(world.leader_b)
    assert client.get(_list(world.case_a)).status_code == 404
    detail = reverse("response:checkpoint_detail", kwargs={"reference": world.case_b.reference, "pk": checkpoint.pk})
    assert login(world.bob).get(detail).status_code == 404  # B's case, A's checkpoint


# The trend -------------------------------------------------------------------------------------


def test_the_trend_has_one_point_per_checkpoint(world, login):
    checkpoints = _checkpoints(world, 4)
    body = login(world.leader_a).get(_list(world.case_a)).content.decode()
    svg = re.search(r'<svg class="chart trend".*?</svg>', body, re.S).group(0)
    points = re.findall(r'data-checkpoint="(\d+)"', svg)
    assert points == [str(c.pk) for c in checkpoints]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    first = checkpoints[0].recorded_on.strftime("%-d %b %Y")
    assert first in svg  # dates in UK format on the axis
    # The data table under the chart lists every checkpoint too.
    assert len(re.findall(r"data-checkpoint-row=", body)) == 4


def test_the_list_reads_in_a_fixed_number_of_queries(world, login):
    client = login(world.alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(_list(world.case_a))
        assert response.status_code == 200
        return len(ctx)

    _open_earlier(world.case_a, days=400)
    for i in range(3):
        response_services.checkpoint_record(actor=world.alice, case=world.case_a, confidence={"staff": 3},
                                   commentary="Steady.", recorded_on=TODAY - dt.timedelta(days=300 - i))
    few = count()
    for i in range(3, 30):
        response_services.checkpoint_record(actor=world.carol if i % 2 else world.alice, case=world.case_a,
                                   confidence={"staff": 1 + i % 5, "media": 2}, commentary="Steady.",
                                   recorded_on=TODAY - dt.timedelta(days=300 - i * 7))
    assert ImprovementCheckpoint.objects.count() == 30
    assert count() == few


def test_the_next_checkpoint_is_due_after_the_interval(world, login):
    case = _open_earlier(world.case_a, days=60)
    response_services.checkpoint_record(actor=world.alice, case=case, confidence={"parents": 3}, commentary="First.",
                               recorded_on=TODAY - dt.timedelta(days=20))
    body = login(world.alice).get(_list(case)).content.decode()
    due = TODAY - dt.timedelta(days=20 - case.checkpoint_interval_days)
    assert f'data-due="{due.isoformat()}"' in body
    assert "was due on" in body and "Overdue" in body


def test_the_case_page_shows_the_improvement_block(world, login):
    _checkpoints(world, 3)
    body = login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()
    block = body.split('id="improvement"', 1)[1]
    assert "Latest," in block and _list(world.case_a) in block
    assert 'class="chart trend trend--small"' in block
    assert len(re.findall(r'data-checkpoint="\d+"', block)) == 3


# The risk register's "no action" flag ----------------------------------------------------------


def _flagged(body: str, risk: Risk) -> bool:
    row = re.search(rf'<tr class="risk-row[^"]*" data-risk="{risk.pk}">(.*?)</tr>', body, re.S).group(1)
    return 'data-flag="no-action"' in row


def test_a_mitigated_risk_with_no_action_is_flagged_until_an_action_treats_it(world, login):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="No LADO route",
                                           category="legal",
                                inherent_likelihood=4, inherent_impact=4)
    accepted = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Minor press",
                                               category="reputational",
                                    inherent_likelihood=1, inherent_impact=2, treatment="accept",
                                    treatment_rationale="Low and transient.")
    register = reverse("assessment:risk_register", kwargs={"reference": world.case_a.reference})
    client = login(world.leader_a)

    body = client.get(register).content.decode()
    assert _flagged(body, risk) and not _flagged(body, accepted)
    unactioned = client.get(register, {"unactioned": "on"}).content.decode()
    assert f'data-risk="{risk.pk}"' in unactioned and f'data-risk="{accepted.pk}"' not in unactioned

    response_services.action_create(actor=world.alice, case=world.case_a, title="Write the LADO route", risks=[risk],
                           due_on=TODAY + dt.timedelta(days=7))

    body = client.get(register).content.decode()
    assert not _flagged(body, risk)
    assert f'data-risk="{risk.pk}"' not in client.get(register, {"unactioned": "on"}).content.decode()


def test_the_action_count_does_not_inflate_the_register_counts(world):

    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="No LADO route",
                                           category="legal",
                                inherent_likelihood=4, inherent_impact=4)
    for n in range(3):
        response_services.action_create(actor=world.alice, case=world.case_a, title=f"Step {n}", risks=[risk],
                               due_on=TODAY + dt.timedelta(days=7))
    risks = assessment_selectors.case_risks(user=world.alice, case=world.case_a)
    assert assessment_selectors.risk_register_counts(risks)["total"] == 1
    assert sum(c["count"] for row in assessment_selectors.risk_heat_map(risks) for c in row) == 1
    assert risks.get().action_count == 3

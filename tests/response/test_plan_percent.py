"""One formula for "how much of the plan is done": the case page, the checkpoints and the gate to
Recovery agree at the boundary (159 of 200 is 79.5%: shown as 79% and refused at an 80% gate)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from response.models import Action, ImprovementCheckpoint, percent_complete
from response.services import checkpoint_figures, response_gate_problems


@pytest.mark.parametrize("complete, total, percent", [(0, 0, 0), (159, 200, 79), (160, 200, 80), (1, 3, 33),
                                                      (2, 3, 66), (3, 3, 100)])
def test_the_percentage_is_rounded_down(complete, total, percent):
    assert percent_complete(complete, total) == percent


def _plan(world, done: int, total: int = 200) -> None:
    case = world.case_a
    due = timezone.localdate() + dt.timedelta(days=30)
    Action.objects.bulk_create([
        Action(organisation_id=case.organisation_id, case=case, title=f"Step {n}", owner=world.alice, due_on=due,
               created_by=world.alice, status=Action.Status.DONE if n < done else Action.Status.IN_PROGRESS)
        for n in range(total)
    ])


def _panel_percent(world, login) -> str:
    body = login(world.alice).get(reverse("crisis:case_detail", args=[world.case_a.reference])).content.decode()
    return body.split('data-stat="percent">', 1)[1].split("<", 1)[0]


def test_159_of_200_shows_79_percent_and_the_gate_refuses(world, login):
    assert world.case_a.action_threshold_percent == 80
    _plan(world, done=159)
    assert _panel_percent(world, login) == "79%"
    problems = response_gate_problems(case=world.case_a)
    assert any("159 of 200 actions are done or verified (79%)" in p for p in problems), problems
    figures = checkpoint_figures(case=world.case_a)
    checkpoint = ImprovementCheckpoint(actions_total=figures["actions_total"],
                                       actions_complete=figures["actions_complete"])
    assert checkpoint.completion_percent == 79


def test_160_of_200_shows_80_percent_and_the_gate_lets_the_plan_through(world, login):
    _plan(world, done=160)
    assert _panel_percent(world, login) == "80%"
    assert not any("actions are done" in p for p in response_gate_problems(case=world.case_a))

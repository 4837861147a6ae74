"""What the closure report says, as the context builder gathers it: why the case was opened, the
register at the start and now, what remains with its owners, the lessons; the texts the check reads;
and a fixed number of queries whatever the size of the case."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from training.selectors import closure_guard_texts, closure_report_context
from training.selectors import exit as exit_selectors

from .closure_helpers import LESSONS, draft, readiness, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def _cell(grid, likelihood, impact):
    return grid[5 - likelihood][impact - 1]["count"]


def test_it_says_why_the_case_was_opened(world):
    seed(world)
    closure = draft(world)
    context = closure_report_context(case=world.case_a, closure=closure)
    assert context["case"].summary == "A parent reported concerns about a member of staff."
    assert [entry.title for entry in context["opening"]] == ["Case opened", "Concern reported by a parent 0"]
    assert context["version"] == "Closure report 1"


def test_the_heat_maps_score_every_risk_at_the_start_and_the_open_ones_now(world):
    seed(world)
    context = closure_report_context(case=world.case_a, closure=draft(world))
    start, now = context["grid_start"], context["grid_now"]
    # At the start: 5×5, 4×4 and the closed 4×5, by their inherent scores.
    assert (_cell(start, 5, 5), _cell(start, 4, 4), _cell(start, 4, 5)) == (1, 1, 1)
    # Now: the first brought down to 1×2, the second still 4×4, the closed one gone.
    assert (_cell(now, 1, 2), _cell(now, 4, 4), _cell(now, 5, 5), _cell(now, 4, 5)) == (1, 1, 0, 0)
    assert context["bands"] == [("Critical", 3, 1), ("High", 0, 0), ("Medium", 0, 0), ("Low", 0, 1)]
    assert (context["risks_start_total"], context["risks_now_total"]) == (3, 2)


def test_what_remains_lists_open_actions_with_their_owners_and_roles(world):
    seed(world)
    context = closure_report_context(case=world.case_a, closure=draft(world))
    remaining = [(a.title, a.owner.get_full_name(), a.owner_role) for a in context["open_actions"]]
    assert remaining == [("Audit the single central record 0", "Carol Clarke", "Consultant"),
                         ("Embed the weekly safeguarding meeting 0", "Lena Leader", "Head teacher")]
    assert context["stats"]["total"] == 3 and context["stats"]["complete"] == 1
    assert [r.title for r in context["open_risks"]] == ["Parents' trust still low 0",
                                                        "Staff unsure of the LADO route 0"]
    assert [p.title for p in context["policies"]] == ["Child protection policy 0"]
    assert context["surveys"] == []


def test_the_lessons_and_the_exit_criteria_come_through(world, monkeypatch):
    monkeypatch.setattr(exit_selectors, "case_readiness", lambda *, case: readiness(world))
    closure = draft(world)
    context = closure_report_context(case=world.case_a, closure=closure)
    assert context["closure"].lessons_learned == LESSONS
    assert [c["met"] for c in context["readiness"]["criteria"]] == [True, False]
    assert context["readiness"]["override"].reason.startswith("The remaining six staff")


def test_the_check_reads_every_free_text_the_pdf_carries(world, monkeypatch):
    seed(world)
    monkeypatch.setattr(exit_selectors, "case_readiness", lambda *, case: readiness(world))
    closure = draft(world)
    texts = closure_guard_texts(closure_report_context(case=world.case_a, closure=closure))
    fields = {(t.record.split(" ")[0], t.field) for t in texts}
    assert {("Case", "title"), ("Case", "summary"), ("Closure", "lessons learned"), ("Closure", "handover"),
            ("Action", "title"), ("Risk", "title"), ("Policy", "title"), ("Exit", "reason")} <= fields
    assert any(t.record == "Chronology entry" and "Concern reported by a parent 0" in t.text for t in texts)


def test_the_context_is_read_in_a_fixed_number_of_queries(world):
    seed(world, n=1)
    closure = draft(world)
    with CaptureQueriesContext(connection) as small:
        closure_report_context(case=world.case_a, closure=closure)
    seed(world, n=3)
    with CaptureQueriesContext(connection) as large:
        context = closure_report_context(case=world.case_a, closure=closure)
    assert len(context["open_actions"]) == 8
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]

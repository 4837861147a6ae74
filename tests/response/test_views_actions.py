"""The action plan pages: the case's plan, one action's life cycle by role, notes, editing, and the
leader's "our action plan"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment import services as assessment_services
from crisis.models import Stage
from response import services as response_services
from response.models import Action, ActionNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


SECRET_NOTE = "Head teacher may be minimising — watch closely"
SECRET_CONSULTANT_NOTES = "Confidential: LADO strategy meeting pending"


def _action(world, **kwargs) -> Action:
    values = {"actor": world.alice, "case": world.case_a, "title": "Complete the single central record",
              "due_on": timezone.localdate() + dt.timedelta(days=14), "owner": world.staff_a}
    values.update(kwargs)
    return response_services.action_create(**values)


def _list(case) -> str:
    return reverse("response:action_list", kwargs={"reference": case.reference})


def _url(action: Action, name: str = "action_detail") -> str:
    return reverse(f"response:{name}", kwargs={"reference": action.case.reference, "pk": action.pk})


def _rows(body: str) -> list[str]:
    """Action titles in the order the plan lists them."""
    import re

    table = body.split('<table class="table action-table">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="[^"]+/actions/\d+/">([^<]+)</a>', table)


# The case's plan -------------------------------------------------------------------------------


def test_a_consultant_adds_an_action_linked_to_risks(world, login):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="No LADO route",
                                           category="operational",
                                inherent_likelihood=4, inherent_impact=4)
    due = timezone.localdate() + dt.timedelta(days=10)
    response = login(world.alice).post(reverse("response:action_create", args=[world.case_a.reference]), {
        "title": "Train staff on the LADO route", "owner": world.leader_a.pk, "priority": "urgent",
        "due_on": due.isoformat(), "risks": [risk.pk], "consultant_notes": SECRET_CONSULTANT_NOTES,
    })
    action = Action.objects.get(title="Train staff on the LADO route")
    assert response.status_code == 302 and response["Location"] == _url(action)
    assert action.owner == world.leader_a and action.priority == "urgent" and action.due_on == due
    assert list(action.risks.all()) == [risk]


def test_a_refused_action_shows_the_message_and_writes_nothing(world, login):
    today = timezone.localdate()
    response = login(world.alice).post(reverse("response:action_create", args=[world.case_a.reference]), {
        "title": "Backwards", "priority": "high", "start_on": today.isoformat(),
        "due_on": (today - dt.timedelta(days=3)).isoformat(),
    })
    assert response.status_code == 400
    assert "The due date cannot be before the start date." in response.content.decode()
    assert not Action.objects.exists()


def test_only_consultants_add_actions(world, login):
    url = reverse("response:action_create", args=[world.case_a.reference])
    data = {"title": "Sneaky", "priority": "high", "due_on": timezone.localdate().isoformat()}
    for user in (world.leader_a, world.staff_a):
        assert login(user).post(url, data).status_code == 403
        assert "Add an action" not in login(user).get(_list(world.case_a)).content.decode()
    assert not Action.objects.exists()


def test_the_plan_lists_overdue_first_with_figures_and_filters(world, login):
    today = timezone.localdate()
    later = _action(world, title="Review the behaviour policy", due_on=today + dt.timedelta(days=30))
    late = _action(world, title="Update the safeguarding policy", due_on=today + dt.timedelta(days=40))
    Action.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=2), progress=40)
    done = _action(world, title="Appoint a deputy DSL", owner=world.leader_a)
    response_services.action_mark_done(actor=world.leader_a, action=done, completion_notes="Appointed.")
    response_services.action_evidence_add_link(actor=world.staff_a, action=later, url="https://example.org/minutes")

    body = login(world.leader_a).get(_list(world.case_a)).content.decode()
    assert _rows(body) == ["Update the safeguarding policy", "Appoint a deputy DSL", "Review the behaviour policy"]
    assert 'data-stat="total">3<' in body and 'data-stat="overdue">1<' in body and 'data-stat="percent">33%' in body
    assert "the case needs 80%" in body
    assert '<span class="badge badge--overdue">Overdue</span>' in body
    assert 'value="40"' in body and "40%" in body  # the bar says its value in text too
    assert "RAG: </span>Red" in body  # the RAG badge says its colour in words

    client = login(world.alice)
    assert _rows(client.get(_list(world.case_a), {"status": "open"}).content.decode()) == [
        "Update the safeguarding policy", "Review the behaviour policy"]
    assert _rows(client.get(_list(world.case_a), {"overdue": "on"}).content.decode()) == [
        "Update the safeguarding policy"]
    assert _rows(client.get(_list(world.case_a), {"q": "behaviour"}).content.decode()) == [
        "Review the behaviour policy"]
    assert _rows(client.get(_list(world.case_a), {"owner": world.leader_a.pk}).content.decode()) == [
        "Appoint a deputy DSL"]
    assert "Add an action" in client.get(_list(world.case_a)).content.decode()


def test_the_plan_is_paginated(world, login):
    due = timezone.localdate() + dt.timedelta(days=5)
    Action.objects.bulk_create([
        Action(organisation=world.org_a, case=world.case_a, title=f"Action {n:03}", due_on=due, created_by=world.alice)
        for n in range(60)
    ])
    client = login(world.alice)
    first = client.get(_list(world.case_a)).content.decode()
    assert len(_rows(first)) == 50 and "Page 1 of 2" in first
    assert len(_rows(client.get(_list(world.case_a), {"page": 2}).content.decode())) == 10


# One action: the life cycle by role ------------------------------------------------------------


def test_the_owner_marks_done_and_a_consultant_verifies(world, login):
    action = _action(world, owner=world.leader_a)
    leader = login(world.leader_a)
    page = leader.get(_url(action)).content.decode()
    assert "Mark done" in page and ">Verify<" not in page

    refused = leader.post(_url(action, "action_done"), {"completion_notes": "  "})
    assert refused.status_code == 400 and "Say what was done" in refused.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED

    response = leader.post(_url(action, "action_done"), {"completion_notes": "All records checked."})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.done_by == world.leader_a and action.progress == 100

    assert login(world.staff_a).post(_url(action, "action_verify"), {}).status_code == 403
    assert login(world.leader_a).post(_url(action, "action_verify"), {}).status_code == 403
    alice = login(world.alice)
    assert ">Verify<" in alice.get(_url(action)).content.decode()
    assert alice.post(_url(action, "action_verify"), {"note": "Evidence seen."}).status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED and action.verified_by == world.alice
    page = alice.get(_url(action)).content.decode()
    assert "Status: </span>Verified" in page and "Marked done" in page and "Evidence seen." in page


def test_only_the_owner_declares_done(world, login):
    action = _action(world, owner=world.staff_a)
    leader = login(world.leader_a)
    assert "Mark done" not in leader.get(_url(action)).content.decode()
    assert leader.post(_url(action, "action_done"), {"completion_notes": "Done it."}).status_code == 403
    assert login(world.alice).post(_url(action, "action_done"), {"completion_notes": "Done."}).status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED


def test_a_consultant_reopens_with_a_reason(world, login):
    action = _action(world, owner=world.staff_a)
    response_services.action_mark_done(actor=world.staff_a, action=action, completion_notes="Done.")
    alice = login(world.alice)
    refused = alice.post(_url(action, "action_reopen"), {"reason": ""})
    assert refused.status_code == 400 and "Say why the action is reopened." in refused.content.decode()
    assert login(world.leader_a).post(_url(action, "action_reopen"), {"reason": "No."}).status_code == 403
    assert alice.post(_url(action, "action_reopen"), {"reason": "The register has gaps."}).status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS and action.done_at is None
    assert "The register has gaps." in alice.get(_url(action)).content.decode()


def test_progress_by_the_owner_and_leaders_but_not_other_staff(world, login):
    action = _action(world, owner=world.staff_a)
    staff = login(world.staff_a)
    # The form sends the status it shows beside the progress, still "not started": progress moves it on.
    response = staff.post(_url(action, "action_progress"), {"progress": 40, "status": "not_started"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.progress == 40 and action.status == Action.Status.IN_PROGRESS
    assert "Status: </span>In progress" in staff.get(_url(action)).content.decode()

    blocked = login(world.leader_a).post(_url(action, "action_progress"), {"progress": 40, "status": "blocked"})
    assert blocked.status_code == 400 and "Say what is blocking the action." in blocked.content.decode()
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS

    other = _action(world, owner=world.leader_a, title="The leader own action")
    assert staff.post(_url(other, "action_progress"), {"progress": 10, "status": "in_progress"}).status_code == 403
    assert "Save progress" not in staff.get(_url(other)).content.decode()


def test_a_consultant_edits_an_action_and_others_cannot(world, login):
    action = _action(world)
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Gaps in the SCR",
                                           category="legal",
                                inherent_likelihood=3, inherent_impact=4)
    assert login(world.leader_a).get(_url(action, "action_edit")).status_code == 403
    alice = login(world.alice)
    assert alice.get(_url(action, "action_edit")).status_code == 200
    response = alice.post(_url(action, "action_edit"), {
        "title": "Complete and check the SCR", "priority": "urgent", "owner": world.leader_a.pk,
        "due_on": action.due_on.isoformat(), "risks": [risk.pk],
    })
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Complete and check the SCR" and action.owner == world.leader_a
    assert list(action.risks.all()) == [risk]
    assert "Gaps in the SCR" in alice.get(_url(action)).content.decode()


def test_notes_and_consultant_notes_are_never_shown_to_the_organisation(world, login):
    action = _action(world, owner=world.leader_a, consultant_notes=SECRET_CONSULTANT_NOTES)
    alice = login(world.alice)
    assert alice.post(_url(action, "action_note"), {"body": SECRET_NOTE, "consultant_only": "on"}).status_code == 302
    leader = login(world.leader_a)
    # A leader's "consultant-only" box is not on the form: a crafted one is ignored.
    assert leader.post(_url(action, "action_note"), {"body": "Governors informed.", "consultant_only": "on"}
                       ).status_code == 302
    assert ActionNote.objects.get(body="Governors informed.").consultant_only is False
    assert ActionNote.objects.get(body=SECRET_NOTE).consultant_only is True

    for user in (world.leader_a, world.staff_a):
        body = login(user).get(_url(action)).content.decode()
        assert "Governors informed." in body
        assert SECRET_NOTE not in body and SECRET_CONSULTANT_NOTES not in body
        assert "Consultant notes changed" not in body
        body = login(user).get(_list(world.case_a)).content.decode() + login(user).get("/actions/").content.decode()
        assert SECRET_NOTE not in body and SECRET_CONSULTANT_NOTES not in body
    body = alice.get(_url(action)).content.decode()
    assert SECRET_NOTE in body and SECRET_CONSULTANT_NOTES in body
    assert 'name="consultant_only"' in body
    assert 'name="consultant_only"' not in leader.get(_url(action)).content.decode()


def test_a_closed_case_offers_no_changes(world, login):
    action = _action(world, owner=world.leader_a)
    world.case_a.stage = Stage.CLOSED
    world.case_a.save(update_fields=["stage"])
    body = login(world.leader_a).get(_url(action)).content.decode()
    assert "can no longer be changed" in body and "Save progress" not in body and "Mark done" not in body
    response = login(world.leader_a).post(_url(action, "action_progress"), {"progress": 50, "status": "in_progress"})
    assert response.status_code == 400 and "closed" in response.content.decode()


# Our action plan -------------------------------------------------------------------------------


def test_client_users_land_on_our_action_plan(world, login):
    assert login(world.leader_a).get("/")["Location"] == reverse("response:our_action_plan")
    body = login(world.leader_a).get("/actions/").content.decode()
    assert "Our action plan" in body and 'href="/home/"' in body


def test_our_action_plan_shows_the_own_organisations_actions_overdue_first(world, login):
    today = timezone.localdate()
    mine = _action(world, title="Lena own action", owner=world.leader_a, due_on=today + dt.timedelta(days=3))
    late = _action(world, title="Late staff action", owner=world.staff_a, due_on=today + dt.timedelta(days=20))
    Action.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=1))
    _action(world, case=world.restricted_a, title="Restricted-case action", owner=world.leader_a)
    response_services.action_create(actor=world.bob, case=world.case_b, title="Swimming club action",
                                    owner=world.leader_b,
                           due_on=today)

    body = login(world.leader_a).get("/actions/").content.decode()
    assert "Swimming club action" not in body
    plan = body.split('id="plan"', 1)[1]
    assert plan.index("Late staff action") < plan.index("Lena own action")
    soon = body.split('id="soon-heading"', 1)[1].split("</section>", 1)[0]
    assert "Lena own action" in soon and "Late staff action" not in soon
    assert "Restricted-case action" in body  # Lena is named on the restricted case
    assert "Due this week" in body and world.case_a.reference in body
    assert _url(mine) in body

    mine_only = login(world.leader_a).get("/actions/", {"mine": "on"}).content.decode()
    assert "Lena own action" in mine_only and "Late staff action" not in mine_only

    by_owner = login(world.leader_a).get("/actions/", {"group": "owner"}).content.decode()
    assert "Lena Leader" in by_owner and "Sam Staff" in by_owner

    staff = login(world.staff_a).get("/actions/").content.decode()
    assert "Late staff action" in staff and "Restricted-case action" not in staff
    unnamed = login(world.unnamed_leader_a).get("/actions/").content.decode()
    assert "Late staff action" in unnamed and "Restricted-case action" not in unnamed
    assert world.restricted_a.reference not in unnamed
    other = login(world.leader_b).get("/actions/").content.decode()
    assert "Swimming club action" in other and "Late staff action" not in other


def test_our_action_plan_leaves_out_closed_cases_and_done_actions_by_default(world, login):
    done = _action(world, title="Finished action", owner=world.leader_a)
    response_services.action_mark_done(actor=world.leader_a, action=done, completion_notes="Done.")
    client = login(world.leader_a)
    assert "Finished action" not in client.get("/actions/").content.decode()
    assert "Finished action" in client.get("/actions/", {"status": "all"}).content.decode()

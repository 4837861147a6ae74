"""Moving a case's stage from the case page."""

import pytest

from crisis.models import AuditEvent, ChronologyEntry, Stage, StageChange

pytestmark = pytest.mark.django_db


def _move(client, case, to, rationale="All risks assessed; sign-off given."):
    return client.post(f"/cases/{case.reference}/stage/", {"to": to, "rationale": rationale})


def _assert_nothing_written(case):
    case.refresh_from_db()
    assert case.stage == Stage.ASSESSMENT
    assert not StageChange.objects.filter(case=case).exists()
    assert not ChronologyEntry.objects.filter(case=case, kind=ChronologyEntry.Kind.STAGE_CHANGE).exists()
    assert not AuditEvent.objects.filter(case=case, verb="case.stage_changed").exists()


def test_it_offers_only_the_allowed_moves(world, login):
    body = login(world.alice).get(f"/cases/{world.case_a.reference}/").content.decode()
    assert '<option value="engagement">Engagement</option>' in body
    assert '<option value="response">' not in body


def test_it_moves_the_case_and_records_why(world, assessed, login):
    client = login(world.alice)
    response = _move(client, world.case_a, "engagement")
    assert response.status_code == 302 and response["Location"] == f"/cases/{world.case_a.reference}/"
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ENGAGEMENT
    change = StageChange.objects.get(case=world.case_a)
    assert (change.from_stage, change.to_stage, change.actor) == ("assessment", "engagement", world.alice)
    assert change.rationale == "All risks assessed; sign-off given."
    assert ChronologyEntry.objects.filter(case=world.case_a, kind="stage_change").count() == 1
    assert AuditEvent.objects.filter(case=world.case_a, verb="case.stage_changed").count() == 1

    body = client.get(response["Location"]).content.decode()
    assert "The case moved to Engagement." in body
    assert "Stage moved from Assessment to Engagement" in body  # the chronology entry
    assert "All risks assessed; sign-off given." in body  # the stage history and chronology


def test_it_refuses_to_skip_a_stage_and_says_why(world, login):
    response = _move(login(world.alice), world.case_a, "response")
    body = response.content.decode()
    assert response.status_code == 400
    assert "A case cannot move from Assessment to Response: stages are taken in order." in body
    _assert_nothing_written(world.case_a)


def test_it_refuses_a_move_without_a_reason(world, login):
    response = _move(login(world.alice), world.case_a, "engagement", rationale="   ")
    assert response.status_code == 400
    assert "Give the reason for the stage change" in response.content.decode()
    _assert_nothing_written(world.case_a)


@pytest.mark.parametrize("who", ["staff_a", "leader_a"])
def test_it_does_not_let_the_organisation_move_the_stage(world, login, who):
    response = _move(login(getattr(world, who)), world.case_a, "engagement")
    assert response.status_code == 403
    _assert_nothing_written(world.case_a)


def test_it_answers_404_to_a_consultant_of_another_organisation(world, login):
    response = _move(login(world.bob), world.case_a, "engagement")
    assert response.status_code == 404
    _assert_nothing_written(world.case_a)


def test_it_does_not_move_on_get(world, login):
    assert login(world.alice).get(f"/cases/{world.case_a.reference}/stage/").status_code == 405

"""Adding chronology entries from the case page."""

import pytest

from crisis.models import AuditEvent, ChronologyEntry

pytestmark = pytest.mark.django_db


def _add(client, case, **fields):
    data = {"kind": "event", "title": "Call with the head teacher", "occurred_at": "2026-11-20T09:30"}
    data.update(fields)
    return client.post(f"/cases/{case.reference}/chronology/", data)


def _hand_written(case):
    return ChronologyEntry.objects.filter(case=case, automatic=False)


def test_it_adds_an_entry(world, login):
    client = login(world.alice)
    response = _add(
        client, world.case_a, kind="decision", title="Suspend the teacher pending investigation",
        details="LADO advised.", decision="Suspend on full pay.", rationale="Risk of harm to pupils.",
        significant="on", shared_with_organisation="on",
    )
    assert response.status_code == 302
    entry = _hand_written(world.case_a).get()
    assert entry.kind == "decision" and entry.author == world.alice
    assert entry.significant and entry.shared_with_organisation
    assert entry.occurred_at.isoformat() == "2026-11-20T09:30:00+00:00"  # London is on GMT in November
    assert AuditEvent.objects.filter(verb="chronology.created", case=world.case_a).exists()
    body = client.get(response["Location"]).content.decode()
    assert "Chronology entry added." in body
    assert "Suspend the teacher pending investigation" in body and "Risk of harm to pupils." in body
    assert "20 Nov 2026, 09:30" in body


def test_it_refuses_a_decision_without_its_reasons(world, login):
    response = _add(login(world.alice), world.case_a, kind="decision", title="Suspend", decision="Suspend.")
    assert response.status_code == 400
    assert "A decision must record the reasons for it." in response.content.decode()
    assert not _hand_written(world.case_a).exists()


def test_it_refuses_an_entry_in_the_future(world, login):
    response = _add(login(world.alice), world.case_a, occurred_at="2099-01-01T10:00")
    assert response.status_code == 400
    assert "it cannot be in the future" in response.content.decode()
    assert not _hand_written(world.case_a).exists()


def test_it_does_not_offer_or_accept_stage_change_entries(world, login):
    client = login(world.alice)
    page = client.get(f"/cases/{world.case_a.reference}/").content.decode()
    assert 'value="stage_change"' not in page
    assert _add(client, world.case_a, kind="stage_change").status_code == 400
    assert not _hand_written(world.case_a).exists()


def test_it_answers_404_to_another_organisation(world, login):
    assert _add(login(world.bob), world.case_a).status_code == 404
    assert _add(login(world.leader_b), world.case_a).status_code == 404
    assert not _hand_written(world.case_a).exists()


def test_it_does_not_let_a_leader_add_entries(world, login):
    assert _add(login(world.leader_a), world.case_a).status_code == 403
    assert not _hand_written(world.case_a).exists()

"""Moving a case through its stages: what is allowed, what is refused, and what is recorded."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from crisis import services
from crisis.models import AuditEvent, ChronologyEntry, Stage, StageChange

from ..conftest import approve_exit_override, complete_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def test_it_moves_forward_and_records_who_when_and_why(world, assessed):
    change = services.case_advance_stage(
        actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="All risks assessed; sign-off given."
    )

    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ENGAGEMENT
    assert (change.from_stage, change.to_stage, change.actor) == (Stage.ASSESSMENT, Stage.ENGAGEMENT, world.alice)
    assert change.rationale == "All risks assessed; sign-off given."
    entry = ChronologyEntry.objects.get(case=world.case_a, kind=ChronologyEntry.Kind.STAGE_CHANGE)
    assert entry.title == "Stage moved from Assessment to Engagement"
    assert entry.rationale == "All risks assessed; sign-off given."
    assert entry.significant and entry.automatic and entry.author == world.alice
    event = AuditEvent.objects.get(case=world.case_a, verb="case.stage_changed")
    assert event.actor == world.alice
    assert event.organisation == world.org_a
    assert event.summary == {
        "from": "assessment", "to": "engagement", "rationale": "All risks assessed; sign-off given."
    }


def test_it_refuses_skipping_a_stage_with_a_clear_message_and_writes_nothing(world):
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.RESPONSE, rationale="Hurry.")

    assert exc.value.messages == [
        "A case cannot move from Assessment to Response: stages are taken in order. "
        "From Assessment it can move to Engagement."
    ]
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT
    assert not StageChange.objects.filter(case=world.case_a).exists()
    assert not ChronologyEntry.objects.filter(case=world.case_a, kind=ChronologyEntry.Kind.STAGE_CHANGE).exists()
    assert AuditEvent.objects.count() == audit_before


@pytest.mark.parametrize("rationale", ["", "   \n "])
def test_it_requires_a_rationale(world, assessed, rationale):
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale=rationale)

    assert "Give the reason for the stage change" in exc.value.messages[0]
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT
    assert not StageChange.objects.exists()


def test_it_refuses_an_unknown_stage_and_the_current_one(world):
    with pytest.raises(ValidationError, match="is not a stage"):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to="limbo", rationale="x")
    with pytest.raises(ValidationError, match="already in Assessment"):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.ASSESSMENT, rationale="x")


def _walk_to(case, actor, stages):
    for stage in stages:
        services.case_advance_stage(actor=actor, case=case, to=stage, rationale=f"Ready for {stage}.")
    case.refresh_from_db()


def test_closing_sets_the_closed_date_and_reopening_clears_it(world, ready_to_close):
    _walk_to(world.case_a, world.alice, [Stage.ENGAGEMENT, Stage.RESPONSE, Stage.RECOVERY])
    approve_exit_override(world.case_a, world.alice, world.carol)  # the exit criteria are not met yet
    _walk_to(world.case_a, world.alice, [Stage.CLOSED])
    assert world.case_a.stage == Stage.CLOSED
    assert world.case_a.closed_on is not None
    assert not world.case_a.is_open

    _walk_to(world.case_a, world.alice, [Stage.RECOVERY])
    assert world.case_a.closed_on is None
    assert StageChange.objects.filter(case=world.case_a).count() == 5


def test_a_case_can_step_back_one_stage_to_re_escalate(world, assessed):
    _walk_to(world.case_a, world.alice, [Stage.ENGAGEMENT, Stage.RESPONSE])
    services.case_advance_stage(
        actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="Media interest returned."
    )
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ENGAGEMENT


@pytest.mark.parametrize("who", ["leader_a", "staff_a", "bob", "leader_b"])
def test_only_assigned_consultants_may_move_the_stage(world, who):
    with pytest.raises(PermissionDenied):
        services.case_advance_stage(
            actor=getattr(world, who), case=world.case_a, to=Stage.ENGAGEMENT, rationale="Because."
        )
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ASSESSMENT
    assert not StageChange.objects.exists()


def test_a_consultancy_admin_may_move_any_case(world):
    complete_assessment(world.case_b, world.bob)
    services.case_advance_stage(actor=world.admin, case=world.case_b, to=Stage.ENGAGEMENT, rationale="Cover.")
    world.case_b.refresh_from_db()
    assert world.case_b.stage == Stage.ENGAGEMENT


def test_a_move_decided_earlier_is_recorded_at_that_time_and_audited_now(world):
    opened = services.case_create(
        actor=world.alice, organisation=world.org_a, title="Brought in part-way",
        opened_on=timezone.localdate() - dt.timedelta(days=30),
    )
    complete_assessment(opened, world.alice)
    decided = timezone.now() - dt.timedelta(days=10)
    change = services.case_advance_stage(
        actor=world.alice, case=opened, to=Stage.ENGAGEMENT, rationale="Decided at the review meeting.",
        effective_at=decided,
    )
    opened.refresh_from_db()
    assert change.changed_at == decided and opened.stage_changed_at == decided
    entry = ChronologyEntry.objects.get(case=opened, kind=ChronologyEntry.Kind.STAGE_CHANGE)
    assert entry.occurred_at == decided
    assert AuditEvent.objects.get(case=opened, verb="case.stage_changed").at > decided


def test_a_move_cannot_be_dated_before_the_current_stage_began_or_in_the_future(world):
    with pytest.raises(ValidationError, match="cannot be dated before the case entered Assessment"):
        services.case_advance_stage(
            actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="Backdated too far.",
            effective_at=timezone.now() - dt.timedelta(days=3),
        )
    with pytest.raises(ValidationError, match="cannot be dated in the future"):
        services.case_advance_stage(
            actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="Not yet.",
            effective_at=timezone.now() + dt.timedelta(days=1),
        )
    assert not StageChange.objects.exists()


def test_an_earlier_opening_is_dated_on_its_day_and_a_future_one_refused(world):
    day = timezone.localdate() - dt.timedelta(days=12)
    case = services.case_create(actor=world.alice, organisation=world.org_a, title="Older", opened_on=day)
    opened_entry = ChronologyEntry.objects.get(case=case, title="Case opened")
    assert timezone.localtime(opened_entry.occurred_at).date() == day
    assert timezone.localtime(case.stage_changed_at).date() == day
    with pytest.raises(ValidationError, match="future date"):
        services.case_create(
            actor=world.alice, organisation=world.org_a, title="Later", opened_on=day + dt.timedelta(days=30)
        )

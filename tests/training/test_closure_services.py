"""Writing a closure report: versions, four eyes, the personal-data check and its overrides, the
refusal and its reason, and bad input refused with nothing written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from crisis.models import AuditEvent, ChronologyEntry, Report
from training import services
from training.models import ClosureGuardOverride, ClosureReport

from .closure_helpers import HANDOVER, LESSONS, PROTECTED, draft, protect, requested

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def test_a_consultant_drafts_version_one_and_changes_its_words(world):
    closure = draft(world)
    assert (closure.number, closure.status, closure.organisation_id) == (1, "draft", world.org_a.pk)
    services.closure_update(actor=world.carol, closure=closure, lessons_learned="  Act on the same day.  ")
    closure.refresh_from_db()
    assert closure.lessons_learned == "Act on the same day." and closure.handover == HANDOVER
    assert AuditEvent.objects.filter(verb="closure_report.updated", object_id=str(closure.pk)).exists()


def test_only_one_version_is_in_hand_and_the_next_follows_an_approved_one(world, django_capture_on_commit_callbacks):
    first = requested(world)
    with pytest.raises(ValidationError, match="still awaiting approval"):
        draft(world)
    services.closure_approve(actor=world.carol, closure=first)
    second = draft(world)
    assert second.number == 2
    first.refresh_from_db()
    assert first.status == "approved" and first.lessons_learned == LESSONS  # the old one stays as it was


def test_the_requester_cannot_approve_and_a_second_consultant_can(world):
    closure = requested(world)
    with pytest.raises(ValidationError, match="second consultant"):
        services.closure_approve(actor=world.alice, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and closure.report is None
    services.closure_approve(actor=world.carol, closure=closure, reason="Read it twice.")
    closure.refresh_from_db()
    assert closure.status == "approved" and closure.decided_by == world.carol
    assert closure.report.kind == Report.Kind.CLOSURE_REPORT and closure.report.status == Report.Status.QUEUED
    entry = ChronologyEntry.objects.get(case=world.case_a, title="Closure report 1 approved")
    assert entry.kind == "decision" and entry.rationale == "Read it twice." and entry.shared_with_organisation
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Closure report 1 sent for approval").exists()
    assert AuditEvent.objects.filter(verb="closure_report.approved", object_id=str(closure.pk)).exists()


def test_the_consultancy_admin_approves(world):
    closure = requested(world)
    services.closure_approve(actor=world.admin, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "approved" and closure.decided_by == world.admin


@pytest.mark.parametrize("who", ["leader_a", "staff_a", "bob"])
def test_nobody_but_the_cases_consultants_writes_it(world, who):
    closure = requested(world)
    user = getattr(world, who)
    for write in (lambda: services.closure_approve(actor=user, closure=closure),
                  lambda: services.closure_refuse(actor=user, closure=closure, reason="No."),
                  lambda: services.closure_create(actor=user, case=world.case_a)):
        with pytest.raises(PermissionDenied):
            write()
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and ClosureReport.objects.count() == 1


def test_a_refusal_needs_a_reason_and_the_reason_stays_while_it_is_corrected(world):
    closure = requested(world)
    with pytest.raises(ValidationError, match="Say why"):
        services.closure_refuse(actor=world.carol, closure=closure, reason="   ")
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and closure.decision_reason == ""
    services.closure_refuse(actor=world.carol, closure=closure, reason="Name the new DSL in the handover.")
    closure.refresh_from_db()
    assert closure.status == "refused" and closure.decision_reason == "Name the new DSL in the handover."
    services.closure_update(actor=world.alice, closure=closure, handover=HANDOVER + " The new DSL is Ms Patel.")
    closure.refresh_from_db()
    assert closure.status == "refused" and closure.decision_reason == "Name the new DSL in the handover."
    services.closure_request_approval(actor=world.alice, closure=closure)
    services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "approved"
    refused = ChronologyEntry.objects.get(case=world.case_a, title="Closure report 1 refused")
    assert refused.rationale == "Name the new DSL in the handover." and not refused.shared_with_organisation


def test_an_approved_report_is_not_changed(world):
    closure = requested(world)
    services.closure_approve(actor=world.carol, closure=closure)
    audit = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="start a new version"):
        services.closure_update(actor=world.alice, closure=closure, lessons_learned="Something else.")
    closure.refresh_from_db()
    assert closure.lessons_learned == LESSONS and AuditEvent.objects.count() == audit


def test_approval_needs_the_lessons_and_the_handover(world):
    closure = draft(world, lessons="", handover="")
    with pytest.raises(ValidationError) as error:
        services.closure_request_approval(actor=world.alice, closure=closure)
    assert set(error.value.message_dict) == {"lessons_learned", "handover"}
    closure.refresh_from_db()
    assert closure.status == "draft" and closure.requested_at is None


def test_the_check_blocks_approval_until_the_text_is_corrected(world):
    protect(world)
    closure = requested(world, lessons=f"{PROTECTED}'s disclosure showed the route worked.")
    assert not closure.guard_clean
    assert [(hit["field"], hit["kind"]) for hit in closure.guard_hits] == [("lessons learned", "protected_name")]
    assert PROTECTED not in str(closure.guard_hits)  # the stored findings never hold the name
    with pytest.raises(ValidationError, match="personal-data check"):
        services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and closure.report is None
    services.closure_refuse(actor=world.carol, closure=closure, reason="Take the child's name out.")
    services.closure_update(actor=world.alice, closure=closure, lessons_learned="A child's disclosure showed the "
                                                                               "route worked.")
    services.closure_request_approval(actor=world.alice, closure=closure)
    services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "approved" and closure.guard_clean


def test_an_override_with_a_reason_lets_a_finding_stand(world):
    protect(world)
    closure = requested(world, handover="The head teacher's mobile for the handover: 07700 900123.")
    (hit,) = closure.guard_hits
    with pytest.raises(ValidationError, match="Say why"):
        services.closure_override(actor=world.alice, closure=closure, hit_id=hit["hit_id"], reason="")
    with pytest.raises(ValidationError, match="No such finding"):
        services.closure_override(actor=world.alice, closure=closure, hit_id="0" * 12, reason="Fine.")
    assert not ClosureGuardOverride.objects.exists()
    services.closure_override(actor=world.alice, closure=closure, hit_id=hit["hit_id"],
                              reason="The head teacher's work phone, published on the school website.")
    closure.refresh_from_db()
    assert closure.guard_hits == []
    override = ClosureGuardOverride.objects.get()
    assert (override.overridden_by, override.kind) == (world.alice, "phone")
    event = AuditEvent.objects.get(verb="closure_report.check_overridden")
    assert "07700" not in str(event.summary)
    services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "approved"


def test_a_name_protected_after_the_request_is_caught_at_approval(world):
    closure = requested(world, lessons=f"{PROTECTED} was heard.")
    assert closure.guard_clean
    protect(world)
    with pytest.raises(ValidationError, match="1 problem"):
        services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == ClosureReport.Status.AWAITING_APPROVAL and len(closure.guard_hits) == 1


def test_text_too_long_is_refused_and_nothing_written(world):
    closure = draft(world)
    with pytest.raises(ValidationError, match="under 20,000"):
        services.closure_update(actor=world.alice, closure=closure, handover="x" * 20_001)
    closure.refresh_from_db()
    assert closure.handover == HANDOVER

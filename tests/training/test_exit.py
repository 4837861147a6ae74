"""Exit criteria, the gate from Recovery to Closed, the four-eyes override, sign-offs, what closing and
re-opening do, and the follow-up reviews after exit: the selectors and services."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessment import services as assessment_services
from crisis import services
from crisis.models import AuditEvent, ChronologyEntry, Stage
from training import services as training_services
from training import tasks
from training.models import ExitCriterion, ExitDecision, ExitOverride, ExitSignOff, FollowUpReview
from training.selectors.exit import case_readiness

from .exit_helpers import compliant_policy, in_recovery, meet_everything, survey, trained, verified_actions

pytestmark = pytest.mark.django_db


def _items(case) -> dict[str, dict]:
    return {item["kind"]: item for item in case_readiness(case=case)["criteria"]}


def _close(world, case, who=None):
    change = services.case_advance_stage(actor=who or world.alice, case=case, to=Stage.CLOSED,
                                         rationale="The culture of safeguarding is embedded.")
    case.refresh_from_db()
    return change


def test_a_case_without_rows_reads_the_defaults_and_writes_nothing(world, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    readiness = case_readiness(case=case)
    assert [item["kind"] for item in readiness["criteria"]] == [
        "risks", "actions", "training", "survey", "deadlines", "policies", "leader_signoff", "lead_signoff"]
    thresholds = {item["kind"]: item["threshold_text"] for item in readiness["criteria"]}
    assert thresholds["actions"] == "at least 90%" and thresholds["training"] == "at least 95%"
    assert thresholds["survey"] == "at least 4.0 of 5" and thresholds["policies"] == "at least 90%"
    assert not ExitCriterion.objects.exists()
    assert readiness["override"] is None and readiness["pending_override"] is None and readiness["signoffs"] == []


def test_each_criterion_says_why_it_is_unmet_with_its_figure(world, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    assessment_services.risk_create(actor=world.alice, case=case, title="Unsafe recruitment", category="operational",
                                    inherent_likelihood=5, inherent_impact=5)
    verified_actions(world, case, verified=1, other=2)
    trained(world, current=1, missing=1)
    services.deadline_create(actor=world.alice, case=case, title="Refer to the LADO", statutory=True,
                             due_on=timezone.localdate() - dt.timedelta(days=2))
    services.deadline_create(actor=world.alice, case=case, title="Tell the parents", statutory=False,
                             due_on=timezone.localdate() - dt.timedelta(days=2))
    compliant_policy(world, title="Safer recruitment policy", result="partly")

    items = _items(case)
    assert all(not item["met"] for item in items.values())
    assert items["risks"]["figure_text"] == "1 open (1 critical, 0 high)"
    assert items["actions"]["figure_text"] == "33% (1 of 3)"
    assert items["training"]["figure_text"] == "50% (1 of 2)"
    assert items["survey"]["figure_text"] == "No staff survey with enough responses yet"
    assert items["deadlines"]["figure_text"].startswith("0 of 1 met; not met: Refer to the LADO (due ")
    deadlines = items["deadlines"]["figure_text"]
    assert "overdue" in deadlines and "Tell the parents" not in deadlines
    assert items["policies"]["figure_text"] == "50% on average over 1 policy; lowest: Safer recruitment policy (50%)"
    assert items["leader_signoff"]["figure_text"] == "Not signed in this Recovery period"
    assert items["risks"]["fix_url"] == f"/cases/{case.reference}/risks/"
    assert items["actions"]["fix_url"] == f"/cases/{case.reference}/actions/"
    assert items["training"]["fix_url"] == f"/training/{world.org_a.pk}/gaps/"
    assert items["deadlines"]["fix_url"].endswith("#deadlines")


def test_every_criterion_met_lets_the_case_close_and_plans_the_follow_ups(world, monkeypatch, settings):
    settings.EXIT_FOLLOW_UP_MONTHS = (3, 6)
    case = in_recovery(world.case_a)
    meet_everything(world, case, monkeypatch)
    readiness = case_readiness(case=case)
    assert readiness["all_met"] and readiness["unmet"] == []
    assert {s["role"] for s in readiness["signoffs"]} == {"leader", "lead_consultant"}
    assert _items(case)["survey"]["figure_text"] == "4.4 of 5 (31 responses); 3.1 at the baseline"

    change = _close(world, case)

    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    decision = ExitDecision.objects.get(case=case)
    assert decision.change == change and decision.all_met and decision.override is None
    assert {item["kind"] for item in decision.criteria} >= {"actions", "training", "survey"}
    follow_ups = list(FollowUpReview.objects.filter(case=case).order_by("due_on"))
    closed = case.closed_on
    assert [(f.months, f.status) for f in follow_ups] == [(3, "pending"), (6, "pending")]
    assert follow_ups[0].due_on.month == (closed.month + 2) % 12 + 1
    entry = ChronologyEntry.objects.get(case=case, title="Exit decision: every exit criterion met")
    assert entry.kind == ChronologyEntry.Kind.DECISION and "Actions verified: 100% (1 of 1)" in entry.details
    assert "Follow-up reviews:" in entry.details
    assert AuditEvent.objects.filter(case=case, verb="training.exit_decided").exists()


def test_the_gate_refuses_with_every_unmet_criterion_and_its_figure(world, monkeypatch):
    survey(monkeypatch, score=3.2)
    case = in_recovery(world.case_a)
    verified_actions(world, case, verified=1, other=1)

    with pytest.raises(ValidationError) as refused:
        _close(world, case)

    messages = refused.value.messages
    assert "Actions verified: 50% (1 of 2); at least 90% needed." in messages
    assert "Staff survey, key questions: 3.2 of 5 (31 responses); 3.1 at the baseline; at least 4.0 of 5 needed." \
        in messages
    assert any(m.startswith("Leader's sign-off: not signed") for m in messages)
    case.refresh_from_db()
    assert case.stage == Stage.RECOVERY
    assert not FollowUpReview.objects.exists() and not ExitDecision.objects.exists()


def test_a_disabled_criterion_does_not_hold_the_case(world, monkeypatch):
    case = in_recovery(world.case_a)
    meet_everything(world, case, monkeypatch)
    survey(monkeypatch, score=None)
    assert [item["kind"] for item in case_readiness(case=case)["unmet"]] == ["survey"]
    training_services.exit_criteria_update(actor=world.alice, case=case, changes={"survey": {"enabled": False}})
    assert case_readiness(case=case)["all_met"]
    _close(world, case)


def test_an_override_opens_the_gate_only_once_a_second_consultant_approves_it(world, monkeypatch):
    survey(monkeypatch, score=None)
    case = in_recovery(world.case_a)
    override = training_services.exit_override_request(actor=world.alice, case=case,
                                                       reason="The survey closes next term.")
    assert [item["kind"] for item in override.unmet][:2] == ["actions", "training"]
    assert case_readiness(case=case)["pending_override"] == override
    with pytest.raises(ValidationError):  # pending: still refused
        _close(world, case)

    with pytest.raises(ValidationError, match="You asked for this override"):
        training_services.exit_override_decide(actor=world.alice, override=override, approve=True, reason="Fine.")
    training_services.exit_override_decide(actor=world.carol, override=override, approve=False,
                                           reason="Not before the survey.")
    with pytest.raises(ValidationError):  # refused: still refused
        _close(world, case)

    second = training_services.exit_override_request(actor=world.alice, case=case, reason="The survey is late.")
    training_services.exit_override_decide(actor=world.carol, override=second, approve=True, reason="Agreed.")
    assert case_readiness(case=case)["override"] == second
    _close(world, case)

    decision = ExitDecision.objects.get(case=case)
    assert decision.override == second and not decision.all_met
    titles = set(ChronologyEntry.objects.filter(case=case).values_list("title", flat=True))
    assert {"Exit override asked for: close with criteria unmet", "Exit override refused (asked for by Alice Adams)",
            "Exit override approved (asked for by Alice Adams)",
            "Exit decision: closed on an approved override"} <= titles
    assert AuditEvent.objects.filter(case=case, verb="training.exit_override.approved").exists()


def test_an_override_needs_a_reason_and_a_consultant(world):
    case = in_recovery(world.case_a)
    with pytest.raises(ValidationError, match="Say why"):
        training_services.exit_override_request(actor=world.alice, case=case, reason="  ")
    with pytest.raises(PermissionDenied):
        training_services.exit_override_request(actor=world.leader_a, case=case, reason="Please.")
    override = training_services.exit_override_request(actor=world.alice, case=case, reason="Term ends.")
    with pytest.raises(ValidationError, match="reason for the decision"):
        training_services.exit_override_decide(actor=world.carol, override=override, approve=True, reason="")
    with pytest.raises(PermissionDenied):
        training_services.exit_override_decide(actor=world.leader_a, override=override, approve=True, reason="Yes.")
    override.refresh_from_db()
    assert override.status == ExitOverride.Status.PENDING and override.decided_by is None


def test_sign_offs_of_an_earlier_recovery_period_do_not_count_after_reopening(world, monkeypatch):
    case = in_recovery(world.case_a)
    meet_everything(world, case, monkeypatch)
    _close(world, case)
    assert FollowUpReview.objects.filter(case=case, status="pending").count() == 2

    training_services.exit_reopen(actor=world.alice, case=case, rationale="Two new concerns were raised.")

    case.refresh_from_db()
    assert case.stage == Stage.RECOVERY
    assert set(FollowUpReview.objects.filter(case=case).values_list("status", flat=True)) == {"cancelled"}
    assert ChronologyEntry.objects.filter(case=case, title="Follow-up reviews cancelled: the case re-opened").exists()
    readiness = case_readiness(case=case)
    assert readiness["signoffs"] == [] and ExitSignOff.objects.filter(case=case).count() == 2
    assert [item["kind"] for item in readiness["unmet"]] == ["leader_signoff", "lead_signoff"]
    with pytest.raises(ValidationError, match="Leader's sign-off"):
        _close(world, case)


def test_who_signs_off_as_what(world):
    case = in_recovery(world.case_a)
    with pytest.raises(PermissionDenied):
        training_services.exit_sign_off(actor=world.leader_a, case=case, role="lead_consultant")
    with pytest.raises(PermissionDenied):
        training_services.exit_sign_off(actor=world.carol, case=case, role="lead_consultant")  # not the lead
    with pytest.raises(PermissionDenied):
        training_services.exit_sign_off(actor=world.staff_a, case=case, role="leader")
    with pytest.raises(PermissionDenied):  # a leader of A not named on the restricted case
        training_services.exit_sign_off(actor=world.unnamed_leader_a, case=in_recovery(world.restricted_a),
                                        role="leader")
    training_services.exit_sign_off(actor=world.leader_a, case=case, role="leader", note="Governors agree.")
    assert ExitSignOff.objects.get().user == world.leader_a
    assert ChronologyEntry.objects.filter(case=case, title__startswith="Exit signed off by the leader").exists()


def test_thresholds_are_checked_and_a_bad_one_writes_nothing(world):
    case = in_recovery(world.case_a)
    for changes, message in (
        ({"actions": {"threshold": "120"}}, "whole percentage from 0 to 100"),
        ({"training": {"threshold": "-5"}}, "whole percentage from 0 to 100"),
        ({"survey": {"threshold": "5.5"}}, "survey score from 1.0 to 5.0"),
        ({"survey": {"threshold": "abc"}}, "is not a number"),
        ({"actions": {"threshold": ""}}, "give a threshold"),
    ):
        with pytest.raises(ValidationError, match=message):
            training_services.exit_criteria_update(actor=world.alice, case=case,
                                                   changes={"policies": {"threshold": "80"}, **changes})
    assert not ExitCriterion.objects.exists() and not AuditEvent.objects.filter(
        verb="training.exit_criteria.updated").exists()
    with pytest.raises(PermissionDenied):
        training_services.exit_criteria_update(actor=world.leader_a, case=case, changes={"actions": {"threshold": 80}})

    training_services.exit_criteria_update(actor=world.alice, case=case,
                                           changes={"actions": {"threshold": "80"}, "survey": {"threshold": "3.5"}})
    assert ExitCriterion.objects.filter(case=case).count() == 8
    assert _items(case)["actions"]["threshold_text"] == "at least 80%"
    assert _items(case)["survey"]["threshold_text"] == "at least 3.5 of 5"
    event = AuditEvent.objects.get(verb="training.exit_criteria.updated")
    assert set(event.summary["changed"]) == {"actions", "survey"}


def test_the_survey_criterion_reads_the_surveys_score(world, monkeypatch):
    case = in_recovery(world.case_a)
    survey(monkeypatch, score=4.0)
    assert _items(case)["survey"]["met"]
    survey(monkeypatch, score=3.9)
    assert not _items(case)["survey"]["met"]


def _closed_with_follow_ups(world, monkeypatch, days_ago=0):
    case = in_recovery(world.case_a)
    meet_everything(world, case, monkeypatch)
    _close(world, case)
    FollowUpReview.objects.filter(case=case, months=3).update(
        due_on=timezone.localdate() - dt.timedelta(days=days_ago))
    return case


def test_a_follow_up_reminder_goes_once_even_when_the_task_runs_twice(world, monkeypatch):
    case = _closed_with_follow_ups(world, monkeypatch, days_ago=3)
    mail.outbox.clear()

    assert tasks.send_follow_up_reminders() == 1
    assert tasks.send_follow_up_reminders() == 0

    (message,) = mail.outbox
    assert message.to == [world.alice.email]
    assert "Follow-up review overdue" in message.subject and case.reference in message.subject
    assert f"/training/cases/{case.reference}/exit/#follow-ups" in message.body
    follow_up = FollowUpReview.objects.get(case=case, months=3)
    assert follow_up.reminded_at is not None and follow_up.reminder_status == "sent"


def test_a_refused_reminder_is_sent_again_on_the_next_run(world, monkeypatch):
    case = _closed_with_follow_ups(world, monkeypatch)
    mail.outbox.clear()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
        failures = []
        assert training_services.send_follow_up_reminders(day=timezone.localdate(), failures=failures) == 0
    assert len(failures) == 1
    assert FollowUpReview.objects.get(case=case, months=3).reminder_status == "failed"
    assert training_services.send_follow_up_reminders(day=timezone.localdate()) == 1
    assert len(mail.outbox) == 1 and "due today" in mail.outbox[0].subject


def test_the_lead_records_a_follow_up_and_a_bad_one_writes_nothing(world, monkeypatch):
    case = _closed_with_follow_ups(world, monkeypatch)
    follow_up = FollowUpReview.objects.get(case=case, months=3)
    with pytest.raises(ValidationError, match="what the follow-up review found"):
        training_services.follow_up_done(actor=world.alice, follow_up=follow_up, notes=" ")
    with pytest.raises(PermissionDenied):
        training_services.follow_up_done(actor=world.carol, follow_up=follow_up, notes="Fine.")  # not the lead
    with pytest.raises(PermissionDenied):
        training_services.follow_up_done(actor=world.leader_a, follow_up=follow_up, notes="Fine.")
    follow_up.refresh_from_db()
    assert follow_up.status == "pending"

    training_services.follow_up_done(actor=world.alice, follow_up=follow_up, notes="Staff confident; logs good.")

    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.done_by, follow_up.done_on) == ("done", world.alice, timezone.localdate())
    assert ChronologyEntry.objects.get(case=case, title="3-month follow-up review done").details == \
        "Staff confident; logs good."
    assert AuditEvent.objects.filter(case=case, verb="training.follow_up.done").exists()

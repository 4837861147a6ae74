"""Policies against best practice, improvement checkpoints, the action plan PDF and daily digests."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from assessment import services as assessment_services
from assessment.models import RiskCategory
from crisis import access, services
from crisis.models import ChronologyEntry, Report
from response import selectors as response_selectors
from response import services as response_services
from response import tasks as response_tasks
from response.models import Action, ChecklistRequirement, Policy, PolicyCheck, ReminderDigest

pytestmark = pytest.mark.django_db


def _policy(world, **kwargs):
    values = {"actor": world.leader_a, "organisation": world.org_a, "policy_type": "child_protection",
              "title": "Child protection and safeguarding policy", "version": "3.1",
              "next_review_on": timezone.localdate() + dt.timedelta(days=200)}
    values.update(kwargs)
    return response_services.policy_create(**values)


def test_the_checklist_ships_as_data_for_each_policy_type():
    assert ChecklistRequirement.objects.filter(policy_type="child_protection").count() == 9
    assert ChecklistRequirement.objects.filter(policy_type="allegations", text__contains="one working day").exists()


def test_compliance_counts_met_as_one_and_partly_as_a_half(world):
    policy = _policy(world)
    requirements = list(ChecklistRequirement.objects.filter(policy_type="child_protection").order_by("order"))
    for requirement in requirements[:6]:
        response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirement, result="met")
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[6], result="partly",
                              note="Recording is explained, reporting routes are not.")
    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[7], result="not_met")
    fetched = response_selectors.get_policy_for(user=world.leader_a, organisation=world.org_a, pk=policy.pk)
    assert fetched.compliance == round(100 * 6.5 / 9)  # 72
    checklist = response_selectors.policy_checklist(policy=policy)
    assert len(checklist) == 9 and checklist[8][1] is None

    response_services.policy_check_set(actor=world.alice, policy=policy, requirement=requirements[7], result="met")
    assert PolicyCheck.objects.filter(policy=policy).count() == 8  # changed, not duplicated
    refetched = response_selectors.get_policy_for(user=world.alice, organisation=world.org_a, pk=policy.pk)
    assert refetched.compliance == 83  # 7.5 of 9


def test_a_policy_out_of_date_or_short_of_its_checklist_is_suggested_as_an_action(world):
    stale = _policy(world, policy_type="whistleblowing", title="Whistleblowing",
                    next_review_on=timezone.localdate() - dt.timedelta(days=30))
    short = _policy(world)
    requirement = ChecklistRequirement.objects.filter(policy_type="child_protection").first()
    response_services.policy_check_set(actor=world.alice, policy=short, requirement=requirement, result="not_met")
    good = _policy(world, policy_type="rse", title="RSE")
    for r in ChecklistRequirement.objects.filter(policy_type="rse"):
        response_services.policy_check_set(actor=world.alice, policy=good, requirement=r, result="met")

    suggestions = {s["policy"].pk: s["reasons"] for s in response_selectors.policy_suggestions(user=world.alice,
                                                                                       organisation=world.org_a)}
    assert set(suggestions) == {stale.pk, short.pk}
    assert "review was due on" in suggestions[stale.pk][0]
    assert "meets 0% of its best-practice checklist" in suggestions[short.pk][0]

    action = response_services.action_create_from_policy(actor=world.alice, case=world.case_a, policy=short)
    assert action.title == "Bring the child protection and safeguarding policy up to standard"
    assert requirement.text in action.description and action.priority == Action.Priority.HIGH


def test_policy_rules_and_who_keeps_the_register(world):
    with pytest.raises(PermissionDenied):
        _policy(world, actor=world.staff_a)
    with pytest.raises(PermissionDenied):
        _policy(world, actor=world.leader_b)
    with pytest.raises(ValidationError, match="approved it"):
        _policy(world, status=Policy.Status.APPROVED)
    policy = _policy(world, status=Policy.Status.APPROVED, approved_on=timezone.localdate(),
                     approved_by_body="Governing body")
    with pytest.raises(PermissionDenied, match="Consultants check"):
        response_services.policy_check_set(actor=world.leader_a, policy=policy,
                                  requirement=ChecklistRequirement.objects.filter(policy_type="child_protection")[0],
                                  result="met")
    with pytest.raises(ValidationError, match="not on this policy type's checklist"):
        response_services.policy_check_set(actor=world.alice, policy=policy,
                                  requirement=ChecklistRequirement.objects.filter(policy_type="rse")[0], result="met")
    assert [p.pk for p in response_selectors.organisation_policies(user=world.staff_a,
                                                                   organisation=world.org_a)] == [policy.pk]
    assert response_selectors.organisation_policies(user=world.leader_b, organisation=world.org_a) == []


def test_a_checkpoint_reads_its_figures_from_the_data(world):
    today = timezone.localdate()
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="SCR", category=RiskCategory.LEGAL,
                         inherent_likelihood=5, inherent_impact=5)
    done = response_services.action_create(actor=world.alice, case=world.case_a, title="Done", owner=world.alice,
                                  due_on=today)
    response_services.action_mark_done(actor=world.alice, action=done, completion_notes="Finished.")
    response_services.action_create(actor=world.alice, case=world.case_a, title="Late",
                                    due_on=today - dt.timedelta(days=1))

    checkpoint = response_services.checkpoint_record(actor=world.alice, case=world.case_a,
                                            confidence={"parents": 2, "regulators": 3},
                                            commentary="Recording has improved; parents remain sceptical.")
    assert (checkpoint.actions_total, checkpoint.actions_complete, checkpoint.actions_overdue) == (2, 1, 1)
    assert checkpoint.actions_completed_since_last == 1
    assert checkpoint.risks_by_band == {"critical": 1, "high": 0, "medium": 0, "low": 0}
    assert checkpoint.completion_percent == 50 and checkpoint.average_confidence == 2.5

    with pytest.raises(ValidationError) as exc:
        response_services.checkpoint_record(actor=world.alice, case=world.case_a, confidence={"parents": 6,
                                                                                              "aliens": 3},
                                   commentary="x")
    assert set(exc.value.message_dict) == {"parents", "aliens"}
    with pytest.raises(PermissionDenied):
        response_services.checkpoint_record(actor=world.leader_a, case=world.case_a, confidence={"parents": 3},
                                   commentary="We think it is fine.")


def test_a_checkpoint_of_an_earlier_day_enters_the_chronology_on_that_day(world):
    on = timezone.localdate() - dt.timedelta(days=3)
    case = services.case_create(actor=world.alice, organisation=world.org_a, title="Opened last week",
                                opened_on=on - dt.timedelta(days=4))
    response_services.checkpoint_record(actor=world.alice, case=case, confidence={"parents": 3},
                                        commentary="The week's figures.", recorded_on=on)
    entry = ChronologyEntry.objects.get(case=case, title="Improvement checkpoint recorded")
    assert timezone.localdate(entry.occurred_at) == on


def test_the_action_plan_pdf_is_rendered_stored_hashed_and_holds_the_actions(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    response_services.action_create(actor=world.alice, case=world.case_a, title="Re-train all staff in KCSIE part one",
                           owner=world.staff_a, due_on=today + dt.timedelta(days=5),
                           consultant_notes="SECRET consultant view")
    response_services.action_create(actor=world.alice, case=world.case_a, title="Publish the revised policy",
                           due_on=today - dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        report = response_services.report_request(actor=world.leader_a, case=world.case_a)
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.size > 1000 and len(report.sha256) == 64
    # Words as the reader reads them, whatever the table's column widths do to line breaks.
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(report.file.read())).pages).split())
    assert "Re-train all staff in KCSIE part one" in text
    assert "Publish the revised policy" in text and "Overdue" in text
    assert world.case_a.reference in text
    assert "SECRET" not in text

    again = response_services.report_render(report_id=report.pk)  # idempotent: a ready report is kept
    assert again.sha256 == report.sha256
    with pytest.raises(PermissionDenied):
        response_services.report_request(actor=world.staff_a, case=world.case_a)


def test_the_digest_text_shows_a_title_as_typed_and_the_html_escapes_it(world):
    title = 'Re-check "<Year 9>" trips & the SCR'
    response_services.action_create(actor=world.alice, case=world.case_a, title=title, owner=world.staff_a,
                                    due_on=timezone.localdate() - dt.timedelta(days=2))

    response_tasks.send_daily_digests()

    sam = next(m for m in mail.outbox if m.to == ["staff.a@example.test"])
    assert f"- {title} ({world.case_a.reference})" in sam.body and "&lt;" not in sam.body
    assert "Re-check &quot;&lt;Year 9&gt;&quot; trips &amp; the SCR" in sam.alternatives[0][0]


def test_each_digest_goes_out_once_a_day_even_if_the_task_runs_twice(world):
    today = timezone.localdate()
    response_services.action_create(actor=world.alice, case=world.case_a, title="Overdue for Sam", owner=world.staff_a,
                           due_on=today - dt.timedelta(days=2))
    response_services.action_create(actor=world.alice, case=world.case_a, title="Soon for Sam", owner=world.staff_a,
                           due_on=today + dt.timedelta(days=3))
    response_services.action_create(actor=world.alice, case=world.case_a, title="Far off", owner=world.leader_a,
                           due_on=today + dt.timedelta(days=60))

    assert response_tasks.send_daily_digests() == 2  # Sam's own digest, and Alice's as lead consultant
    assert response_tasks.send_daily_digests() == 0
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["alice@example.test", "staff.a@example.test"]
    sam = next(m for m in mail.outbox if m.to == ["staff.a@example.test"])
    assert "Overdue for Sam" in sam.body and "Soon for Sam" in sam.body and "Far off" not in sam.body
    assert sam.subject == "Safehold: 2 actions overdue or due this week"
    assert sam.alternatives and "Overdue for Sam" in sam.alternatives[0][0]
    assert ReminderDigest.objects.filter(status=ReminderDigest.Status.SENT).count() == 2

    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert response_tasks.send_daily_digests(day=tomorrow) == 2


def test_a_failed_digest_is_sent_on_the_next_run(world, monkeypatch):
    response_services.action_create(actor=world.alice, case=world.case_a, title="Overdue", owner=world.staff_a,
                           due_on=timezone.localdate() - dt.timedelta(days=1))
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages

    def broken(self, messages):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(EmailBackend, "send_messages", broken)
    assert response_tasks.send_daily_digests() == 0
    assert set(ReminderDigest.objects.values_list("status", flat=True)) == {"failed"}
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert response_tasks.send_daily_digests() == 2
    assert len(mail.outbox) == 2


def test_a_digest_never_mentions_a_case_its_reader_cannot_see(world):
    from crisis.models import Membership

    today = timezone.localdate()
    response_services.action_create(actor=world.alice, case=world.case_a, title="Visible to Sam", owner=world.staff_a,
                           due_on=today - dt.timedelta(days=1))
    # Sam's role ends after being given an action: the digest must not tell him about the case.
    membership = Membership.objects.get(user=world.staff_a, organisation=world.org_a)
    services.membership_delete(actor=world.admin, membership=membership)
    response_tasks.send_daily_digests()
    assert [m.to for m in mail.outbox] == [["alice@example.test"]]


def test_only_people_who_see_a_restricted_case_may_own_its_items(world):
    today = timezone.localdate()
    for outsider in (world.staff_a, world.carol):  # staff and an unnamed consultant cannot see it
        with pytest.raises(ValidationError, match="cannot see this restricted case"):
            response_services.action_create(actor=world.alice, case=world.restricted_a, title="x", owner=outsider,
                                   due_on=today)
    action = response_services.action_create(actor=world.alice, case=world.restricted_a, title="DSL cover",
                                    owner=world.leader_a, due_on=today)
    assert action.owner == world.leader_a
    choices = set(access.owner_choices(case=world.restricted_a))
    assert world.leader_a in choices and world.alice in choices
    assert world.staff_a not in choices and world.carol not in choices


def test_a_failed_render_is_recorded_as_failed(world, monkeypatch, django_capture_on_commit_callbacks):
    import crisis.pdf

    def broken(template, context):
        raise RuntimeError("Template error in the action plan")

    monkeypatch.setattr(crisis.pdf, "render_pdf", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        report = response_services.report_request(actor=world.leader_a, case=world.case_a)
    report = Report.objects.get()
    assert report.status == Report.Status.FAILED and "Template error in the action plan" in report.error


@pytest.mark.django_db(transaction=True)
def test_the_shipped_checklists_come_back_after_a_flush():
    """A flush (the end of every test that commits) empties the tables; the response app loads
    the checklists it ships again, so the next test finds the database as migrated."""
    from django.core.management import call_command

    from response.checklists import CHECKLISTS
    from response.models import ChecklistRequirement

    shipped = sum(len(texts) for texts in CHECKLISTS.values())
    assert ChecklistRequirement.objects.count() == shipped
    call_command("flush", interactive=False, verbosity=0)
    assert ChecklistRequirement.objects.count() == shipped


def test_a_leader_not_named_on_a_restricted_case_cannot_work_its_plan(world):
    """Called directly, the services refuse Dora (a leader of A, not named on its restricted case) the
    update of an action and the export of the plan; the named leader may do both."""
    action = response_services.action_create(actor=world.alice, case=world.restricted_a, title="DSL cover",
                                             owner=world.leader_a, due_on=timezone.localdate())
    with pytest.raises(PermissionDenied):
        response_services.action_update_progress(actor=world.unnamed_leader_a, action=action, progress=50)
    with pytest.raises(PermissionDenied):
        response_services.report_request(actor=world.unnamed_leader_a, case=world.restricted_a)
    action.refresh_from_db()
    assert action.progress == 0 and not Report.objects.filter(case=world.restricted_a).exists()
    assert response_services.can_update_action(user=world.leader_a, action=action)

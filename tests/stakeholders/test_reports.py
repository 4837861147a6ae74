"""Scheduled status reports: dispatched once, approved when asked, delivered once per recipient,
retried on SMTP failure then shown failed with a resend; the PDF's sections; the signed link."""

import datetime as dt
import io
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from crisis.models import ChronologyEntry, Organisation
from stakeholders import services, tasks
from stakeholders.models import Delivery, StatusReport, UpdateSchedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def _schedule(world, stakeholders, **kwargs):
    values = {"actor": world.alice, "case": world.case_a, "name": "Weekly regulator update",
              "stakeholders": stakeholders, "cadence": "weekly", "weekday": 0, "time_of_day": dt.time(9)}
    values.update(kwargs)
    return services.schedule_create(**values)


def _pdf_text(status_report) -> str:
    status_report.refresh_from_db()
    with status_report.report.file.open("rb") as handle:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def test_a_due_schedule_dispatches_once_and_moves_on(world, ofsted, internal, django_capture_on_commit_callbacks):
    schedule = _schedule(world, [ofsted], **internal)
    due_at = schedule.next_due_at
    assert due_at > timezone.now()
    assert services.dispatch_due_schedules(now=due_at - dt.timedelta(minutes=1)) == []

    with django_capture_on_commit_callbacks(execute=True):
        first = services.dispatch_due_schedules(now=due_at + dt.timedelta(minutes=2))
        again = services.dispatch_due_schedules(now=due_at + dt.timedelta(minutes=3))
    assert len(first) == 1 and again == []
    schedule.refresh_from_db()
    assert schedule.next_due_at == due_at + dt.timedelta(days=7) or schedule.next_due_at.weekday() == 0
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.SENT and report.schedule == schedule
    assert [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]
    message = mail.outbox[0]
    assert message.attachments[0][0].endswith(".pdf") and message.attachments[0][2] == "application/pdf"
    assert message.alternatives and "status report" in message.body
    assert ChronologyEntry.objects.filter(case=world.case_a, title="Status report sent to Ofsted").exists()


def test_the_email_text_and_subject_show_names_as_typed_and_the_html_escapes_them(
        world, ofsted, internal, django_capture_on_commit_callbacks):
    Organisation.objects.filter(pk=world.org_a.pk).update(name='St Anne\'s & "Oak <Lane>"')
    ofsted.contacts.update(name="Rachel <HMI> O'Neill")
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted], **internal)

    message = mail.outbox[0]
    assert message.subject == f'Safeguarding status report: St Anne\'s & "Oak <Lane>" ({world.case_a.reference})'
    assert "Dear Rachel <HMI> O'Neill," in message.body
    assert 'status report for St Anne\'s & "Oak <Lane>" (report 1, version 1,' in message.body
    html = message.alternatives[0][0]
    assert "Dear Rachel &lt;HMI&gt; O&#x27;Neill," in html
    assert "St Anne&#x27;s &amp; &quot;Oak &lt;Lane&gt;&quot;" in html


def test_a_duplicate_or_retried_delivery_never_emails_twice(world, ofsted, internal,
                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                                 **internal)
    delivery = Delivery.objects.get(status_report=report)
    assert delivery.status == Delivery.Status.SENT and len(mail.outbox) == 1

    assert tasks.send_delivery(delivery_id=delivery.pk) is False  # a duplicate task
    assert services.status_report_generate(status_report_id=report.pk) == []  # a re-run of generation
    assert len(mail.outbox) == 1
    assert Delivery.objects.filter(status_report=report).count() == 1


@pytest.fixture
def eager_retries():
    """Run retries in-process: Celery re-runs a retried eager task only when it does not propagate."""
    from config.celery import app

    old = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = old


def test_smtp_failures_retry_then_fail_and_resend_sends(world, ofsted, internal, monkeypatch, eager_retries,
                                                        django_capture_on_commit_callbacks):
    calls = []

    def down(self, messages):
        calls.append(1)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                                 **internal)
    delivery = Delivery.objects.get(status_report=report)
    assert len(calls) == tasks.SEND_RETRIES + 1  # the first try and every retry (run at once in-process)
    assert delivery.status == Delivery.Status.FAILED and delivery.attempts == tasks.SEND_RETRIES + 1
    assert "Connection unexpectedly closed" in delivery.last_error
    report.refresh_from_db()
    assert report.status == StatusReport.Status.FAILED

    monkeypatch.undo()
    with pytest.raises(PermissionDenied):
        services.delivery_resend(actor=world.leader_a, delivery=delivery)
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_resend(actor=world.alice, delivery=delivery)
    delivery.refresh_from_db()
    report.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and report.status == StatusReport.Status.SENT
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError, match="Only a failed delivery"):
        services.delivery_resend(actor=world.alice, delivery=delivery)


def test_the_approval_step_holds_the_email_until_a_second_consultant_approves(
        world, ofsted, django_capture_on_commit_callbacks):
    schedule = _schedule(world, [ofsted], requires_approval=False)  # a regulator: approval all the same
    assert schedule.requires_approval
    with django_capture_on_commit_callbacks(execute=True):
        services.dispatch_due_schedules(now=schedule.next_due_at)
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.report is not None
    assert not Delivery.objects.exists()
    # Alice set it up: the lead (Alice) is told, and the admin, who may approve as nobody else on the case can.
    assert [m.to for m in mail.outbox] == [[world.alice.email, world.admin.email]]
    assert "Waiting for your approval" in mail.outbox[0].subject

    with pytest.raises(PermissionDenied):
        services.status_report_approve(actor=world.leader_a, status_report=report)
    with pytest.raises(ValidationError, match="second consultant"):
        services.status_report_approve(actor=world.alice, status_report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.carol, status_report=report)
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and report.approved_by == world.carol
    assert [m.to for m in mail.outbox[1:]] == [["hmi@ofsted.example"]]


def test_the_pdf_has_every_section_and_nothing_of_another_organisation(world, ofsted, case_content,
                                                                      django_capture_on_commit_callbacks):
    from assessment import services as assessment_services
    from crisis import services as crisis_services

    assessment_services.risk_create(actor=world.bob, case=world.case_b, title="Coach messaging swimmers at night",
                                category="personnel", inherent_likelihood=5, inherent_impact=5)
    crisis_services.chronology_entry_create(actor=world.alice, case=world.case_a, title="Pupil A disclosed to DSL",
                                            details="Pupil A in Year 8 told the DSL on Monday.")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    text = _pdf_text(report)
    for section in ("Stage and headline", "What changed since the last report", "Risks", "Action plan",
                    "Engagement with stakeholders", "Improvement trend", "Next steps"):
        assert section in text, section
    assert "Single central record gaps" in text and "Complete the SCR audit" in text and "Ofsted" in text
    assert "This is the first status report sent to these stakeholders." in text
    assert "Coach messaging swimmers" not in text and world.case_b.reference not in text
    assert "Riverside" not in text
    assert "Pupil A" not in text  # chronology text never goes into an external report
    report.refresh_from_db()
    assert report.report.sha256 and report.report.size > 1000


def test_the_title_the_pdf_and_the_attachment_carry_the_reports_date(world, ofsted, internal,
                                                                      django_capture_on_commit_callbacks):
    """A report made on a day and rendered after midnight is still that day's report."""
    with django_capture_on_commit_callbacks(execute=False) as queued:
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                                 **internal)
    made = timezone.now() - dt.timedelta(days=3)
    StatusReport.objects.filter(pk=report.pk).update(created_at=made)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    day = timezone.localdate(made)
    report.refresh_from_db()
    assert report.report.title == (f"Status report 1 (Governors and trustees) — {world.case_a.reference} — "
                                   f"{day:%d %b %Y}")
    assert f"{world.case_a.reference} · {day.day} {day:%b %Y}" in _pdf_text(report)
    assert mail.outbox[0].attachments[0][0] == f"{world.case_a.reference}-status-report-1-{day:%Y-%m-%d}.pdf"


def test_the_next_report_says_what_changed_since_the_last_one(world, ofsted, case_content, internal,
                                                              django_capture_on_commit_callbacks):
    from assessment import services as assessment_services

    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted], **internal)
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Press interest",
                                category="reputational", inherent_likelihood=4, inherent_impact=4)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                                 **internal)
    text = _pdf_text(second)
    assert "Critical risks: 1 → 2 (1 more)." in text


def test_a_link_recipient_gets_a_signed_expiring_link(world, lado, internal, settings,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[lado], **internal)
    message = mail.outbox[0]
    assert message.attachments == []
    path = message.body.split(settings.SITE_URL.rstrip("/"), 1)[1].split()[0]
    response = Client().get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    assert Client().get(path[:-3] + "xyz/").status_code == 404  # tampered
    settings.REPORT_LINK_MAX_AGE_DAYS = 0
    assert Client().get(path).status_code == 404  # expired


def test_bad_input_is_refused_with_a_clear_message(world, ofsted):
    with pytest.raises(ValidationError) as exc:
        services.contact_add(actor=world.alice, stakeholder=ofsted, name="Press office", email="not-an-email")
    assert exc.value.message_dict == {"email": ["“not-an-email” is not a valid email address."]}
    with pytest.raises(ValidationError) as exc:
        _schedule(world, [ofsted], weekday=None)
    assert exc.value.message_dict == {"weekday": ["A weekly schedule needs the weekday it goes out on."]}
    with pytest.raises(ValidationError, match="day of the month"):
        _schedule(world, [ofsted], cadence="monthly", weekday=None)
    parents = services.stakeholder_create(actor=world.alice, case=world.case_a, kind="parents", name="Parents")
    with pytest.raises(ValidationError, match="Not set to receive status reports: Parents"):
        _schedule(world, [parents])
    assert not UpdateSchedule.objects.exists()
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(actor=world.leader_a, case=world.case_a, kind="police", name="Police")


def test_trust_changes_keep_their_reason_and_history(world, ofsted):
    with pytest.raises(ValidationError, match="Say why"):
        services.stakeholder_set_trust(actor=world.alice, stakeholder=ofsted, level=3, reason="")
    with pytest.raises(ValidationError, match="1 \\(broken\\) to 5"):
        services.stakeholder_set_trust(actor=world.alice, stakeholder=ofsted, level=6, reason="x")
    services.stakeholder_set_trust(actor=world.alice, stakeholder=ofsted, level=3,
                                   reason="Monitoring visit went well; inspector noted the new SCR.")
    ofsted.refresh_from_db()
    change = ofsted.trust_changes.get()
    assert (change.from_level, change.to_level, ofsted.trust_level) == (2, 3, 3)


def test_communications_enter_the_chronology_without_mediation_notes(world, ofsted):
    communication = services.communication_log(
        actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="out", channel="call",
        summary="Briefed the inspector on the LADO referral.", mediation_notes="Head and inspector barely speak.",
        follow_up_due=timezone.localdate() + dt.timedelta(days=2),
    )
    entry = ChronologyEntry.objects.get(case=world.case_a, kind="contact")
    assert entry.title == "Outgoing call: Ofsted" and not entry.shared_with_organisation
    assert "barely speak" not in entry.details
    from stakeholders.selectors import follow_ups_due

    assert list(follow_ups_due(user=world.alice)) == [communication]
    assert list(follow_ups_due(user=world.leader_b)) == []


def test_press_lines_are_versioned_and_approved_by_someone_else(world):
    version = services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                        text="The school is working closely with the local authority.")
    with pytest.raises(ValidationError, match="someone other than its writer"):
        services.press_line_approve(actor=world.alice, version=version)
    services.press_line_approve(actor=world.carol, version=version)
    second = services.press_line_write(actor=world.alice, case=world.case_a, press_line=version.press_line,
                                       text="Updated wording.")
    assert second.number == 2 and second.approved_at is None

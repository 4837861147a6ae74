"""Real components: a status report through a real SMTP server (aiosmtpd), and a scheduled report
carried from dispatch to delivery by a real Celery worker (Redis broker when configured)."""

import email
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import OperationalError

from stakeholders import services
from stakeholders.models import Delivery, StatusReport
from tests.crisis.test_worker import real_worker  # noqa: F401  (fixture)

pytestmark = pytest.mark.real_services


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


@pytest.mark.django_db
def test_a_status_report_goes_through_a_real_smtp_server_with_its_pdf(world, ofsted, smtp_server,
                                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    [notice] = smtp_server.envelopes  # the report waits: the other consultants are asked to approve it
    assert "Waiting for your approval" in email.message_from_bytes(notice.content)["Subject"]
    smtp_server.envelopes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.carol, status_report=report)
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == ["hmi@ofsted.example"]
    message = email.message_from_bytes(envelope.content)
    assert message["Subject"] == f"Safeguarding status report: Oakfield Academy ({world.case_a.reference})"
    parts = {part.get_content_type(): part for part in message.walk()}
    assert "text/plain" in parts and "text/html" in parts
    attachment = parts["application/pdf"]
    assert attachment.get_filename().startswith(world.case_a.reference)
    assert attachment.get_payload(decode=True).startswith(b"%PDF-")
    assert message["Reply-To"] == world.alice.email  # the lead consultant
    assert "OFFICIAL-SENSITIVE" in parts["text/plain"].get_payload(decode=True).decode()
    assert Delivery.objects.get(status_report=report).status == Delivery.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_dispatches_renders_and_delivers_a_scheduled_report(world, ofsted, real_worker):  # noqa: F811
    import datetime as dt

    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=2, time_of_day=dt.time(10))
    created = services.dispatch_due_schedules(now=schedule.next_due_at)  # commits; tasks go to the broker
    assert len(created) == 1

    # Wait on the outbox, not the database: on the embedded run the test database is SQLite's
    # shared in-memory one, where polling it while the worker writes can meet a table lock.
    # The worker renders the report and, as it waits for a second consultant, asks for approval.
    deadline = time.monotonic() + 60
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [[world.alice.email, world.admin.email]]
    assert "Waiting for your approval" in mail.outbox[0].subject
    services.status_report_approve(actor=world.carol, status_report=StatusReport.objects.get(pk=created[0]))
    while len(mail.outbox) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox[1:]] == [["hmi@ofsted.example"]]
    # The worker commits the delivery just after sending; give it a moment, then read once.
    status = None
    while time.monotonic() < deadline:
        try:
            status = StatusReport.objects.get(pk=created[0]).status
        except OperationalError:  # a table lock on SQLite: read again
            status = None
        if status == StatusReport.Status.SENT:
            break
        time.sleep(0.5)
    assert status == StatusReport.Status.SENT, status

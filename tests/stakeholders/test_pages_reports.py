"""The status report pages: send now, hold for approval then approve, deliveries and resend, the
audited PDF download, and the schedules (create, edit, pause, resume).

Celery runs eagerly in the tests: once the request's transaction commits, the PDF is rendered and
emailed (locmem) in-process.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent, Report
from stakeholders import services
from stakeholders.models import AudienceProfile, Delivery, StatusReport, UpdateSchedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def _url(name: str, case, **kwargs) -> str:
    return reverse(f"stakeholders:{name}", kwargs={"reference": case.reference, **kwargs})


@pytest.fixture
def media(settings) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _send(client, world, stakeholders, capture, **extra):
    with capture(execute=True):
        return client.post(_url("status_report_send_now", world.case_a),
                           {"stakeholders": [s.pk for s in stakeholders], **extra})


# Sending ---------------------------------------------------------------------------------------


def test_a_consultant_sends_a_report_now_and_it_is_listed_as_sent(world, login, ofsted, lado, case_content, media,
                                                                   django_capture_on_commit_callbacks):
    """To the organisation's own governors' version, set to need no approval, it goes out at once."""
    client = login(world.alice)
    governors = AudienceProfile.objects.get(key="governors")
    response = _send(client, world, [ofsted, lado], django_capture_on_commit_callbacks, audience=governors.pk)
    assert response.status_code == 302 and response["Location"].endswith("#reports")
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.SENT and report.requested_by == world.alice
    assert sorted(m.to[0] for m in mail.outbox) == ["hmi@ofsted.example", "lado@northshire.example"]
    attached = next(m for m in mail.outbox if m.to == ["hmi@ofsted.example"])
    assert attached.attachments[0][2] == "application/pdf"

    page = client.get(response["Location"]).content.decode()
    assert ("The governors and trustees version is being generated and will be emailed to Northshire LADO and "
            "Ofsted.") in page
    assert "2 sent" in page and "report-status--sent" in page
    assert _url("status_report_download", world.case_a, pk=report.pk) in page


def test_the_send_form_lists_only_stakeholders_receiving_reports(world, login, ofsted):
    services.stakeholder_create(actor=world.alice, case=world.case_a, kind="national_media", name="The Courier")
    body = login(world.alice).get(_url("status_report_list", world.case_a)).content.decode()
    send = body[body.index('id="send-now"'):]
    assert "Ofsted" in send[:send.index("</form>")] and "The Courier" not in send[:send.index("</form>")]


def test_sending_to_nobody_or_to_a_stakeholder_not_receiving_reports_is_refused(
        world, login, ofsted, django_capture_on_commit_callbacks):
    courier = services.stakeholder_create(actor=world.alice, case=world.case_a, kind="national_media",
                                          name="The Courier")
    client = login(world.alice)
    nobody = _send(client, world, [], django_capture_on_commit_callbacks)
    assert nobody.status_code == 400 and "Choose who receives the report." in nobody.content.decode()
    crafted = _send(client, world, [courier], django_capture_on_commit_callbacks)
    assert crafted.status_code == 400 and "not one of the available choices" in crafted.content.decode()
    assert not StatusReport.objects.exists() and mail.outbox == []


def test_leaders_and_staff_cannot_send(world, login, ofsted, django_capture_on_commit_callbacks):
    leader = login(world.leader_a)
    assert "Send now" not in leader.get(_url("status_report_list", world.case_a)).content.decode()
    assert _send(leader, world, [ofsted], django_capture_on_commit_callbacks).status_code == 403
    assert _send(login(world.staff_a), world, [ofsted], django_capture_on_commit_callbacks).status_code == 403
    assert _send(login(world.bob), world, [ofsted], django_capture_on_commit_callbacks).status_code == 404
    assert not StatusReport.objects.exists()


def test_a_report_held_for_approval_goes_out_once_a_second_consultant_approves(
        world, login, ofsted, media, django_capture_on_commit_callbacks):
    client = login(world.alice)
    response = _send(client, world, [ofsted], django_capture_on_commit_callbacks)
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.audience.key == "regulator"
    assert not Delivery.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "once a second consultant approves it, it will be emailed to Ofsted" in page
    detail_url = _url("status_report_detail", world.case_a, pk=report.pk)
    approve = _url("status_report_approve", world.case_a, pk=report.pk)
    assert detail_url + "#decision" in page  # read the PDF on the report's page, then decide
    own = client.get(detail_url).content.decode()
    assert "You asked for this report: a second consultant must approve it" in own
    assert "Approve and send" not in own
    refused = client.post(approve)
    assert refused.status_code == 400 and "second consultant" in refused.content.decode()
    leader = login(world.leader_a)
    assert approve not in leader.get(detail_url).content.decode()
    assert leader.post(approve).status_code == 403

    carol = login(world.carol)
    assert "Approve and send" in carol.get(detail_url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert carol.post(approve, {"reason": "Checked against the file."}).status_code == 302
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and report.approved_by == world.carol
    assert report.decision_reason == "Checked against the file."
    assert [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]
    detail = client.get(detail_url).content.decode()
    assert "Carol Clarke" in detail and "hmi@ofsted.example" in detail and report.report.sha256 in detail
    again = carol.post(approve)
    assert again.status_code == 400 and "Only a report waiting for approval" in again.content.decode()


@pytest.fixture
def failed(world, ofsted, media, internal, django_capture_on_commit_callbacks):
    """A sent report whose one delivery then failed for good."""
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                                 **internal)
    Delivery.objects.filter(status_report=report).update(status=Delivery.Status.FAILED, sent_at=None,
                                                         last_error="SMTPServerDisconnected: closed")
    StatusReport.objects.filter(pk=report.pk).update(status=StatusReport.Status.FAILED)
    mail.outbox.clear()
    return report


def test_a_failed_delivery_is_shown_and_resent(world, login, failed, django_capture_on_commit_callbacks):
    client = login(world.alice)
    delivery = failed.deliveries.get()
    detail = _url("status_report_detail", world.case_a, pk=failed.pk)
    body = client.get(detail).content.decode()
    resend = _url("delivery_resend", world.case_a, pk=failed.pk, delivery_pk=delivery.pk)
    assert "SMTPServerDisconnected: closed" in body and resend in body and "1 failed" in body
    leader = login(world.leader_a)
    assert resend not in leader.get(detail).content.decode()
    assert leader.post(resend).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)
    assert response.status_code == 302
    delivery.refresh_from_db()
    failed.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT and failed.status == StatusReport.Status.SENT
    assert [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]
    assert "Sending again to hmi@ofsted.example." in client.get(detail).content.decode()
    again = client.post(resend)
    assert again.status_code == 400 and "Only a failed delivery" in again.content.decode()


# Downloading -----------------------------------------------------------------------------------


def test_the_pdf_download_is_audited_with_its_hash(world, login, ofsted, media, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    report.refresh_from_db()
    url = _url("status_report_download", world.case_a, pk=report.pk)
    response = login(world.leader_a).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    day = timezone.localdate(report.report.rendered_at)
    assert response["Content-Disposition"] == (
        f'attachment; filename="{world.case_a.reference}-status-report-{day:%Y-%m-%d}.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff" and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.get(verb="status_report.downloaded")
    assert event.actor == world.leader_a and event.summary["sha256"] == report.report.sha256
    assert login(world.staff_a).get(url).status_code == 404
    assert login(world.leader_b).get(url).status_code == 404


def test_a_report_not_rendered_yet_is_a_404(world, login, ofsted):
    report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    response = login(world.alice).get(_url("status_report_download", world.case_a, pk=report.pk))
    assert response.status_code == 404 and not AuditEvent.objects.filter(verb="status_report.downloaded").exists()
    body = login(world.alice).get(_url("status_report_list", world.case_a)).content.decode()
    assert "Generating" in body and "Not ready" in body


def test_the_case_reports_list_links_a_status_report_under_its_own_name(world, login, ofsted, media,
                                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    report = Report.objects.get(kind=Report.Kind.STATUS_REPORT)
    url = reverse("response:report_download", kwargs={"reference": world.case_a.reference, "pk": report.pk})
    assert url in login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    response = login(world.leader_a).get(url)
    assert response.status_code == 200
    assert f'filename="{world.case_a.reference}-status-report-' in response["Content-Disposition"]


# Schedules -------------------------------------------------------------------------------------


def _schedule_data(stakeholders, **values) -> dict:
    data = {"name": "Weekly to the regulator", "stakeholders": [s.pk for s in stakeholders], "cadence": "weekly",
            "weekday": "4", "day_of_month": "", "time_of_day": "09:00"}
    data.update(values)
    return data


def test_a_weekly_schedule_without_a_weekday_is_refused(world, login, ofsted):
    response = login(world.alice).post(_url("schedule_create", world.case_a), _schedule_data([ofsted], weekday=""))
    assert response.status_code == 400
    assert "A weekly schedule needs the weekday it goes out on." in response.content.decode()
    assert not UpdateSchedule.objects.exists()


def test_a_schedule_is_created_edited_paused_and_resumed(world, login, ofsted, lado):
    client = login(world.alice)
    response = client.post(_url("schedule_create", world.case_a), _schedule_data([ofsted]))
    assert response.status_code == 302 and response["Location"].endswith("#schedules")
    schedule = UpdateSchedule.objects.get()
    assert schedule.weekday == 4 and schedule.time_of_day == dt.time(9) and schedule.requires_approval
    assert timezone.localtime(schedule.next_due_at).weekday() == 4
    assert timezone.localtime(schedule.next_due_at).time() == dt.time(9)
    listing = client.get(_url("status_report_list", world.case_a)).content.decode()
    assert "Weekly on Friday at 09:00 (UK time)" in listing
    assert "Regulator version; a second consultant approves each report" in listing
    assert f"{timezone.localtime(schedule.next_due_at):%a %-d %b %Y, %H:%M}" in listing

    edit = _url("schedule_edit", world.case_a, pk=schedule.pk)
    assert 'value="Weekly to the regulator"' in client.get(edit).content.decode()
    refused = client.post(edit, _schedule_data([ofsted, lado], cadence="monthly", day_of_month=""))
    assert refused.status_code == 400 and "A monthly schedule needs the day of the month" in refused.content.decode()
    governors = AudienceProfile.objects.get(key="governors")
    response = client.post(edit, _schedule_data([ofsted, lado], name="Monthly round-up", cadence="monthly",
                                                day_of_month="31", time_of_day="08:30", audience=governors.pk))
    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.cadence == "monthly" and schedule.weekday is None and schedule.day_of_month == 31
    assert set(schedule.stakeholders.all()) == {ofsted, lado} and schedule.audience == governors
    assert not schedule.requires_approval  # inside the organisation, approval may be left out
    listing = client.get(_url("status_report_list", world.case_a)).content.decode()
    assert "Monthly on day 31 (or the month&#x27;s last day) at 08:30 (UK time)" in listing

    toggle = _url("schedule_toggle", world.case_a, pk=schedule.pk)
    assert login(world.leader_a).post(toggle).status_code == 403
    assert client.post(toggle).status_code == 302
    schedule.refresh_from_db()
    assert not schedule.active
    assert "paused: no report goes out" in client.get(_url("status_report_list", world.case_a)).content.decode()
    assert client.post(toggle).status_code == 302
    schedule.refresh_from_db()
    assert schedule.active and schedule.next_due_at > timezone.now()
    verbs = list(AuditEvent.objects.filter(verb__startswith="schedule.").values_list("verb", flat=True))
    assert sorted(verbs) == ["schedule.created", "schedule.paused", "schedule.resumed", "schedule.updated"]


def test_leaders_see_schedules_but_cannot_change_them(world, login, ofsted):
    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly to Ofsted",
                                        stakeholders=[ofsted], cadence="fortnightly", weekday=0,
                                        time_of_day=dt.time(7, 45))
    leader = login(world.leader_a)
    body = leader.get(_url("status_report_list", world.case_a)).content.decode()
    assert "Fortnightly on Monday at 07:45 (UK time)" in body
    assert _url("schedule_edit", world.case_a, pk=schedule.pk) not in body and "New schedule" not in body
    assert leader.get(_url("schedule_edit", world.case_a, pk=schedule.pk)).status_code == 403
    assert login(world.staff_a).get(_url("schedule_edit", world.case_a, pk=schedule.pk)).status_code == 404


# Query counts ----------------------------------------------------------------------------------


def _reports(world, stakeholders, count: int) -> None:
    """Reports with a few deliveries each, made directly: rendering is not what is measured here."""
    contacts = [c for s in stakeholders for c in s.contacts.all()]
    for n in range(count):
        report = StatusReport.objects.create(
            audience=AudienceProfile.objects.get(key="regulator"),
            organisation=world.org_a, case=world.case_a, requested_by=world.alice,
            status=StatusReport.Status.SENT if n % 3 else StatusReport.Status.FAILED)
        report.stakeholders.set(stakeholders)
        for i, contact in enumerate(contacts):
            Delivery.objects.create(organisation=world.org_a, status_report=report, contact=contact,
                                    email=contact.email, status="sent" if (n + i) % 4 else "failed")


def test_the_report_list_runs_the_same_queries_for_2_and_20_reports(world, login, ofsted, lado):
    services.contact_add(actor=world.alice, stakeholder=ofsted, name="Deputy", email="deputy@ofsted.example")
    services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted, lado],
                             cadence="weekly", weekday=1, time_of_day=dt.time(9))
    client = login(world.alice)
    url = _url("status_report_list", world.case_a)
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries)

    _reports(world, [ofsted, lado], 2)
    two = queries()
    _reports(world, [ofsted, lado], 18)
    twenty = queries()
    assert two == twenty
    assert client.get(url).content.decode().count('class="report-row ') == 20

"""In a real browser: a consultant logs a contact with a stakeholder, then sends the regulator a status
report that a second consultant approves; it is rendered and emailed (Celery runs in-process, email is
captured)."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from stakeholders import services
from stakeholders.models import Communication, Delivery, StatusReport

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_consultant_logs_a_contact_and_sends_a_status_report(world, page, sign_in):
    ofsted = services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="regulator", name="Ofsted", trust_level=2, receives_reports=True,
        contacts=[{"name": "Senior HMI", "email": "hmi@ofsted.example"}],
    )
    services.stakeholder_create(actor=world.alice, case=world.case_a, kind="local_media", name="Northshire Echo")

    sign_in(world.alice.email, PASSWORD)
    page.goto(world.case_a.get_absolute_url())
    page.locator("#engagement").get_by_role("link", name="Communications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Communications")

    log = page.locator("#log-communication")
    if log.get_attribute("open") is None:
        log.locator("summary").click()
    log.get_by_label("Ofsted").check()
    log.get_by_label("Direction").select_option("out")
    log.get_by_label("Channel").select_option("call")
    log.get_by_label("What was said").fill("Briefed the inspector on the interim safeguarding measures.")
    log.get_by_label("Mediation notes (consultants only)").fill("Inspector wary of the head; go through the chair.")
    log.get_by_role("button", name="Log communication").click()

    expect(page.locator(".messages")).to_contain_text("Communication logged.")
    expect(page.locator("#log")).to_contain_text("Briefed the inspector on the interim safeguarding measures.")
    expect(page.locator("#log")).to_contain_text("Inspector wary of the head")
    communication = Communication.objects.get()
    assert list(communication.stakeholders.all()) == [ofsted] and communication.created_by == world.alice

    page.locator(".engagement-nav").get_by_role("link", name="Status reports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status reports")
    send = page.locator("#send-now")
    expect(send).not_to_contain_text("Northshire Echo")  # only stakeholders receiving reports
    send.get_by_label("Ofsted").check()
    send.get_by_role("button", name="Send now").click()

    expect(page.locator(".messages")).to_contain_text(
        "The regulator version is being generated; once a second consultant approves it, it will be emailed to "
        "Ofsted.")
    reports = page.locator("#reports")
    expect(reports.locator("tbody tr .report-status")).to_have_text("Awaiting approval")
    report = StatusReport.objects.get()
    assert not Delivery.objects.exists()

    # A second consultant reads the PDF's page and approves it.
    page.context.clear_cookies()
    sign_in(world.carol.email, PASSWORD)
    page.goto(f"/cases/{world.case_a.reference}/status-reports/")
    page.locator("#reports").get_by_role("link", name="Read and decide").click()
    expect(page.get_by_role("link", name="Read the PDF as it will be sent")).to_be_visible()
    page.get_by_label("Note or reason (a refusal needs one)").fill("Read against the case file.")
    page.get_by_role("button", name="Approve and send").click()
    expect(page.locator(".messages")).to_contain_text("Report approved: it is being emailed.")
    page.goto(f"/cases/{world.case_a.reference}/status-reports/")
    reports = page.locator("#reports")
    expect(reports.locator("tbody tr")).to_have_count(1)
    expect(reports.locator("tbody tr .report-status")).to_have_text("Sent")
    expect(reports).to_contain_text("1 sent")
    expect(reports.get_by_role("link", name="Download")).to_be_visible()

    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and report.requested_by == world.alice
    assert report.approved_by == world.carol
    assert Delivery.objects.filter(status_report=report, status=Delivery.Status.SENT,
                                   email="hmi@ofsted.example").exists()
    sent = [m for m in mail.outbox if m.to == ["hmi@ofsted.example"]]
    assert len(sent) == 1
    name, content, mimetype = sent[0].attachments[0]
    assert name.endswith(".pdf") and mimetype == "application/pdf" and content.startswith(b"%PDF-")


def test_report_pages_fit_a_phone_without_scrolling_sideways(world, page, sign_in):
    """At 390 px a wide table scrolls inside its own box; nothing widens the page (its hidden
    captions used to)."""
    ofsted = services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="regulator", name="Ofsted", receives_reports=True,
        contacts=[{"name": "Senior HMI", "email": "hmi@ofsted.example"}])
    report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    services.status_report_generate(status_report_id=report.pk)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(world.carol.email, PASSWORD)
    for path in (f"/cases/{world.case_a.reference}/status-reports/",
                 f"/cases/{world.case_a.reference}/status-reports/{report.pk}/", "/dashboard/"):
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path

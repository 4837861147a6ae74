"""In a real browser, at a desktop's width and a phone's: a consultant writes the closure report and
sends it for approval with the keyboard; the check's finding is shown to the second consultant, who
lets it stand with a reason and approves; nothing runs off a 390-pixel screen."""

import os

import pytest
from playwright.sync_api import expect

from crisis import services as crisis_services
from training.models import ClosureReport

from ..conftest import PASSWORD
from ..training.closure_helpers import seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to keep the screenshots and look at them


def _no_overflow(page, name: str) -> None:
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} overflows at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_write_send_and_approve_the_closure_report(world, page, sign_in):
    seed(world)
    crisis_services.protected_name_create(actor=world.alice, case=world.case_a, name="Tallulah Quince", role="child")
    reference = world.case_a.reference

    sign_in(world.alice.email, PASSWORD)
    page.goto(f"/training/cases/{reference}/closure/")
    _no_overflow(page, "closure-empty")
    page.get_by_role("button", name="Start the closure report").click()
    expect(page.locator(".messages")).to_contain_text("Closure report 1 started")
    page.get_by_role("textbox", name="Lessons learned").fill("Tallulah Quince's disclosure showed the route works.")
    handover = page.get_by_role("textbox", name="Handover: what remains and who owns it now")
    handover.fill("The DSL chairs the weekly meeting.")
    page.get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Closure report 1 saved")
    page.get_by_role("button", name="Send for approval").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("waiting for a second consultant")
    expect(page.locator("#decision")).to_contain_text("You asked for this report")
    _no_overflow(page, "closure-awaiting-requester")

    page.context.clear_cookies()
    sign_in(world.carol.email, PASSWORD)
    page.goto(f"/training/cases/{reference}/closure/")
    expect(page.locator("#check")).to_contain_text("Tallulah Quince")
    _no_overflow(page, "closure-check")
    page.locator("#check summary").first.click()
    page.get_by_label("Why this may stay in the report as it is").fill("Named with her family's written consent.")
    page.get_by_role("button", name="Override with this reason").click()
    expect(page.locator(".messages")).to_contain_text("The finding is overridden")
    page.goto(f"/training/cases/{reference}/closure/")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/closure-overridden-1280.png", full_page=True)
    page.get_by_label("Note or reason (a refusal needs one)").fill("Read against the plan.")
    # Approval renders the PDF (in-process here, no broker): allow for it.
    page.get_by_role("button", name="Approve").click(timeout=90_000)
    expect(page.locator(".messages")).to_contain_text("approved", timeout=90_000)
    assert ClosureReport.objects.get(case=world.case_a).status == "approved"
    _no_overflow(page, "closure-approved")

    page.context.clear_cookies()
    sign_in(world.leader_a.email, PASSWORD)
    page.goto(f"/training/cases/{reference}/closure/")
    expect(page.locator("#versions")).to_contain_text("Closure report 1")
    expect(page.locator("main")).not_to_contain_text("Tallulah Quince")
    _no_overflow(page, "closure-leader")

"""In a real browser: a leader marks an action done with evidence, and a consultant verifies it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from response import services as response_services
from response.models import Action, Evidence

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_marks_an_action_done_with_evidence_and_a_consultant_verifies_it(world, page, sign_in, tmp_path):
    action = response_services.action_create(
        actor=world.alice, case=world.case_a, title="Update the child protection policy", owner=world.leader_a,
        due_on=timezone.localdate() + dt.timedelta(days=5),
    )
    evidence_file = tmp_path / "policy-approved.pdf"
    evidence_file.write_bytes(b"%PDF-1.4\n%%EOF\n")

    sign_in(world.leader_a.email, PASSWORD)
    assert page.url.endswith("/actions/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Our action plan")
    page.locator("#plan").get_by_role("link", name="Update the child protection policy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Update the child protection policy")

    page.locator("#evidence summary").click()
    upload = page.locator('form[aria-label="Upload a file"]')
    upload.get_by_label("Title").fill("Governors' approval")
    upload.get_by_label("File").set_input_files(str(evidence_file))
    upload.get_by_role("button", name="Upload").click()
    expect(page.locator(".messages")).to_contain_text("Evidence added: Governors' approval")
    expect(page.locator("#evidence")).to_contain_text("policy-approved.pdf")

    done = page.locator("#mark-done")
    done.get_by_label("What was done").fill("Policy rewritten to KCSIE 2025 and approved by governors.")
    done.get_by_role("button", name="Mark done").click()
    expect(page.locator(".page-head .badges")).to_contain_text("Done")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")

    sign_in(world.alice.email, PASSWORD)
    page.goto(action.get_absolute_url())
    expect(page.locator("#evidence")).to_contain_text("Governors' approval")
    expect(page.locator("#about-heading").locator("..")).to_contain_text("approved by governors")
    page.locator("#verify").get_by_role("button", name="Verify").click()
    expect(page.locator(".page-head .badges")).to_contain_text("Verified")

    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED and action.verified_by == world.alice
    assert action.done_by == world.leader_a
    assert Evidence.objects.get(action=action).original_name == "policy-approved.pdf"

"""In a real browser: a consultant moves a case on; a leader sees only their organisation."""

import pytest
from playwright.sync_api import expect

from crisis.models import Stage, StageChange

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_consultant_opens_a_case_moves_its_stage_and_sees_the_chronology(world, assessed, page, sign_in):
    sign_in(world.alice.email, PASSWORD)
    assert page.url.endswith("/dashboard/")

    page.get_by_role("link", name=world.case_a.reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.case_a.title)
    current = page.locator('[aria-current="step"]').first
    expect(current).to_contain_text("Assessment")

    move = page.locator("#move-stage")
    move.get_by_label("Move to").select_option(Stage.ENGAGEMENT.value)
    move.get_by_label("Why").fill("Every risk assessed and signed off with the head teacher.")
    move.get_by_role("button", name="Move stage").click()

    expect(page.get_by_text("The case moved to Engagement.")).to_be_visible()
    expect(page.locator('[aria-current="step"]').first).to_contain_text("Engagement")
    chronology = page.locator("#chronology")
    expect(chronology).to_contain_text("Stage moved from Assessment to Engagement")
    expect(chronology).to_contain_text("Every risk assessed and signed off with the head teacher.")
    change = StageChange.objects.get(case=world.case_a)
    assert (change.actor, change.to_stage) == (world.alice, Stage.ENGAGEMENT)


def test_a_refused_move_shows_why_in_the_page(world, page, sign_in):
    sign_in(world.alice.email, PASSWORD)
    page.goto(world.case_a.get_absolute_url())
    move = page.locator("#move-stage")
    move.get_by_label("Move to").select_option(Stage.ENGAGEMENT.value)
    move.get_by_role("button", name="Move stage").click()  # no reason given

    # The browser's own "required" check or the server's message: either way nothing moves.
    expect(page.locator('[aria-current="step"]').first).to_contain_text("Assessment")
    assert not StageChange.objects.exists()


def test_a_leader_sees_only_their_own_organisation(world, page, sign_in):
    sign_in(world.leader_a.email, PASSWORD)
    assert page.url.endswith("/actions/")  # leaders land on "Our action plan"
    page.goto("/home/")
    body = page.locator("main")
    expect(body).to_contain_text("Oakfield Academy")
    expect(body).to_contain_text(world.case_a.reference)
    expect(body).to_contain_text(world.restricted_a.reference)
    expect(body).not_to_contain_text("Riverside Swimming Club")
    expect(body).not_to_contain_text(world.case_b.reference)

    response = page.goto(world.case_b.get_absolute_url())
    assert response.status == 404
    expect(page.locator("main")).not_to_contain_text(world.case_b.title)
    # A leader reads the case but gets no stage controls.
    page.goto(world.case_a.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(world.case_a.title)
    expect(page.locator("#move-stage")).to_have_count(0)

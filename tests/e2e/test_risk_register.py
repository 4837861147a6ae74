"""In a real browser: a consultant adds a risk through the compact form and sees the heat map change."""

import pytest
from playwright.sync_api import expect

from assessment import services as assessment_services
from assessment.models import Risk

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_adding_a_risk_moves_the_heat_map_count_up_by_one(world, page, sign_in):
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Press coverage",
                                    category="reputational",
                         inherent_likelihood=4, inherent_impact=5)
    sign_in(world.alice.email, PASSWORD)
    page.goto(world.case_a.get_absolute_url())
    page.get_by_role("link", name="Open the risk register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Risk register")

    cell = page.locator('svg.heat a[data-likelihood="4"][data-impact="5"] .heat__count')
    before = int(cell.text_content())
    assert before == 1

    form = page.locator("#add-risk")
    form.get_by_label("Title").fill("Parents plan a protest at the gates")
    form.get_by_label("Category").select_option("reputational")
    form.get_by_label("Inherent likelihood").select_option("4")
    form.get_by_label("Inherent impact").select_option("5")
    form.get_by_role("button", name="Add risk").click()

    expect(page.get_by_text("Risk added: Parents plan a protest at the gates")).to_be_visible()
    expect(cell).to_have_text(str(before + 1))
    expect(page.locator(".risk-table")).to_contain_text("Parents plan a protest at the gates")
    # Ready for the next one: open, empty and focused.
    expect(form.get_by_label("Title")).to_be_focused()
    expect(form.get_by_label("Title")).to_have_value("")
    assert Risk.objects.filter(case=world.case_a).count() == 2

    # The cell is a link that filters the register to its risks.
    page.locator('svg.heat a[data-likelihood="4"][data-impact="5"]').click()
    rows = page.locator(".risk-table tbody tr")
    expect(rows).to_have_count(2)

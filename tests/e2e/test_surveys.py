"""In a real browser, at a phone's width: someone with a survey link answers with the keyboard alone,
without an account, and the page shows nothing of the case; a second visit from the same browser is
asked not to answer twice; and a consultant's exit page lists what is unmet and refuses to close."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from crisis import services as crisis_services
from crisis.models import Stage
from training import services
from training.models import SurveyAnswer, SurveyResponse

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _open_staff_survey(world):
    today = timezone.localdate()
    survey = services.survey_create(actor=world.alice, case=world.case_a, title="Staff culture", groups=["staff"],
                                    opens_on=today, closes_on=today + dt.timedelta(days=7))
    services.survey_open(actor=world.alice, survey=survey)
    return survey, survey.links.get()


def test_a_respondent_answers_with_the_keyboard_on_a_phone_and_sees_nothing_of_the_case(world, page):
    survey, link = _open_staff_survey(world)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/training/s/{link.token}/")
    expect(page.locator("main")).to_contain_text(world.org_a.name)
    html = page.content()
    for secret in (world.case_a.reference, world.case_a.title, world.alice.full_name):
        assert secret not in html
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The keyboard alone: into the first question, arrow to "Agree" (the fourth answer), Tab to the
    # second question and choose its first answer, then to the button.
    page.locator("input[type=radio]").first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send my answers").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    response = SurveyResponse.objects.get(survey=survey)
    assert sorted(SurveyAnswer.objects.filter(response=response).values_list("value", flat=True)) == [1, 4]
    page.goto(f"/training/s/{link.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("A response has already been sent from this browser")
    page.goto("/training/s/not-a-real-token/")
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_exit_page_lists_what_is_unmet_and_closing_is_refused(world, page, sign_in):
    case = world.case_a
    for to in (Stage.ENGAGEMENT, Stage.RESPONSE, Stage.RECOVERY):
        case.refresh_from_db()
        case.stage = to  # the earlier stages' gates are their own apps' tests; here the case is in Recovery
        case.save(update_fields=["stage"])
    crisis_services.chronology_entry_create(actor=world.alice, case=case, title="Recovery plan agreed")
    sign_in(world.alice.email, PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/training/cases/{case.reference}/exit/")
    expect(page.locator("main")).to_contain_text("Not met")
    expect(page.locator("main")).to_contain_text("No staff survey with enough responses yet")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_label("Rationale").fill("The board asked to close now.")
    page.get_by_role("button", name="Close the case").click()
    expect(page.locator("main")).to_contain_text("Meet these, or ask a second consultant to approve an override")
    expect(page.locator("main")).to_contain_text("Leader's sign-off: not signed in this Recovery period")
    case.refresh_from_db()
    assert case.stage == Stage.RECOVERY

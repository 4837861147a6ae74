"""In a real browser: a member of staff takes a knowledge check with the keyboard alone and sees what
she got wrong; a consultant records a concern on a learning walk and turns it into an action. Both
at a phone's width without sideways scrolling."""

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from training import services
from training.models import CheckAttempt, Observation, Person, TrainingRecord

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTIONS = [
    {"text": "Who do you tell first about a concern?",
     "options": [{"text": "The DSL", "correct": True}, {"text": "The parents"}, {"text": "Nobody"}]},
    {"text": "Can you promise a child to keep a secret?",
     "options": [{"text": "Yes"}, {"text": "No", "correct": True}]},
]
SHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to keep a PNG of each page, at both widths


def _fits_a_phone(page, name: str):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{name} overflows at 390 px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_staff_take_a_check_with_the_keyboard_and_see_what_they_got_wrong(world, page, sign_in):
    course = services.course_create(actor=world.leader_a, organisation=world.org_a,
                                    title="Whole-staff safeguarding", kind="safeguarding")
    check = services.knowledge_check_create(actor=world.leader_a, course=course, questions=QUESTIONS)
    person = Person.objects.create(organisation=world.org_a, full_name="Sam Staff", user=world.staff_a)
    TrainingRecord.objects.create(organisation=world.org_a, person=person, course=course,
                                  completed_on=dt.date.today(), recorded_by=world.leader_a)

    sign_in(world.staff_a.email, PASSWORD)
    page.goto("/training/me/")
    _fits_a_phone(page, "my-training")
    page.get_by_role("link", name="Take the check").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(check.title)
    assert "correct" not in page.content().lower()
    _fits_a_phone(page, "take-check")
    # The keyboard alone: Tab into the first group and choose its first option (The DSL), Tab to the
    # next group and choose "Yes" (wrong), Tab to the button and press it.
    page.get_by_label("The DSL").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_have_text("50%: not passed")
    expect(page.locator("main")).to_contain_text("Can you promise a child to keep a secret?")
    expect(page.locator("main")).to_contain_text("Your answer: Yes")
    assert CheckAttempt.objects.get(person=person).score == 50
    _fits_a_phone(page, "check-result")

    page.context.clear_cookies()
    sign_in(world.leader_a.email, PASSWORD)
    page.goto(f"/training/{world.org_a.pk}/courses/{course.pk}/")
    expect(page.locator("#knowledge-check")).to_contain_text("Pass rate")
    _fits_a_phone(page, "course-detail")
    page.goto(f"/training/{world.org_a.pk}/checks/{check.pk}/")
    expect(page.locator("main")).to_contain_text("Sam Staff")
    _fits_a_phone(page, "check-detail")
    page.goto(f"/training/{world.org_a.pk}/people/{person.pk}/")
    _fits_a_phone(page, "person-detail")


def test_a_consultant_records_a_concern_and_turns_it_into_an_action(world, page, sign_in):
    sign_in(world.alice.email, PASSWORD)
    page.goto(f"/training/cases/{world.case_a.reference}/observations/new/")
    page.get_by_label("Learning walk").check()
    page.get_by_label("Date").fill(dt.date.today().isoformat())
    page.get_by_label("Area").fill("Reception and signing-in")
    page.get_by_label("What was seen").fill("Two visitors were let in without being asked for photo ID.")
    page.get_by_label("Concern").check()
    _fits_a_phone(page, "observation-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reception and signing-in")
    _fits_a_phone(page, "observation-detail")
    page.get_by_role("button", name="Turn this concern into an action").click()
    expect(page.locator("main")).to_contain_text("Address the concern seen: Reception and signing-in")
    assert Observation.objects.get().action is not None
    page.goto(f"/training/cases/{world.case_a.reference}/observations/")
    expect(page.locator("main")).to_contain_text("Concern: 1")
    _fits_a_phone(page, "observation-list")

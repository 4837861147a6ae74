"""In a real browser: a head teacher takes the register of a whole-staff safeguarding session; the
matrix then shows the staff current, and a member of staff finds it under My training."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from training import services
from training.models import TrainingRecord

from ..conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_leader_takes_the_register_and_staff_see_their_training(world, page, sign_in):
    organisation = world.org_a
    sam = services.person_create(actor=world.leader_a, organisation=organisation, full_name="Sam Staff",
                                 email=world.staff_a.email, department="Teaching")
    absent = services.person_create(actor=world.leader_a, organisation=organisation, full_name="Ravi Absent",
                                    department="Teaching")
    course = services.course_create(actor=world.leader_a, organisation=organisation,
                                    title="Whole-staff safeguarding", kind="safeguarding")
    session = services.session_create(actor=world.leader_a, course=course,
                                      date=dt.date.today() - dt.timedelta(days=2), trainer="DSL", venue="Hall")
    assert sam.user == world.staff_a  # linked by email to her account

    sign_in(world.leader_a.email, PASSWORD)
    page.goto(f"/training/{organisation.pk}/sessions/{session.pk}/")
    page.get_by_label("Sam Staff").select_option("attended")
    page.get_by_label("Ravi Absent").select_option("absent")
    page.get_by_role("button", name="Save register").click()
    expect(page.locator(".messages")).to_contain_text("Register saved: 1 attended, 0 in part, 1 absent.")
    assert TrainingRecord.objects.get(person=sam).counts and not TrainingRecord.objects.get(person=absent).counts

    page.get_by_role("link", name="Matrix").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Training matrix")
    row = page.locator("tr", has_text="Sam Staff")
    expect(row).to_contain_text("Current")
    expect(page.locator("tr", has_text="Ravi Absent")).to_contain_text("Missing")

    page.context.clear_cookies()
    sign_in(world.staff_a.email, PASSWORD)
    page.goto("/training/me/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My training")
    expect(page.locator("main")).to_contain_text("Current")
    assert page.goto(f"/training/{organisation.pk}/matrix/").status == 403

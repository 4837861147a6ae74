"""The action plan PDF as the governors see it: its pages rasterised, nothing past the margin."""

import datetime as dt

import pytest
from django.utils import timezone

from crisis.models import Report
from response import services as response_services

from ..pdf_pages import MM, inside, pages, right_margin_blank

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def test_the_figures_and_tables_stay_inside_the_margins(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    for n in range(12):
        response_services.action_create(
            actor=world.alice, case=world.case_a, owner=world.staff_a if n % 2 else world.leader_a,
            title=f"Check the single central record against every staff file, part {n}",
            due_on=today + dt.timedelta(days=n * 3 - 6),
        )
    with django_capture_on_commit_callbacks(execute=True):
        report = response_services.report_request(actor=world.alice, case=world.case_a)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    with report.file.open("rb") as handle:
        rendered = pages(handle.read())

    for number, page in enumerate(rendered, start=1):
        assert right_margin_blank(page), f"page {number}"
        text_width = (16 * MM, 0, page.image.width - 16 * MM, page.image.height)
        outside = [char for char, box in page.glyphs((0, 0, page.image.width, page.image.height))
                   if not inside(box, text_width)]
        assert outside == [], f"page {number}"
    assert "due this week" in rendered[0].text  # the last of the figure cards

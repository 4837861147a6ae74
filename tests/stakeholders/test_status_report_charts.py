"""The status report's charts as the regulator sees them: the PDF rendered, its pages rasterised,
and the heat map and the improvement trend checked pixel by pixel."""

import datetime as dt

import pytest
from django.utils import timezone

from assessment import services as assessment_services
from assessment.risk_matrix import BAND_COLOURS, band_for
from crisis import charts
from crisis.models import Case
from response import services as response_services
from stakeholders import services

from ..pdf_pages import (
    MM,
    Page,
    close,
    grid_of,
    near_black,
    overlapping_glyphs,
    pages,
    pixels,
    rgb,
    right_margin_blank,
    share,
    typical_colour,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# (likelihood, impact): how many open risks stand in that cell of the heat map.
RISKS = {(5, 5): 1, (4, 3): 1, (3, 3): 2, (1, 1): 1}


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


@pytest.fixture
def report(world, ofsted, django_capture_on_commit_callbacks) -> list[Page]:
    """Organisation A's status report, with risks in four bands and three improvement checkpoints."""
    case = world.case_a
    Case.objects.filter(pk=case.pk).update(opened_on=TODAY - dt.timedelta(days=60))
    case.refresh_from_db()
    for (likelihood, impact), count in RISKS.items():
        for n in range(count):
            assessment_services.risk_create(actor=world.alice, case=case, title=f"Risk {likelihood}×{impact} #{n}",
                                            category="operational", inherent_likelihood=likelihood,
                                            inherent_impact=impact)
    actions = [
        response_services.action_create(actor=world.alice, case=case, title=f"Action {n}", owner=world.alice,
                                        due_on=TODAY + dt.timedelta(days=-3 if n < 2 else 10))
        for n in range(5)
    ]
    for days_ago, done in ((42, 0), (21, 1), (1, 3)):
        for action in actions[2:2 + done]:
            if action.status != "done":
                response_services.action_mark_done(actor=world.alice, action=action, completion_notes="Done.")
                action.refresh_from_db()
        response_services.checkpoint_record(actor=world.alice, case=case, commentary="Steady progress.",
                                            confidence={"parents": 2 + done // 2, "regulators": 1 + done},
                                            recorded_on=TODAY - dt.timedelta(days=days_ago))
    with django_capture_on_commit_callbacks(execute=True):
        status_report = services.status_report_send_now(actor=world.alice, case=case, stakeholders=[ofsted])
    status_report.refresh_from_db()
    with status_report.report.file.open("rb") as handle:
        return pages(handle.read())


def _heat_map(report: list[Page]) -> tuple[Page, list[list[tuple]]]:
    """The page with the heat map, and its cells as rows (almost certain at the top)."""
    page = next(p for p in report if len(p.squares) == 25)
    return page, grid_of(page.squares)


def _trend_region(report: list[Page]) -> tuple[Page, tuple]:
    """The page with the improvement trend, and the chart's area on it (legend to axis title)."""
    page = next(p for p in report if "Date of checkpoint" in p.text)
    legend, title = page.text_box("% of actions done"), page.text_box("Date of checkpoint")
    return page, (16 * MM, legend[1] - 10, page.image.width - 16 * MM, title[3] + 10)


def test_each_heat_map_cell_shows_its_band_colour(report):
    page, rows = _heat_map(report)
    for row, likelihood in zip(rows, range(5, 0, -1), strict=True):
        for cell, impact in zip(row, range(1, 6), strict=True):
            left, top, right, bottom = cell
            size = right - left
            # The lower left corner of the cell: clear of the count (centre) and the band's initial (top right).
            corner = (left + 0.1 * size, top + 0.75 * size, left + 0.3 * size, top + 0.9 * size)
            expected = rgb(BAND_COLOURS[band_for(likelihood, impact)].fill)
            assert close(typical_colour(page.image, corner), expected), (likelihood, impact)


def test_counts_are_white_on_the_dark_band_and_dark_on_the_light_ones(report):
    page, rows = _heat_map(report)
    for (likelihood, impact) in RISKS:
        left, top, right, bottom = rows[5 - likelihood][impact - 1]
        size = right - left
        middle = (left + 0.3 * size, top + 0.3 * size, right - 0.3 * size, bottom - 0.2 * size)
        ink = rgb(BAND_COLOURS[band_for(likelihood, impact)].text)
        assert share(page.image, middle, lambda p, ink=ink: close(p, ink, 40)) > 0.05, (likelihood, impact)


def test_a_zero_count_is_printed_whole_and_faded(report):
    page, rows = _heat_map(report)
    left, top, right, bottom = rows[0][0]  # almost certain × negligible: no risk there
    size, middle = right - left, (left + right) / 2
    colours = BAND_COLOURS[band_for(5, 1)]
    faded = rgb(charts.blend(colours.text, colours.fill, 0.55))
    for half in ((left + 0.25 * size, top + 0.3 * size, middle, bottom - 0.2 * size),
                 (middle, top + 0.3 * size, right - 0.25 * size, bottom - 0.2 * size)):
        assert share(page.image, half, lambda p: close(p, faded, 30)) > 0.02, half


def test_the_charts_have_no_black_areas_and_no_labels_over_each_other(report):
    page, rows = _heat_map(report)
    unit = (rows[0][1][0] - rows[0][0][0]) / 59  # a cell and a gap are 59 of the chart's units
    heat_map = (rows[0][0][0] - 104 * unit, rows[0][0][1] - 8 * unit, rows[0][4][2] + 8 * unit,
                rows[4][0][3] + 58 * unit)
    assert share(page.image, heat_map, near_black) < 0.05
    assert overlapping_glyphs(page.glyphs(heat_map)) == []

    page, trend = _trend_region(report)
    assert share(page.image, trend, near_black) < 0.05
    assert overlapping_glyphs(page.glyphs(trend)) == []


def test_the_trend_draws_each_series_in_its_colour(report):
    page, trend = _trend_region(report)
    found = pixels(page.image, trend)
    for colour in (rgb(charts.BRAND), rgb(charts.PURPLE), rgb(charts.RED, 0.55)):
        assert sum(1 for p in found if close(p, colour, 16)) > 50, colour


def test_nothing_runs_past_the_right_margin(report):
    assert len(report) >= 2
    for number, page in enumerate(report, start=1):
        assert right_margin_blank(page), f"page {number}"

"""The closure report PDF as the board and the regulators read it: rendered by the worker once
approved, stored with its hash; its text (headings, figures, marking, the exit criteria and their
override), the two heat maps coloured pixel by pixel; and a failed render recorded, then retried."""

import hashlib
import io

import pytest
from django.conf import settings
from pypdf import PdfReader

from assessment.risk_matrix import BAND_COLOURS, band_for
from crisis.models import AuditEvent, Report
from training import services
from training.selectors import exit as exit_selectors

from ..pdf_pages import close, grid_of, near_black, pages, rgb, share, typical_colour
from .closure_helpers import HANDOVER, LESSONS, readiness, requested, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def approved(world, monkeypatch, django_capture_on_commit_callbacks):
    """Organisation A's case with risks, actions and policies; its closure report approved and rendered."""
    seed(world)
    monkeypatch.setattr(exit_selectors, "case_readiness", lambda *, case: readiness(world))
    closure = requested(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.closure_approve(actor=world.carol, closure=closure, reason="Checked against the plan.")
    closure.refresh_from_db()
    return closure


def _pdf(closure) -> bytes:
    with closure.report.file.open("rb") as handle:
        return handle.read()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_worker_renders_and_stores_the_approved_version(world, approved):
    report = approved.report
    pdf = _pdf(approved)
    assert report.status == Report.Status.READY and report.kind == Report.Kind.CLOSURE_REPORT
    assert report.case == world.case_a and report.sha256 == hashlib.sha256(pdf).hexdigest()
    assert pdf.startswith(b"%PDF")


def test_the_text_carries_the_sections_figures_and_furniture(world, approved):
    text = _text(_pdf(approved))
    for heading in ("Closure report", "Why the case was opened", "What was found", "What was done",
                    "What remains and who owns it now", "Lessons learned", "Exit criteria", "Sign-offs"):
        assert heading in text, heading
    assert settings.REPORT_PROTECTIVE_MARKING.upper() in text.upper()
    assert "Closure report 1" in text and "Page 1 of" in text and world.case_a.reference in text
    assert "Allegation against a teacher" in text and "A parent reported concerns" in text
    assert "Concern reported by a parent 0" in text
    assert LESSONS in text and HANDOVER in text
    # Open actions with their owners and roles; the done one is not listed as remaining.
    assert "Embed the weekly safeguarding meeting 0 Lena Leader Head teacher" in text
    assert "Audit the single central record 0 Carol Clarke Consultant" in text
    remaining = text.split("What remains and who owns it now")[1].split("Lessons learned")[0]
    assert "Brief all staff" not in remaining
    assert "Child protection policy 0" in text
    # The register: three risks at the start, two still open now.
    assert "3 risks" in text and "2 risks still open" in text
    assert "Staff trained in safeguarding at least 95% 88% (44 of 50) Not met" in text
    assert "Actions of the plan complete at least 90% 94% (47 of 50) Met" in text
    assert "The remaining six staff are booked on the 12 January session" in text
    assert "Requested by Alice Adams; approved by Carol Clarke" in text
    assert "Chair of governors Grace Governor" in text
    assert "No survey results" in text


def test_the_heat_maps_are_coloured_by_band_not_black(approved):
    page = next(p for p in pages(_pdf(approved)) if len(p.squares) >= 50)
    middle = page.image.width / 2
    start = grid_of([s for s in page.squares if s[2] < middle])
    now = grid_of([s for s in page.squares if s[0] > middle])
    assert start[0][0][0] < now[0][0][0]  # side by side: the start on the left
    for grid in (start, now):
        for row, likelihood in zip(grid, range(5, 0, -1), strict=True):
            for cell, impact in zip(row, range(1, 6), strict=True):
                left, top, right, bottom = cell
                size = right - left
                corner = (left + 0.1 * size, top + 0.75 * size, left + 0.3 * size, top + 0.9 * size)
                expected = rgb(BAND_COLOURS[band_for(likelihood, impact)].fill)
                assert close(typical_colour(page.image, corner), expected), (likelihood, impact)
        area = (grid[0][0][0], grid[0][0][1], grid[4][4][2], grid[4][4][3])
        assert share(page.image, area, near_black) < 0.05


def test_a_failed_render_is_recorded_and_can_be_tried_again(world, monkeypatch, django_capture_on_commit_callbacks):
    closure = requested(world)

    def broken(*args, **kwargs):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr("crisis.services.reports.pdf_service.render_pdf", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        services.closure_approve(actor=world.carol, closure=closure)
    closure.refresh_from_db()
    assert closure.status == "approved"
    assert closure.report.status == Report.Status.FAILED and "Pango is missing" in closure.report.error

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.closure_retry_render(actor=world.alice, closure=closure)
    closure.report.refresh_from_db()
    assert closure.report.status == Report.Status.READY and closure.report.sha256
    assert AuditEvent.objects.filter(verb="report.requested", object_id=str(closure.report.pk)).exists()


def test_a_ready_report_is_not_rendered_again(world, approved):
    sha = approved.report.sha256
    services.closure_render(closure_report_id=approved.pk)
    approved.report.refresh_from_db()
    assert approved.report.sha256 == sha


def _staff_survey(world, *, responses: int, comments: dict[int, tuple[str, bool]]):
    """A staff survey of case A with `responses` answers of 4 to every question; comments by respondent
    number, each (text, marked shareable)."""
    import datetime as dt

    from django.utils import timezone

    today = timezone.localdate()
    survey = services.survey_create(actor=world.alice, case=world.case_a, title="Staff culture", groups=["staff"],
                                    opens_on=today, closes_on=today + dt.timedelta(days=7), min_responses=3)
    services.survey_open(actor=world.alice, survey=survey)
    link = survey.links.get()
    items = list(survey.items.all())
    for n in range(responses):
        text, shareable = comments.get(n, ("", False))
        response = services.survey_submit_response(link=link, answers={item.pk: 4 for item in items}, comment=text)
        if shareable:
            services.survey_comment_mark_shareable(actor=world.alice, comment=response.comment)
    return survey


def _approve(world, monkeypatch, capture):
    seed(world)
    monkeypatch.setattr(exit_selectors, "case_readiness", lambda *, case: readiness(world))
    closure = requested(world)
    with capture(execute=True):
        services.closure_approve(actor=world.carol, closure=closure, reason="Checked against the plan.")
    closure.refresh_from_db()
    return _text(_pdf(closure))


def test_survey_results_and_only_shareable_quotes_are_printed(world, monkeypatch, django_capture_on_commit_callbacks):
    _staff_survey(world, responses=3, comments={0: ("Training made the reporting route clear.", True),
                                                1: ("My line manager ignores concerns.", False)})
    text = _approve(world, monkeypatch, django_capture_on_commit_callbacks)
    surveys = text.split("Surveys")[1]
    assert "Staff: baseline" in surveys and "4.0 of 5 on the key questions" in surveys
    assert "Training made the reporting route clear." in text
    assert "My line manager ignores concerns." not in text
    assert "No survey results" not in text


def test_a_group_below_the_threshold_prints_no_result_and_no_quote(world, monkeypatch,
                                                                   django_capture_on_commit_callbacks):
    _staff_survey(world, responses=2, comments={0: ("Training made the reporting route clear.", True)})
    text = _approve(world, monkeypatch, django_capture_on_commit_callbacks)
    assert "No survey results" in text
    assert "Staff: baseline" not in text and "Training made the reporting route clear." not in text

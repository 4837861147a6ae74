"""The training record PDF as an inspector reads it: requested, rendered by the worker, stored with
its hash, downloaded through a checked and audited view; its text, and the coverage chart's colours
pixel by pixel."""

import datetime as dt
import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from crisis import charts
from crisis.models import AuditEvent, Report
from training import services
from training.charts import AMBER, GREY

from ..pdf_pages import Page, close, pages, rgb, share
from .matrix_helpers import course_for, person, record, requirement, session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ANNUAL = "safeguarding_update"


@pytest.fixture
def world(shared_world):
    return shared_world


@pytest.fixture
def rendered(world, django_capture_on_commit_callbacks) -> tuple[Report, bytes]:
    annual = requirement(world.org_a, ANNUAL)
    course = course_for(world.org_a, annual, title="Annual safeguarding update 2026")
    delivered = session(course, TODAY - dt.timedelta(days=20), by=world.alice)
    for name, days_ago in (("Cora Current", 30), ("Cyril Current", 40), ("Cath Current", 50),
                           ("Evan Expiring", 340), ("Ed Expired", 400)):
        who = person(world.org_a, name)
        record(who, course, TODAY - dt.timedelta(days=days_ago), by=world.alice,
               session=delivered if days_ago == 30 else None)
    person(world.org_a, "Milly Missing")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.record_request(actor=world.leader_a, organisation=world.org_a)
    report.refresh_from_db()
    with report.file.open("rb") as handle:
        return report, handle.read()


def test_the_worker_renders_and_stores_the_record_on_the_organisations_case(world, rendered):
    report, pdf = rendered
    assert report.status == Report.Status.READY and report.kind == Report.Kind.TRAINING_RECORD
    assert report.case == world.case_a  # the open, unrestricted case
    assert report.sha256 == hashlib.sha256(pdf).hexdigest()
    assert AuditEvent.objects.filter(verb="report.requested", object_id=str(report.pk)).exists()


def test_the_text_gives_coverage_who_is_out_of_date_and_the_sessions(world, rendered):
    _, pdf = rendered
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Training record: Oakfield Academy" in text
    assert "Coverage per requirement" in text and "Safeguarding update (at least annually)" in text
    text = " ".join(text.split())  # table cells wrap
    assert "66% (4 of 6)" in text  # three current and one expiring of six people
    assert "Out of date" in text and "Ed Expired" in text and "Milly Missing" in text
    out_of_date = text.split("Out of date")[1].split("Sessions delivered,")[0]
    assert "Ed Expired Safeguarding update (at least annually) Expired" in out_of_date
    assert "Cora Current Safeguarding update" not in out_of_date  # in date: she is listed for the others
    assert "Annual safeguarding update 2026" in text and "Jo Trainer" in text
    assert "Training record version 1" in text


def _chart_row(page: Page) -> tuple:
    """The band of the chart right of the annual requirement's label. The title is also in the
    table, flush left in its first column; the chart's label is set right, against its bars."""
    title = "Safeguarding update (at least annually)"
    starts, at = [], page.text.find(title)
    while at >= 0:
        starts.append(at)
        at = page.text.find(title, at + 1)
    boxes = [[b for b in page.boxes[start:start + len(title)] if b] for start in starts]
    label = max(boxes, key=lambda chars: chars[0][0])
    top, bottom, right = min(b[1] for b in label), max(b[3] for b in label), max(b[2] for b in label)
    return right + 10, top - 2, page.image.width * 0.85, bottom + 2


def test_the_chart_shows_each_status_in_its_colour(rendered):
    _, pdf = rendered
    page = next(p for p in pages(pdf) if "Coverage per requirement" in p.text)
    band = _chart_row(page)
    shares = {name: share(page.image, band, lambda p, c=colour: close(p, rgb(c), 20))
              for name, colour in (("current", charts.GREEN), ("expiring", AMBER), ("expired", charts.RED),
                                   ("missing", GREY))}
    # 3, 1, 1 and 1 of 6 people: the current segment is about three times each of the others.
    assert all(value > 0.02 for value in shares.values()), shares
    assert shares["current"] > 2 * shares["expiring"], shares


def test_the_download_is_checked_and_audited_with_the_hash(world, rendered, login):
    report, pdf = rendered
    url = reverse("training:record_pdf_download", args=[world.org_a.pk, report.pk])
    response = login(world.alice).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    event = AuditEvent.objects.filter(verb="report.downloaded", object_id=str(report.pk)).latest("id")
    assert event.summary["sha256"] == report.sha256
    assert login(world.staff_a).get(url).status_code == 403
    assert login(world.bob).get(url).status_code == 404
    api = reverse("api-training-record-pdf-download", args=[world.org_a.pk, report.pk])
    assert login(world.leader_a).get(api).status_code == 200


def test_the_page_and_the_api_ask_for_the_record(world, login, django_capture_on_commit_callbacks):
    client = login(world.leader_a)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("training:record_pdf_request", args=[world.org_a.pk]),
                               {"period_from": "2026-01-01", "period_to": "2026-06-30"})
        assert response.status_code == 302
        api = client.post(reverse("api-training-record-pdf", args=[world.org_a.pk]),
                          {"period_from": "2026-07-01", "period_to": "2026-03-01"}, content_type="application/json")
        assert api.status_code == 400
        api = client.post(reverse("api-training-record-pdf", args=[world.org_a.pk]), {},
                          content_type="application/json")
        assert api.status_code == 202 and api.json()["status"] == "queued"
    assert Report.objects.filter(kind=Report.Kind.TRAINING_RECORD, organisation=world.org_a).count() == 2
    refused = login(world.staff_a).post(reverse("training:record_pdf_request", args=[world.org_a.pk]))
    assert refused.status_code == 403

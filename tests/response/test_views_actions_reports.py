"""The action plan PDF (export and download) and the Response section of the case page."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from assessment import services as assessment_services
from crisis.models import AuditEvent, Report, Stage
from response import services as response_services
from response.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings) -> Path:
    """This test's own private folder (tests/conftest.py)."""
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _action(world, **kwargs) -> Action:
    values = {"actor": world.alice, "case": world.case_a, "title": "Complete the single central record",
              "due_on": timezone.localdate() + dt.timedelta(days=14), "owner": world.staff_a}
    values.update(kwargs)
    return response_services.action_create(**values)


def _report_url(report: Report) -> str:
    return reverse("response:report_download", kwargs={"reference": report.case.reference, "pk": report.pk})


def test_a_leader_exports_the_action_plan_and_downloads_the_pdf(world, login, media,
                                                                 django_capture_on_commit_callbacks):
    _action(world, title="Complete the single central record")
    _action(world, title="Retrain all staff on the LADO route", owner=world.leader_a,
            consultant_notes="Secret consultant view")
    client = login(world.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("response:report_create", args=[world.case_a.reference]))
    assert response.status_code == 302 and response["Location"] == world.case_a.get_absolute_url() + "#reports"
    report = Report.objects.get()
    assert report.status == Report.Status.READY and report.requested_by == world.leader_a

    page = client.get(response["Location"]).content.decode()
    assert "The action plan PDF is being prepared" in page and _report_url(report) in page

    download = client.get(_report_url(report))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    day = timezone.localdate(report.rendered_at)
    assert download["Content-Disposition"] == (
        f'attachment; filename="{world.case_a.reference}-action-plan-{day:%Y-%m-%d}.pdf"')
    assert download["X-Content-Type-Options"] == "nosniff"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages)
    text = " ".join(text.split())
    assert "Complete the single central record" in text and "Retrain all staff on the LADO route" in text
    assert "Secret consultant view" not in text
    assert AuditEvent.objects.filter(verb="report.downloaded", actor=world.leader_a).count() == 1


def _pdf_text(client, report: Report) -> str:
    download = client.get(_report_url(report))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(download.streaming_content))).pages)
    return " ".join(text.split())


def test_the_pdf_lists_an_action_with_progress_as_in_progress(world, login, media,
                                                                django_capture_on_commit_callbacks):
    action = _action(world, title="Complete the single central record")
    _action(world, title="Retrain all staff on the LADO route")
    staff = login(world.staff_a)
    staff.post(reverse("response:action_progress", args=[world.case_a.reference, action.pk]),
               {"progress": 40, "status": "not_started"})
    leader = login(world.leader_a)
    with django_capture_on_commit_callbacks(execute=True):
        leader.post(reverse("response:report_create", args=[world.case_a.reference]))

    text = _pdf_text(leader, Report.objects.get())

    not_started, in_progress = text.index("Not started (1)"), text.index("In progress (1)")
    assert "Retrain all staff on the LADO route" in text[not_started:in_progress]
    assert "Complete the single central record" in text[in_progress:]


def test_the_export_button_is_on_the_plan_for_consultants_and_leaders_only(world, login):
    url = reverse("response:action_list", args=[world.case_a.reference])
    for user in (world.alice, world.leader_a):
        assert "Export action plan (PDF)" in login(user).get(url).content.decode()
    assert "Export action plan (PDF)" not in login(world.staff_a).get(url).content.decode()


def test_staff_neither_export_nor_download_reports(world, login, media, django_capture_on_commit_callbacks):
    client = login(world.staff_a)
    assert client.post(reverse("response:report_create", args=[world.case_a.reference])).status_code == 403
    assert not Report.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = response_services.report_request(actor=world.alice, case=world.case_a)
    assert client.get(_report_url(report)).status_code == 404
    assert login(world.leader_b).get(_report_url(report)).status_code == 404
    body = client.get(world.case_a.get_absolute_url()).content.decode()
    assert 'id="reports"' not in body and _report_url(report) not in body


def test_a_report_not_yet_rendered_answers_404_with_a_message(world, login, media):
    report = response_services.report_request(actor=world.alice, case=world.case_a)  # never committed: stays queued
    response = login(world.alice).get(_report_url(report))
    assert response.status_code == 404 and "still being prepared" in response.content.decode()


def test_the_case_page_shows_the_plan_and_for_consultants_the_gate(world, login):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Unsafe recruitment",
                                           category="legal",
                                inherent_likelihood=5, inherent_impact=5)
    action = _action(world, title="Carry out the SCR audit")
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
    body = login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    assert 'data-stat="overdue">1<' in body and "1 action on the plan" in body
    assert reverse("response:action_list", args=[world.case_a.reference]) in body
    assert "What is missing before the case can move to Recovery" in body
    assert "Unsafe recruitment" in body and "0 of 1 actions are done or verified" in body
    assert "Export action plan (PDF)" in body

    leader = login(world.leader_a).get(world.case_a.get_absolute_url()).content.decode()
    assert 'data-stat="overdue">1<' in leader and "Export action plan (PDF)" in leader
    assert "move to Recovery" not in leader

    response_services.action_update(actor=world.alice, action=action, risks=[risk])
    response_services.action_update(actor=world.alice, action=action, owner=world.alice)
    response_services.action_mark_done(actor=world.alice, action=action, completion_notes="Audit done.")
    world.case_a.stage = Stage.RESPONSE
    world.case_a.save(update_fields=["stage"])
    body = login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    assert "The response plan meets the gate" in body


def test_the_case_pages_export_button_posts_with_a_csrf_token(world):
    """The action plan panel is a template tag of its own: its form must still carry the page's CSRF
    token, or the export button would be refused in a browser."""
    import re

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.alice, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(reverse("crisis:case_detail", args=[world.case_a.reference])).content.decode()
    export = reverse("response:report_create", args=[world.case_a.reference])
    form = body.split(f'action="{export}"', 1)[1].split("</form>", 1)[0]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token, "the export form has no CSRF token"
    assert client.post(export, {"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    assert Report.objects.filter(case=world.case_a, kind=Report.Kind.ACTION_PLAN).count() == 1

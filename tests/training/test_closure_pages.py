"""The closure report pages: who sees which version, writing, sending for approval, the four-eyes
decision, the check's findings and overrides, downloading and retrying; the case page's panel; and
the page's queries do not grow with the number of versions or the size of the case."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crisis.models import AuditEvent, Case, Report
from training.models import ClosureGuardOverride, ClosureReport

from .closure_helpers import HANDOVER, LESSONS, PROTECTED, approved, draft, protect, requested, seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    return shared_world


def _page(case):
    return reverse("training:closure", kwargs={"reference": case.reference})


def _url(name, closure):
    return reverse(f"training:{name}", kwargs={"reference": closure.case.reference, "pk": closure.pk})


def test_a_consultant_starts_writes_and_sends_a_version(world, login):
    client = login(world.alice)
    response = client.post(reverse("training:closure_create", kwargs={"reference": world.case_a.reference}))
    closure = ClosureReport.objects.get(case=world.case_a)
    assert response.status_code == 302 and closure.number == 1
    body = client.get(_page(world.case_a)).content.decode()
    assert "In hand: closure report 1" in body and 'name="lessons_learned"' in body
    response = client.post(_url("closure_detail", closure), {"lessons_learned": LESSONS, "handover": HANDOVER})
    assert response.status_code == 302
    client.post(_url("closure_request", closure))
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and closure.lessons_learned == LESSONS
    body = client.get(_page(world.case_a)).content.decode()
    assert "You asked for this report&#x27;s approval" in body or "You asked for this report's approval" in body
    assert ">Approve</button>" not in body and ">Refuse</button>" in body


def test_the_requester_approving_gets_a_clear_error_and_the_second_consultant_approves(world, login):
    closure = requested(world)
    response = login(world.alice).post(_url("closure_approve", closure), follow=True)
    assert "a second consultant of the case" in response.content.decode()
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval"
    body = login(world.carol).get(_page(world.case_a)).content.decode()
    assert ">Approve</button>" in body
    login(world.carol).post(_url("closure_approve", closure), {"reason": "Agreed."})
    closure.refresh_from_db()
    assert closure.status == "approved" and closure.decision_reason == "Agreed."


def test_a_refusal_without_a_reason_is_refused_and_nothing_written(world, login):
    closure = requested(world)
    audit = AuditEvent.objects.count()
    response = login(world.carol).post(_url("closure_refuse", closure), {"reason": " "}, follow=True)
    assert "Say why the report is refused" in response.content.decode()
    closure.refresh_from_db()
    assert closure.status == "awaiting_approval" and AuditEvent.objects.count() == audit
    login(world.carol).post(_url("closure_refuse", closure), {"reason": "Say who chairs the meeting."})
    body = login(world.alice).get(_url("closure_detail", closure)).content.decode()
    assert "Refused: correct it and send it again" in body and "Say who chairs the meeting." in body
    assert 'name="handover"' in body  # it can be corrected


def test_editing_an_approved_report_is_refused_with_a_clear_error(world, login):
    closure = approved(world)
    response = login(world.alice).post(_url("closure_detail", closure), {"lessons_learned": "Changed.",
                                                                          "handover": "Changed."})
    assert response.status_code == 400
    assert "start a new version" in response.content.decode()
    closure.refresh_from_db()
    assert closure.lessons_learned == LESSONS


def test_the_findings_show_the_field_and_the_text_found_to_consultants(world, login):
    protect(world)
    requested(world, lessons=f"What {PROTECTED} said was heard.")
    response = login(world.carol).get(_page(world.case_a))
    body = response.content.decode()
    assert "The personal-data check found 1 thing" in body
    assert "lessons learned" in body and f'<mark class="closure-match">{PROTECTED}</mark>' in body
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert ">Approve</button>" not in body  # blocked


def test_an_override_through_the_page_needs_a_reason(world, login):
    protect(world)
    closure = requested(world, lessons=f"What {PROTECTED} said was heard.")
    hit_id = closure.guard_hits[0]["hit_id"]
    response = login(world.alice).post(_url("closure_override", closure), {"hit_id": hit_id, "reason": ""})
    assert response.status_code == 400 and not ClosureGuardOverride.objects.exists()
    login(world.alice).post(_url("closure_override", closure), {"hit_id": hit_id, "reason": "Her parents consent."})
    body = login(world.carol).get(_page(world.case_a)).content.decode()
    assert "Findings let stand" in body and "Her parents consent." in body and ">Approve</button>" in body


def test_a_leader_cannot_see_a_draft_but_downloads_an_approved_version(world, login):
    first = approved(world)
    second = draft(world)
    client = login(world.leader_a)
    body = client.get(_page(world.case_a)).content.decode()
    assert "Closure report 1" in body and "Closure report 2" not in body and 'name="lessons_learned"' not in body
    assert client.get(_url("closure_detail", second)).status_code == 404
    assert client.get(_url("closure_download", second)).status_code == 404
    response = client.get(_url("closure_download", first))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = AuditEvent.objects.get(verb="report.downloaded", actor=world.leader_a)
    assert event.summary["sha256"] == first.report.sha256
    assert client.post(_url("closure_approve", second)).status_code == 404
    assert client.post(_url("closure_refuse", first), {"reason": "No."}).status_code == 403


def test_staff_see_no_closure_report(world, login):
    closure = approved(world)
    client = login(world.staff_a)
    # Staff see the case, not its closure report: every page of it is refused before any version is read.
    assert client.get(_page(world.case_a)).status_code == 403
    assert client.get(_url("closure_detail", closure)).status_code == 403
    assert client.get(_url("closure_download", closure)).status_code == 403
    assert not AuditEvent.objects.filter(verb="report.downloaded").exists()


def test_another_organisation_gets_404(world, login):
    closure = approved(world)
    client = login(world.bob)
    assert client.get(_page(world.case_a)).status_code == 404
    assert client.get(_url("closure_download", closure)).status_code == 404
    assert client.post(reverse("training:closure_create", kwargs={"reference": world.case_a.reference})
                       ).status_code == 404
    assert ClosureReport.objects.count() == 1


def test_a_failed_render_shows_its_error_and_a_retry_button(world, login):
    closure = approved(world, rendered=False)
    Report.objects.filter(pk=closure.report_id).update(status=Report.Status.FAILED, error="OSError: disk full")
    body = login(world.alice).get(_url("closure_detail", closure)).content.decode()
    assert "The PDF could not be rendered: OSError: disk full" in body and "Render it again" in body
    login(world.alice).post(_url("closure_retry", closure))
    closure.report.refresh_from_db()
    assert closure.report.status == Report.Status.QUEUED


def test_the_case_page_shows_the_panel_in_recovery(world, login):
    closure = approved(world)
    Case.objects.filter(pk=world.case_a.pk).update(stage="recovery")
    body = login(world.leader_a).get(world.case_a.get_absolute_url()).content.decode()
    assert "Closure report:" in body and _url("closure_download", closure) in body
    assert "Closure report:" not in login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()


def test_the_page_reads_in_a_fixed_number_of_queries(world, login):
    client = login(world.carol)

    def measure():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_page(world.case_a)).status_code == 200
        return len(queries)

    seed(world, n=1)
    approved(world)
    requested(world)
    small = measure()
    seed(world, n=2)
    ClosureReport.objects.filter(case=world.case_a, number=2).update(status="approved")
    approved(world)
    approved(world)
    requested(world)
    assert ClosureReport.objects.filter(case=world.case_a).count() == 5
    assert measure() == small

"""Four-eyes approval of reports that leave the organisation: never the requester's own, the
consultancy admin may, refusals need a reason, both audited; waiting reports ask the approvers, show
on the dashboard and are flagged when late — and are never sent without approval."""

import datetime as dt
import hashlib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from stakeholders import services
from stakeholders.models import AudienceProfile, Delivery, StatusReport

pytestmark = pytest.mark.django_db


def _waiting(world, stakeholders, capture, actor=None, **kwargs) -> StatusReport:
    with capture(execute=True):
        report = services.status_report_send_now(actor=actor or world.alice, case=world.case_a,
                                                 stakeholders=stakeholders, **kwargs)
    report.refresh_from_db()
    return report


def _detail(world, report) -> str:
    return reverse("stakeholders:status_report_detail", kwargs={"reference": world.case_a.reference, "pk": report.pk})


def test_every_external_audience_waits_for_approval_whatever_was_asked(world, ofsted,
                                                                       django_capture_on_commit_callbacks):
    report = _waiting(world, [ofsted], django_capture_on_commit_callbacks, requires_approval=False)
    assert report.audience.key == "regulator" and report.audience.external
    assert report.requires_approval and report.status == StatusReport.Status.AWAITING_APPROVAL
    assert not Delivery.objects.exists()
    for key in ("regulator", "local_authority", "funder", "parents", "media"):
        assert AudienceProfile.objects.get(key=key).external, key
    assert not AudienceProfile.objects.get(key="governors").external


def test_the_requester_cannot_approve_and_a_second_consultant_or_the_admin_can(world, ofsted,
                                                                               django_capture_on_commit_callbacks):
    report = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="You asked for this report: a second consultant must approve it"):
        services.status_report_approve(actor=world.alice, status_report=report)
    report.refresh_from_db()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.approved_by is None
    assert not AuditEvent.objects.filter(verb="status_report.approved").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.admin, status_report=report, reason="Admin cover this week.")
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and report.approved_by == world.admin
    # What went out is the very file the approver could read: the same bytes, the same hash.
    [(name, pdf, _)] = mail.outbox[-1].attachments
    assert hashlib.sha256(pdf).hexdigest() == report.report.sha256
    event = AuditEvent.objects.get(verb="status_report.approved")
    assert event.actor == world.admin and event.summary["reason"] == "Admin cover this week."


def test_who_set_up_the_schedule_cannot_approve_its_reports(world, ofsted, django_capture_on_commit_callbacks):
    schedule = services.schedule_create(actor=world.carol, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=0, time_of_day=dt.time(9))
    with django_capture_on_commit_callbacks(execute=True):
        [pk] = services.dispatch_due_schedules(now=schedule.next_due_at)
    report = StatusReport.objects.get(pk=pk)
    assert report.requested_by is None and report.status == StatusReport.Status.AWAITING_APPROVAL
    with pytest.raises(ValidationError, match="second consultant"):
        services.status_report_approve(actor=world.carol, status_report=report)
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.alice, status_report=report)
    report.refresh_from_db()
    assert report.approved_by == world.alice and report.status == StatusReport.Status.SENT


def test_a_refusal_needs_a_reason_sends_nothing_and_is_audited(world, ofsted, login,
                                                               django_capture_on_commit_callbacks):
    report = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    refuse = reverse("stakeholders:status_report_refuse", kwargs={"reference": world.case_a.reference,
                                                                   "pk": report.pk})
    client = login(world.carol)
    blank = client.post(refuse, {"reason": "  "})
    assert blank.status_code == 400 and "Say why the report is refused." in blank.content.decode()
    report.refresh_from_db()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL
    mail.outbox.clear()

    assert client.post(refuse, {"reason": "The LADO's name is spelt wrongly."}).status_code == 302
    report.refresh_from_db()
    assert (report.status, report.refused_by, report.decision_reason) == (
        StatusReport.Status.REFUSED, world.carol, "The LADO's name is spelt wrongly.")
    assert mail.outbox == [] and not Delivery.objects.exists()
    event = AuditEvent.objects.get(verb="status_report.refused")
    assert event.actor == world.carol and event.summary == {"reason": "The LADO's name is spelt wrongly."}
    page = client.get(_detail(world, report)).content.decode()
    assert "Refused: nothing was sent" in page and "spelt wrongly" in page and "Send a corrected report" in page
    with pytest.raises(ValidationError, match="Only a report waiting for approval"):
        services.status_report_approve(actor=world.carol, status_report=report)


def test_the_approvers_are_asked_by_email_with_a_link_to_the_site(world, ofsted, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://safehold.example.org"
    world.case_a.consultants.add(world.carol)
    _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    [notice] = mail.outbox
    # The lead (who asked for it: she is told) and the case's other consultant, who may approve it.
    assert notice.to == [world.alice.email, world.carol.email]
    report = StatusReport.objects.get()
    assert "https://safehold.example.org" + _detail(world, report) in notice.body
    assert "&lt;" not in notice.body and "Ofsted" in notice.body and "Regulator" in notice.body


def test_a_report_waiting_too_long_is_flagged_once_and_still_not_sent(world, ofsted, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.REPORT_APPROVAL_HOURS = 24
    report = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert services.flag_unapproved_reports(now=timezone.now() + dt.timedelta(hours=23)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.flag_unapproved_reports(now=timezone.now() + dt.timedelta(hours=25)) == [report.pk]
        assert services.flag_unapproved_reports(now=timezone.now() + dt.timedelta(hours=26)) == []
    report.refresh_from_db()
    assert report.approval_overdue_at is not None and report.status == StatusReport.Status.AWAITING_APPROVAL
    [notice] = mail.outbox
    assert notice.subject.startswith("Not yet approved after 24 hours")
    assert "It has not been sent" in notice.body
    assert not Delivery.objects.exists()
    assert AuditEvent.objects.filter(verb="status_report.approval_overdue", object_id=str(report.pk)).count() == 1

    settings.REPORT_APPROVAL_HOURS = 2
    second = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    assert services.flag_unapproved_reports(now=timezone.now() + dt.timedelta(hours=3)) == [second.pk]


def test_the_dashboard_lists_reports_waiting_in_a_fixed_number_of_queries(world, ofsted, login,
                                                                          django_assert_max_num_queries,
                                                                          django_capture_on_commit_callbacks):
    first = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    StatusReport.objects.filter(pk=first.pk).update(approval_overdue_at=timezone.now())
    client = login(world.carol)
    page = client.get(reverse("crisis:dashboard")).content.decode()
    assert "Status reports waiting for approval" in page and _detail(world, first) in page
    assert "Waiting over 24 h" in page
    assert "Status reports waiting for approval" not in login(world.leader_a).get(reverse("crisis:client_home"))\
        .content.decode()
    assert "Status reports waiting for approval" not in login(world.bob).get(reverse("crisis:dashboard"))\
        .content.decode()
    own = login(world.alice).get(reverse("crisis:dashboard")).content.decode()
    assert "you asked for it: a colleague approves" in own

    with django_assert_max_num_queries(60) as few:
        client.get(reverse("crisis:dashboard"))
    for _ in range(6):
        _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("crisis:dashboard"))


def test_an_internal_audience_may_go_without_approval(world, ofsted, django_capture_on_commit_callbacks):
    board = services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="governors", name="Governing board", receives_reports=True,
        contacts=[{"name": "Chair of governors", "email": "chair@oakfield.example"}])
    report = _waiting(world, [board], django_capture_on_commit_callbacks, requires_approval=False)
    assert report.audience.key == "governors" and not report.requires_approval
    assert report.status == StatusReport.Status.SENT
    assert [m.to for m in mail.outbox] == [["chair@oakfield.example"]]
    held = _waiting(world, [board], django_capture_on_commit_callbacks, requires_approval=True)
    assert held.status == StatusReport.Status.AWAITING_APPROVAL


def test_the_api_refuses_bad_decisions_with_a_400_and_writes_nothing(world, ofsted,
                                                                      django_capture_on_commit_callbacks):
    from rest_framework.test import APIClient

    report = _waiting(world, [ofsted], django_capture_on_commit_callbacks)
    carol = APIClient()
    carol.force_authenticate(world.carol)

    def url(name):
        return reverse(f"api-status-report-{name}", kwargs={"pk": report.pk})

    assert carol.post(url("refuse"), {}, format="json").json() == {"reason": ["Say why the report is refused."]}
    assert carol.post(url("refuse"), {"reason": " "}, format="json").status_code == 400
    assert carol.post(url("override"), {"hit_id": "abc"}, format="json").json() == {
        "reason": ["Say why this may go out as it is."]}
    no_finding = carol.post(url("override"), {"hit_id": "abc", "reason": "fine"}, format="json")
    assert no_finding.status_code == 400 and "blocked by the personal-data check" in no_finding.json()["detail"][0]
    leader = APIClient()
    leader.force_authenticate(world.leader_a)
    assert leader.post(url("refuse"), {"reason": "No."}, format="json").status_code == 403
    assert leader.post(url("recheck")).status_code == 403
    report.refresh_from_db()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.revision == 1
    assert not AuditEvent.objects.filter(verb__in=["status_report.refused", "status_report.rechecked",
                                                   "status_report.check_overridden"]).exists()

    with django_capture_on_commit_callbacks(execute=True):
        rechecked = carol.post(url("recheck"))
    assert rechecked.status_code == 202
    report.refresh_from_db()
    assert report.revision == 2 and report.status == StatusReport.Status.AWAITING_APPROVAL
    refused = carol.post(url("refuse"), {"reason": "Wrong audience."}, format="json")
    assert refused.status_code == 200 and refused.json()["status"] == "refused"
    assert refused.json()["decision_reason"] == "Wrong audience."
    assert carol.post(url("recheck")).status_code == 400  # refused is final: send a corrected report


def test_the_consultancy_admin_edits_an_audience_profile_and_it_is_audited(world, login):
    funder = AudienceProfile.objects.get(key="funder")
    url = reverse("admin:stakeholders_audienceprofile_change", args=[funder.pk])
    client = login(world.admin)
    assert client.get(url).status_code == 200
    data = {"key": "funder", "name": "Funder", "description": funder.description, "sections": ["trend", "stage"],
            "external": "on", "stakeholder_kinds": ["funder"], "protective_marking": "", "position": "40"}
    assert client.post(url, data).status_code == 302
    funder.refresh_from_db()
    assert funder.sections == ["stage", "trend"] and funder.stakeholder_kinds == ["funder"]
    event = AuditEvent.objects.get(verb="audience_profile.changed")
    assert event.actor == world.admin and event.summary["sections"] == ["stage", "trend"]
    empty = client.post(url, {**data, "sections": []})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert login(world.alice).get(url).status_code in (302, 403)  # the admin is the consultancy admin's


def test_a_schedule_through_the_api_names_its_version_and_approval_follows_the_audience(world, ofsted):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.alice)
    url = reverse("api-case-schedules", kwargs={"reference": world.case_a.reference})
    base = {"name": "Weekly", "stakeholders": [ofsted.pk], "cadence": "weekly", "weekday": 4, "time_of_day": "09:00",
            "requires_approval": False}
    regulator = client.post(url, base, format="json")
    assert regulator.status_code == 201, regulator.content
    assert regulator.json()["audience"]["key"] == "regulator" and regulator.json()["requires_approval"] is True
    internal = client.post(url, {**base, "audience": "governors"}, format="json").json()
    assert internal["audience"]["key"] == "governors" and internal["requires_approval"] is False
    detail = reverse("api-schedule-detail", kwargs={"pk": internal["id"]})
    changed = client.patch(detail, {"audience": "parents"}, format="json").json()
    assert changed["audience"]["key"] == "parents" and changed["requires_approval"] is True
    bad = client.patch(detail, {"audience": "everyone"}, format="json")
    assert bad.status_code == 400 and bad.json() == {"audience": ["No audience “everyone”."]}

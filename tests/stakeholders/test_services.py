"""The register, the communication log, schedules and press lines: what each service changes, what it
records in the audit log, and what it refuses; and who reads what through the selectors."""

import datetime as dt
import hashlib
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections
from django.utils import timezone

from crisis import services as crisis_services
from crisis.models import AuditEvent, Case, Stage
from stakeholders import selectors, services
from stakeholders.models import (
    AudienceProfile,
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    StatusReport,
    UpdateSchedule,
)
from stakeholders.schedule import UK
from stakeholders.services import reports as report_services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


def _pdf(name="minutes.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _last_audit(verb: str) -> AuditEvent:
    return AuditEvent.objects.filter(verb=verb).latest("at", "id")


def _log(world, stakeholders, **kwargs):
    values = {"actor": world.alice, "case": world.case_a, "stakeholders": stakeholders, "direction": "out",
              "channel": "email", "summary": "Sent the inspector the revised allegations policy."}
    values.update(kwargs)
    return services.communication_log(**values)


def _weekly(world, stakeholders, **kwargs):
    values = {"actor": world.alice, "case": world.case_a, "name": "Weekly regulator update",
              "stakeholders": stakeholders, "cadence": "weekly", "weekday": 0, "time_of_day": dt.time(9)}
    values.update(kwargs)
    return services.schedule_create(**values)


# stakeholder_update ----------------------------------------------------------------------------


def test_update_changes_the_register_entry_and_audits_what_changed(world, ofsted):
    services.stakeholder_update(actor=world.alice, stakeholder=ofsted, name="  Ofsted (North)  ",
                                preferred_channel="call", owner=world.leader_a, report_delivery="link")

    ofsted.refresh_from_db()
    assert (ofsted.name, ofsted.preferred_channel, ofsted.owner, ofsted.report_delivery) == (
        "Ofsted (North)", "call", world.leader_a, "link")
    event = _last_audit("stakeholder.updated")
    assert event.actor == world.alice and event.case == world.case_a
    assert event.summary == {"changed": ["name", "owner", "preferred_channel", "report_delivery"]}


def test_update_does_not_move_trust(world, ofsted):
    with pytest.raises(ValidationError, match="cannot be changed here: trust_level"):
        services.stakeholder_update(actor=world.alice, stakeholder=ofsted, trust_level=5)

    ofsted.refresh_from_db()
    assert ofsted.trust_level == 2 and not ofsted.trust_changes.exists()
    assert not AuditEvent.objects.filter(verb="stakeholder.updated").exists()


@pytest.mark.parametrize("who", ["carol", "leader_a"])
def test_the_owner_may_be_a_consultant_of_the_case_or_a_leader(world, ofsted, who):
    owner = getattr(world, who)
    services.stakeholder_update(actor=world.alice, stakeholder=ofsted, owner=owner)
    ofsted.refresh_from_db()
    assert ofsted.owner == owner


@pytest.mark.parametrize("who", ["staff_a", "bob", "leader_b"])
def test_the_owner_is_never_staff_or_someone_of_another_organisation(world, ofsted, who):
    with pytest.raises(ValidationError) as refused:
        services.stakeholder_update(actor=world.alice, stakeholder=ofsted, owner=getattr(world, who))

    assert "owner" in refused.value.message_dict
    ofsted.refresh_from_db()
    assert ofsted.owner is None


def test_only_consultants_update_the_register(world, ofsted):
    for actor in (world.leader_a, world.staff_a, world.bob):
        with pytest.raises(PermissionDenied):
            services.stakeholder_update(actor=actor, stakeholder=ofsted, name="Renamed")
    ofsted.refresh_from_db()
    assert ofsted.name == "Ofsted"


def test_a_stakeholder_receiving_reports_needs_every_reporting_contact_to_have_an_email(world):
    parents = services.stakeholder_create(actor=world.alice, case=world.case_a, kind="parents", name="Parents",
                                          contacts=[{"name": "Forum chair", "phone": "07700 900318"}])

    with pytest.raises(ValidationError, match="Forum chair"):
        services.stakeholder_update(actor=world.alice, stakeholder=parents, receives_reports=True)
    parents.refresh_from_db()
    assert not parents.receives_reports


# contact_remove --------------------------------------------------------------------------------


def test_a_contact_is_removed_with_an_audit_entry(world, ofsted):
    contact = services.contact_add(actor=world.alice, stakeholder=ofsted, name="Duty desk",
                                   email="duty@ofsted.example")

    services.contact_remove(actor=world.alice, contact=contact)

    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert _last_audit("stakeholder.contact_removed").summary == {"contact": "Duty desk"}


def test_a_contact_who_was_sent_a_report_stays(world, ofsted):
    contact = ofsted.contacts.get()
    report = StatusReport.objects.create(
        audience=AudienceProfile.objects.get(key="regulator"),
        organisation=world.org_a, case=world.case_a)
    Delivery.objects.create(organisation=world.org_a, status_report=report, contact=contact, email=contact.email)

    with pytest.raises(ValidationError, match="Senior HMI has been sent status reports"):
        services.contact_remove(actor=world.alice, contact=contact)

    assert Contact.objects.filter(pk=contact.pk).exists()
    with pytest.raises(PermissionDenied):
        services.contact_remove(actor=world.leader_a, contact=contact)


# communication_log and attachments ---------------------------------------------------------------


def test_a_contact_is_logged_with_its_files_stored_and_hashed(world, ofsted, lado):
    png = SimpleUploadedFile("photo of the letter.png", PNG, content_type="image/png")

    communication = _log(world, [ofsted, lado], attachments=[_pdf(), png])

    assert set(communication.stakeholders.all()) == {ofsted, lado}
    attachments = list(communication.attachments.order_by("original_name"))
    assert [(a.original_name, a.content_type, a.size) for a in attachments] == [
        ("minutes.pdf", "application/pdf", len(PDF)), ("photo of the letter.png", "image/png", len(PNG))]
    for attachment, content in zip(attachments, (PDF, PNG), strict=True):
        assert attachment.sha256 == hashlib.sha256(content).hexdigest()
        path = Path(attachment.file.path)
        assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT)) and path.read_bytes() == content
        assert attachment.original_name not in attachment.file.name  # stored under a random name
    assert _last_audit("communication.logged").summary["attachments"] == 2


def test_a_bad_file_refuses_the_whole_contact_and_writes_nothing(world, ofsted):
    fake = _pdf("minutes-signed.pdf", b"MZ\x90\x00 not a pdf at all")

    with pytest.raises(ValidationError) as refused:
        _log(world, [ofsted], attachments=[_pdf(), fake])

    assert "“minutes-signed.pdf”" in " ".join(refused.value.message_dict["attachments"])
    assert not Communication.objects.exists() and not CommunicationAttachment.objects.exists()
    assert _stored_files() == []


def test_a_file_is_added_to_a_logged_contact(world, ofsted):
    communication = _log(world, [ofsted])

    attachment = services.communication_attachment_add(actor=world.alice, communication=communication,
                                                       uploaded_file=_pdf("letter.pdf"))

    assert list(communication.attachments.all()) == [attachment]
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest() and attachment.uploaded_by == world.alice
    assert Path(attachment.file.path).read_bytes() == PDF
    assert _last_audit("communication.attachment_added").summary == {"file": "letter.pdf", "size": len(PDF)}

    with pytest.raises(ValidationError, match="“notes.exe” is not an allowed type"):
        services.communication_attachment_add(actor=world.alice, communication=communication,
                                              uploaded_file=SimpleUploadedFile("notes.exe", b"MZ"))
    with pytest.raises(PermissionDenied):
        services.communication_attachment_add(actor=world.leader_a, communication=communication,
                                              uploaded_file=_pdf("letter.pdf"))
    assert communication.attachments.count() == 1 and len(_stored_files()) == 1


# Schedules -------------------------------------------------------------------------------------


def test_updating_a_schedule_works_its_next_due_time_out_again(world, ofsted):
    schedule = _weekly(world, [ofsted])

    services.schedule_update(actor=world.alice, schedule=schedule, name="Regulator update", stakeholders=[ofsted],
                             cadence="weekly", weekday=2, time_of_day=dt.time(10, 30))

    schedule.refresh_from_db()
    due = schedule.next_due_at.astimezone(UK)
    now = timezone.now()
    assert now < schedule.next_due_at <= now + dt.timedelta(days=7)
    assert (due.weekday(), due.time()) == (2, dt.time(10, 30))
    assert _last_audit("schedule.updated").summary["next_due_at"] == schedule.next_due_at.isoformat()


def test_a_monthly_schedule_has_a_day_of_the_month_and_no_weekday(world, ofsted):
    schedule = _weekly(world, [ofsted])

    services.schedule_update(actor=world.alice, schedule=schedule, name="Monthly", stakeholders=[ofsted],
                             cadence="monthly", weekday=4, day_of_month=31, time_of_day=dt.time(9))

    schedule.refresh_from_db()
    assert (schedule.cadence, schedule.weekday, schedule.day_of_month) == ("monthly", None, 31)
    due = schedule.next_due_at.astimezone(UK)
    first_of_next_month = (due.date().replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    assert due.date() == first_of_next_month - dt.timedelta(days=1), "31 means the month's last day"
    assert schedule.next_due_at > timezone.now() and due.time() == dt.time(9)


def test_a_schedule_update_is_checked_like_a_new_one(world, ofsted, lado):
    schedule = _weekly(world, [ofsted])
    parents = services.stakeholder_create(actor=world.alice, case=world.case_a, kind="parents", name="Parents")

    with pytest.raises(ValidationError, match="Not set to receive status reports: Parents"):
        services.schedule_update(actor=world.alice, schedule=schedule, name="Weekly", stakeholders=[ofsted, parents],
                                 cadence="weekly", weekday=0, time_of_day=dt.time(9))
    with pytest.raises(ValidationError, match="needs the weekday"):
        services.schedule_update(actor=world.alice, schedule=schedule, name="Weekly", stakeholders=[lado],
                                 cadence="fortnightly", time_of_day=dt.time(9))
    with pytest.raises(PermissionDenied):
        services.schedule_update(actor=world.leader_a, schedule=schedule, name="Weekly", stakeholders=[ofsted],
                                 cadence="weekly", weekday=0, time_of_day=dt.time(9))
    schedule.refresh_from_db()
    assert (schedule.name, schedule.weekday, list(schedule.stakeholders.all())) == (
        "Weekly regulator update", 0, [ofsted])


def test_a_paused_schedule_resumes_from_now_without_a_backlog(world, ofsted):
    schedule = _weekly(world, [ofsted])
    due_at = schedule.next_due_at

    services.schedule_set_active(actor=world.alice, schedule=schedule, active=False)
    schedule.refresh_from_db()
    assert not schedule.active and schedule.next_due_at == due_at
    assert not services.dispatch_due_schedules(now=due_at + dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="already paused"):
        services.schedule_set_active(actor=world.alice, schedule=schedule, active=False)

    # Three weeks paused: the slots missed meanwhile are not sent on resuming.
    UpdateSchedule.objects.filter(pk=schedule.pk).update(next_due_at=timezone.now() - dt.timedelta(days=21))
    schedule.refresh_from_db()
    services.schedule_set_active(actor=world.alice, schedule=schedule, active=True)

    schedule.refresh_from_db()
    now = timezone.now()
    assert schedule.active and now < schedule.next_due_at <= now + dt.timedelta(days=7)
    assert schedule.next_due_at.astimezone(UK).weekday() == 0
    assert list(AuditEvent.objects.filter(verb__startswith="schedule.").order_by("id").values_list(
        "verb", flat=True)) == ["schedule.created", "schedule.paused", "schedule.resumed"]
    with pytest.raises(ValidationError, match="already active"):
        services.schedule_set_active(actor=world.alice, schedule=schedule, active=True)
    with pytest.raises(PermissionDenied):
        services.schedule_set_active(actor=world.leader_a, schedule=schedule, active=False)


# Press lines -----------------------------------------------------------------------------------


@pytest.fixture
def holding(world):
    return services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                     text="The school is working closely with the local authority.")


def test_a_leader_approves_a_press_line_for_the_organisation(world, holding):
    services.press_line_approve(actor=world.leader_a, version=holding)

    holding.refresh_from_db()
    assert holding.approved_by == world.leader_a and holding.approved_at is not None
    assert _last_audit("press_line.approved").actor == world.leader_a
    with pytest.raises(ValidationError, match="already approved"):
        services.press_line_approve(actor=world.carol, version=holding)


@pytest.mark.parametrize("who", ["staff_a", "bob", "leader_b"])
def test_staff_and_other_organisations_cannot_approve_a_press_line(world, holding, who):
    with pytest.raises(PermissionDenied):
        services.press_line_approve(actor=getattr(world, who), version=holding)
    holding.refresh_from_db()
    assert holding.approved_at is None


def test_the_writer_cannot_approve_their_own_press_line(world, holding):
    with pytest.raises(ValidationError, match="someone other than its writer"):
        services.press_line_approve(actor=world.alice, version=holding)
    holding.refresh_from_db()
    assert holding.approved_by is None


# Selectors -------------------------------------------------------------------------------------


def test_mediation_notes_are_read_by_consultants_only(world, ofsted):
    _log(world, [ofsted], mediation_notes="The head and the inspector barely speak.")

    as_alice = selectors.communications_for(world.alice).get()
    as_leader = selectors.communications_for(world.leader_a).get()
    assert as_alice.visible_mediation_notes == "The head and the inspector barely speak."
    assert as_leader.visible_mediation_notes == ""
    assert selectors.case_communications(user=world.leader_a, case=world.case_a).get().visible_mediation_notes == ""


def test_staff_and_other_organisations_read_no_engagement(world, ofsted):
    assert list(selectors.stakeholders_for(world.alice)) == [ofsted]
    assert list(selectors.stakeholders_for(world.leader_a)) == [ofsted]
    assert not selectors.stakeholders_for(world.staff_a).exists()
    assert not selectors.stakeholders_for(world.bob).filter(organisation=world.org_a).exists()
    assert not selectors.stakeholders_for(world.leader_b).exists()


def test_follow_ups_due_show_open_ones_of_open_cases(world, ofsted):
    today = timezone.localdate()
    overdue = _log(world, [ofsted], follow_up_due=today - dt.timedelta(days=3))
    _log(world, [ofsted], summary="Later", follow_up_due=today + dt.timedelta(days=20))
    done = _log(world, [ofsted], summary="Answered", follow_up_due=today - dt.timedelta(days=1))
    services.communication_follow_up_done(actor=world.alice, communication=done)
    old = crisis_services.case_create(actor=world.alice, organisation=world.org_a, title="An earlier concern")
    old_regulator = services.stakeholder_create(actor=world.alice, case=old, kind="regulator", name="Ofsted")
    services.communication_log(actor=world.alice, case=old, stakeholders=[old_regulator], direction="in",
                               channel="call", summary="Asked for the minutes.",
                               follow_up_due=today - dt.timedelta(days=5))
    Case.objects.filter(pk=old.pk).update(stage=Stage.CLOSED)

    assert list(selectors.follow_ups_due(user=world.alice)) == [overdue]
    assert list(selectors.follow_ups_due(user=world.leader_a)) == [overdue]
    assert list(selectors.follow_ups_due(user=world.bob)) == []
    assert list(selectors.follow_ups_due(user=world.staff_a)) == []


# Finishing a report under concurrency ------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs two concurrent transactions (PostgreSQL)")
@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_the_last_deliveries_at_once_finish_the_report(world, ofsted, lado, monkeypatch):
    """Each worker checks, before it commits, whether its delivery was the report's last one; the
    report row is locked for that check, so the second worker sees the first one's delivery sent."""
    report = StatusReport.objects.create(
        audience=AudienceProfile.objects.get(key="regulator"),
        organisation=world.org_a, case=world.case_a, requested_by=world.alice,
        status=StatusReport.Status.SENDING)
    report.stakeholders.set([ofsted, lado])
    first, second = (Delivery.objects.create(organisation=world.org_a, status_report=report, contact=contact,
                                             email=contact.email, as_link=True)
                     for contact in (ofsted.contacts.get(), lado.contacts.get()))
    first_checked = threading.Event()
    real_finish = report_services._maybe_finish

    def finish_then_linger(status_report):
        real_finish(status_report)
        if threading.current_thread().name == "first":
            first_checked.set()
            time.sleep(0.5)  # the first worker's transaction is still open while the second one checks

    def send(self, messages):
        if messages[0].to == [second.email]:
            assert first_checked.wait(10)
        return len(messages)

    monkeypatch.setattr(report_services, "_maybe_finish", finish_then_linger)
    monkeypatch.setattr(EmailBackend, "send_messages", send)
    errors = []

    def work(delivery):
        try:
            services.delivery_send(delivery_id=delivery.pk)
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(d,), name=name) for d, name in ((first, "first"),
                                                                                     (second, "second"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.Status.SENT}
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and report.sent_at is not None


# Sending: once per address, only to those receiving reports, and "sent" never undone --------------


def test_a_person_who_is_a_contact_of_two_stakeholders_receives_the_report_once(world, ofsted, lado, internal):
    services.contact_add(actor=world.alice, stakeholder=lado, name="Senior HMI (also on the LADO list)",
                         email="HMI@ofsted.example")
    report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted, lado],
                                             **internal)
    services.status_report_generate(status_report_id=report.pk)
    emails = sorted(e.lower() for e in Delivery.objects.filter(status_report=report).values_list("email", flat=True))
    assert emails == ["hmi@ofsted.example", "lado@northshire.example"]


def test_a_report_is_sent_now_only_to_stakeholders_receiving_reports(world, ofsted):
    police = services.stakeholder_create(actor=world.alice, case=world.case_a, kind="police", name="Police")
    with pytest.raises(ValidationError) as refused:
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted, police])
    assert "Not set to receive status reports: Police." in str(refused.value)
    assert not StatusReport.objects.exists()


def test_a_delivery_that_went_out_stays_sent_when_finishing_the_report_fails(world, ofsted, internal, monkeypatch):
    report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted],
                                             **internal)
    [delivery_id] = services.status_report_generate(status_report_id=report.pk)
    real_finish = report_services._maybe_finish

    def broken(status_report):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(report_services, "_maybe_finish", broken)
    with pytest.raises(RuntimeError):
        services.delivery_send(delivery_id=delivery_id)
    assert Delivery.objects.get(pk=delivery_id).status == Delivery.Status.SENT
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENDING
    # The task's retry sends nothing again and finishes the report.
    monkeypatch.setattr(report_services, "_maybe_finish", real_finish)
    from django.core import mail

    outbox = len(mail.outbox)
    assert services.delivery_send(delivery_id=delivery_id) is False
    assert len(mail.outbox) == outbox
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT


def test_the_mediation_notes_column_is_never_loaded_by_the_selector(world, ofsted):
    services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="in",
                               channel="call", summary="Called.", mediation_notes="Private.")
    for user in (world.alice, world.leader_a):
        [row] = selectors.communications_for(user)
        assert "mediation_notes" in row.get_deferred_fields()


def test_a_consultant_not_named_on_a_restricted_case_cannot_write_to_it(world):
    """Carol is assigned to A but not named on its restricted case: the services refuse her even when
    called directly (pages and endpoints already answer her 404)."""
    with pytest.raises(PermissionDenied):
        services.stakeholder_create(actor=world.carol, case=world.restricted_a, kind="police", name="Police")
    with pytest.raises(PermissionDenied):
        crisis_services.deadline_create(actor=world.carol, case=world.restricted_a, title="Refer to the LADO",
                                        due_on=timezone.localdate())
    stakeholder = services.stakeholder_create(actor=world.alice, case=world.restricted_a, kind="police",
                                              name="Police")
    assert stakeholder.case == world.restricted_a


def test_a_schedule_changes_some_fields_and_pauses_together_or_not_at_all(world, ofsted):
    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=4, time_of_day=dt.time(9, 0))
    services.schedule_change(actor=world.alice, schedule=schedule, time_of_day=dt.time(8, 30), active=False)
    schedule.refresh_from_db()
    assert (schedule.name, schedule.weekday, schedule.time_of_day, schedule.active) == (
        "Weekly", 4, dt.time(8, 30), False)
    assert list(schedule.stakeholders.all()) == [ofsted]
    with pytest.raises(ValidationError):
        services.schedule_change(actor=world.alice, schedule=schedule, cadence="fortnightly", weekday=None,
                                 active=True)
    schedule.refresh_from_db()
    assert (schedule.cadence, schedule.active) == ("weekly", False)


def test_a_leader_not_named_on_a_restricted_case_does_not_speak_for_it(world):
    """Dora leads organisation A but is not named on its restricted case: called directly, the services
    refuse her the approval of its press line (pages and endpoints already answer her 404); the
    leader named on it approves it."""
    version = services.press_line_write(actor=world.alice, case=world.restricted_a, title="Holding statement",
                                        text="We are working with the authorities.")
    with pytest.raises(PermissionDenied):
        services.press_line_approve(actor=world.unnamed_leader_a, version=version)
    version.refresh_from_db()
    assert version.approved_at is None
    services.press_line_approve(actor=world.leader_a, version=version)
    assert version.approved_by == world.leader_a

"""The engagement pages: the stakeholder register, the communication log and press lines, and the
follow-ups and engagement panel on the dashboards and the case page.

Alice consults for organisation A; Carol too. Lena leads A (reads everything but mediation notes,
approves press lines). Sam is staff at A (no engagement). Bob and Charlie belong to B.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from stakeholders import services
from stakeholders.models import (
    Communication,
    CommunicationAttachment,
    Contact,
    PressLineVersion,
    Stakeholder,
    TrustChange,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"
NOTE = "Head teacher defensive on the call; rebuild through the chair."


@pytest.fixture
def media(settings) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _url(name: str, case, **kwargs) -> str:
    return reverse(f"stakeholders:{name}", kwargs={"reference": case.reference, **kwargs})


@pytest.fixture
def call(world, ofsted):
    """A logged call with Ofsted: a mediation note, a file and a follow-up due tomorrow."""
    return services.communication_log(
        actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="out", channel="call",
        summary="Briefed the inspector on the suspension.", mediation_notes=NOTE,
        follow_up_due=timezone.localdate() + dt.timedelta(days=1),
        attachments=[SimpleUploadedFile("call-notes.pdf", PDF)],
    )


@pytest.fixture
def press_line(world):
    return services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                     text="We are working closely with the local authority.")


def _pages(world, ofsted, call, press_line) -> dict[str, str]:
    case = world.case_a
    return {
        "stakeholder_list": _url("stakeholder_list", case),
        "stakeholder_detail": _url("stakeholder_detail", case, pk=ofsted.pk),
        "communication_list": _url("communication_list", case),
        "communication_detail": _url("communication_detail", case, pk=call.pk),
        "press_line_list": _url("press_line_list", case),
        "press_line_detail": _url("press_line_detail", case, pk=press_line.press_line.pk),
        "status_report_list": _url("status_report_list", case),
    }


# Who sees what ---------------------------------------------------------------------------------


def test_every_page_shows_the_engagement_to_the_consultant_and_the_leader(world, login, ofsted, call, press_line):
    shown = {"stakeholder_list": "Ofsted", "stakeholder_detail": "Senior HMI",
             "communication_list": "Briefed the inspector", "communication_detail": "call-notes.pdf",
             "press_line_list": "We are working closely", "press_line_detail": "We are working closely",
             "status_report_list": "No status report yet."}
    for user in (world.alice, world.leader_a):
        client = login(user)
        for name, url in _pages(world, ofsted, call, press_line).items():
            response = client.get(url)
            body = response.content.decode()
            assert response.status_code == 200, f"{name} as {user}"
            assert world.case_a.reference in body and shown[name] in body, f"{name} as {user}"
    register = login(world.alice).get(_url("stakeholder_list", world.case_a)).content.decode()
    assert "Add a stakeholder" in register and "2 — Strained" in register and "Regulator" in register
    assert "Senior HMI" not in register  # contacts are counted on the register, listed on the stakeholder
    leader = login(world.leader_a).get(_url("stakeholder_list", world.case_a)).content.decode()
    assert "Add a stakeholder" not in leader and "2 — Strained" in leader


def test_the_forms_are_for_consultants_only(world, login, ofsted, call, press_line):
    pages = _pages(world, ofsted, call, press_line)
    alice, leader = login(world.alice), login(world.leader_a)
    for name, marker in [("stakeholder_detail", "Change trust"), ("communication_list", "Log a communication"),
                         ("communication_detail", "Follow-up done"), ("press_line_list", "New press line"),
                         ("press_line_detail", "Write a new version")]:
        assert marker in alice.get(pages[name]).content.decode(), name
        assert marker not in leader.get(pages[name]).content.decode(), name
    for name in ("stakeholder_create", "communication_create", "schedule_create"):
        assert alice.get(_url(name, world.case_a)).status_code == 200
        assert leader.get(_url(name, world.case_a)).status_code == 403
    assert leader.get(_url("stakeholder_edit", world.case_a, pk=ofsted.pk)).status_code == 403
    response = leader.post(_url("stakeholder_trust", world.case_a, pk=ofsted.pk), {"level": 4, "reason": "Good call."})
    assert response.status_code == 403 and not TrustChange.objects.exists()


def test_staff_get_403_on_the_case_pages_and_404_on_its_objects(world, login, ofsted, call, press_line):
    client = login(world.staff_a)
    for name, url in _pages(world, ofsted, call, press_line).items():
        expected = 404 if "detail" in name else 403
        assert client.get(url).status_code == expected, name
    download = _url("communication_attachment_download", world.case_a, pk=call.pk,
                    attachment_pk=call.attachments.get().pk)
    assert client.get(download).status_code == 404
    assert client.post(_url("press_line_create", world.case_a), {"title": "x", "text": "y"}).status_code == 403


def test_another_organisation_gets_404_and_never_the_data(world, login, ofsted, call, press_line):
    for user in (world.bob, world.leader_b):
        client = login(user)
        for name, url in _pages(world, ofsted, call, press_line).items():
            response = client.get(url)
            assert response.status_code == 404, f"{name} as {user}"
            assert b"Ofsted" not in response.content and NOTE.encode() not in response.content
    # B's case with A's stakeholder: still 404.
    assert login(world.bob).get(_url("stakeholder_detail", world.case_b, pk=ofsted.pk)).status_code == 404


def test_post_only_endpoints_answer_get_with_405(world, login, ofsted, call):
    client = login(world.alice)
    for url in (_url("stakeholder_trust", world.case_a, pk=ofsted.pk),
                _url("contact_add", world.case_a, pk=ofsted.pk),
                _url("communication_follow_up_done", world.case_a, pk=call.pk),
                _url("press_line_create", world.case_a)):
        assert client.get(url).status_code == 405


# Mediation notes -------------------------------------------------------------------------------


def test_mediation_notes_show_to_consultants_only(world, login, ofsted, call):
    urls = [_url("communication_list", world.case_a), _url("communication_detail", world.case_a, pk=call.pk),
            _url("stakeholder_detail", world.case_a, pk=ofsted.pk)]
    for url in urls:
        body = login(world.alice).get(url).content.decode()
        assert "Mediation notes (consultants only)" in body and NOTE in body, url
        leader = login(world.leader_a).get(url).content.decode()
        assert "Briefed the inspector" in leader
        assert NOTE not in leader and "Mediation notes" not in leader, url
    home = login(world.leader_a).get(reverse("crisis:client_home")).content.decode()
    assert "Briefed the inspector" in home and NOTE not in home
    assert NOTE not in login(world.alice).get(reverse("crisis:dashboard")).content.decode()


# The register ----------------------------------------------------------------------------------


def test_a_consultant_adds_a_stakeholder_with_its_first_contact(world, login):
    client = login(world.alice)
    response = client.post(_url("stakeholder_create", world.case_a), {
        "kind": "parents", "name": "Year 6 parents", "preferred_channel": "letter", "trust_level": "1",
        "owner": world.leader_a.pk, "receives_reports": "on", "report_delivery": "link",
        "contact_name": "PTA chair", "contact_email": "pta@example.test", "contact_role": "Chair",
    })
    stakeholder = Stakeholder.objects.get(name="Year 6 parents")
    assert response.status_code == 302
    assert response["Location"] == _url("stakeholder_detail", world.case_a, pk=stakeholder.pk)
    assert stakeholder.trust_level == 1 and stakeholder.owner == world.leader_a and stakeholder.receives_reports
    assert stakeholder.contacts.get().email == "pta@example.test"
    body = client.get(response["Location"]).content.decode()
    assert "Stakeholder added: Year 6 parents." in body and "PTA chair" in body and "1 — Broken" in body
    assert AuditEvent.objects.filter(verb="stakeholder.created", case=world.case_a).exists()


def test_an_invalid_contact_email_is_refused_and_nothing_is_saved(world, login):
    response = login(world.alice).post(_url("stakeholder_create", world.case_a), {
        "kind": "regulator", "name": "Ofsted", "preferred_channel": "email", "trust_level": "3",
        "report_delivery": "attachment", "contact_name": "Inspector", "contact_email": "not-an-email",
    })
    assert response.status_code == 400
    assert "“not-an-email” is not a valid email address." in response.content.decode()
    assert not Stakeholder.objects.exists() and not Contact.objects.exists()


def test_a_missing_name_is_refused(world, login):
    response = login(world.alice).post(_url("stakeholder_create", world.case_a), {
        "kind": "regulator", "name": "", "preferred_channel": "email", "trust_level": "3",
        "report_delivery": "attachment"})
    assert response.status_code == 400 and "Give the stakeholder&#x27;s name." in response.content.decode()
    assert not Stakeholder.objects.exists()


def test_a_consultant_edits_a_stakeholder(world, login, ofsted):
    client = login(world.alice)
    url = _url("stakeholder_edit", world.case_a, pk=ofsted.pk)
    form = client.get(url).content.decode()
    assert 'value="Ofsted"' in form and "Trust changes with a reason" in form
    response = client.post(url, {"kind": "regulator", "name": "Ofsted (North)", "preferred_channel": "meeting",
                                 "owner": world.carol.pk, "report_delivery": "link", "receives_reports": "on"})
    assert response.status_code == 302
    ofsted.refresh_from_db()
    assert ofsted.name == "Ofsted (North)" and ofsted.owner == world.carol and ofsted.report_delivery == "link"
    assert ofsted.trust_level == 2  # unchanged: trust moves with a reason only


def test_trust_changes_with_a_reason_and_the_history_shows_it(world, login, ofsted):
    client = login(world.alice)
    url = _url("stakeholder_trust", world.case_a, pk=ofsted.pk)
    refused = client.post(url, {"level": "4", "reason": "  "})
    assert refused.status_code == 400 and "Say why trust has changed." in refused.content.decode()
    assert not TrustChange.objects.exists()
    ofsted.refresh_from_db()
    assert ofsted.trust_level == 2

    response = client.post(url, {"level": "4", "reason": "Inspector satisfied with the interim measures."})
    assert response.status_code == 302 and response["Location"].endswith("#trust")
    body = client.get(response["Location"]).content.decode()
    assert "Trust changed: 2 → 4 (Good)." in body
    assert "2 Strained → 4 Good" in body and "Inspector satisfied with the interim measures." in body
    assert "Alice Adams" in body
    leader = login(world.leader_a).get(response["Location"]).content.decode()
    assert "Inspector satisfied with the interim measures." in leader  # leaders read the history


def test_contacts_are_added_checked_and_removed(world, login, ofsted):
    client = login(world.alice)
    add = _url("contact_add", world.case_a, pk=ofsted.pk)
    refused = client.post(add, {"name": "Deputy HMI", "email": "deputy@", "receives_reports": "on"})
    assert refused.status_code == 400 and "“deputy@” is not a valid email address." in refused.content.decode()
    assert ofsted.contacts.count() == 1

    assert client.post(add, {"name": "Deputy HMI", "email": "deputy@ofsted.example"}).status_code == 302
    contact = ofsted.contacts.get(name="Deputy HMI")
    remove = _url("contact_remove", world.case_a, pk=ofsted.pk, contact_pk=contact.pk)
    assert client.post(remove).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()
    assert login(world.leader_a).post(_url("contact_remove", world.case_a, pk=ofsted.pk,
                                           contact_pk=ofsted.contacts.get().pk)).status_code == 403


def test_the_register_filters(world, login, ofsted, lado):
    client = login(world.alice)
    body = client.get(_url("stakeholder_list", world.case_a), {"kind": "local_authority"}).content.decode()
    assert "Northshire LADO" in body and ">Ofsted<" not in body
    body = client.get(_url("stakeholder_list", world.case_a), {"trust": "2"}).content.decode()
    assert ">Ofsted<" in body and "Northshire LADO" not in body


# The communication log -------------------------------------------------------------------------


def test_a_consultant_logs_a_communication_with_a_file_and_downloads_it(world, login, ofsted, lado, media):
    client = login(world.alice)
    when = timezone.localtime() - dt.timedelta(hours=2)
    response = client.post(_url("communication_create", world.case_a), {
        "stakeholders": [ofsted.pk, lado.pk], "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "direction": "in", "channel": "email", "summary": "LADO asked for the suspension letter.",
        "mediation_notes": "Keep the tone formal.", "follow_up_due": timezone.localdate().isoformat(),
        "attachments": [SimpleUploadedFile("letter.pdf", PDF), SimpleUploadedFile("minutes.pdf", PDF)],
    })
    assert response.status_code == 302 and response["Location"] == _url("communication_list", world.case_a)
    communication = Communication.objects.get()
    assert set(communication.stakeholders.all()) == {ofsted, lado}
    assert communication.occurred_at == when.replace(second=0, microsecond=0)
    assert sorted(a.original_name for a in communication.attachments.all()) == ["letter.pdf", "minutes.pdf"]
    assert len(_files(media)) == 2

    log = client.get(response["Location"]).content.decode()
    assert "Communication logged." in log and "LADO asked for the suspension letter." in log
    assert "Keep the tone formal." in log

    attachment = communication.attachments.get(original_name="letter.pdf")
    download = login(world.leader_a).get(_url("communication_attachment_download", world.case_a,
                                              pk=communication.pk, attachment_pk=attachment.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff" and "no-store" in download["Cache-Control"]
    event = AuditEvent.objects.get(verb="communication.attachment_downloaded")
    assert event.actor == world.leader_a and event.summary["sha256"] == attachment.sha256


@pytest.mark.parametrize("name,content", [
    ("setup.exe", b"MZ\x90\x00"),
    ("report.pdf", b"MZ\x90\x00 not really a pdf"),
])
def test_a_bad_attachment_is_named_and_nothing_is_stored(world, login, ofsted, media, name, content):
    response = login(world.alice).post(_url("communication_create", world.case_a), {
        "stakeholders": [ofsted.pk], "direction": "out", "channel": "email", "summary": "Sent the plan.",
        "attachments": [SimpleUploadedFile("fine.pdf", PDF), SimpleUploadedFile(name, content)],
    })
    assert response.status_code == 400
    assert f"“{name}”" in response.content.decode() and "Nothing was logged" in response.content.decode()
    assert not Communication.objects.exists() and not CommunicationAttachment.objects.exists()
    assert _files(media) == []


def test_a_communication_without_stakeholders_is_refused(world, login, ofsted):
    response = login(world.alice).post(_url("communication_create", world.case_a), {
        "direction": "out", "channel": "email", "summary": "Sent the plan."})
    assert response.status_code == 400 and "Choose who the contact was with." in response.content.decode()
    assert not Communication.objects.exists()


def test_a_missing_attachment_file_is_a_404_not_a_500(world, login, call, media):
    attachment = call.attachments.get()
    Path(attachment.file.path).unlink()
    response = login(world.alice).get(_url("communication_attachment_download", world.case_a, pk=call.pk,
                                           attachment_pk=attachment.pk))
    assert response.status_code == 404


def test_a_file_is_added_to_a_communication_later(world, login, call, media):
    client = login(world.alice)
    url = _url("communication_attachment_add", world.case_a, pk=call.pk)
    refused = client.post(url, {"file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert refused.status_code == 400 and "“virus.exe”" in refused.content.decode()
    assert call.attachments.count() == 1
    assert client.post(url, {"file": SimpleUploadedFile("reply.pdf", PDF)}).status_code == 302
    body = client.get(_url("communication_detail", world.case_a, pk=call.pk)).content.decode()
    assert "reply.pdf" in body and "call-notes.pdf" in body


def test_the_follow_up_is_marked_done(world, login, call):
    client = login(world.alice)
    url = _url("communication_follow_up_done", world.case_a, pk=call.pk)
    assert login(world.leader_a).post(url).status_code == 403
    assert client.post(url).status_code == 302
    call.refresh_from_db()
    assert call.follow_up_done_on == timezone.localdate()
    again = client.post(url)
    assert again.status_code == 400 and "There is no open follow-up" in again.content.decode()
    log = client.get(_url("communication_list", world.case_a), {"follow_up": "open"}).content.decode()
    assert "Briefed the inspector" not in log


def test_the_log_filters_by_stakeholder_and_channel(world, login, ofsted, lado, call):
    services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[lado], direction="in",
                               channel="meeting", summary="Strategy meeting with the LADO.")
    client = login(world.alice)
    body = client.get(_url("communication_list", world.case_a), {"stakeholder": lado.pk}).content.decode()
    assert "Strategy meeting with the LADO." in body and "Briefed the inspector" not in body
    body = client.get(_url("communication_list", world.case_a), {"channel": "call"}).content.decode()
    assert "Strategy meeting" not in body and "Briefed the inspector" in body


def test_an_overdue_follow_up_is_highlighted(world, login, ofsted):
    services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="out",
                               channel="email", summary="Asked for the inspection date.",
                               follow_up_due=timezone.localdate() - dt.timedelta(days=3))
    body = login(world.alice).get(_url("communication_list", world.case_a)).content.decode()
    assert "communication-row--overdue" in body and "Overdue" in body


# Press lines -----------------------------------------------------------------------------------


def test_a_press_line_is_written_then_approved_by_someone_else(world, login):
    alice = login(world.alice)
    response = alice.post(_url("press_line_create", world.case_a),
                          {"title": "Holding statement", "text": "We are cooperating fully."})
    version = PressLineVersion.objects.get()
    assert response.status_code == 302
    listing = alice.get(_url("press_line_list", world.case_a)).content.decode()
    assert "We are cooperating fully." in listing and "Not approved — do not use" in listing

    detail = _url("press_line_detail", world.case_a, pk=version.press_line.pk)
    approve = _url("press_line_approve", world.case_a, pk=version.press_line.pk, version_pk=version.pk)
    assert "Someone other than you approves" in alice.get(detail).content.decode()
    refused = alice.post(approve)
    assert refused.status_code == 400 and "someone other than its writer" in refused.content.decode()
    version.refresh_from_db()
    assert version.approved_at is None

    assert login(world.staff_a).post(approve).status_code == 404
    assert login(world.leader_a).post(approve).status_code == 302
    version.refresh_from_db()
    assert version.approved_by == world.leader_a
    listing = alice.get(_url("press_line_list", world.case_a)).content.decode()
    assert "Approved by Lena Leader" in listing and "Not approved — do not use" not in listing


def test_a_new_version_needs_its_own_approval(world, login, press_line):
    services.press_line_approve(actor=world.carol, version=press_line)
    alice = login(world.alice)
    url = _url("press_line_version_add", world.case_a, pk=press_line.press_line.pk)
    assert alice.post(url, {"text": " "}).status_code == 400
    assert alice.post(url, {"text": "We have suspended the member of staff."}).status_code == 302
    body = alice.get(_url("press_line_detail", world.case_a, pk=press_line.press_line.pk)).content.decode()
    assert body.index("Version 2") < body.index("Version 1")
    assert "Not approved — do not use" in body and "Approved by Carol Clarke" in body
    carol = login(world.carol)
    new = PressLineVersion.objects.get(number=2)
    assert carol.post(_url("press_line_approve", world.case_a, pk=press_line.press_line.pk,
                           version_pk=new.pk)).status_code == 302


def test_a_press_line_without_wording_is_refused(world, login):
    response = login(world.alice).post(_url("press_line_create", world.case_a), {"title": "Statement", "text": ""})
    assert response.status_code == 400 and "Write the wording." in response.content.decode()
    assert not PressLineVersion.objects.exists()


# The dashboards and the case page --------------------------------------------------------------


def test_follow_ups_due_show_on_the_dashboard_and_the_leaders_home(world, login, ofsted, call):
    services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="out",
                               channel="email", summary="Chased the inspector for a date.",
                               follow_up_due=timezone.localdate() - dt.timedelta(days=2))
    services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[ofsted], direction="out",
                               channel="email", summary="Far away follow-up.",
                               follow_up_due=timezone.localdate() + dt.timedelta(days=30))
    detail = _url("communication_detail", world.case_a, pk=call.pk)
    dashboard = login(world.alice).get(reverse("crisis:dashboard")).content.decode()
    assert "Follow-ups due" in dashboard and "Chased the inspector for a date." in dashboard
    assert detail in dashboard and "follow-ups__item--overdue" in dashboard
    assert "Far away follow-up." not in dashboard
    assert dashboard.index("Chased the inspector") < dashboard.index("Briefed the inspector")
    home = login(world.leader_a).get(reverse("crisis:client_home")).content.decode()
    assert "Chased the inspector for a date." in home and detail in home
    staff = login(world.staff_a).get(reverse("crisis:client_home")).content.decode()
    assert "Follow-ups due" not in staff and "Briefed the inspector" not in staff
    assert "Briefed the inspector" not in login(world.bob).get(reverse("crisis:dashboard")).content.decode()


def test_the_case_page_shows_the_engagement_panel_to_consultants_and_leaders(world, login, ofsted, call,
                                                                             press_line):
    links = [_url(name, world.case_a) for name in
             ("stakeholder_list", "communication_list", "press_line_list", "status_report_list")]
    for user in (world.alice, world.leader_a):
        body = login(user).get(world.case_a.get_absolute_url()).content.decode()
        assert 'data-stat="stakeholders">1<' in body and 'data-stat="follow_ups_open">1<' in body
        assert 'data-stat="press_lines_unapproved">1<' in body
        assert all(link in body for link in links)
    staff = login(world.staff_a).get(world.case_a.get_absolute_url()).content.decode()
    assert 'id="engagement"' not in staff and not any(link in staff for link in links)


# Query counts ----------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _stakeholders(world, start: int, count: int) -> list[Stakeholder]:
    kinds = ["regulator", "parents", "local_media", "police"]
    return [services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind=kinds[n % 4], name=f"Stakeholder {n}", trust_level=n % 5 + 1,
        owner=world.alice, receives_reports=bool(n % 2),
        contacts=[{"name": f"Contact {n}a", "email": f"a{n}@example.test"},
                  {"name": f"Contact {n}b", "email": f"b{n}@example.test"}],
    ) for n in range(start, start + count)]


def test_the_register_runs_the_same_queries_for_3_and_30_stakeholders(world, login):
    client = login(world.alice)
    url = _url("stakeholder_list", world.case_a)
    client.get(url)  # warm caches (content types, session)
    few = _stakeholders(world, 0, 3)
    for stakeholder in few:
        services.communication_log(actor=world.alice, case=world.case_a, stakeholders=[stakeholder],
                                   direction="out", channel="call", summary="Called.")
    three = _queries(client, url)
    _stakeholders(world, 3, 27)
    thirty = _queries(client, url)
    assert three == thirty
    assert "Stakeholder 29" in client.get(url).content.decode()


def _communications(world, stakeholders, start: int, count: int) -> None:
    for n in range(start, start + count):
        services.communication_log(
            actor=world.alice, case=world.case_a, stakeholders=stakeholders[n % 2:n % 2 + 2], direction="in",
            channel="email", summary=f"Message {n}", mediation_notes=f"Note {n}",
            follow_up_due=timezone.localdate() + dt.timedelta(days=n % 9 - 3),
            attachments=[SimpleUploadedFile(f"m{n}.pdf", PDF), SimpleUploadedFile(f"n{n}.pdf", PDF)],
        )


def test_the_log_runs_the_same_queries_for_3_and_40_communications(world, login, media):
    stakeholders = _stakeholders(world, 0, 4)
    client = login(world.alice)
    url = _url("communication_list", world.case_a)
    client.get(url)
    _communications(world, stakeholders, 0, 3)
    three = _queries(client, url)
    _communications(world, stakeholders, 3, 37)
    forty = _queries(client, url)
    assert three == forty
    leader = login(world.leader_a)
    leader.get(url)
    assert _queries(leader, url) <= forty


def test_the_dashboard_runs_the_same_queries_for_1_and_10_follow_ups(world, login):
    stakeholders = _stakeholders(world, 0, 3)
    client = login(world.alice)
    url = reverse("crisis:dashboard")
    client.get(url)

    def follow_ups(start: int, count: int) -> None:
        for n in range(start, start + count):
            services.communication_log(actor=world.alice, case=world.case_a, stakeholders=stakeholders[:n % 3 + 1],
                                       direction="out", channel="call", summary=f"Follow me up {n}",
                                       follow_up_due=timezone.localdate() + dt.timedelta(days=n % 5 - 2))

    follow_ups(0, 1)
    one = _queries(client, url)
    follow_ups(1, 9)
    ten = _queries(client, url)
    assert one == ten
    assert client.get(url).content.decode().count('class="follow-ups__item') == 10

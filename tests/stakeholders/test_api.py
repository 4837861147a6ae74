"""The stakeholder engagement API: the register and trust, the communication log with its files,
press lines, schedules and status reports; who may read and change what; clear 400s that write nothing.

Alice and Carol consult for A; Bob consults for B; Lena (leader_a) leads A and Sam (staff_a) is staff at
A; Charlie (leader_b) leads B and "should have no access to A's stuff".
"""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from crisis.models import AuditEvent, ChronologyEntry
from stakeholders import services
from stakeholders.models import (
    Communication,
    CommunicationAttachment,
    Contact,
    Delivery,
    PressLineVersion,
    Stakeholder,
    StatusReport,
    TrustChange,
    UpdateSchedule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"
NOTE = "The head and the inspector barely speak: mediate before the visit."
WEEKDAY_MISSING = {"weekday": ["A weekly schedule needs the weekday it goes out on."]}


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def case_url(case, name: str) -> str:
    return reverse(name, kwargs={"reference": case.reference})


def obj_url(name: str, obj) -> str:
    return reverse(name, kwargs={"pk": obj.pk})


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def names(response) -> list[str]:
    return [row["name"] for row in rows(response)]


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def log(world, stakeholders, **overrides) -> Communication:
    values = {"actor": world.alice, "case": world.case_a, "stakeholders": stakeholders, "direction": "out",
              "channel": "call", "summary": "Briefed the inspector on the LADO referral.", "mediation_notes": NOTE}
    values.update(overrides)
    return services.communication_log(**values)


def schedule_body(chosen, **overrides) -> dict:
    body = {"name": "Weekly regulator update", "stakeholders": [s.pk for s in chosen], "cadence": "weekly",
            "weekday": 0, "time_of_day": "09:00"}
    body.update(overrides)
    return body


@pytest.fixture
def parents(world):
    """Parents and carers: kept informed, but not on the status report list."""
    return services.stakeholder_create(actor=world.alice, case=world.case_a, kind="parents",
                                       name="Parents and carers")


@pytest.fixture
def sent_report(world, ofsted, django_capture_on_commit_callbacks) -> StatusReport:
    """A status report rendered, approved by a second consultant and emailed to Ofsted's contact."""
    with django_capture_on_commit_callbacks(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.carol, status_report=report)
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT
    return report


# The register -----------------------------------------------------------------------------------


def test_a_case_lists_its_stakeholders_with_contacts_trust_and_recent_contacts(world, ofsted, lado):
    log(world, [ofsted])
    response = api(world.alice).get(case_url(world.case_a, "api-case-stakeholders"))
    assert names(response) == ["Northshire LADO", "Ofsted"]  # by kind, then name
    row = rows(response)[1]
    assert (row["case"], row["kind"], row["trust_level"], row["trust_label"]) == (
        world.case_a.reference, "regulator", 2, "Strained")
    assert row["contacts"] == [{"id": ofsted.contacts.get().pk, "name": "Senior HMI", "role": "Regulation",
                                "email": "hmi@ofsted.example", "phone": "", "receives_reports": True}]
    assert (row["recent_contacts"], row["receives_reports"], row["report_delivery"]) == (1, True, "attachment")
    assert row["last_contact_at"] is not None and row["owner"] is None
    assert rows(response)[0]["recent_contacts"] == 0 and rows(response)[0]["last_contact_at"] is None
    assert "trust_history" not in row


def test_the_stakeholder_list_filters(world, ofsted, lado, parents):
    client, url = api(world.alice), case_url(world.case_a, "api-case-stakeholders")
    assert names(client.get(url, {"kind": "regulator"})) == ["Ofsted"]
    assert names(client.get(url, {"trust": 2})) == ["Ofsted"]
    assert names(client.get(url, {"receives_reports": "true"})) == ["Northshire LADO", "Ofsted"]
    assert len(names(client.get(url))) == 3
    for bad in ({"kind": "journalist"}, {"trust": 7}, {"receives_reports": "maybe"}):
        response = client.get(url, bad)
        assert response.status_code == 400 and set(bad) <= set(response.json()), response.json()


def test_a_consultant_adds_a_stakeholder_with_its_contacts(world):
    body = {"kind": "regulator", "name": "Ofsted", "trust_level": 2, "owner": world.leader_a.pk,
            "receives_reports": True, "report_delivery": "link",
            "contacts": [{"name": "Senior HMI", "email": "hmi@ofsted.example", "role": "Regulation"},
                         {"name": "Press office", "receives_reports": False}]}
    response = api(world.alice).post(case_url(world.case_a, "api-case-stakeholders"), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["owner"] == {"id": world.leader_a.pk, "full_name": "Lena Leader"}
    assert [c["name"] for c in data["contacts"]] == ["Press office", "Senior HMI"]
    assert (data["trust_label"], data["report_delivery"], data["trust_history"]) == ("Strained", "link", [])
    stakeholder = Stakeholder.objects.get(pk=data["id"])
    assert stakeholder.case == world.case_a and stakeholder.organisation == world.org_a
    assert AuditEvent.objects.filter(verb="stakeholder.created", case=world.case_a).exists()


@pytest.mark.parametrize("change,field", [
    ({"trust_level": 7}, "trust_level"),
    ({"kind": "journalist"}, "kind"),
    ({"name": ""}, "name"),
    ({"owner": "bob"}, "owner"),  # a consultant of another organisation reads as unknown
    ({"contacts": [{"name": "HMI", "email": "not-an-email"}]}, "contacts"),
    ({"receives_reports": True, "contacts": [{"name": "HMI"}]}, "email"),  # the service's rule
])
def test_bad_stakeholder_input_is_a_400_naming_the_field_and_writes_nothing(world, change, field):
    body = {"kind": "regulator", "name": "Ofsted", **change}
    if body.get("owner") == "bob":
        body["owner"] = world.bob.pk
    response = api(world.alice).post(case_url(world.case_a, "api-case-stakeholders"), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Stakeholder.objects.exists() and not Contact.objects.exists()


def test_trust_level_7_says_the_scale(world):
    response = api(world.alice).post(case_url(world.case_a, "api-case-stakeholders"),
                                     {"kind": "police", "name": "Police", "trust_level": 7}, format="json")
    assert response.json() == {"trust_level": ["Trust is rated from 1 (broken) to 5 (strong)."]}


def test_patch_changes_the_fields_sent_but_not_trust(world, ofsted):
    client, url = api(world.alice), obj_url("api-stakeholder-detail", ofsted)
    response = client.patch(url, {"name": "Ofsted (North)", "preferred_channel": "meeting",
                                  "owner": world.carol.pk}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["name"], data["preferred_channel"], data["owner"]["id"]) == (
        "Ofsted (North)", "meeting", world.carol.pk)
    response = client.patch(url, {"trust_level": 5}, format="json")
    assert response.status_code == 400
    assert "trust/" in response.json()["trust_level"][0]
    assert client.patch(url, {}, format="json").status_code == 400
    assert client.patch(url, {"created_at": "2020-01-01"}, format="json").json() == {
        "created_at": ["This field cannot be changed."]}
    ofsted.refresh_from_db()
    assert (ofsted.trust_level, ofsted.name) == (2, "Ofsted (North)")


def test_trust_changes_with_a_reason_and_the_history_keeps_every_move(world, ofsted):
    client, url = api(world.alice), obj_url("api-stakeholder-trust", ofsted)
    assert client.post(url, {"level": 7, "reason": "x"}, format="json").json() == {
        "level": ["Trust is rated from 1 (broken) to 5 (strong)."]}
    assert client.post(url, {"level": 4, "reason": ""}, format="json").json() == {
        "reason": ["Say why trust has changed."]}
    assert not TrustChange.objects.exists()
    response = client.post(url, {"level": 4, "reason": "Monitoring visit went well."}, format="json")
    assert response.status_code == 201
    assert (response.json()["from_level"], response.json()["to_level"], response.json()["to_label"]) == (2, 4, "Good")
    client.post(url, {"level": 3, "reason": "A new complaint reached them."}, format="json")
    history = rows(client.get(url))
    assert [(h["from_level"], h["to_level"]) for h in history] == [(4, 3), (2, 4)]
    assert history[0]["changed_by"] == {"id": world.alice.pk, "full_name": "Alice Adams"}
    detail = client.get(obj_url("api-stakeholder-detail", ofsted)).json()
    assert (detail["trust_level"], len(detail["trust_history"])) == (3, 2)
    # Leaders read the history but do not move trust.
    assert len(rows(api(world.leader_a).get(url))) == 2
    assert api(world.leader_a).post(url, {"level": 5, "reason": "x"}, format="json").status_code == 403


def test_contacts_are_listed_and_added_with_a_valid_email(world, ofsted):
    client, url = api(world.alice), obj_url("api-stakeholder-contacts", ofsted)
    assert names(client.get(url)) == ["Senior HMI"]
    response = client.post(url, {"name": "Deputy HMI", "email": "not-an-email"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["email"]
    response = client.post(url, {"name": "Deputy HMI"}, format="json")  # ofsted receives reports
    assert response.json() == {"email": ["A contact who receives status reports needs an email address."]}
    response = client.post(url, {"name": "Deputy HMI", "email": "deputy@ofsted.example", "phone": "0300 123"},
                           format="json")
    assert response.status_code == 201
    assert response.json()["email"] == "deputy@ofsted.example"
    assert names(client.get(url)) == ["Deputy HMI", "Senior HMI"]
    assert api(world.leader_a).post(url, {"name": "X", "email": "x@example.test"}, format="json").status_code == 403


# The communication log --------------------------------------------------------------------------


def test_a_contact_is_logged_as_json_and_shows_its_notes_to_consultants(world, ofsted, lado):
    due = timezone.localdate() + dt.timedelta(days=3)
    body = {"stakeholders": [ofsted.pk, lado.pk], "direction": "out", "channel": "meeting",
            "summary": "Agreed the referral timetable.", "mediation_notes": NOTE, "follow_up_due": due.isoformat()}
    response = api(world.alice).post(case_url(world.case_a, "api-case-communications"), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["mediation_notes"] == NOTE
    assert sorted(s["name"] for s in data["stakeholders"]) == ["Northshire LADO", "Ofsted"]
    assert (data["follow_up_due"], data["follow_up_open"], data["attachments"]) == (due.isoformat(), True, [])
    assert data["created_by"] == {"id": world.alice.pk, "full_name": "Alice Adams"}
    [row] = rows(api(world.alice).get(case_url(world.case_a, "api-case-communications")))
    assert (row["id"], row["mediation_notes"], row["channel_label"]) == (data["id"], NOTE, "Meeting")
    entry = ChronologyEntry.objects.get(case=world.case_a, kind="contact")
    assert NOTE not in entry.details and not entry.shared_with_organisation


def test_a_contact_is_logged_as_multipart_with_files_that_download(world, ofsted, lado):
    body = {"stakeholders": [ofsted.pk, lado.pk], "direction": "in", "channel": "letter",
            "summary": "Letter from the LADO.", "follow_up_due": "",
            "attachments": [SimpleUploadedFile("letter.pdf", PDF), SimpleUploadedFile("minutes.pdf", PDF)]}
    response = api(world.alice).post(case_url(world.case_a, "api-case-communications"), body, format="multipart")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["follow_up_due"], data["mediation_notes"]) == (None, "")
    assert [(a["name"], a["size"], a["content_type"]) for a in data["attachments"]] == [
        ("letter.pdf", len(PDF), "application/pdf"), ("minutes.pdf", len(PDF), "application/pdf")]
    assert len(stored_files()) == 2

    download = api(world.leader_a).get(data["attachments"][0]["download"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"] and "letter.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff" and download["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.get(verb="communication.attachment_downloaded")
    assert (event.actor, event.case, event.summary["file"]) == (world.leader_a, world.case_a, "letter.pdf")


def test_a_refused_file_is_a_400_and_nothing_is_written(world, ofsted):
    body = {"stakeholders": [ofsted.pk], "direction": "out", "channel": "email", "summary": "Sent the plan.",
            "attachments": [SimpleUploadedFile("plan.pdf", PDF), SimpleUploadedFile("plan2.pdf", b"MZ\x90\x00" * 4)]}
    response = api(world.alice).post(case_url(world.case_a, "api-case-communications"), body, format="multipart")
    assert response.status_code == 400
    assert "does not contain what its name says" in response.json()["attachments"][0]
    assert not Communication.objects.exists() and not CommunicationAttachment.objects.exists()
    assert stored_files() == set()
    assert not ChronologyEntry.objects.filter(kind="contact").exists()


def test_stakeholders_of_another_case_read_as_unknown(world, ofsted):
    restricted = services.stakeholder_create(actor=world.alice, case=world.restricted_a, kind="police",
                                             name="Police")
    theirs = services.stakeholder_create(actor=world.bob, case=world.case_b, kind="regulator", name="Swim England")
    for other in (restricted, theirs):
        body = {"stakeholders": [ofsted.pk, other.pk], "direction": "out", "channel": "call", "summary": "x"}
        response = api(world.alice).post(case_url(world.case_a, "api-case-communications"), body, format="json")
        assert response.json() == {"stakeholders": [f"Unknown stakeholder for this case: {other.pk}."]}
    response = api(world.alice).post(case_url(world.case_a, "api-case-communications"),
                                     {"stakeholders": [], "direction": "out", "channel": "call", "summary": "x"},
                                     format="json")
    assert response.json() == {"stakeholders": ["Choose who the contact was with."]}
    assert not Communication.objects.exists()


def test_the_communication_list_filters(world, ofsted, lado):
    call = log(world, [ofsted], follow_up_due=timezone.localdate())
    email = log(world, [lado], direction="in", channel="email")
    done = log(world, [ofsted], channel="meeting", follow_up_due=timezone.localdate())
    services.communication_follow_up_done(actor=world.alice, communication=done)
    client, url = api(world.alice), case_url(world.case_a, "api-case-communications")

    def ids(params) -> list[int]:
        return [row["id"] for row in rows(client.get(url, params))]

    assert ids({}) == [done.pk, email.pk, call.pk]  # newest first
    assert ids({"stakeholder": lado.pk}) == [email.pk]
    assert ids({"channel": "email"}) == [email.pk]
    assert ids({"direction": "out"}) == [done.pk, call.pk]
    assert ids({"follow_up": "open"}) == [call.pk]
    response = client.get(url, {"channel": "fax"})
    assert response.status_code == 400 and "channel" in response.json()


def test_leaders_read_the_log_without_the_mediation_notes(world, ofsted):
    communication = log(world, [ofsted], attachments=[SimpleUploadedFile("minutes.pdf", PDF)])
    leader = api(world.leader_a)
    list_response = leader.get(case_url(world.case_a, "api-case-communications"))
    [row] = rows(list_response)
    assert row["summary"] == "Briefed the inspector on the LADO referral." and "mediation_notes" not in row
    detail = leader.get(obj_url("api-communication-detail", communication))
    assert detail.status_code == 200 and "mediation_notes" not in detail.json()
    for response in (list_response, detail, leader.get(obj_url("api-communication-attachments", communication)),
                     leader.get(reverse("api-follow-ups"))):
        assert NOTE not in response.content.decode()
    # Alice, a consultant, reads them.
    assert NOTE in api(world.alice).get(obj_url("api-communication-detail", communication)).content.decode()
    # Leaders do not log contacts.
    body = {"stakeholders": [ofsted.pk], "direction": "out", "channel": "call", "summary": "x"}
    assert leader.post(case_url(world.case_a, "api-case-communications"), body, format="json").status_code == 403
    assert Communication.objects.count() == 1


def test_a_follow_up_is_marked_done_once(world, ofsted):
    communication = log(world, [ofsted], follow_up_due=timezone.localdate() + dt.timedelta(days=1))
    url = obj_url("api-communication-follow-up-done", communication)
    assert api(world.alice).get(url).status_code == 405
    assert api(world.leader_a).post(url).status_code == 403
    response = api(world.alice).post(url)
    assert response.status_code == 200
    assert (response.json()["follow_up_done_on"], response.json()["follow_up_open"]) == (
        timezone.localdate().isoformat(), False)
    assert api(world.alice).post(url).json() == {"detail": ["There is no open follow-up on this contact."]}


def test_files_are_added_to_a_logged_contact(world, ofsted):
    communication = log(world, [ofsted])
    client, url = api(world.alice), obj_url("api-communication-attachments", communication)
    assert rows(client.get(url)) == []
    response = client.post(url, {"file": SimpleUploadedFile("reply.pdf", PDF)}, format="multipart")
    assert response.status_code == 201
    assert (response.json()["name"], len(response.json()["sha256"])) == ("reply.pdf", 64)
    response = client.post(url, {"file": SimpleUploadedFile("reply.exe", b"MZ")}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()
    assert client.post(url, {}, format="multipart").json() == {"file": ["No file was submitted."]}
    assert [a["name"] for a in rows(client.get(url))] == ["reply.pdf"]
    assert len(stored_files()) == 1
    assert api(world.leader_a).post(url, {"file": SimpleUploadedFile("x.pdf", PDF)},
                                    format="multipart").status_code == 403


def test_follow_ups_due_soon_across_the_cases_i_read(world, ofsted):
    today = timezone.localdate()
    overdue = log(world, [ofsted], follow_up_due=today - dt.timedelta(days=2))
    soon = log(world, [ofsted], follow_up_due=today + dt.timedelta(days=3))
    later = log(world, [ofsted], follow_up_due=today + dt.timedelta(days=20))
    log(world, [ofsted])  # no follow-up
    client, url = api(world.alice), reverse("api-follow-ups")
    response = rows(client.get(url))
    assert [row["id"] for row in response] == [overdue.pk, soon.pk]
    assert (response[0]["case"], response[0]["overdue"], response[1]["overdue"]) == (
        world.case_a.reference, True, False)
    assert response[0]["stakeholders"] == [{"id": ofsted.pk, "name": "Ofsted"}]
    assert "mediation_notes" not in response[0]
    assert [row["id"] for row in rows(client.get(url, {"days": 30}))] == [overdue.pk, soon.pk, later.pk]
    assert [row["id"] for row in rows(client.get(url, {"days": 0}))] == [overdue.pk]
    for bad in ("91", "-1", "soon"):
        response = client.get(url, {"days": bad})
        assert response.json() == {"days": ["Give a whole number of days from 0 to 90."]}
    assert len(rows(api(world.leader_a).get(url))) == 2
    for outsider in (world.bob, world.leader_b, world.staff_a):
        assert rows(api(outsider).get(url)) == []


# Press lines ------------------------------------------------------------------------------------


def test_press_lines_are_written_versioned_and_approved_by_someone_else(world):
    alice, leader = api(world.alice), api(world.leader_a)
    response = alice.post(case_url(world.case_a, "api-case-press-lines"),
                          {"title": "Holding statement", "text": "We are working with the authorities."},
                          format="json")
    assert response.status_code == 201, response.content
    press_line = response.json()
    [first] = press_line["versions"]
    assert (press_line["approved_for_use"], first["number"], first["approved_by"]) == (False, 1, None)
    approve = reverse("api-press-line-version-approve", kwargs={"pk": first["id"]})
    assert alice.get(approve).status_code == 405
    assert alice.post(approve).json() == {"detail": ["A press line is approved by someone other than its writer."]}
    response = leader.post(approve)  # a leader speaks for the organisation
    assert response.status_code == 200
    assert response.json()["approved_by"] == {"id": world.leader_a.pk, "full_name": "Lena Leader"}
    detail_url = reverse("api-press-line-detail", kwargs={"pk": press_line["id"]})
    assert leader.get(detail_url).json()["approved_for_use"] is True
    assert leader.post(approve).json() == {"detail": ["This version is already approved."]}

    versions = reverse("api-press-line-versions", kwargs={"pk": press_line["id"]})
    assert alice.get(versions).status_code == 405
    assert leader.post(versions, {"text": "Leaders do not write here."}, format="json").status_code == 403
    assert alice.post(versions, {"text": ""}, format="json").json() == {"text": ["Write the wording."]}
    response = alice.post(versions, {"text": "Updated wording."}, format="json")
    assert response.status_code == 201 and response.json()["number"] == 2
    detail = alice.get(detail_url).json()
    # The approved version 1 stays in use while version 2 waits for approval.
    assert [v["number"] for v in detail["versions"]] == [2, 1]
    assert (detail["approved_for_use"], detail["version_in_use"], detail["awaiting_approval"]) == (
        True, first["id"], True)
    assert api(world.carol).post(reverse("api-press-line-version-approve",
                                         kwargs={"pk": response.json()["id"]})).status_code == 200
    [row] = rows(leader.get(case_url(world.case_a, "api-case-press-lines")))
    assert row["approved_for_use"] is True and row["title"] == "Holding statement"
    assert (row["version_in_use"], row["awaiting_approval"]) == (response.json()["id"], False)
    # Staff do not see press lines at all.
    assert api(world.staff_a).post(approve).status_code == 404


def test_a_press_line_needs_a_title_and_wording(world):
    url = case_url(world.case_a, "api-case-press-lines")
    response = api(world.alice).post(url, {"title": "", "text": ""}, format="json")
    assert response.json() == {"title": ["Give the press line a title."], "text": ["Write the wording."]}
    assert not PressLineVersion.objects.exists()


# Schedules --------------------------------------------------------------------------------------


def test_a_schedule_is_created_with_its_next_due_time_in_utc_and_uk_time(world, ofsted):
    response = api(world.alice).post(case_url(world.case_a, "api-case-schedules"), schedule_body([ofsted]),
                                     format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["cadence"], data["weekday"], data["time_of_day"], data["active"]) == ("weekly", 0, "09:00", True)
    assert data["stakeholders"] == [{"id": ofsted.pk, "name": "Ofsted"}]
    assert data["next_due_at"].endswith("Z")
    local = dt.datetime.fromisoformat(data["next_due_local"])
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)
    assert dt.datetime.fromisoformat(data["next_due_at"].replace("Z", "+00:00")) == local
    assert UpdateSchedule.objects.get().next_due_at == local


@pytest.mark.parametrize("change,expected", [
    ({"weekday": None}, WEEKDAY_MISSING),
    ({"time_of_day": "9am"}, {"time_of_day": ["Give the time as HH:MM, UK time (for example 09:00)."]}),
    ({"time_of_day": "25:00"}, {"time_of_day": ["Give the time as HH:MM, UK time (for example 09:00)."]}),
    ({"cadence": "monthly"}, {"day_of_month": ["A monthly schedule needs the day of the month it goes out on."]}),
    ({"weekday": 7}, "weekday"),
    ({"cadence": "daily"}, "cadence"),
    ({"stakeholders": "parents"}, {"stakeholders": ["Not set to receive status reports: Parents and carers."]}),
    ({"stakeholders": "other case"}, "stakeholders"),
])
def test_bad_schedule_input_is_a_400_and_writes_nothing(world, ofsted, parents, change, expected):
    if change.get("stakeholders") == "parents":
        change = {"stakeholders": [parents.pk]}
    elif change.get("stakeholders") == "other case":
        other = services.stakeholder_create(actor=world.bob, case=world.case_b, kind="regulator", name="Swim England",
                                            receives_reports=True)
        change = {"stakeholders": [ofsted.pk, other.pk]}
    response = api(world.alice).post(case_url(world.case_a, "api-case-schedules"),
                                     schedule_body([ofsted], **change), format="json")
    assert response.status_code == 400
    if isinstance(expected, dict):
        assert response.json() == expected
    else:
        assert list(response.json()) == [expected]
    assert not UpdateSchedule.objects.exists()


def test_a_schedule_is_changed_paused_and_resumed(world, ofsted, lado):
    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=0, time_of_day=dt.time(9))
    client, url = api(world.alice), obj_url("api-schedule-detail", schedule)
    assert client.get(url).json()["name"] == "Weekly"
    response = client.patch(url, {"cadence": "monthly", "day_of_month": 31, "time_of_day": "16:30"}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["cadence"], data["weekday"], data["day_of_month"], data["time_of_day"]) == (
        "monthly", None, 31, "16:30")
    assert data["name"] == "Weekly" and data["stakeholders"] == [{"id": ofsted.pk, "name": "Ofsted"}]
    assert client.patch(url, {"cadence": "weekly"}, format="json").json() == WEEKDAY_MISSING
    assert client.patch(url, {"next_due_at": "2030-01-01T09:00:00Z"}, format="json").json() == {
        "next_due_at": ["This field cannot be changed."]}

    response = client.patch(url, {"active": False}, format="json")
    assert response.status_code == 200 and response.json()["active"] is False
    assert client.patch(url, {"active": False}, format="json").status_code == 200  # already paused: no change
    assert AuditEvent.objects.filter(verb="schedule.paused").count() == 1
    response = client.put(url, {**schedule_body([ofsted, lado], name="Fortnightly", cadence="fortnightly",
                                                 weekday=4, time_of_day="08:00"), "active": True}, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["name"], data["cadence"], data["weekday"], data["active"]) == ("Fortnightly", "fortnightly", 4, True)
    assert len(data["stakeholders"]) == 2
    assert client.put(url, {"name": "Missing the rest"}, format="json").status_code == 400
    assert api(world.leader_a).patch(url, {"active": False}, format="json").status_code == 403
    schedule.refresh_from_db()
    assert (schedule.active, schedule.cadence, schedule.weekday) == (True, "fortnightly", 4)


# Status reports ---------------------------------------------------------------------------------


def test_send_now_renders_and_emails_the_report(world, ofsted, case_content, django_capture_on_commit_callbacks):
    """To the governors' version with no approval: rendered and emailed at once."""
    url = case_url(world.case_a, "api-case-status-reports")
    with django_capture_on_commit_callbacks(execute=True):
        response = api(world.alice).post(url, {"stakeholders": [ofsted.pk], "audience": "governors",
                                               "requires_approval": False}, format="json")
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "generating" and response.json()["download"] is None
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.SENT
    assert [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]

    [row] = rows(api(world.leader_a).get(url))
    assert (row["id"], row["status"], row["requires_approval"], row["sent_at"] is not None) == (
        report.pk, "sent", False, True)
    assert row["audience"] == {"key": "governors", "name": "Governors and trustees", "external": False}
    assert (row["number"], row["revision"], row["guard_clean"], row["guard_hits"]) == (1, 1, True, [])
    assert row["sha256"] == report.report.sha256 and len(row["sha256"]) == 64
    assert row["download"] == obj_url("api-status-report-download", report)
    assert row["delivery_counts"] == {"total": 1, "queued": 0, "sent": 1, "failed": 0}
    assert row["stakeholders"] == [{"id": ofsted.pk, "name": "Ofsted"}]
    assert row["requested_by"] == {"id": world.alice.pk, "full_name": "Alice Adams"}
    detail = api(world.alice).get(obj_url("api-status-report-detail", report)).json()
    [delivery] = detail["deliveries"]
    assert (delivery["email"], delivery["status"], delivery["attempts"], delivery["as_link"]) == (
        "hmi@ofsted.example", "sent", 1, False)
    assert rows(api(world.alice).get(obj_url("api-status-report-deliveries", report))) == detail["deliveries"]


def test_send_now_refuses_bad_recipients_and_leaders(world, ofsted):
    url = case_url(world.case_a, "api-case-status-reports")
    other = services.stakeholder_create(actor=world.bob, case=world.case_b, kind="regulator", name="Swim England")
    client = api(world.alice)
    assert client.post(url, {"stakeholders": [other.pk]}, format="json").json() == {
        "stakeholders": [f"Unknown stakeholder for this case: {other.pk}."]}
    assert client.post(url, {"stakeholders": []}, format="json").json() == {
        "stakeholders": ["Choose who receives the report."]}
    assert client.post(url, {"stakeholders": [ofsted.pk], "requires_approval": "perhaps"},
                       format="json").status_code == 400
    assert api(world.leader_a).post(url, {"stakeholders": [ofsted.pk]}, format="json").status_code == 403
    assert not StatusReport.objects.exists()


def test_a_held_report_is_sent_once_a_second_consultant_approves_it(world, ofsted,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(world.alice).post(case_url(world.case_a, "api-case-status-reports"),
                                         {"stakeholders": [ofsted.pk], "requires_approval": False}, format="json")
    assert response.status_code == 202
    report = StatusReport.objects.get()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and not Delivery.objects.exists()
    assert report.requires_approval  # a regulator: "requires_approval": false does not count
    url = obj_url("api-status-report-approve", report)
    assert api(world.alice).get(url).status_code == 405
    assert api(world.leader_a).post(url).status_code == 403
    own = api(world.alice).post(url, {"reason": "Looks fine to me."}, format="json")
    assert own.status_code == 400 and "second consultant" in own.json()["detail"][0]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = api(world.carol).post(url, {"reason": "Read against the file."}, format="json")
    assert response.status_code == 200
    assert response.json()["approved_by"] == {"id": world.carol.pk, "full_name": "Carol Clarke"}
    assert response.json()["decision_reason"] == "Read against the file."
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT and [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]
    assert api(world.carol).post(url).json() == {"detail": ["Only a report waiting for approval can be approved."]}


def test_a_failed_delivery_is_sent_again(world, sent_report, django_capture_on_commit_callbacks):
    delivery = sent_report.deliveries.get()
    url = obj_url("api-delivery-resend", delivery)
    assert api(world.alice).post(url).json() == {"detail": ["Only a failed delivery can be sent again."]}
    # The mail server refused it, every retry long gone.
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, sent_at=None,
                                                   last_error="SMTPRecipientsRefused: mailbox full")
    StatusReport.objects.filter(pk=sent_report.pk).update(status=StatusReport.Status.FAILED)
    mail.outbox.clear()
    [row] = rows(api(world.alice).get(obj_url("api-status-report-deliveries", sent_report)))
    assert (row["status"], row["last_error"], row["resend"]) == ("failed", "SMTPRecipientsRefused: mailbox full", url)
    assert api(world.alice).get(url).status_code == 405
    assert api(world.leader_a).post(url).status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = api(world.alice).post(url)
    assert response.status_code == 200 and response.json()["status"] == "queued"
    delivery.refresh_from_db()
    sent_report.refresh_from_db()
    assert (delivery.status, delivery.last_error, sent_report.status) == ("sent", "", "sent")
    assert [m.to for m in mail.outbox] == [["hmi@ofsted.example"]]
    assert AuditEvent.objects.filter(verb="delivery.resent", actor=world.alice).count() == 1


def test_the_pdf_downloads_for_leaders_with_an_audit_event(world, sent_report):
    response = api(world.leader_a).get(obj_url("api-status-report-download", sent_report),
                                       HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and world.case_a.reference in response[
        "Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    event = AuditEvent.objects.get(verb="status_report.downloaded")
    assert (event.actor, event.case, event.summary["sha256"]) == (world.leader_a, world.case_a,
                                                                  sent_report.report.sha256)


def test_a_report_not_rendered_yet_has_nothing_to_download(world, ofsted):
    report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted])
    response = api(world.alice).get(obj_url("api-status-report-download", report))
    assert response.status_code == 404
    assert api(world.alice).get(obj_url("api-status-report-detail", report)).json()["sha256"] is None
    assert not AuditEvent.objects.filter(verb="status_report.downloaded").exists()


# Who may do what --------------------------------------------------------------------------------


CASE_LISTS = ["api-case-stakeholders", "api-case-communications", "api-case-press-lines", "api-case-schedules",
              "api-case-status-reports"]


@pytest.fixture
def engagement(world, ofsted, sent_report):
    """One of each engagement object of organisation A's open case."""
    communication = log(world, [ofsted], follow_up_due=timezone.localdate(),
                        attachments=[SimpleUploadedFile("minutes.pdf", PDF)])
    version = services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                        text="We are working with the authorities.")
    schedule = services.schedule_create(actor=world.alice, case=world.case_a, name="Weekly", stakeholders=[ofsted],
                                        cadence="weekly", weekday=0, time_of_day=dt.time(9))
    attachment = communication.attachments.get()
    return {
        "reads": [
            obj_url("api-stakeholder-detail", ofsted), obj_url("api-stakeholder-trust", ofsted),
            obj_url("api-stakeholder-contacts", ofsted), obj_url("api-communication-detail", communication),
            obj_url("api-communication-attachments", communication),
            reverse("api-communication-attachment-download",
                    kwargs={"pk": communication.pk, "attachment_pk": attachment.pk}),
            obj_url("api-press-line-detail", version.press_line), obj_url("api-schedule-detail", schedule),
            obj_url("api-status-report-detail", sent_report), obj_url("api-status-report-download", sent_report),
            obj_url("api-status-report-deliveries", sent_report),
        ],
        "writes": [
            (obj_url("api-stakeholder-trust", ofsted), {"level": 5, "reason": "x"}),
            (obj_url("api-stakeholder-contacts", ofsted), {"name": "X", "email": "x@example.test"}),
            (obj_url("api-communication-follow-up-done", communication), {}),
            (obj_url("api-communication-attachments", communication), {}),
            (obj_url("api-press-line-versions", version.press_line), {"text": "x"}),
            (obj_url("api-press-line-version-approve", version), {}),
            (obj_url("api-status-report-approve", sent_report), {}),
            (obj_url("api-delivery-resend", sent_report.deliveries.get()), {}),
        ],
        "patches": [(obj_url("api-stakeholder-detail", ofsted), {"name": "x"}),
                    (obj_url("api-schedule-detail", schedule), {"active": False})],
    }


@pytest.mark.parametrize("who", ["bob", "leader_b", "staff_b"])
def test_another_organisation_gets_404_on_every_engagement_endpoint(world, engagement, who):
    client = api(getattr(world, who))
    responses = [client.get(url) for url in engagement["reads"]]
    responses += [client.get(case_url(world.case_a, name)) for name in CASE_LISTS]
    responses += [client.post(url, body, format="json") for url, body in engagement["writes"]]
    responses += [client.post(case_url(world.case_a, name), {}, format="json") for name in CASE_LISTS]
    responses += [client.patch(url, body, format="json") for url, body in engagement["patches"]]
    for response in responses:
        assert response.status_code == 404, response.request["PATH_INFO"]
        body = response.content.decode()
        assert world.case_a.reference not in body and "Ofsted" not in body and NOTE not in body
    assert rows(client.get(reverse("api-follow-ups"))) == []
    assert not AuditEvent.objects.filter(verb__endswith="downloaded", actor=getattr(world, who)).exists()
    assert Stakeholder.objects.get(name="Ofsted").trust_level == 2
    assert UpdateSchedule.objects.get().active is True


def test_staff_are_refused_the_case_lists_and_do_not_reach_the_objects(world, engagement):
    client = api(world.staff_a)
    for name in CASE_LISTS:
        response = client.get(case_url(world.case_a, name))
        assert response.status_code == 403, name
        assert response.json() == {"detail": "Stakeholder engagement is for the organisation's leaders and its "
                                             "consultants."}
        assert client.post(case_url(world.case_a, name), {}, format="json").status_code == 403
    for url in engagement["reads"]:
        assert client.get(url).status_code == 404, url
    for url, body in engagement["writes"]:
        assert client.post(url, body, format="json").status_code == 404, url


def test_leaders_read_everything_but_change_nothing_except_press_line_approvals(world, engagement, ofsted):
    client = api(world.leader_a)
    for name in CASE_LISTS:
        assert client.get(case_url(world.case_a, name)).status_code == 200, name
    for url in engagement["reads"]:
        assert client.get(url).status_code == 200, url
    blocked = [(url, body) for url, body in engagement["writes"] if "press-line-versions" not in url]
    for url, body in blocked:
        assert client.post(url, body, format="json").status_code == 403, url
    for url, body in engagement["patches"]:
        assert client.patch(url, body, format="json").status_code == 403, url
    for name in CASE_LISTS:
        assert client.post(case_url(world.case_a, name), {}, format="json").status_code == 403, name
    ofsted.refresh_from_db()
    assert (ofsted.trust_level, ofsted.name, ofsted.contacts.count()) == (2, "Ofsted", 1)


def test_the_restricted_case_is_hidden_from_consultants_not_named_on_it(world):
    stakeholder = services.stakeholder_create(actor=world.alice, case=world.restricted_a, kind="police",
                                              name="Police")
    client = api(world.carol)
    assert client.get(case_url(world.restricted_a, "api-case-stakeholders")).status_code == 404
    assert client.get(obj_url("api-stakeholder-detail", stakeholder)).status_code == 404
    assert api(world.alice).get(obj_url("api-stakeholder-detail", stakeholder)).status_code == 200


def test_the_schema_lists_every_engagement_endpoint(world):
    schema = api(world.alice).get(reverse("api-schema"), {"format": "json"}).json()
    assert {
        "/api/v1/cases/{reference}/stakeholders/",
        "/api/v1/stakeholders/{id}/",
        "/api/v1/stakeholders/{id}/trust/",
        "/api/v1/stakeholders/{id}/contacts/",
        "/api/v1/cases/{reference}/communications/",
        "/api/v1/communications/{id}/",
        "/api/v1/communications/{id}/follow-up-done/",
        "/api/v1/communications/{id}/attachments/",
        "/api/v1/communications/{id}/attachments/{attachment_pk}/",
        "/api/v1/follow-ups/",
        "/api/v1/cases/{reference}/press-lines/",
        "/api/v1/press-lines/{id}/",
        "/api/v1/press-lines/{id}/versions/",
        "/api/v1/press-line-versions/{id}/approve/",
        "/api/v1/cases/{reference}/schedules/",
        "/api/v1/schedules/{id}/",
        "/api/v1/cases/{reference}/status-reports/",
        "/api/v1/status-reports/{id}/",
        "/api/v1/status-reports/{id}/approve/",
        "/api/v1/status-reports/{id}/download/",
        "/api/v1/status-reports/{id}/deliveries/",
        "/api/v1/deliveries/{id}/resend/",
    } <= set(schema["paths"])
    communication = schema["components"]["schemas"]["CommunicationOutput"]
    assert "mediation_notes" not in communication.get("required", [])


def test_a_leader_not_named_on_a_restricted_case_cannot_hold_its_relationships(world):
    url = case_url(world.restricted_a, "api-case-stakeholders")
    body = {"kind": "regulator", "name": "Charity Commission", "owner": world.unnamed_leader_a.pk}
    response = api(world.alice).post(url, body, format="json")
    assert response.status_code == 400
    assert response.json() == {"owner": [
        "Unknown owner: the owner is one of the case's consultants or its leaders (named, on a restricted case)."]}
    assert not Stakeholder.objects.exists()
    # The leader named on it may.
    response = api(world.alice).post(url, {**body, "owner": world.leader_a.pk}, format="json")
    assert response.status_code == 201, response.content

"""The action plan API: tenancy, who may take which step, evidence checked with nothing stored on
refusal, consultant notes kept from the organisation, and a fixed query count.

Alice consults for A; Bob consults for B; Lena leads A and Sam is staff at A; Charlie (leader_b)
leads B and "should have no access to A's stuff".
"""

import datetime as dt
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assessment import services as assessment_services
from crisis.models import AuditEvent, Stage
from response import services as response_services
from response.models import Action, ActionEvent, ActionNote, Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"
SECRET = "Head teacher minimises concerns: watch closely."


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def add_action(world, case=None, **overrides) -> Action:
    values = {"actor": world.alice, "case": case or world.case_a, "title": "Complete the single central record",
              "due_on": timezone.localdate() + dt.timedelta(days=14), "owner": world.staff_a}
    values.update(overrides)
    return response_services.action_create(**values)


def action_url(action: Action, name: str = "api-action-detail") -> str:
    return reverse(name, kwargs={"pk": action.pk})


def case_url(case, name: str = "api-case-actions") -> str:
    return reverse(name, kwargs={"reference": case.reference})


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


def stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return set(root.rglob("*")) if root.exists() else set()


def upload(client: APIClient, action: Action, name: str, content: bytes, title: str = "SCR export"):
    return client.post(action_url(action, "api-action-evidence"),
                       {"file": SimpleUploadedFile(name, content), "title": title}, format="multipart")


# Listing ----------------------------------------------------------------------------------------


def test_a_case_lists_its_actions_overdue_first_with_what_a_row_shows(world):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Gaps in the SCR",
                                           category="legal",
                                inherent_likelihood=4, inherent_impact=4)
    add_action(world, title="Later", due_on=timezone.localdate() + dt.timedelta(days=30), risks=[risk])
    late = add_action(world, title="Late", due_on=timezone.localdate() + dt.timedelta(days=1))
    Action.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - dt.timedelta(days=2))
    response = api(world.alice).get(case_url(world.case_a))
    assert response.status_code == 200
    assert titles(response) == ["Late", "Later"]
    late_row, later_row = response.json()["results"]
    assert (late_row["rag"], late_row["overdue"], late_row["case"]) == ("red", True, world.case_a.reference)
    assert later_row["risks"] == [{"id": risk.pk, "title": "Gaps in the SCR", "band": "critical"}]
    assert later_row["owner"] == {"id": world.staff_a.pk, "full_name": "Sam Staff"}
    assert "consultant_notes" not in later_row


def test_the_case_list_filters(world):
    add_action(world, title="Sam's", owner=world.staff_a)
    mine = add_action(world, title="Lena's", owner=world.leader_a)
    response_services.action_mark_done(actor=world.leader_a, action=mine, completion_notes="Done.")
    client = api(world.alice)
    assert titles(client.get(case_url(world.case_a), {"owner": world.leader_a.pk})) == ["Lena's"]
    assert titles(client.get(case_url(world.case_a), {"status": "open"})) == ["Sam's"]
    assert titles(client.get(case_url(world.case_a), {"status": "done"})) == ["Lena's"]
    assert titles(client.get(case_url(world.case_a), {"q": "sam"})) == ["Sam's"]
    assert titles(client.get(case_url(world.case_a), {"overdue": "true"})) == []
    response = client.get(case_url(world.case_a), {"status": "finished"})
    assert response.status_code == 400 and "status" in response.json()


def test_our_action_plan_shows_the_open_actions_and_mine(world):
    add_action(world, title="Sam's", owner=world.staff_a)
    add_action(world, title="Lena's", owner=world.leader_a)
    done = add_action(world, title="Finished", owner=world.leader_a)
    response_services.action_mark_done(actor=world.leader_a, action=done, completion_notes="Done.")
    client = api(world.leader_a)
    assert sorted(titles(client.get(reverse("api-action-plan")))) == ["Lena's", "Sam's"]
    assert titles(client.get(reverse("api-action-plan"), {"mine": "true"})) == ["Lena's"]
    assert titles(client.get(reverse("api-action-plan"), {"status": "done"})) == ["Finished"]
    assert titles(api(world.leader_b).get(reverse("api-action-plan"))) == []


@pytest.mark.parametrize("name", ["api-case-actions", "api-action-plan"])
def test_list_queries_do_not_grow_with_actions(world, name):
    risks = [assessment_services.risk_create(actor=world.alice, case=world.case_a, title=f"Risk {n}", category="legal",
                                  inherent_likelihood=n + 1, inherent_impact=3) for n in range(3)]
    owners = [world.staff_a, world.leader_a, world.alice, None]
    url = case_url(world.case_a) if name == "api-case-actions" else reverse(name)

    def add(start: int, stop: int) -> None:
        for n in range(start, stop):
            action = Action.objects.create(
                organisation=world.org_a, case=world.case_a, title=f"Action {n}", owner=owners[n % 4],
                due_on=timezone.localdate() + dt.timedelta(days=n % 20 - 5), created_by=world.alice,
            )
            action.risks.set(risks[: n % 3 + 1])
            if n % 5 == 0:
                Evidence.objects.create(organisation=world.org_a, case=world.case_a, action=action, kind="link",
                                        title="Minutes", url="https://example.test/minutes", uploaded_by=world.alice)

    def measure(user) -> tuple[int, int]:
        client = api(user)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()["count"]

    add(0, 10)
    few = [measure(user) for user in (world.alice, world.leader_a)]
    add(10, 300)
    many = [measure(user) for user in (world.alice, world.leader_a)]
    assert [rows for _, rows in few] == [10, 10] and [rows for _, rows in many] == [300, 300]
    assert [queries for queries, _ in many] == [queries for queries, _ in few]


# Creating and changing --------------------------------------------------------------------------


def test_a_consultant_adds_an_action_linked_to_risks(world):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Gaps in the SCR",
                                           category="legal",
                                inherent_likelihood=4, inherent_impact=4)
    response = api(world.alice).post(case_url(world.case_a), {
        "title": "Complete the SCR", "owner": world.leader_a.pk, "due_on": "2030-01-31", "priority": "urgent",
        "risks": [risk.pk], "consultant_notes": SECRET,
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    action = Action.objects.get(pk=body["id"])
    assert (action.owner, action.priority, list(action.risks.all())) == (world.leader_a, "urgent", [risk])
    assert body["consultant_notes"] == SECRET
    assert AuditEvent.objects.filter(verb="action.created", object_id=str(action.pk)).exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"title": ""}, "title"),
        ({"due_on": "soon"}, "due_on"),
        ({"priority": "whenever"}, "priority"),
        ({"owner": 999999}, "owner"),
        ({"start_on": "2031-01-01"}, "due_on"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_writes_nothing(world, change, field):
    body = {"title": "An action", "due_on": "2030-01-31", **change}
    response = api(world.alice).post(case_url(world.case_a), body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Action.objects.exists()


def test_owners_and_risks_of_another_organisation_read_as_unknown(world):
    foreign = assessment_services.risk_create(actor=world.bob, case=world.case_b, title="Poolside supervision",
                                   category="operational", inherent_likelihood=3, inherent_impact=3)
    response = api(world.alice).post(case_url(world.case_a), {
        "title": "An action", "due_on": "2030-01-31", "owner": world.leader_b.pk, "risks": [foreign.pk],
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "owner": ["Unknown owner: not a member of the organisation or a consultant assigned to it."],
        "risks": [f"Unknown risk for this case: {foreign.pk}."],
    }
    assert "Poolside" not in response.content.decode() and "Charlie" not in response.content.decode()


def test_malformed_json_is_a_400_not_a_500(world):
    response = api(world.alice).post(case_url(world.case_a), data='{"title": ', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


@pytest.mark.parametrize("who", ["leader_a", "staff_a"])
def test_leaders_and_staff_cannot_add_actions(world, who):
    response = api(getattr(world, who)).post(case_url(world.case_a), {"title": ""}, format="json")
    assert response.status_code == 403
    assert not Action.objects.exists()


def test_patch_changes_the_fields_sent(world):
    action = add_action(world)
    response = api(world.alice).patch(action_url(action), {"title": "Complete the SCR audit", "priority": "low",
                                                           "owner": world.leader_a.pk}, format="json")
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["owner"]["id"]) == ("Complete the SCR audit", world.leader_a.pk)
    action.refresh_from_db()
    assert (action.title, action.priority, action.owner) == ("Complete the SCR audit", "low", world.leader_a)
    refused = api(world.alice).patch(action_url(action), {"status": "verified"}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"status": ["This field cannot be changed."]}
    assert api(world.alice).patch(action_url(action), {}, format="json").json() == {
        "detail": ["Send at least one field to change."]
    }


@pytest.mark.parametrize("who", ["staff_a", "leader_a"])
def test_staff_and_leaders_read_the_action_but_cannot_patch_it(world, who):
    action = add_action(world)
    client = api(getattr(world, who))
    read = client.get(action_url(action))
    assert read.status_code == 200 and read.json()["title"] == "Complete the single central record"
    assert client.get(case_url(world.case_a)).json()["count"] == 1
    assert client.patch(action_url(action), {"title": "x"}, format="json").status_code == 403
    # 403 before the input: a bad body does not turn it into a 400.
    assert client.patch(action_url(action), {"due_on": "nonsense"}, format="json").status_code == 403
    action.refresh_from_db()
    assert action.title == "Complete the single central record"


# Consultant-only notes --------------------------------------------------------------------------


def test_consultant_notes_are_absent_for_the_organisation(world):
    action = add_action(world, consultant_notes=SECRET)
    response_services.action_note_add(actor=world.alice, action=action, body="Private: check the DSL's log.",
                             consultant_only=True)
    response_services.action_note_add(actor=world.staff_a, action=action, body="Started the audit.")
    response_services.action_update(actor=world.alice, action=action, consultant_notes=SECRET + " Again.")

    consultant = api(world.alice).get(action_url(action)).json()
    assert consultant["consultant_notes"] == SECRET + " Again."
    for who in ("leader_a", "staff_a"):
        client = api(getattr(world, who))
        detail = client.get(action_url(action))
        assert "consultant_notes" not in detail.json()
        notes = client.get(action_url(action, "api-action-notes"))
        history = client.get(action_url(action, "api-action-history"))
        for response in (detail, notes, history, client.get(case_url(world.case_a)),
                         client.get(reverse("api-action-plan"))):
            assert response.status_code == 200
            assert SECRET not in response.content.decode() and "Private" not in response.content.decode()
        assert [n["body"] for n in notes.json()["results"]] == ["Started the audit."]
        assert "consultant_notes_updated" not in [e["verb"] for e in history.json()["results"]]
    notes = api(world.alice).get(action_url(action, "api-action-notes")).json()["results"]
    assert [n["consultant_only"] for n in notes] == [True, False]


def test_notes_are_added_by_those_who_update_the_action(world):
    action = add_action(world)
    response = api(world.staff_a).post(action_url(action, "api-action-notes"), {"body": "Half the files checked."},
                                       format="json")
    assert response.status_code == 201
    assert response.json()["author"] == {"id": world.staff_a.pk, "full_name": "Sam Staff"}
    secret = api(world.leader_a).post(action_url(action, "api-action-notes"),
                                      {"body": "Just us", "consultant_only": True}, format="json")
    assert secret.status_code == 403
    blank = api(world.alice).post(action_url(action, "api-action-notes"), {"body": " "}, format="json")
    assert blank.status_code == 400 and blank.json() == {"body": ["Write the note first."]}
    assert ActionNote.objects.count() == 1


# The life cycle ---------------------------------------------------------------------------------


def test_the_life_cycle_progress_done_verify_reopen(world):
    action = add_action(world, owner=world.staff_a)
    staff, alice, leader = api(world.staff_a), api(world.alice), api(world.leader_a)

    response = staff.post(action_url(action, "api-action-progress"), {"progress": 40}, format="json")
    assert response.status_code == 200
    assert (response.json()["progress"], response.json()["status"]) == (40, "in_progress")
    blocked = leader.post(action_url(action, "api-action-progress"), {"status": "blocked"}, format="json")
    assert blocked.status_code == 400 and "blocked_reason" in blocked.json()
    response = leader.post(action_url(action, "api-action-progress"),
                           {"status": "blocked", "blocked_reason": "Waiting for the agency's records."}, format="json")
    assert (response.json()["status"], response.json()["rag"]) == ("blocked", "red")

    assert leader.post(action_url(action, "api-action-done"), {"completion_notes": "x"},
                       format="json").status_code == 403
    assert alice.post(action_url(action, "api-action-done"), {"completion_notes": "x"},
                      format="json").status_code == 403
    no_note = staff.post(action_url(action, "api-action-done"), {"completion_notes": " "}, format="json")
    assert no_note.status_code == 400 and "completion_notes" in no_note.json()
    response = staff.post(action_url(action, "api-action-done"), {"completion_notes": "All 48 staff checked."},
                          format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["progress"]) == ("done", 100)
    assert response.json()["done_by"] == {"id": world.staff_a.pk, "full_name": "Sam Staff"}

    for who in (leader, staff):
        assert who.post(action_url(action, "api-action-verify"), {}, format="json").status_code == 403
    response = alice.post(action_url(action, "api-action-verify"), {"note": "Checked the SCR export."}, format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["verified_by"]["id"]) == ("verified", world.alice.pk)

    assert leader.post(action_url(action, "api-action-reopen"), {"reason": "x"}, format="json").status_code == 403
    no_reason = alice.post(action_url(action, "api-action-reopen"), {}, format="json")
    assert no_reason.status_code == 400 and no_reason.json() == {"reason": ["Say why the action is reopened."]}
    response = alice.post(action_url(action, "api-action-reopen"), {"reason": "Two agency staff are missing."},
                          format="json")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["verified_by"], response.json()["done_by"]) == (
        "in_progress", None, None)

    history = staff.get(action_url(action, "api-action-history")).json()["results"]
    assert [e["verb"] for e in history] == ["reopened", "verified", "done", "progress", "progress", "created"]
    assert history[0]["changes"] == {"reason": "Two agency staff are missing."}
    assert AuditEvent.objects.filter(verb="action.verified", case=world.case_a).exists()


@pytest.mark.parametrize("body", [{"progress": 150}, {"progress": -1}, {"progress": "most"}])
def test_progress_out_of_range_is_a_400(world, body):
    action = add_action(world)
    response = api(world.alice).post(action_url(action, "api-action-progress"), body, format="json")
    assert response.status_code == 400
    assert response.json() == {"progress": ["Progress is a whole number from 0 to 100."]}
    action.refresh_from_db()
    assert action.progress == 0


def test_progress_moves_an_action_not_started_to_in_progress(world):
    action = add_action(world)
    response = api(world.staff_a).post(action_url(action, "api-action-progress"),
                                       {"progress": 40, "status": "not_started"}, format="json")
    assert response.status_code == 200
    assert (response.json()["progress"], response.json()["status"]) == (40, "in_progress")
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


def test_progress_cannot_finish_or_verify_an_action(world):
    action = add_action(world)
    response = api(world.staff_a).post(action_url(action, "api-action-progress"), {"status": "done"}, format="json")
    assert response.status_code == 400 and "done/" in response.json()["status"][0]
    empty = api(world.staff_a).post(action_url(action, "api-action-progress"), {}, format="json")
    assert empty.status_code == 400


def test_staff_update_only_the_actions_they_own(world):
    other = add_action(world, owner=world.leader_a)
    client = api(world.staff_a)
    assert client.get(action_url(other)).status_code == 200  # staff see the whole plan of their cases
    assert client.post(action_url(other, "api-action-progress"), {"progress": 150},
                       format="json").status_code == 403
    assert client.post(action_url(other, "api-action-notes"), {"body": "x"}, format="json").status_code == 403
    assert upload(client, other, "a.pdf", PDF).status_code == 403
    assert not Evidence.objects.exists()


def test_a_closed_case_refuses_changes_with_a_400(world):
    action = add_action(world)
    world.case_a.stage = Stage.CLOSED
    world.case_a.save(update_fields=["stage"])
    response = api(world.staff_a).post(action_url(action, "api-action-progress"), {"progress": 50}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": ["The case is closed: its action plan can no longer be changed."]}


# Evidence ---------------------------------------------------------------------------------------


def test_evidence_upload_is_stored_and_downloads_as_an_attachment(world):
    action = add_action(world)
    before = stored_files()
    response = upload(api(world.staff_a), action, "register.pdf", PDF)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["title"], body["original_name"], body["content_type"], body["size"]) == (
        "file", "SCR export", "register.pdf", "application/pdf", len(PDF))
    evidence = Evidence.objects.get(pk=body["id"])
    stored = Path(evidence.file.path)
    assert stored in stored_files() - before and stored.read_bytes() == PDF
    assert "register" not in evidence.file.name

    listed = api(world.leader_a).get(action_url(action, "api-action-evidence")).json()["results"]
    assert [e["id"] for e in listed] == [evidence.pk]
    download = api(world.leader_a).get(listed[0]["download"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;") and "register.pdf" in download[
        "Content-Disposition"]
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(verb="evidence.downloaded", actor=world.leader_a,
                                     object_id=str(evidence.pk)).exists()


@pytest.mark.parametrize(
    "name,head,padding,message",
    [
        ("tool.exe", b"MZ\x90\x00", 0, "is not an allowed type"),
        ("minutes.pdf", b"MZ\x90\x00", 0, "does not contain what its name says"),
        ("big.pdf", PDF, 200, "the limit is"),
    ],
)
def test_refused_evidence_is_a_400_with_the_reason_and_nothing_is_stored(world, settings, name, head, padding,
                                                                          message):
    settings.EVIDENCE_MAX_BYTES = 100
    # A marker of this run: other test runs may write to the same storage meanwhile.
    marker = uuid.uuid4().hex.encode()
    action = add_action(world)
    before = stored_files()
    response = upload(api(world.staff_a), action, name, head + marker + b"0" * padding)
    assert response.status_code == 400
    assert message in response.json()["file"][0]
    assert Evidence.objects.count() == 0
    assert not [path for path in stored_files() - before if path.is_file() and marker in path.read_bytes()]
    assert not ActionEvent.objects.filter(verb="evidence_added").exists()


def test_a_link_is_evidence_too_but_has_nothing_to_download(world):
    action = add_action(world)
    client = api(world.leader_a)
    response = client.post(action_url(action, "api-action-evidence"),
                           {"url": "https://example.test/minutes", "title": "Governors' minutes"}, format="json")
    assert response.status_code == 201
    assert (response.json()["kind"], response.json()["download"]) == ("link", None)
    evidence = Evidence.objects.get()
    download = reverse("api-action-evidence-download", kwargs={"pk": action.pk, "evidence_pk": evidence.pk})
    assert client.get(download).status_code == 404
    bad = client.post(action_url(action, "api-action-evidence"), {"url": "javascript:alert(1)"}, format="json")
    assert bad.status_code == 400 and "url" in bad.json()
    nothing = client.post(action_url(action, "api-action-evidence"), {"title": "x"}, format="json")
    assert nothing.status_code == 400 and "detail" in nothing.json()
    assert Evidence.objects.count() == 1


def test_evidence_of_another_action_is_not_reached_through_this_one(world):
    action = add_action(world)
    other = add_action(world, title="Other")
    evidence = response_services.action_evidence_add_file(actor=world.alice, action=other,
                                                 uploaded_file=SimpleUploadedFile("a.pdf", PDF))
    url = reverse("api-action-evidence-download", kwargs={"pk": action.pk, "evidence_pk": evidence.pk})
    assert api(world.alice).get(url).status_code == 404


# Tenancy ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["bob", "leader_b", "staff_b"])
def test_another_organisation_gets_404_on_every_action_endpoint(world, who):
    action = add_action(world, consultant_notes=SECRET)
    evidence = response_services.action_evidence_add_file(actor=world.staff_a, action=action,
                                                 uploaded_file=SimpleUploadedFile("register.pdf", PDF))
    client = api(getattr(world, who))
    download = reverse("api-action-evidence-download", kwargs={"pk": action.pk, "evidence_pk": evidence.pk})
    reads = [case_url(world.case_a), action_url(action), action_url(action, "api-action-notes"),
             action_url(action, "api-action-evidence"), download, action_url(action, "api-action-history")]
    writes = [
        (case_url(world.case_a), {"title": "x", "due_on": "2030-01-01"}),
        (action_url(action, "api-action-progress"), {"progress": 50}),
        (action_url(action, "api-action-done"), {"completion_notes": "x"}),
        (action_url(action, "api-action-verify"), {}),
        (action_url(action, "api-action-reopen"), {"reason": "x"}),
        (action_url(action, "api-action-notes"), {"body": "x"}),
        (action_url(action, "api-action-evidence"), {"url": "https://example.test"}),
    ]
    responses = [client.get(url) for url in reads]
    responses += [client.post(url, body, format="json") for url, body in writes]
    responses.append(client.patch(action_url(action), {"title": "x"}, format="json"))
    for response in responses:
        assert response.status_code == 404, response.request["PATH_INFO"]
        body = response.content.decode()
        assert world.case_a.reference not in body and action.title not in body and SECRET not in body
    assert titles(client.get(reverse("api-action-plan"))) == []
    action.refresh_from_db()
    assert (action.progress, action.title, Evidence.objects.count(), ActionNote.objects.count()) == (
        0, "Complete the single central record", 1, 0)
    assert not AuditEvent.objects.filter(verb="evidence.downloaded").exists()


def test_the_schema_lists_every_action_endpoint(world):
    schema = api(world.alice).get(reverse("api-schema"), {"format": "json"}).json()
    assert {
        "/api/v1/cases/{reference}/actions/",
        "/api/v1/actions/",
        "/api/v1/actions/{id}/",
        "/api/v1/actions/{id}/progress/",
        "/api/v1/actions/{id}/done/",
        "/api/v1/actions/{id}/verify/",
        "/api/v1/actions/{id}/reopen/",
        "/api/v1/actions/{id}/notes/",
        "/api/v1/actions/{id}/evidence/",
        "/api/v1/actions/{id}/evidence/{evidence_pk}/",
        "/api/v1/actions/{id}/history/",
    } <= set(schema["paths"])


def test_a_file_lost_from_storage_is_a_404_and_no_download_is_audited(world, login):
    """The page and the API alike: the audit says a file was downloaded only when it was."""
    action = add_action(world)
    evidence = response_services.action_evidence_add_file(actor=world.alice, action=action,
                                                 uploaded_file=SimpleUploadedFile("a.pdf", PDF))
    evidence.file.storage.delete(evidence.file.name)
    api_url = reverse("api-action-evidence-download", kwargs={"pk": action.pk, "evidence_pk": evidence.pk})
    page_url = reverse("response:evidence_download", kwargs={"reference": action.case.reference, "pk": action.pk,
                                                           "evidence_pk": evidence.pk})
    assert api(world.alice).get(api_url).status_code == 404
    assert login(world.alice).get(page_url).status_code == 404
    assert not AuditEvent.objects.filter(verb="evidence.downloaded").exists()


def test_a_leader_not_named_on_a_restricted_case_reads_as_an_unknown_owner(world):
    before = AuditEvent.objects.count()
    response = api(world.alice).post(case_url(world.restricted_a), {
        "title": "Cover the DSL rota", "due_on": "2030-01-31", "owner": world.unnamed_leader_a.pk,
    }, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "owner": ["Unknown owner: not a member of the organisation or a consultant assigned to it."]}
    assert not Action.objects.exists() and AuditEvent.objects.count() == before
    # Moving an existing action to her is refused the same way.
    action = add_action(world, case=world.restricted_a, owner=world.leader_a)
    response = api(world.alice).patch(action_url(action), {"owner": world.unnamed_leader_a.pk}, format="json")
    assert response.status_code == 400 and "owner" in response.json()
    action.refresh_from_db()
    assert action.owner == world.leader_a

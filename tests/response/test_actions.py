"""The action plan's life cycle: who may do each step, evidence checked by content, history kept."""

import datetime as dt
import importlib
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import RiskCategory
from crisis import services
from crisis.models import AuditEvent, Rag, Stage
from response import selectors as response_selectors
from response import services as response_services
from response.models import Action, ActionEvent, Evidence

from ..conftest import complete_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _action(world, **kwargs):
    values = {"actor": world.alice, "case": world.case_a, "title": "Complete the single central record",
              "due_on": timezone.localdate() + dt.timedelta(days=14), "owner": world.staff_a}
    values.update(kwargs)
    return response_services.action_create(**values)


def _stored_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return set(root.rglob("*")) if root.exists() else set()


def test_the_owner_declares_done_and_a_consultant_verifies(world):
    action = _action(world)
    response_services.action_update_progress(actor=world.staff_a, action=action, progress=40)
    action.refresh_from_db()
    assert (action.progress, action.status) == (40, Action.Status.IN_PROGRESS)

    with pytest.raises(PermissionDenied, match="Only the action's owner"):
        response_services.action_mark_done(actor=world.leader_a, action=action, completion_notes="Done")
    with pytest.raises(ValidationError, match="Say what was done"):
        response_services.action_mark_done(actor=world.staff_a, action=action, completion_notes=" ")
    with pytest.raises(ValidationError, match="Only an action its owner has marked done"):
        response_services.action_verify(actor=world.alice, action=action)

    response_services.action_mark_done(actor=world.staff_a, action=action, completion_notes="All 48 staff checked.")
    with pytest.raises(PermissionDenied):
        response_services.action_verify(actor=world.staff_a, action=action)
    with pytest.raises(PermissionDenied):
        response_services.action_verify(actor=world.leader_a, action=action)
    response_services.action_verify(actor=world.alice, action=action, note="Checked the SCR export.")
    action.refresh_from_db()
    assert action.status == Action.Status.VERIFIED and action.verified_by == world.alice
    assert action.done_by == world.staff_a and action.progress == 100 and action.rag == Rag.GREEN
    verbs = list(ActionEvent.objects.filter(action=action).order_by("at", "id").values_list("verb", flat=True))
    assert verbs == ["created", "progress", "done", "verified"]
    assert AuditEvent.objects.filter(verb="action.verified", case=world.case_a).exists()

    response_services.action_reopen(actor=world.alice, action=action, reason="Two agency staff are missing.")
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS and action.verified_by is None


def test_progress_moves_an_action_not_started_to_in_progress(world):
    """The status sent with the progress may still say "not started": progress above 0 wins, and the
    move is in the history and the audit log like any other."""
    action = _action(world)
    response_services.action_update_progress(actor=world.staff_a, action=action, progress=0,
                                             status=Action.Status.NOT_STARTED)
    action.refresh_from_db()
    assert (action.progress, action.status) == (0, Action.Status.NOT_STARTED)

    response_services.action_update_progress(actor=world.staff_a, action=action, progress=40,
                                             status=Action.Status.NOT_STARTED)

    action.refresh_from_db()
    assert (action.progress, action.status) == (40, Action.Status.IN_PROGRESS)
    change = {"from": Action.Status.NOT_STARTED, "to": Action.Status.IN_PROGRESS}
    assert ActionEvent.objects.get(action=action, verb="progress").changes["status"] == change
    assert AuditEvent.objects.get(verb="action.progress", object_id=str(action.pk)).summary["status"] == change


def test_who_may_update_progress(world):
    action = _action(world, owner=world.leader_a)
    response_services.action_update_progress(actor=world.leader_a, action=action, progress=10)
    response_services.action_update_progress(actor=world.alice, action=action, progress=20)
    for outsider in (world.staff_a, world.bob, world.leader_b):  # staff_a does not own this one
        with pytest.raises(PermissionDenied):
            response_services.action_update_progress(actor=outsider, action=action, progress=90)
    action.refresh_from_db()
    assert action.progress == 20


def test_only_consultants_create_and_edit_actions(world):
    for who in (world.leader_a, world.staff_a, world.bob):
        with pytest.raises(PermissionDenied):
            _action(world, actor=who)
    action = _action(world)
    with pytest.raises(PermissionDenied):
        response_services.action_update(actor=world.leader_a, action=action, title="Softer")


def test_blocked_needs_a_reason_and_progress_is_0_to_100(world):
    action = _action(world)
    with pytest.raises(ValidationError, match="Say what is blocking"):
        response_services.action_update_progress(actor=world.staff_a, action=action, status="blocked")
    for bad in (101, -1, "50"):
        with pytest.raises(ValidationError, match="0 to 100"):
            response_services.action_update_progress(actor=world.staff_a, action=action, progress=bad)
    with pytest.raises(ValidationError, match="Mark done"):
        response_services.action_update_progress(actor=world.staff_a, action=action, status="verified")
    response_services.action_update_progress(actor=world.staff_a, action=action, status="blocked",
                                    blocked_reason="Waiting for the DBS update service.")
    action.refresh_from_db()
    assert action.status == Action.Status.BLOCKED and action.rag == Rag.RED


def test_rag_follows_the_due_date_and_progress(world):
    today = timezone.localdate()
    assert _action(world, due_on=today - dt.timedelta(days=1)).rag == Rag.RED
    assert _action(world, due_on=today + dt.timedelta(days=3)).rag == Rag.AMBER
    assert _action(world, due_on=today + dt.timedelta(days=30)).rag == Rag.GREEN
    behind = _action(world, start_on=today - dt.timedelta(days=20), due_on=today + dt.timedelta(days=20))
    assert behind.rag == Rag.AMBER  # half the time gone, nothing done


def test_an_action_addresses_risks_of_its_own_case_only(world):
    risk = assessment_services.risk_create(actor=world.bob, case=world.case_b, title="Coach",
                                           category=RiskCategory.PERSONNEL,
                                inherent_likelihood=3, inherent_impact=4)
    with pytest.raises(ValidationError, match="its own case"):
        _action(world, risks=[risk])


def test_consultant_notes_and_notes_stay_with_consultants(world):
    action = _action(world, consultant_notes="Head is defensive about this; push gently.")
    response_services.action_note_add(actor=world.alice, action=action, body="Checked with the LADO.",
                                      consultant_only=True)
    response_services.action_note_add(actor=world.staff_a, action=action, body="Half the files checked.")
    with pytest.raises(PermissionDenied):
        response_services.action_note_add(actor=world.leader_a, action=action, body="x", consultant_only=True)
    response_services.action_update(actor=world.alice, action=action, consultant_notes="Now cooperative.")

    leader_notes = [n.body for n in response_selectors.action_notes(user=world.leader_a, action=action)]
    assert leader_notes == ["Half the files checked."]
    assert len(response_selectors.action_notes(user=world.alice, action=action)) == 2
    leader_events = response_selectors.action_events(user=world.leader_a, action=action)
    assert not any(e.consultant_only for e in leader_events)
    assert any(e.verb == "consultant_notes_updated" for e in response_selectors.action_events(user=world.alice,
                                                                                              action=action))


@pytest.mark.parametrize(
    "name,content",
    [("policy.pdf", PDF), ("photo.png", PNG), ("audit.docx", None)],
)
def test_evidence_of_an_allowed_type_is_stored_privately_under_a_random_name(world, name, content):
    action = _action(world)
    upload = SimpleUploadedFile(name, content if content is not None else _docx())
    evidence = response_services.action_evidence_add_file(actor=world.staff_a, action=action, uploaded_file=upload)
    assert evidence.original_name == name and evidence.size > 0 and len(evidence.sha256) == 64
    assert name not in evidence.file.name and evidence.file.name.startswith(f"evidence/{world.org_a.pk}/")
    assert Path(evidence.file.path).exists()
    assert evidence.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ\x90\x00", "not an allowed type"),
        ("script.html", b"<script>", "not an allowed type"),
        ("invoice.pdf", b"MZ\x90\x00 this is an executable", "does not contain what its name says"),
        ("minutes.docx", b"PK\x03\x04 not really a zip", "does not contain what its name says"),
        ("photo.jpg", PNG, "does not contain what its name says"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_stored(world, name, content, message):
    action = _action(world)
    files_before = _stored_files()
    with pytest.raises(ValidationError, match=message):
        response_services.action_evidence_add_file(
            actor=world.staff_a, action=action, uploaded_file=SimpleUploadedFile(name, content)
        )
    assert not Evidence.objects.exists()
    assert _stored_files() == files_before


def test_evidence_over_the_size_cap_is_refused(world, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    action = _action(world)
    with pytest.raises(ValidationError, match="the limit is 1.0"):
        response_services.action_evidence_add_file(
            actor=world.staff_a, action=action, uploaded_file=SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
        )
    assert not Evidence.objects.exists()


def test_evidence_links_and_who_may_add_evidence(world):
    action = _action(world)
    response_services.action_evidence_add_link(actor=world.leader_a, action=action, url="https://example.org/minutes",
                                      title="Governors' minutes")
    with pytest.raises(ValidationError, match="https://"):
        response_services.action_evidence_add_link(actor=world.leader_a, action=action, url="javascript:alert(1)")
    with pytest.raises(PermissionDenied):
        response_services.action_evidence_add_link(actor=world.leader_b, action=action, url="https://example.org")
    assert [e.title for e in response_selectors.action_evidence(action=action)] == ["Governors' minutes"]


def test_the_action_plan_lists_overdue_first_and_only_the_users_organisation(world):
    today = timezone.localdate()
    later = _action(world, title="Later", due_on=today + dt.timedelta(days=20))
    overdue = _action(world, title="Overdue", due_on=today - dt.timedelta(days=2))
    soon = _action(world, title="Soon", due_on=today + dt.timedelta(days=2))
    response_services.action_create(actor=world.bob, case=world.case_b, title="Club", due_on=today)
    assert list(response_selectors.action_plan_for(user=world.leader_a)) == [overdue, soon, later]
    assert [a.title for a in response_selectors.action_plan_for(user=world.leader_b)] == ["Club"]
    assert list(response_selectors.action_plan_for(user=world.staff_a, filters={"mine": "1"})) == [overdue, soon, later]


def test_leaving_response_needs_risks_actioned_and_enough_actions_done(world, assessed):
    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.ENGAGEMENT, rationale="Assessed.")
    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.RESPONSE, rationale="Engaged.")
    critical = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="SCR gaps",
                                    category=RiskCategory.LEGAL, inherent_likelihood=4, inherent_impact=5)
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Insurer",
                                    category=RiskCategory.FINANCIAL,
                         inherent_likelihood=4, inherent_impact=4, treatment="transfer")
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.RECOVERY, rationale="Ready.")
    assert exc.value.messages == [
        "Critical and high risks with no action and no other treatment: SCR gaps.",
        "The action plan has no actions yet.",
    ]
    first = _action(world, owner=world.alice, risks=[critical])
    _action(world, owner=world.alice, title="Second")
    response_services.action_mark_done(actor=world.alice, action=first, completion_notes="Done.")
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.RECOVERY, rationale="Ready.")
    assert exc.value.messages == [
        "1 of 2 actions are done or verified (50%); the case needs 80% before it moves to Recovery."
    ]
    world.case_a.action_threshold_percent = 50
    world.case_a.save(update_fields=["action_threshold_percent"])
    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.RECOVERY, rationale="Ready.")
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.RECOVERY


def test_complete_response_helper_meets_the_gate(world, assessed):
    complete_response(world.case_a, world.alice)
    assert response_services.response_gate_problems(case=world.case_a) == []


def test_staff_never_read_the_titles_of_risks_they_do_not_own_through_an_action(world, login):
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a,
                                           title="Governors unaware of the LADO route",
                                category=RiskCategory.STRATEGIC, inherent_likelihood=4, inherent_impact=4,
                                owner=world.leader_a)
    action = _action(world, risks=[risk])  # owned by staff_a, who sees only the risks they own
    response_services.action_update(actor=world.alice, action=action, risks=[])
    response_services.action_update(actor=world.alice, action=action, risks=[risk])
    client = login(world.staff_a)
    page = client.get(action.get_absolute_url())
    assert page.status_code == 200 and "Governors unaware" not in page.content.decode()
    history = client.get(f"/api/v1/actions/{action.pk}/history/")
    assert history.status_code == 200 and "Governors unaware" not in history.content.decode()
    assert "Governors unaware" in login(world.leader_a).get(action.get_absolute_url()).content.decode()


def test_the_migration_moves_actions_saved_not_started_with_progress_to_in_progress(world):
    """Before progress moved them on, the page saved actions "not started" with progress: 0003 moves
    those (and only those) to in progress, with an audit event each."""
    from django.apps import apps

    migration = importlib.import_module("response.migrations.0003_actions_with_progress_in_progress")
    stuck, fresh = _action(world, title="Stuck"), _action(world, title="Not begun")
    Action.objects.filter(pk=stuck.pk).update(progress=40)  # as the page left it

    migration.forwards(apps, None)

    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert (stuck.status, stuck.progress) == (Action.Status.IN_PROGRESS, 40)
    assert (fresh.status, fresh.progress) == (Action.Status.NOT_STARTED, 0)
    event = AuditEvent.objects.get(verb="action.progress", object_id=str(stuck.pk))
    assert event.case == world.case_a and event.actor is None
    assert event.summary["status"] == {"from": "not_started", "to": "in_progress"}
    assert not AuditEvent.objects.filter(verb="action.progress", object_id=str(fresh.pk)).exists()

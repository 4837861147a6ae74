"""Evidence on the action page: uploads checked by content with nothing stored on refusal, links,
and downloads as attachments through a permission-checked view."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from crisis.models import AuditEvent
from response import services as response_services
from response.models import Action, Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


PDF = b"%PDF-1.4\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


@pytest.fixture
def media(settings) -> Path:
    """This test's own private folder (tests/conftest.py), so "nothing stored" is checked exactly."""
    return Path(settings.PRIVATE_MEDIA_ROOT)


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _action(world, **kwargs) -> Action:
    values = {"actor": world.alice, "case": world.case_a, "title": "Re-train staff on the LADO route",
              "due_on": timezone.localdate() + dt.timedelta(days=14), "owner": world.staff_a}
    values.update(kwargs)
    return response_services.action_create(**values)


def _evidence_url(action: Action) -> str:
    return reverse("response:action_evidence", kwargs={"reference": action.case.reference, "pk": action.pk})


def _download_url(action: Action, evidence: Evidence) -> str:
    return reverse("response:evidence_download",
                   kwargs={"reference": action.case.reference, "pk": action.pk, "evidence_pk": evidence.pk})


def test_the_owner_uploads_a_file_and_it_is_listed(world, login, media):
    action = _action(world)
    client = login(world.staff_a)
    response = client.post(_evidence_url(action), {
        "kind": "file", "title": "Signed training register",
        "file": SimpleUploadedFile("register.pdf", PDF, content_type="application/pdf"),
    })
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    evidence = Evidence.objects.get()
    assert evidence.kind == "file" and evidence.original_name == "register.pdf"
    assert evidence.content_type == "application/pdf" and evidence.size == len(PDF)
    stored = _files(media)
    assert len(stored) == 1 and stored[0].read_bytes() == PDF and "register" not in stored[0].name
    body = client.get(action.get_absolute_url()).content.decode()
    assert "Signed training register" in body and "register.pdf" in body and _download_url(action, evidence) in body


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("tool.exe", b"MZ\x90\x00", "is not an allowed type"),
        ("invoice.pdf", b"MZ\x90\x00 this is an executable", "does not contain what its name says"),
        ("photo.jpg", PNG, "does not contain what its name says"),
    ],
)
def test_a_refused_upload_shows_why_and_stores_nothing(world, login, media, name, content, message):
    action = _action(world)
    response = login(world.staff_a).post(_evidence_url(action), {
        "kind": "file", "title": "Evidence", "file": SimpleUploadedFile(name, content),
    })
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Evidence.objects.exists() and _files(media) == []


def test_a_file_over_the_limit_is_refused(world, login, media, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    action = _action(world)
    response = login(world.staff_a).post(_evidence_url(action), {
        "kind": "file", "file": SimpleUploadedFile("big.pdf", PDF + bytes(2048)),
    })
    assert response.status_code == 400
    assert "the limit is 1.0\xa0KB" in response.content.decode()
    assert not Evidence.objects.exists() and _files(media) == []


def test_a_link_is_evidence_too_and_is_never_proxied(world, login, media):
    action = _action(world)
    client = login(world.leader_a)
    refused = client.post(_evidence_url(action), {"kind": "link", "url": "javascript:alert(1)"})
    assert refused.status_code == 400 and "Links start with https://" in refused.content.decode()
    assert not Evidence.objects.exists()

    response = client.post(_evidence_url(action), {"kind": "link", "title": "Minutes",
                                                   "url": "https://example.org/minutes"})
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    body = client.get(action.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/minutes" rel="noopener noreferrer nofollow"' in body
    assert client.get(_download_url(action, evidence)).status_code == 404


def test_staff_who_do_not_own_the_action_cannot_add_evidence(world, login, media):
    action = _action(world, owner=world.leader_a)
    response = login(world.staff_a).post(_evidence_url(action), {
        "kind": "file", "file": SimpleUploadedFile("register.pdf", PDF),
    })
    assert response.status_code == 403
    assert not Evidence.objects.exists() and _files(media) == []


def test_evidence_downloads_as_an_attachment_with_nosniff(world, login, media):
    action = _action(world)
    evidence = response_services.action_evidence_add_file(
        actor=world.staff_a, action=action, uploaded_file=SimpleUploadedFile("register.pdf", PDF), title="Register"
    )
    response = login(world.leader_a).get(_download_url(action, evidence))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="register.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(verb="evidence.downloaded", actor=world.leader_a).count() == 1


def test_staff_of_the_organisation_download_evidence_of_actions_they_see(world, login, media):
    """Decision: evidence belongs to the action; whoever sees the action (staff included) may read it."""
    action = _action(world, owner=world.leader_a)
    evidence = response_services.action_evidence_add_file(
        actor=world.leader_a, action=action, uploaded_file=SimpleUploadedFile("photo.png", PNG)
    )
    response = login(world.staff_a).get(_download_url(action, evidence))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG


def test_evidence_of_another_organisation_is_a_404(world, login, media):
    action = _action(world)
    evidence = response_services.action_evidence_add_file(
        actor=world.staff_a, action=action, uploaded_file=SimpleUploadedFile("register.pdf", PDF)
    )
    for user in (world.leader_b, world.staff_b, world.bob):
        assert login(user).get(_download_url(action, evidence)).status_code == 404
    # The evidence of one action is not reachable through another action's URL either.
    other = _action(world, title="Another action")
    assert login(world.alice).get(_download_url(other, evidence)).status_code == 404
    assert not AuditEvent.objects.filter(verb="evidence.downloaded").exists()

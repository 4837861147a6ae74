"""The audit log is append-only: nobody can change or delete an event, not even an admin."""

import pytest
from django.urls import reverse

from crisis.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_audit_events_cannot_be_changed_or_deleted(world):
    event = AuditEvent.objects.filter(verb="case.created").first()
    event.verb = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).verb == "case.created"


def test_admins_can_read_but_not_edit_the_audit_log(world, login):
    client = login(world.admin)
    event = AuditEvent.objects.filter(verb="case.created").first()

    listing = client.get(reverse("admin:crisis_auditevent_changelist"))
    assert listing.status_code == 200
    assert "case.created" in listing.content.decode()
    assert client.get(reverse("admin:crisis_auditevent_add")).status_code == 403
    detail = client.get(reverse("admin:crisis_auditevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert 'name="verb"' not in detail.content.decode()
    client.post(reverse("admin:crisis_auditevent_delete", args=[event.pk]), {"post": "yes"})
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_consultants_cannot_open_the_admin(world, login):
    response = login(world.alice).get(reverse("admin:crisis_auditevent_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_audit_events_record_the_requests_ip(world, login):
    from crisis.audit import AuditContextMiddleware, audit_record

    class Request:
        META = {"REMOTE_ADDR": "203.0.113.9"}

    def view(request):
        return audit_record(actor=world.alice, verb="case.viewed", obj=world.case_a)

    event = AuditContextMiddleware(view)(Request())
    assert event.ip_address == "203.0.113.9"
    assert event.organisation == world.org_a and event.case == world.case_a


def test_admins_keep_the_checklists_but_only_read_risks_and_actions(world, login):
    from response.models import ChecklistRequirement

    client = login(world.admin)
    requirement = ChecklistRequirement.objects.filter(policy_type="child_protection").first()
    page = client.get(reverse("admin:response_checklistrequirement_change", args=[requirement.pk]))
    assert page.status_code == 200 and 'name="text"' in page.content.decode()
    response = client.post(
        reverse("admin:response_checklistrequirement_change", args=[requirement.pk]),
        {"policy_type": requirement.policy_type, "text": "Names the DSL, deputies and how to reach them",
         "order": requirement.order, "active": "on"},
    )
    assert response.status_code == 302
    requirement.refresh_from_db()
    assert requirement.text == "Names the DSL, deputies and how to reach them"
    assert client.get(reverse("admin:assessment_risk_changelist")).status_code == 200
    assert client.get(reverse("admin:assessment_risk_add")).status_code == 403

"""An id no database could hold is an unknown id — a 400 or a form error, never a server error (SQLite
cannot even compare with one)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from stakeholders.models import Communication, StatusReport

pytestmark = pytest.mark.django_db

HUGE = 2**63


def test_the_api_refuses_a_huge_stakeholder_id(world, ofsted):
    client = APIClient()
    client.force_authenticate(world.alice)
    url = reverse("api-case-communications", kwargs={"reference": world.case_a.reference})
    response = client.post(url, {"stakeholders": [HUGE], "direction": "in", "channel": "call", "summary": "x"},
                           format="json")
    assert response.status_code == 400 and "stakeholders" in response.json()
    url = reverse("api-case-status-reports", kwargs={"reference": world.case_a.reference})
    assert client.post(url, {"stakeholders": [ofsted.pk, HUGE]}, format="json").status_code == 400
    assert not Communication.objects.exists() and not StatusReport.objects.exists()


def test_the_pages_refuse_a_huge_stakeholder_id(world, login, ofsted):
    client = login(world.alice)
    url = reverse("stakeholders:communication_create", kwargs={"reference": world.case_a.reference})
    response = client.post(url, {"stakeholders": [str(HUGE)], "direction": "in", "channel": "call", "summary": "x"})
    assert response.status_code == 400
    assert "stakeholders" in response.context["form"].errors
    url = reverse("stakeholders:status_report_send_now", kwargs={"reference": world.case_a.reference})
    assert client.post(url, {"stakeholders": [str(ofsted.pk), str(HUGE)]}).status_code == 400
    assert not Communication.objects.exists() and not StatusReport.objects.exists()


def test_a_contact_without_a_name_is_told_by_the_contact_fields(world, login):
    client = login(world.alice)
    url = reverse("stakeholders:stakeholder_create", kwargs={"reference": world.case_a.reference})
    response = client.post(url, {"kind": "regulator", "name": "Ofsted", "trust_level": "3",
                                 "preferred_channel": "email", "report_delivery": "attachment",
                                 "contact_email": "hmi@ofsted.example"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "contact_name" in errors and "name" not in errors

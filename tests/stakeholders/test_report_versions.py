"""One version per audience, the personal-data check before anything leaves, and what every page of
an external document carries — checked on the PDF's text (pypdf) as the recipient reads it."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from assessment import services as assessment_services
from crisis import services as crisis_services
from crisis.models import AuditEvent
from response import services as response_services
from stakeholders import services
from stakeholders.models import AudienceProfile, Delivery, StatusReport

pytestmark = pytest.mark.django_db


def _pdf(status_report) -> str:
    status_report.refresh_from_db()
    with status_report.report.file.open("rb") as handle:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)


def _send(world, stakeholders, capture, **kwargs) -> StatusReport:
    with capture(execute=True):
        report = services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=stakeholders,
                                                 **kwargs)
    report.refresh_from_db()
    return report


@pytest.fixture
def content(world):
    """A case whose full report names the police, the LADO, a deadline and a press line."""
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Single central record gaps",
                                    category="legal", inherent_likelihood=4, inherent_impact=5)
    response_services.action_create(actor=world.alice, case=world.case_a, title="Trustee board meeting on the "
                                    "suspension", due_on=dt.date.today() + dt.timedelta(days=3))
    crisis_services.deadline_create(actor=world.alice, case=world.case_a, title="LADO strategy meeting minutes",
                                    due_on=dt.date.today() + dt.timedelta(days=5), statutory=True)
    services.stakeholder_create(actor=world.alice, case=world.case_a, kind="police", name="Northshire Police",
                                receives_reports=True, contacts=[{"name": "DC Rowe", "email": "rowe@police.example"}])
    version = services.press_line_write(actor=world.alice, case=world.case_a, title="Holding statement",
                                        text="The school acted at once and is working with the local authority.")
    services.press_line_approve(actor=world.carol, version=version)


@pytest.fixture
def funder(world):
    return services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="funder", name="Northshire Foundation", receives_reports=True,
        contacts=[{"name": "Grants manager", "email": "grants@foundation.example"}])


@pytest.fixture
def parents(world):
    return services.stakeholder_create(
        actor=world.alice, case=world.case_a, kind="parents", name="Parents and carers", receives_reports=True,
        contacts=[{"name": "Parent forum", "email": "forum@parents.example"}])


def test_a_funder_never_reads_police_lado_deadlines_titles_or_named_stakeholders(
        world, ofsted, funder, content, django_capture_on_commit_callbacks):
    full = _pdf(_send(world, [ofsted], django_capture_on_commit_callbacks))
    for text in ("Northshire Police", "LADO strategy meeting minutes", "Trustee board meeting on the suspension",
                 "Single central record gaps", "Engagement with stakeholders"):
        assert text in full, text

    report = _send(world, [funder], django_capture_on_commit_callbacks)
    assert report.audience.key == "funder" and report.sections == AudienceProfile.objects.get(key="funder").sections
    text = _pdf(report)
    for leak in ("Police", "LADO", "Trustee board", "Single central record", "Ofsted", "Engagement with stakeholders",
                 "Next steps", world.case_a.title):
        assert leak not in text, leak
    assert "Action plan" in text and "Risks" in text and "for funder" in text


def test_parents_read_the_agreed_statement_not_the_risk_register(world, parents, content,
                                                                 django_capture_on_commit_callbacks):
    text = _pdf(_send(world, [parents], django_capture_on_commit_callbacks))
    assert "Our statement" in text and "The school acted at once" in text
    for leak in ("Risks", "Single central record", "Northshire Police", "LADO", "Trustee board"):
        assert leak not in text, leak
    assert "OFFICIAL — MAY BE SHARED WITH THE SCHOOL COMMUNITY" in text


def test_stakeholders_taking_different_versions_are_refused_one_report(world, ofsted, funder,
                                                                       django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError, match="receive different versions of the report") as refused:
        services.status_report_send_now(actor=world.alice, case=world.case_a, stakeholders=[ofsted, funder])
    assert "Funder: Northshire Foundation" in str(refused.value) and "Regulator: Ofsted" in str(refused.value)
    assert not StatusReport.objects.exists()
    chosen = _send(world, [ofsted, funder], django_capture_on_commit_callbacks,
                   audience=AudienceProfile.objects.get(key="funder"))
    assert chosen.audience.key == "funder"


def test_the_send_form_and_the_api_refuse_mixed_versions_with_a_clear_error(world, login, ofsted, funder):
    url = reverse("stakeholders:status_report_send_now", kwargs={"reference": world.case_a.reference})
    response = login(world.alice).post(url, {"stakeholders": [ofsted.pk, funder.pk]})
    assert response.status_code == 400 and "receive different versions" in response.content.decode()
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(world.alice)
    api = client.post(reverse("api-case-status-reports", kwargs={"reference": world.case_a.reference}),
                      {"stakeholders": [ofsted.pk, funder.pk]}, format="json")
    assert api.status_code == 400 and "different versions" in api.json()["audience"][0]
    unknown = client.post(reverse("api-case-status-reports", kwargs={"reference": world.case_a.reference}),
                          {"stakeholders": [ofsted.pk], "audience": "tabloids"}, format="json")
    assert unknown.status_code == 400 and unknown.json()["audience"] == ["No audience “tabloids”."]
    assert not StatusReport.objects.exists()
    audiences = client.get(reverse("api-audiences")).json()
    assert [a["key"] for a in audiences] == ["regulator", "local_authority", "governors", "funder", "parents",
                                             "media"]


def test_every_page_carries_the_marking_the_consultancy_the_lead_the_version_and_page_x_of_y(
        world, ofsted, content, settings, django_capture_on_commit_callbacks):
    settings.CONSULTANCY_NAME = "Northbridge Safeguarding"
    report = _send(world, [ofsted], django_capture_on_commit_callbacks)
    with report.report.file.open("rb") as handle:
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE — NOT FOR ONWARD CIRCULATION WITHOUT CONSENT" in text
        assert "Northbridge Safeguarding" in text and "Alice Adams" in text and world.alice.email in text
        assert "Report 1, version 1" in text and f"Page {number} of {len(pages)}" in text


# The personal-data check ------------------------------------------------------------------------


def _protect(world, name: str) -> None:
    crisis_services.protected_name_create(actor=world.alice, case=world.case_a, name=name, role="child")


@pytest.mark.parametrize(("title", "kind", "found"), [
    ("Follow up on Jamie Smith's welfare", "protected_name", "a protected name"),
    ("Support for the pupil born 14/03/2013", "date_of_birth", "date of birth"),
    ("Home visit at NG4 7QA", "postcode", "postcode"),
    ("Call the parent on 07700 900123", "phone", "phone"),
    ("Reply to jane.doe@gmail.com", "email", "email"),
    ("Check record JR 12 34 56 C", "ni_number", "National Insurance"),
    ("Pupil record A123456789012 to be corrected", "upn", "pupil number"),
])
def test_each_pattern_blocks_the_report_and_nothing_is_emailed(world, ofsted, title, kind, found,
                                                               django_capture_on_commit_callbacks):
    _protect(world, "Jamie Smith")
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title=title, category="legal",
                                           inherent_likelihood=4, inherent_impact=4)
    report = _send(world, [ofsted], django_capture_on_commit_callbacks)
    assert report.status == StatusReport.Status.BLOCKED and not report.guard_clean
    [hit] = report.guard_hits
    assert hit["kind"] == kind and hit["record"] == f"Risk R-{risk.pk}" and hit["field"] == "title"
    assert hit["message"].startswith(f"Risk R-{risk.pk} title:") and found.lower() in hit["message"].lower()
    assert "Jamie" not in hit["message"]  # the finding never repeats a name
    assert hit["url"] == risk.get_absolute_url()
    assert not Delivery.objects.exists()
    assert all("Waiting for your approval" in m.subject for m in mail.outbox)
    with pytest.raises(ValidationError, match="personal-data check"):
        services.status_report_approve(actor=world.carol, status_report=report)
    assert "This report carries no personal data of children" not in _pdf(report)


def test_an_override_needs_a_reason_is_audited_and_the_footer_stays_off(world, ofsted, login,
                                                                        django_capture_on_commit_callbacks):
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Office line 0161 496 0000 out",
                                    category="legal", inherent_likelihood=3, inherent_impact=3)
    report = _send(world, [ofsted], django_capture_on_commit_callbacks)
    [hit] = report.guard_hits
    override = reverse("stakeholders:status_report_override", kwargs={"reference": world.case_a.reference,
                                                                       "pk": report.pk})
    client = login(world.alice)
    page = client.get(reverse("stakeholders:status_report_detail", kwargs={
        "reference": world.case_a.reference, "pk": report.pk})).content.decode()
    assert "The personal-data check stopped this report" in page and hit["message"] in page
    assert login(world.leader_a).post(override, {"hit_id": hit["hit_id"], "reason": "x"}).status_code == 403
    blank = client.post(override, {"hit_id": hit["hit_id"], "reason": ""})
    assert blank.status_code == 400 and "Say why this may go out as it is." in blank.content.decode()
    wrong = client.post(override, {"hit_id": "nope", "reason": "It is fine."})
    assert wrong.status_code == 400 and "No such finding" in wrong.content.decode()
    report.refresh_from_db()
    assert report.status == StatusReport.Status.BLOCKED and not report.guard_overrides.exists()

    reason = "The school's switchboard, published on its website."
    assert client.post(override, {"hit_id": hit["hit_id"], "reason": reason}).status_code == 302
    report.refresh_from_db()
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.guard_hits == []
    event = AuditEvent.objects.get(verb="status_report.check_overridden")
    assert event.actor == world.alice and event.summary["reason"] == reason
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_approve(actor=world.carol, status_report=report)
    report.refresh_from_db()
    assert report.status == StatusReport.Status.SENT
    assert "carries no personal data of children" not in _pdf(report)
    assert "contains no personal data of children" not in mail.outbox[-1].body


def test_a_fixed_record_checked_again_passes_with_the_footer(world, ofsted, django_capture_on_commit_callbacks):
    _protect(world, "Jamie Smith")
    risk = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Jamie Smith's transport",
                                           category="legal", inherent_likelihood=3, inherent_impact=3)
    report = _send(world, [ofsted], django_capture_on_commit_callbacks)
    assert report.status == StatusReport.Status.BLOCKED and report.revision == 1
    assessment_services.risk_update(actor=world.alice, risk=risk, title="Pupil A's transport")
    first_file = report.report.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.status_report_recheck(actor=world.alice, status_report=report)
    report.refresh_from_db()
    # The version that named the child is gone from storage; the new one replaces it.
    assert report.report.file.name != first_file and not report.report.file.storage.exists(first_file)
    assert report.status == StatusReport.Status.AWAITING_APPROVAL and report.revision == 2 and report.guard_clean
    text = _pdf(report)
    assert "Pupil A's transport" in text and "Jamie" not in text
    assert "This report carries no personal data of children." in text and "Report 1, version 2" in text


def test_a_name_protected_after_rendering_blocks_the_approval(world, ofsted, django_capture_on_commit_callbacks):
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Transport for Jamie Smith",
                                    category="legal", inherent_likelihood=3, inherent_impact=3)
    report = _send(world, [ofsted], django_capture_on_commit_callbacks)
    assert report.status == StatusReport.Status.AWAITING_APPROVAL
    _protect(world, "Jamie Smith")
    with pytest.raises(ValidationError, match="now finds 1 problem"):
        services.status_report_approve(actor=world.carol, status_report=report)
    report.refresh_from_db()
    assert report.status == StatusReport.Status.BLOCKED and report.approved_by is None
    assert not Delivery.objects.exists()


def test_a_failed_delivery_is_not_sent_again_once_the_check_finds_something(world, ofsted, internal,
                                                                             django_capture_on_commit_callbacks):
    assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Transport for Jamie Smith",
                                    category="legal", inherent_likelihood=3, inherent_impact=3)
    report = _send(world, [ofsted], django_capture_on_commit_callbacks, **internal)
    delivery = report.deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED, sent_at=None)
    delivery.refresh_from_db()
    _protect(world, "Jamie Smith")
    mail.outbox.clear()
    with pytest.raises(ValidationError, match="not sent again"), django_capture_on_commit_callbacks(execute=True):
        services.delivery_resend(actor=world.alice, delivery=delivery)
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.FAILED and mail.outbox == []
    assert not AuditEvent.objects.filter(verb="delivery.resent").exists()

"""CSV export and import of a case's risk register: round trip, all-or-nothing, and who may do what.

Alice consults for A; Bob consults for B; Lena leads A and Sam is staff at A; Charlie (leader_b)
leads B and "should have no access to A's stuff".
"""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import Risk, RiskScoreChange
from crisis import services
from crisis.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


HEADER = ",".join(assessment_services.RISK_CSV_COLUMNS)


def add_risk(world, case=None, **overrides) -> Risk:
    data = {"title": "Staff unaware of the LADO route", "category": "operational",
            "inherent_likelihood": 4, "inherent_impact": 4}
    data.update(overrides)
    return assessment_services.risk_create(actor=world.alice, case=case or world.case_a, **data)


def csv_text(*rows: dict, header: list[str] | None = None) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header or list(assessment_services.RISK_CSV_COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def good_row(title: str = "Media interest in the allegation", **overrides) -> dict:
    row = {"title": title, "category": "reputational", "inherent_likelihood": "4", "inherent_impact": "4",
           "current_likelihood": "3", "current_impact": "4", "target_likelihood": "2", "target_impact": "3"}
    row.update(overrides)
    return row


def export_url(case) -> str:
    return reverse("assessment:risk_export", kwargs={"reference": case.reference})


def import_url(case) -> str:
    return reverse("assessment:risk_import", kwargs={"reference": case.reference})


def upload(content: str | bytes, name: str = "register.csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def counts() -> tuple[int, int, int]:
    return Risk.objects.count(), RiskScoreChange.objects.count(), AuditEvent.objects.count()


def snapshot(risk: Risk) -> tuple:
    return (risk.title, risk.category, risk.description, risk.cause, risk.consequence, risk.owner_id,
            risk.identified_on, risk.inherent_likelihood, risk.inherent_impact, risk.current_likelihood,
            risk.current_impact, risk.target_likelihood, risk.target_impact, risk.current_score, risk.band,
            risk.treatment, risk.treatment_rationale, risk.status)


@pytest.fixture
def register(world):
    """Several risks on A's open case: every category, owners, an accepted risk, a re-score, a closed risk."""
    week_ago = timezone.localdate() - dt.timedelta(days=7)
    add_risk(world, owner=world.staff_a, identified_on=week_ago, description="Two staff did not know the route.",
             cause="No induction", consequence="Late referral")
    add_risk(world, title="Parents lose confidence, \"fast\"", category="reputational", inherent_likelihood=5,
             inherent_impact=4, current_likelihood=4, current_impact=4, target_likelihood=2, target_impact=2,
             owner=world.leader_a)
    add_risk(world, title="Insurance excess", category="financial", inherent_likelihood=2, inherent_impact=2,
             treatment="accept", treatment_rationale="Within budget.", status="accepted")
    add_risk(world, title="=HYPERLINK(\"http://evil.example\")", category="legal", inherent_likelihood=3,
             inherent_impact=5, owner=world.alice, status="treating")
    rescored = add_risk(world, title="Governors not informed", category="strategic", inherent_likelihood=3,
                        inherent_impact=3)
    assessment_services.risk_rescore(actor=world.alice, risk=rescored, reason="Board met.", inherent_likelihood=3,
                          inherent_impact=3, current_likelihood=1, current_impact=3, target_likelihood=1,
                          target_impact=2)
    closed = add_risk(world, title="Suspended teacher returns", category="personnel", inherent_likelihood=2,
                      inherent_impact=5)
    assessment_services.risk_close(actor=world.alice, risk=closed, note="Resigned.")
    return world


# Export -----------------------------------------------------------------------------------------


def test_the_export_is_a_csv_attachment_of_the_whole_register(register, login):
    world = register
    response = login(world.alice).get(export_url(world.case_a))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="{world.case_a.reference}-risk-register.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [*assessment_services.RISK_CSV_COLUMNS, *assessment_services.RISK_CSV_READ_ONLY_COLUMNS]
    assert len(rows) == 6  # closed risks too
    by_title = {row["title"]: row for row in rows}
    parents = by_title['Parents lose confidence, "fast"']
    assert (parents["category"], parents["owner_email"], parents["current_score"], parents["band"]) == (
        "reputational", "leader.a@example.test", "16", "critical"
    )
    # A cell that a spreadsheet would run as a formula is exported as text.
    assert "'=HYPERLINK(\"http://evil.example\")" in by_title
    event = AuditEvent.objects.get(verb="risk_register.exported")
    assert (event.actor, event.case, event.summary) == (world.alice, world.case_a, {"rows": 6})


def test_leaders_export_the_register_and_staff_only_the_risks_they_own(register, login):
    world = register
    assert len(list(csv.DictReader(io.StringIO(
        login(world.leader_a).get(export_url(world.case_a)).content.decode("utf-8-sig")
    )))) == 6
    response = login(world.staff_a).get(export_url(world.case_a))
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Staff unaware of the LADO route"]


@pytest.mark.parametrize("who", ["bob", "leader_b", "staff_b"])
def test_another_organisation_gets_404_on_export_and_import(register, login, who):
    world = register
    client = login(getattr(world, who))
    for url in (export_url(world.case_a), import_url(world.case_a)):
        response = client.get(url)
        assert response.status_code == 404
        assert world.case_a.reference not in response.content.decode()
    before = counts()
    response = client.post(import_url(world.case_a), {"file": upload(csv_text(good_row()))})
    assert response.status_code == 404
    assert counts() == before


# Round trip -------------------------------------------------------------------------------------


def test_an_exported_register_imports_into_another_case_unchanged(register, login):
    world = register
    other = services.case_create(actor=world.alice, organisation=world.org_a, title="Second concern")
    client = login(world.alice)
    exported = client.get(export_url(world.case_a)).content  # with Excel's byte-order mark

    response = client.post(import_url(other), {"file": upload(exported)})

    assert response.status_code == 302
    assert response["Location"] == reverse("assessment:risk_register", kwargs={"reference": other.reference})
    assert "Imported 6 risks." in [m.message for m in client.get(response["Location"]).context["messages"]]
    original = sorted(snapshot(r) for r in Risk.objects.filter(case=world.case_a))
    copied = sorted(snapshot(r) for r in Risk.objects.filter(case=other))
    assert copied == original
    # Every imported risk has its history and audit rows, and the import one event.
    assert RiskScoreChange.objects.filter(case=other).count() == 6
    assert AuditEvent.objects.filter(case=other, verb="risk.created").count() == 6
    event = AuditEvent.objects.get(verb="risk_register.imported")
    assert (event.case, event.summary) == (other, {"count": 6})


def test_labels_and_uk_dates_are_accepted(world):
    identified = timezone.localdate() - dt.timedelta(days=20)
    content = csv_text(good_row(
        category="Reputational", treatment="ACCEPT", treatment_rationale="Managed by PR.", status="Being treated",
        identified_on=identified.strftime("%d/%m/%Y"), owner_email="Leader.A@Example.test",
    ))
    [risk] = assessment_services.risks_import_csv(actor=world.alice, case=world.case_a, content=content)
    assert (risk.category, risk.treatment, risk.status, risk.identified_on, risk.owner) == (
        "reputational", "accept", "treating", identified, world.leader_a
    )


def test_only_the_required_columns_are_needed_and_unknown_columns_are_ignored(world):
    content = "Title,Category,Inherent_Likelihood,Inherent_Impact,Notes\nSite gate left open,operational,3,2,x\n\n\n"
    [risk] = assessment_services.risks_import_csv(actor=world.alice, case=world.case_a, content=content)
    assert (risk.title, risk.current_score, risk.target_likelihood, risk.status) == (
        "Site gate left open", 6, 3, "open"
    )


# Refused imports --------------------------------------------------------------------------------


def test_a_file_with_bad_rows_is_refused_whole_with_every_row_named(world, login):
    add_risk(world)
    content = csv_text(
        good_row("First good risk"),  # row 2
        good_row("Bad category", category="gossip"),  # row 3
        good_row("Second good risk"),  # row 4
        good_row("Bad likelihood", current_likelihood="7"),  # row 5
        good_row(""),  # row 6: no title
        good_row("Third good risk"),  # row 7
    )
    before = counts()

    with pytest.raises(assessment_services.RiskImportError) as raised:
        assessment_services.risks_import_csv(actor=world.alice, case=world.case_a, content=content)

    error = raised.value
    assert [(e.row, e.column) for e in error.row_errors] == [
        (3, "category"), (5, "current_likelihood"), (6, "title")
    ]
    assert error.messages == [
        "Row 3: unknown category “gossip”; use one of operational, strategic, reputational, financial, legal, "
        "personnel (category).",
        "Row 5: likelihood must be 1 to 5, got 7 (current_likelihood).",
        "Row 6: a title is required (title).",
    ]
    assert counts() == before


def test_the_service_rules_are_checked_for_every_row_and_nothing_is_kept(world):
    content = csv_text(
        good_row("Fine"),
        good_row("Accepted without a reason", treatment="accept"),  # row 3
        good_row("Owned by another organisation", owner_email="charlie@example.test"),  # row 4
        good_row("Owned by nobody we know", owner_email="nobody@example.test"),  # row 5
        good_row("Bad date", identified_on="31/02/2026"),  # row 6
        good_row("Bad treatment", treatment="ignore", status="forgotten", inherent_impact="high"),  # row 7
        good_row("In the future", identified_on="2999-01-01"),  # row 8
    )
    before = counts()
    with pytest.raises(assessment_services.RiskImportError) as raised:
        assessment_services.risks_import_csv(actor=world.alice, case=world.case_a, content=content)
    by_row = {}
    for error in raised.value.row_errors:
        by_row.setdefault(error.row, []).append(error.column)
    assert by_row == {
        3: ["treatment_rationale"],
        4: ["owner_email"],
        5: ["owner_email"],
        6: ["identified_on"],
        7: ["inherent_impact", "treatment", "status"],
        8: ["identified_on"],
    }
    messages = "\n".join(raised.value.messages)
    # Someone of another organisation reads exactly like an unknown address.
    assert "Row 4: charlie@example.test is not a member of Oakfield Academy or a consultant assigned to it" in messages
    assert "Row 5: nobody@example.test is not a member of Oakfield Academy" in messages
    assert "Row 7: impact must be 1 to 5, got high (inherent_impact)." in messages
    assert counts() == before


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "The file is empty"),
        (HEADER.encode(), "The file has a header row but no risks."),
        (b"title,category,description\nA risk,legal,x\n",
         "The header row is missing these columns: inherent_likelihood, inherent_impact."),
        ((HEADER + "\nR\xe9union des parents,reputational,,,,,,3,3").encode("latin-1"), "The file is not UTF-8"),
        (b"x" * (assessment_services.RISK_CSV_MAX_BYTES + 1), "The file is 2.0 MB; the limit is 2 MB."),
        (("title,category,inherent_likelihood,inherent_impact\n" + "Risk,legal,2,2\n" * 1001).encode(),
         "The file has more than 1000 risks"),
    ],
    ids=["empty", "header-only", "missing-columns", "not-utf8", "too-big", "too-many-rows"],
)
def test_unreadable_files_are_refused_with_a_clear_reason(world, content, message):
    before = counts()
    with pytest.raises(assessment_services.RiskImportError) as raised:
        assessment_services.risks_import_csv(actor=world.alice, case=world.case_a, content=content)
    assert message in raised.value.messages[0]
    assert raised.value.row_errors == []
    assert counts() == before


def test_only_managers_may_import(world):
    with pytest.raises(PermissionDenied):
        assessment_services.risks_import_csv(actor=world.leader_a, case=world.case_a, content=csv_text(good_row()))
    assert not Risk.objects.exists()


# The import page --------------------------------------------------------------------------------


def test_the_import_page_lists_the_columns(world, login):
    response = login(world.alice).get(import_url(world.case_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert HEADER in html


def test_a_refused_upload_shows_every_row_error_with_status_400(world, login):
    content = csv_text(good_row(), good_row("Bad", category="gossip"), good_row("Worse", inherent_likelihood="7"))
    response = login(world.alice).post(import_url(world.case_a), {"file": upload(content)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Row 3: unknown category “gossip”" in html
    assert "Row 4: likelihood must be 1 to 5, got 7 (inherent_likelihood)." in html
    assert not Risk.objects.exists()


def test_an_upload_without_a_file_is_a_400(world, login):
    response = login(world.alice).post(import_url(world.case_a), {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


@pytest.mark.parametrize("who", ["leader_a", "staff_a"])
def test_leaders_and_staff_get_403_on_import(world, login, who):
    client = login(getattr(world, who))
    assert client.get(import_url(world.case_a)).status_code == 403
    assert client.post(import_url(world.case_a), {"file": upload(csv_text(good_row()))}).status_code == 403
    assert not Risk.objects.exists()

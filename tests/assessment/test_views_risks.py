"""The risk register page: sorting, filters, counts, the heat map, adding risks and the assessment panel."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment import services as assessment_services
from assessment.models import AssessmentSignOff, CategoryNoRisk, Risk, RiskCategory
from crisis.models import AuditEvent, Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


def _register(case) -> str:
    return reverse("assessment:risk_register", kwargs={"reference": case.reference})


def _add(world, title, category="operational", likelihood=3, impact=3, **extra) -> Risk:
    return assessment_services.risk_create(
        actor=world.alice, case=world.case_a, title=title, category=category,
        inherent_likelihood=likelihood, inherent_impact=impact, **extra,
    )


def _cell(body: str, likelihood: int, impact: int) -> int:
    """The count the heat map shows in one cell (read from the SVG text, not the data attribute)."""
    match = re.search(
        rf'<a [^>]*data-likelihood="{likelihood}" data-impact="{impact}"[^>]*>.*?'
        r'<text [^>]*class="heat__count[^"]*"[^>]*>(\d+)</text>',
        body, re.S,
    )
    assert match, f"no heat-map cell for {likelihood}×{impact}"
    return int(match.group(1))


def _rows(body: str) -> list[str]:
    """Risk titles in the order the register lists them."""
    table = body.split('<table class="table risk-table">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td><a href="/cases/[^"]+/risks/\d+/">([^<]+)</a></td>', table)


@pytest.fixture
def register(world):
    """A small register on case A: two risks in the critical cell 4×5, one high, one low, one closed."""
    risks = {
        "minor": _add(world, "Minor paperwork gaps", "operational", 1, 2),
        "press": _add(world, "Press coverage", "reputational", 4, 5, owner=world.leader_a),
        "lado": _add(world, "LADO referral late", "legal", 4, 5, owner=world.alice),
        "funding": _add(world, "Funding withdrawn", "financial", 3, 4, current_likelihood=2, current_impact=4),
        "gone": _add(world, "Old risk", "personnel", 5, 5),
    }
    assessment_services.risk_close(actor=world.alice, risk=risks["gone"], note="No longer applies.")
    return risks


def test_it_lists_the_register_by_priority_then_score(world, register, login):
    response = login(world.alice).get(_register(world.case_a))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Risk register" in body and world.case_a.reference in body
    assert f'href="{world.case_a.get_absolute_url()}"' in body  # the way back to the case
    # Critical 20s first (by id), then the medium 8, then low; the closed risk is hidden by default.
    assert _rows(body) == ["Press coverage", "LADO referral late", "Funding withdrawn", "Minor paperwork gaps"]
    assert "Old risk" not in body
    assert AuditEvent.objects.filter(verb="risk_register.viewed", case=world.case_a, actor=world.alice).exists()


def test_it_filters_by_category_band_owner_status_and_search(world, register, login):
    client = login(world.alice)
    url = _register(world.case_a)
    assert _rows(client.get(url, {"category": "legal"}).content.decode()) == ["LADO referral late"]
    assert _rows(client.get(url, {"band": "critical"}).content.decode()) == ["Press coverage", "LADO referral late"]
    assert _rows(client.get(url, {"owner": world.leader_a.pk}).content.decode()) == ["Press coverage"]
    assert _rows(client.get(url, {"status": "closed"}).content.decode()) == ["Old risk"]
    assert len(_rows(client.get(url, {"status": "all"}).content.decode())) == 5
    assert _rows(client.get(url, {"q": "funding"}).content.decode()) == ["Funding withdrawn"]


def test_a_heat_map_cell_filters_the_list(world, register, login):
    client = login(world.alice)
    body = client.get(_register(world.case_a), {"basis": "current", "likelihood": 4, "impact": 5}).content.decode()
    assert _rows(body) == ["Press coverage", "LADO referral late"]
    assert 'aria-current="true"' in body  # the chosen cell is marked
    # Funding is 3×4 inherent but 2×4 current: the basis decides which cell it sits in.
    body = client.get(_register(world.case_a), {"basis": "inherent", "likelihood": 3, "impact": 4}).content.decode()
    assert _rows(body) == ["Funding withdrawn"]
    assert _rows(client.get(_register(world.case_a), {"likelihood": 3, "impact": 4}).content.decode()) == []


def test_counts_and_heat_map_cells_match_the_data(world, register, login):
    body = login(world.alice).get(_register(world.case_a)).content.decode()
    assert "4 active risks" in body
    bands = dict(re.findall(r'data-band="(\w+)">.*?<span class="count-list__n">(\d+)</span>', body, re.S))
    assert bands == {"critical": "2", "high": "0", "medium": "1", "low": "1"}
    categories = dict(re.findall(r'data-category="(\w+)">[^<]*<span class="count-list__n">(\d+)</span>', body))
    assert categories == {"operational": "1", "strategic": "0", "reputational": "1", "financial": "1",
                          "legal": "1", "personnel": "0"}  # the closed personnel risk is not active
    assert _cell(body, 4, 5) == 2
    assert _cell(body, 2, 4) == 1
    assert _cell(body, 3, 4) == 0
    assert _cell(body, 1, 2) == 1
    assert _cell(body, 5, 5) == 0  # closed
    total = sum(_cell(body, likelihood, impact) for likelihood in range(1, 6) for impact in range(1, 6))
    assert total == 4
    # Every cell links to the filter for itself, and names its levels for screen readers.
    assert f'href="/cases/{world.case_a.reference}/risks/?basis=current&amp;likelihood=4&amp;impact=5"' in body
    assert "Likely likelihood × Severe impact (Critical): 2 risks" in body
    assert ">Almost certain<" not in body and "<tspan" in body  # axis labels wrap two-word level names


def test_the_basis_switch_changes_the_counts(world, register, login):
    client = login(world.alice)
    inherent = client.get(_register(world.case_a), {"basis": "inherent"}).content.decode()
    target = client.get(_register(world.case_a), {"basis": "target"}).content.decode()
    assert 'data-basis="inherent"' in inherent
    assert _cell(inherent, 3, 4) == 1 and _cell(inherent, 2, 4) == 0
    assert _cell(target, 2, 4) == 1 and _cell(target, 3, 4) == 0
    assert 'href="?basis=target" aria-current="page"' in target


def test_a_consultant_adds_a_risk_and_the_form_stays_open_for_the_next(world, login):
    client = login(world.alice)
    response = client.post(reverse("assessment:risk_create", kwargs={"reference": world.case_a.reference}), {
        "title": "Parents lose confidence", "category": "reputational", "owner": world.leader_a.pk,
        "inherent_likelihood": "4", "inherent_impact": "4", "current_likelihood": "3", "current_impact": "4",
        "target_likelihood": "", "target_impact": "", "treatment": "mitigate", "treatment_rationale": "",
    })
    risk = Risk.objects.get(title="Parents lose confidence")
    assert (risk.inherent_score, risk.current_score, risk.target_score, risk.band) == (16, 12, 12, "high")
    assert risk.owner == world.leader_a and risk.created_by == world.alice
    assert response.status_code == 302
    assert response["Location"].startswith(_register(world.case_a) + "?added=1")
    assert "#" not in response["Location"]  # a fragment would stop the browser's autofocus

    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Risk added: Parents lose confidence" in body
    assert '<details class="disclosure" id="add-risk" open>' in body
    assert re.search(r'<input type="text" name="title"[^>]*autofocus', body)
    assert re.search(r'name="title"[^>]*value=', body) is None  # empty for the next risk
    # The category and owner are kept for the next risk.
    assert re.search(r'<option value="reputational" selected>', body)
    assert re.search(rf'<option value="{world.leader_a.pk}" selected>', body)
    assert "Parents lose confidence" in _rows(body)


@pytest.mark.parametrize("data,message", [
    ({"inherent_likelihood": "7"}, "Inherent likelihood must be a whole number from 1 to 5, not 7."),
    ({"title": ""}, "Give the risk a title."),
    ({"treatment": "accept"}, "Say why the risk is accepted: an accepted risk needs a rationale."),
    ({"current_impact": "0"}, "Current impact must be a whole number from 1 to 5, not 0."),
])
def test_bad_input_is_refused_with_the_reason_and_nothing_is_written(world, login, data, message):
    post = {"title": "Crafted", "category": "legal", "inherent_likelihood": "3", "inherent_impact": "3",
            "treatment": "mitigate", **data}
    response = login(world.alice).post(
        reverse("assessment:risk_create", kwargs={"reference": world.case_a.reference}), post
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert '<details class="disclosure" id="add-risk" open>' in response.content.decode()
    assert not Risk.objects.exists()


def test_leaders_read_the_register_without_edit_forms(world, register, login):
    client = login(world.leader_a)
    body = client.get(_register(world.case_a)).content.decode()
    assert len(_rows(body)) == 4
    assert "Add a risk" not in body and "Sign the assessment off" not in body
    assert 'id="assessment"' in body  # read-only assessment panel
    response = client.post(reverse("assessment:risk_create", kwargs={"reference": world.case_a.reference}),
                           {"title": "Sneaky", "category": "legal", "inherent_likelihood": 3, "inherent_impact": 3})
    assert response.status_code == 403
    assert not Risk.objects.filter(title="Sneaky").exists()


def test_staff_see_only_the_risks_they_own(world, register, login):
    assessment_services.risk_update(actor=world.alice, risk=register["minor"], owner=world.staff_a)
    body = login(world.staff_a).get(_register(world.case_a)).content.decode()
    assert _rows(body) == ["Minor paperwork gaps"]
    assert "1 active risk" in body
    assert _cell(body, 4, 5) == 0 and _cell(body, 1, 2) == 1
    assert 'id="assessment"' not in body and 'name="owner"' not in body


def test_the_register_runs_the_same_number_of_queries_for_10_and_200_risks(world, login):
    client = login(world.alice)
    url = _register(world.case_a)
    client.get(url)  # warm caches (content types, session)

    def add(count: int, start: int) -> None:
        categories = list(RiskCategory)
        for n in range(start, start + count):
            risk = _add(world, f"Risk {n}", categories[n % 6].value, n % 5 + 1, (n * 3) % 5 + 1,
                        owner=[world.alice, world.leader_a, world.staff_a, None][n % 4])
            if n % 3 == 0:
                assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="Reviewed.",
                                                 inherent_likelihood=3,
                                      inherent_impact=3, current_likelihood=2, current_impact=3,
                                      target_likelihood=1, target_impact=3)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, {"basis": "inherent"})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    add(10, 0)
    few = queries()
    add(190, 10)
    assert few == queries()
    assert "200 active risks" in client.get(url).content.decode()


def test_the_register_pages_fifty_risks_at_a_time(world, login):
    for n in range(55):
        _add(world, f"Risk {n:02}", "operational", 2, 2)
    client = login(world.alice)
    assert len(_rows(client.get(_register(world.case_a)).content.decode())) == 50
    assert len(_rows(client.get(_register(world.case_a), {"page": 2}).content.decode())) == 5


def test_the_register_links_its_csv_export_and_import_for_consultants(world, login):
    export = reverse("assessment:risk_export", kwargs={"reference": world.case_a.reference})
    import_ = reverse("assessment:risk_import", kwargs={"reference": world.case_a.reference})
    body = login(world.alice).get(_register(world.case_a)).content.decode()
    assert f'href="{export}"' in body and f'action="{import_}"' in body
    assert f'action="{import_}"' not in login(world.leader_a).get(_register(world.case_a)).content.decode()


# Assessment: no-risk marks and sign-off, then the stage move -----------------------------------


def test_marking_categories_and_signing_off_opens_the_way_to_engagement(world, login):
    client = login(world.alice)
    ref = world.case_a.reference
    _add(world, "Recording is patchy", "operational", 3, 3)

    # Before: the case page refuses the move and names what is missing.
    response = client.post(reverse("crisis:case_stage_move", kwargs={"reference": ref}),
                           {"to": "engagement", "rationale": "Assessed."})
    body = response.content.decode()
    assert response.status_code == 400
    assert "The assessment has not been signed off." in body
    assert "Strategic, Reputational, Financial, Legal, Personnel" in body

    for category in ("strategic", "reputational", "financial", "legal", "personnel"):
        response = client.post(reverse("assessment:category_no_risk", kwargs={"reference": ref}),
                               {"category": category, "reason": f"Nothing {category} found."})
        assert response.status_code == 302 and response["Location"].endswith("#assessment")
    assert CategoryNoRisk.objects.filter(case=world.case_a).count() == 5

    body = client.get(_register(world.case_a)).content.decode()
    assert "Nothing legal found." in body and "Assessed, no risk identified" in body

    response = client.post(reverse("assessment:assessment_sign_off", kwargs={"reference": ref}),
                           {"summary": "One operational risk; nothing else found."})
    assert response.status_code == 302
    sign_off = AssessmentSignOff.objects.get(case=world.case_a)
    assert sign_off.signed_by == world.alice and sign_off.risk_count == 1
    body = client.get(_register(world.case_a)).content.decode()
    assert "Signed off by Alice Adams" in body and "One operational risk; nothing else found." in body
    assert "Assessment complete" in body

    response = client.post(reverse("crisis:case_stage_move", kwargs={"reference": ref}),
                           {"to": "engagement", "rationale": "Assessed."})
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.stage == Stage.ENGAGEMENT


def test_a_no_risk_mark_can_be_removed_and_bad_marks_are_refused(world, login):
    client = login(world.alice)
    ref = world.case_a.reference
    _add(world, "Recording is patchy", "operational", 3, 3)
    response = client.post(reverse("assessment:category_no_risk", kwargs={"reference": ref}),
                           {"category": "operational", "reason": "None."})
    assert response.status_code == 400
    assert "Operational already has 1 risk(s) on the register." in response.content.decode()
    response = client.post(reverse("assessment:category_no_risk", kwargs={"reference": ref}),
                           {"category": "legal", "reason": ""})
    assert response.status_code == 400 and not CategoryNoRisk.objects.exists()

    entry = assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="legal",
                                                      reason="None.")
    assert login(world.leader_a).post(
        reverse("assessment:category_no_risk_remove", kwargs={"reference": ref, "pk": entry.pk})
    ).status_code == 403
    response = client.post(reverse("assessment:category_no_risk_remove", kwargs={"reference": ref, "pk": entry.pk}))
    assert response.status_code == 302
    assert not CategoryNoRisk.objects.exists()


def test_sign_off_without_a_summary_is_refused(world, login):
    response = login(world.alice).post(
        reverse("assessment:assessment_sign_off", kwargs={"reference": world.case_a.reference}), {"summary": " "}
    )
    assert response.status_code == 400
    assert "Summarise what the assessment found before signing it off." in response.content.decode()
    assert not AssessmentSignOff.objects.exists()


def test_the_case_page_summarises_the_register(world, register, login):
    body = login(world.alice).get(world.case_a.get_absolute_url()).content.decode()
    assert "4 active risks" in body
    assert _cell(body, 4, 5) == 2
    assert "Not signed off yet." in body and "Open the risk register" in body
    assert "Strategic" in body  # still to consider


def test_the_case_page_runs_constant_queries_as_the_register_grows(world, login):
    client = login(world.alice)
    url = world.case_a.get_absolute_url()
    client.get(url)

    def queries(active: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200
        assert f"{active} active risk" in response.content.decode()
        return len(ctx.captured_queries)

    _add(world, "One", "legal", 2, 2)
    few = queries(1)
    for n in range(30):
        _add(world, f"More {n}", list(RiskCategory)[n % 6].value, n % 5 + 1, 3)
    assert few == queries(31)


def test_a_leader_not_named_on_a_restricted_case_is_neither_offered_nor_accepted_as_a_risk_owner(world, login):
    client = login(world.alice)
    register = client.get(_register(world.restricted_a)).content.decode()
    assert "Lena Leader" in register and "Dora Dawson" not in register
    response = client.post(reverse("assessment:risk_create", kwargs={"reference": world.restricted_a.reference}), {
        "title": "DSL cover", "category": "personnel", "owner": world.unnamed_leader_a.pk,
        "inherent_likelihood": "3", "inherent_impact": "3", "current_likelihood": "", "current_impact": "",
        "target_likelihood": "", "target_impact": "", "treatment": "mitigate", "treatment_rationale": "",
    })
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Risk.objects.filter(title="DSL cover").exists()

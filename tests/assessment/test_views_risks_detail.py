"""One risk's page: scores, the score-over-time chart, history, comments, and edit / re-score / close."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment import services as assessment_services
from assessment.models import Risk, RiskComment, RiskScoreChange
from crisis.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(shared_world):
    """Every test here uses the world and none commits: build it once for the module."""
    return shared_world


@pytest.fixture
def risk(world) -> Risk:
    return assessment_services.risk_create(
        actor=world.alice, case=world.case_a, title="Staff unsure how to refer to the LADO", category="legal",
        description="Two staff did not know the route.", cause="No training since 2023.",
        consequence="Allegations not referred within one working day.", owner=world.staff_a,
        inherent_likelihood=4, inherent_impact=5, current_likelihood=3, current_impact=5,
        target_likelihood=1, target_impact=4,
    )


def _url(risk: Risk, name: str = "risk_detail") -> str:
    return reverse(f"assessment:{name}", kwargs={"reference": risk.case.reference, "pk": risk.pk})


def test_it_shows_every_field_the_three_scores_and_one_chart_point(world, risk, login):
    response = login(world.alice).get(_url(risk))
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("Staff unsure how to refer to the LADO", "Two staff did not know the route.",
                 "No training since 2023.", "Allegations not referred within one working day.", "Sam Staff",
                 "Statutory duties and regulation"):  # the category's help text
        assert text in body
    # Inherent 4×5 = 20 critical; current 3×5 = 15 critical; target 1×4 = 4 medium.
    assert "Likelihood 4 — Likely" in body and "Impact 5 — Severe" in body
    assert "Likelihood 3 — Possible" in body and "Likelihood 1 — Rare" in body and "Impact 4 — Major" in body
    assert re.search(r'<strong>20</strong>.*?Critical', body, re.S)
    assert re.search(r'<strong>4</strong>.*?Medium', body, re.S)
    assert 'data-points="1"' in body and body.count('class="chart__point') == 1
    assert "Identified" in body
    assert AuditEvent.objects.filter(verb="risk.viewed", actor=world.alice).exists()


def test_rescoring_writes_history_and_the_chart_and_table_show_it(world, risk, login):
    client = login(world.alice)
    response = client.post(_url(risk, "risk_rescore"), {
        "inherent_likelihood": 4, "inherent_impact": 5, "current_likelihood": 2, "current_impact": 5,
        "target_likelihood": 1, "target_impact": 4, "reason": "LADO training delivered to all staff.",
    })
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.current_score, risk.band, risk.previous_score, risk.movement) == (10, "high", 15, "down")
    change = RiskScoreChange.objects.filter(risk=risk).last()
    assert (change.changed_by, change.before["current"], change.after["current"]) == (world.alice, [3, 5], [2, 5])

    body = client.get(response["Location"]).content.decode()
    assert "Re-scored: current score 15 → 10 (High)." in body
    assert 'data-points="2"' in body and '<polyline points="' in body
    assert "LADO training delivered to all staff." in body
    assert re.search(r'3×5</span> → <strong>2×5</strong>', body)
    # The register shows the movement with words for screen readers.
    register = client.get(reverse("assessment:risk_register", kwargs={"reference": world.case_a.reference}))
    assert "Better since the last review, was 15" in register.content.decode()


def test_a_bad_rescore_is_refused_and_changes_nothing(world, risk, login):
    response = login(world.alice).post(_url(risk, "risk_rescore"), {
        "inherent_likelihood": 4, "inherent_impact": 5, "current_likelihood": 7, "current_impact": 5,
        "target_likelihood": 1, "target_impact": 4, "reason": "",
    })
    body = response.content.decode()
    assert response.status_code == 400
    assert "Current likelihood must be a whole number from 1 to 5, not 7." in body
    assert "Say why the scores changed" in body
    assert RiskScoreChange.objects.filter(risk=risk).count() == 1


def test_editing_shows_a_prefilled_form_and_saves(world, risk, login):
    client = login(world.alice)
    body = client.get(_url(risk, "risk_edit")).content.decode()
    assert 'value="Staff unsure how to refer to the LADO"' in body
    assert re.search(rf'<option value="{world.staff_a.pk}" selected>', body)
    data = {
        "title": "Staff unsure of the LADO route", "category": "legal", "description": "", "cause": "",
        "consequence": "", "owner": world.leader_a.pk, "identified_on": risk.identified_on.isoformat(),
        "treatment": "accept", "treatment_rationale": "", "status": "treating",
        "review_due_on": risk.review_due_on.isoformat(),
    }
    response = client.post(_url(risk, "risk_edit"), data)
    assert response.status_code == 400
    assert "an accepted risk needs a rationale" in response.content.decode()
    risk.refresh_from_db()
    assert risk.title == "Staff unsure how to refer to the LADO"

    data.update(treatment="mitigate", review_due_on=(timezone.localdate() + dt.timedelta(days=3)).isoformat())
    response = client.post(_url(risk, "risk_edit"), data)
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.title, risk.owner, risk.status, risk.review_due_overridden) == (
        "Staff unsure of the LADO route", world.leader_a, "treating", True
    )


def test_closing_needs_a_note_and_keeps_it_as_a_comment(world, risk, login):
    client = login(world.alice)
    assert client.post(_url(risk, "risk_close"), {"note": ""}).status_code == 400
    risk.refresh_from_db()
    assert risk.status != "closed"
    response = client.post(_url(risk, "risk_close"), {"note": "Training done and audited."})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert risk.status == "closed" and risk.closed_on == timezone.localdate()
    body = client.get(_url(risk)).content.decode()
    assert "Closed: Training done and audited." in body
    assert "Review the scores" not in body and "Close this risk" not in body


def test_a_leader_comments_but_sees_no_edit_forms_and_may_not_edit(world, risk, login):
    client = login(world.leader_a)
    body = client.get(_url(risk)).content.decode()
    assert "Add comment" in body
    assert "Edit the details" not in body and "Review the scores" not in body and "Close this risk" not in body
    response = client.post(_url(risk, "risk_comment"), {"body": "We will brief governors on Monday."})
    assert response.status_code == 302
    comment = RiskComment.objects.get(risk=risk)
    assert (comment.author, comment.body) == (world.leader_a, "We will brief governors on Monday.")
    assert "We will brief governors on Monday." in client.get(_url(risk)).content.decode()

    for name, data in (("risk_edit", {"title": "Changed"}), ("risk_rescore", {"reason": "x"}),
                       ("risk_close", {"note": "x"})):
        assert client.post(_url(risk, name), data).status_code == 403, name
    assert client.get(_url(risk, "risk_edit")).status_code == 403
    risk.refresh_from_db()
    assert risk.title == "Staff unsure how to refer to the LADO" and risk.status == "open"


def test_an_empty_comment_is_refused(world, risk, login):
    response = login(world.alice).post(_url(risk, "risk_comment"), {"body": "  "})
    assert response.status_code == 400
    assert "Write a comment first." in response.content.decode()
    assert not RiskComment.objects.exists()


def test_staff_see_their_own_risk_but_may_not_comment_and_get_404_for_others(world, risk, login):
    other = assessment_services.risk_create(actor=world.alice, case=world.case_a, title="Someone else's",
                                            category="legal",
                                 inherent_likelihood=2, inherent_impact=2, owner=world.leader_a)
    client = login(world.staff_a)
    body = client.get(_url(risk)).content.decode()
    assert "Staff unsure how to refer to the LADO" in body and "Add comment" not in body
    assert client.post(_url(risk, "risk_comment"), {"body": "Me too"}).status_code == 403
    assert not RiskComment.objects.exists()
    response = client.get(_url(other))
    assert response.status_code == 404 and "Someone else" not in response.content.decode()


def test_every_risk_url_answers_404_to_another_organisation(world, risk, login):
    for who in (world.bob, world.leader_b, world.staff_b):
        client = login(who)
        assert client.get(_url(risk)).status_code == 404
        assert client.get(_url(risk, "risk_edit")).status_code == 404
        for name in ("risk_edit", "risk_rescore", "risk_close", "risk_comment"):
            assert client.post(_url(risk, name), {"body": "x", "note": "x"}).status_code == 404, name
        register = reverse("assessment:risk_register", kwargs={"reference": world.case_a.reference})
        assert client.get(register).status_code == 404
    # A risk of case A reached through case B's reference is no risk at all.
    url = reverse("assessment:risk_detail", kwargs={"reference": world.case_b.reference, "pk": risk.pk})
    assert login(world.bob).get(url).status_code == 404


def test_the_score_chart_escapes_the_reason(world, risk, login):
    assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="<script>alert(1)</script>",
                                     inherent_likelihood=4,
                          inherent_impact=5, current_likelihood=3, current_impact=5, target_likelihood=1,
                          target_impact=4)
    body = login(world.alice).get(_url(risk)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

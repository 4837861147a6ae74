"""The risk register's rules: scoring, bands, history, the owner rule, roles and the Assessment gate."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessment import selectors as assessment_selectors
from assessment import services as assessment_services
from assessment.models import AssessmentSignOff, Risk, RiskCategory, RiskComment, RiskScoreChange
from assessment.risk_matrix import MATRIX, REVIEW_DAYS, Band, band_for, score
from crisis import services
from crisis.models import AuditEvent, ChronologyEntry, Stage, StageChange

from ..conftest import approve_exit_override, complete_response

pytestmark = pytest.mark.django_db


def _risk(world, **kwargs):
    values = {"actor": world.alice, "case": world.case_a, "title": "Single central record incomplete",
              "category": RiskCategory.LEGAL, "inherent_likelihood": 4, "inherent_impact": 5}
    values.update(kwargs)
    return assessment_services.risk_create(**values)


@pytest.mark.parametrize(
    "likelihood,impact,band",
    [(1, 1, Band.LOW), (1, 5, Band.MEDIUM), (2, 5, Band.HIGH), (3, 3, Band.MEDIUM), (3, 5, Band.CRITICAL),
     (4, 3, Band.HIGH), (4, 4, Band.CRITICAL), (5, 1, Band.MEDIUM), (5, 5, Band.CRITICAL), (2, 2, Band.LOW)],
)
def test_the_band_comes_from_the_one_matrix(likelihood, impact, band):
    assert band_for(likelihood, impact) == band
    assert score(likelihood, impact) == likelihood * impact


def test_the_matrix_never_ranks_a_higher_score_in_a_lower_band_along_a_row_or_column():
    rank = {Band.LOW: 0, Band.MEDIUM: 1, Band.HIGH: 2, Band.CRITICAL: 3}
    for likelihood in range(1, 6):
        for impact in range(1, 5):
            assert rank[MATRIX[likelihood][impact]] >= rank[MATRIX[likelihood][impact - 1]]
            if likelihood < 5:
                assert rank[MATRIX[likelihood + 1][impact - 1]] >= rank[MATRIX[likelihood][impact - 1]]
    with pytest.raises(ValueError):
        band_for(7, 1)


def test_a_new_risk_is_scored_banded_given_a_review_date_and_a_first_history_row(world):
    risk = _risk(world, current_likelihood=3, current_impact=4, target_likelihood=1, target_impact=4)

    assert (risk.inherent_score, risk.current_score, risk.target_score) == (20, 12, 4)
    assert risk.band == Band.HIGH and risk.band_rank == 1
    assert risk.inherent_band == Band.CRITICAL and risk.target_band == Band.MEDIUM
    assert risk.review_due_on == timezone.localdate() + dt.timedelta(days=REVIEW_DAYS[Band.HIGH])
    assert risk.movement == "new"
    first = RiskScoreChange.objects.get(risk=risk)
    assert first.reason == "Identified" and first.before == {} and first.current_score == 12
    assert AuditEvent.objects.filter(verb="risk.created", case=world.case_a, actor=world.alice).exists()


def test_current_defaults_to_inherent_and_target_to_current(world):
    risk = _risk(world, inherent_likelihood=2, inherent_impact=3)
    assert (risk.current_likelihood, risk.current_impact, risk.target_likelihood, risk.target_impact) == (2, 3, 2, 3)


def test_an_overridden_review_date_is_kept_until_the_next_review(world):
    chosen = timezone.localdate() + dt.timedelta(days=3)
    risk = _risk(world, review_due_on=chosen)
    assert risk.review_due_on == chosen and risk.review_due_overridden

    assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="Reviewed at the weekly meeting.",
                          **{f: getattr(risk, f) for f in assessment_services.SCORE_FIELDS})
    risk.refresh_from_db()
    assert not risk.review_due_overridden
    assert risk.review_due_on == timezone.localdate() + dt.timedelta(days=REVIEW_DAYS[Band.CRITICAL])


def test_every_rescore_is_kept_with_who_when_old_new_and_why(world):
    risk = _risk(world)
    change = assessment_services.risk_rescore(
        actor=world.alice, risk=risk, reason="DBS checks completed for every member of staff.",
        inherent_likelihood=4, inherent_impact=5, current_likelihood=2, current_impact=4,
        target_likelihood=1, target_impact=4,
    )
    risk.refresh_from_db()
    assert change.before["current"] == [4, 5] and change.after["current"] == [2, 4]
    assert change.changed_by == world.alice and change.previous_current_score == 20
    assert (risk.current_score, risk.previous_score, risk.movement, risk.band) == (8, 20, "down", Band.MEDIUM)
    assert list(assessment_selectors.risk_history(risk=risk).values_list("current_score", flat=True)) == [20, 8]

    assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="Press coverage after the parents' meeting.",
                          inherent_likelihood=4, inherent_impact=5, current_likelihood=3, current_impact=4,
                          target_likelihood=1, target_impact=4)
    risk.refresh_from_db()
    assert risk.movement == "up"
    event = AuditEvent.objects.filter(verb="risk.rescored").first()
    assert event.summary["reason"] == "Press coverage after the parents' meeting."


def test_a_rescore_needs_a_reason_and_levels_from_1_to_5(world):
    risk = _risk(world)
    levels = {f: getattr(risk, f) for f in assessment_services.SCORE_FIELDS}
    with pytest.raises(ValidationError, match="Say why"):
        assessment_services.risk_rescore(actor=world.alice, risk=risk, reason=" ", **levels)
    with pytest.raises(ValidationError) as exc:
        assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="x", **{**levels,
                                                                                      "current_likelihood": 7})
    assert "from 1 to 5" in exc.value.message_dict["current_likelihood"][0]
    assert RiskScoreChange.objects.filter(risk=risk).count() == 1


def test_a_review_cannot_be_dated_before_the_last_one_or_in_the_future(world):
    risk = _risk(world)
    levels = {f: getattr(risk, f) for f in assessment_services.SCORE_FIELDS}
    for when in (timezone.now() - dt.timedelta(days=3), timezone.now() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError, match="between the risk's last review and now"):
            assessment_services.risk_rescore(actor=world.alice, risk=risk, reason="x", reviewed_at=when, **levels)


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"inherent_likelihood": 7}, "from 1 to 5"),
        ({"inherent_impact": 0}, "from 1 to 5"),
        ({"current_likelihood": 0}, "from 1 to 5"),
        ({"target_impact": 0}, "from 1 to 5"),
        ({"title": "  "}, "This field cannot be blank"),
        ({"category": "spiritual"}, "is not a valid choice"),
        ({"treatment": "accept"}, "accepted risk needs a rationale"),
        ({"status": "closed"}, "cannot be closed"),
        ({"identified_on": dt.date(2099, 1, 1)}, "future date"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(world, changes, message):
    before = (Risk.objects.count(), RiskScoreChange.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        _risk(world, **changes)
    assert message in " ".join(exc.value.messages)
    assert (Risk.objects.count(), RiskScoreChange.objects.count(), AuditEvent.objects.count()) == before


def test_an_accepted_risk_with_a_rationale_is_kept(world):
    risk = _risk(world, treatment="accept", treatment_rationale="Insurer notified; residual cost is tolerable.",
                 status="accepted", category=RiskCategory.FINANCIAL, inherent_likelihood=2, inherent_impact=2)
    assert risk.status == Risk.Status.ACCEPTED and risk.band == Band.LOW


def test_the_owner_is_a_member_or_an_assigned_consultant(world):
    assert _risk(world, owner=world.leader_a).owner == world.leader_a
    assert _risk(world, owner=world.carol).owner == world.carol
    for outsider in (world.leader_b, world.bob):
        with pytest.raises(ValidationError, match="neither a member"):
            _risk(world, owner=outsider)


def test_only_assigned_consultants_change_the_register(world):
    for who in (world.leader_a, world.staff_a, world.bob):
        with pytest.raises(PermissionDenied):
            _risk(world, actor=who)
    risk = _risk(world)
    with pytest.raises(PermissionDenied):
        assessment_services.risk_update(actor=world.leader_a, risk=risk, title="Softer wording")
    with pytest.raises(PermissionDenied):
        assessment_services.risk_close(actor=world.leader_a, risk=risk, note="Not a risk")


def test_scores_move_only_by_rescoring(world):
    risk = _risk(world)
    with pytest.raises(ValidationError, match="Re-score to change likelihood or impact"):
        assessment_services.risk_update(actor=world.alice, risk=risk, current_likelihood=1)


def test_who_sees_which_risk(world):
    owned = _risk(world, owner=world.staff_a, title="Staff capacity during suspensions",
                  category=RiskCategory.PERSONNEL)
    other = _risk(world)
    b_risk = _risk(world, actor=world.bob, case=world.case_b, title="Coach still messaging swimmers")
    restricted = _risk(world, case=world.restricted_a, title="DSL conflict of interest")

    assert set(assessment_selectors.risks_for(world.alice)) == {owned, other, restricted}
    assert set(assessment_selectors.risks_for(world.leader_a)) == {owned, other, restricted}
    assert set(assessment_selectors.risks_for(world.staff_a)) == {owned}
    assert set(assessment_selectors.risks_for(world.carol)) == {owned, other}  # not named on the restricted case
    assert set(assessment_selectors.risks_for(world.leader_b)) == {b_risk}
    assert assessment_selectors.risks_for(world.admin).count() == 4


def test_consultants_and_leaders_comment_staff_do_not(world):
    risk = _risk(world, owner=world.staff_a)
    assessment_services.risk_comment_create(actor=world.leader_a, risk=risk, body="Governors discussed this on Monday.")
    assessment_services.risk_comment_create(actor=world.alice, risk=risk, body="Agreed.")
    with pytest.raises(PermissionDenied):
        assessment_services.risk_comment_create(actor=world.staff_a, risk=risk, body="Me too")
    with pytest.raises(ValidationError, match="Write a comment"):
        assessment_services.risk_comment_create(actor=world.leader_a, risk=risk, body="   ")
    assert [c.author for c in assessment_selectors.risk_comments(risk=risk)] == [world.leader_a, world.alice]


def test_closing_a_risk_records_why(world):
    risk = _risk(world)
    assessment_services.risk_close(actor=world.alice, risk=risk, note="The teacher left; no contact with pupils.")
    risk.refresh_from_db()
    assert risk.status == Risk.Status.CLOSED and risk.closed_on == timezone.localdate()
    assert RiskComment.objects.get(risk=risk).body == "Closed: The teacher left; no contact with pupils."
    assert risk not in assessment_selectors.case_risks(user=world.alice, case=world.case_a)
    assert risk in assessment_selectors.case_risks(user=world.alice, case=world.case_a, filters={"status": "all"})
    with pytest.raises(ValidationError, match="already closed"):
        assessment_services.risk_close(actor=world.alice, risk=risk, note="again")


def test_the_register_sorts_by_priority_then_score_and_counts_in_sql(world, django_assert_num_queries):
    low = _risk(world, title="Low", inherent_likelihood=1, inherent_impact=2, category=RiskCategory.FINANCIAL)
    high = _risk(world, title="High", inherent_likelihood=4, inherent_impact=3)
    critical_20 = _risk(world, title="Critical 20", inherent_likelihood=4, inherent_impact=5)
    critical_25 = _risk(world, title="Critical 25", inherent_likelihood=5, inherent_impact=5)
    risks = assessment_selectors.case_risks(user=world.alice, case=world.case_a)
    assert list(risks) == [critical_25, critical_20, high, low]

    with django_assert_num_queries(2):  # counts, then the grid; the permission check is a subquery
        counts = assessment_selectors.risk_register_counts(risks)
        grid = assessment_selectors.risk_heat_map(risks, basis="current")
    assert counts["total"] == 4
    assert {v: n for v, _, n in counts["by_band"]} == {"critical": 2, "high": 1, "medium": 0, "low": 1}
    assert {v: n for v, _, n in counts["by_category"]}["legal"] == 3
    cells = {(c["likelihood"], c["impact"]): c["count"] for row in grid for c in row}
    assert cells[(5, 5)] == 1 and cells[(4, 5)] == 1 and cells[(4, 3)] == 1 and cells[(1, 2)] == 1
    assert sum(cells.values()) == 4 and len(cells) == 25
    assert grid[0][0]["likelihood"] == 5 and grid[0][0]["impact"] == 1  # top-left: almost certain, negligible


def test_register_filters(world):
    a = _risk(world, title="Parents' confidence", category=RiskCategory.REPUTATIONAL, owner=world.leader_a,
              inherent_likelihood=4, inherent_impact=4, current_likelihood=3, current_impact=3)
    b = _risk(world, title="Legal costs", category=RiskCategory.FINANCIAL, inherent_likelihood=2, inherent_impact=2)

    def titles(**filters):
        return {r.title for r in assessment_selectors.case_risks(user=world.alice, case=world.case_a, filters=filters)}

    assert titles(category="reputational") == {a.title}
    assert titles(band="low") == {b.title}
    assert titles(owner=str(world.leader_a.pk)) == {a.title}
    assert titles(basis="inherent", likelihood="4", impact="4") == {a.title}
    assert titles(basis="current", likelihood="4", impact="4") == set()
    assert titles(likelihood="9") == {a.title, b.title}  # out-of-range filters are ignored, never a 500
    assert titles(q="legal") == {b.title}


def test_leaving_assessment_needs_sign_off_and_every_category_considered(world):
    case = world.case_a
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=case, to=Stage.ENGAGEMENT, rationale="Ready.")
    assert exc.value.messages == [
        "The assessment has not been signed off.",
        "These categories have no risk and are not marked “assessed, no risk identified”: Operational, "
        "Strategic, Reputational, Financial, Legal, Personnel.",
    ]

    for category in (RiskCategory.OPERATIONAL, RiskCategory.STRATEGIC, RiskCategory.REPUTATIONAL,
                     RiskCategory.LEGAL, RiskCategory.PERSONNEL):
        _risk(world, title=f"A {category} risk", category=category)
    assessment_services.assessment_sign_off(actor=world.alice, case=case, summary="Five categories hold risks.")
    with pytest.raises(ValidationError) as exc:
        services.case_advance_stage(actor=world.alice, case=case, to=Stage.ENGAGEMENT, rationale="Ready.")
    assert exc.value.messages == [
        "These categories have no risk and are not marked “assessed, no risk identified”: Financial."
    ]
    assert not StageChange.objects.exists()

    with pytest.raises(ValidationError, match="Say why no financial risk"):
        assessment_services.category_mark_no_risk(actor=world.alice, case=case, category="financial", reason="")
    assessment_services.category_mark_no_risk(actor=world.alice, case=case, category="financial",
                                   reason="Funding is secure; no claims or costs expected.")
    services.case_advance_stage(actor=world.alice, case=case, to=Stage.ENGAGEMENT, rationale="Ready.")
    case.refresh_from_db()
    assert case.stage == Stage.ENGAGEMENT
    assert assessment_selectors.assessment_status(case=case)["complete"]


def test_sign_off_is_recorded_and_enters_the_chronology(world):
    sign_off = assessment_services.assessment_sign_off(
        actor=world.alice, case=world.case_a, summary="Twelve risks, three critical."
    )
    assert (sign_off.signed_by, sign_off.risk_count) == (world.alice, 0)
    entry = ChronologyEntry.objects.get(case=world.case_a, title="Assessment signed off")
    assert entry.rationale == "Twelve risks, three critical." and entry.significant
    assert AuditEvent.objects.filter(verb="assessment.signed_off", case=world.case_a).exists()
    with pytest.raises(ValidationError, match="Summarise"):
        assessment_services.assessment_sign_off(actor=world.alice, case=world.case_a, summary="")
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_sign_off(actor=world.leader_a, case=world.case_a, summary="Looks fine")
    assert AssessmentSignOff.objects.count() == 1


def test_a_category_with_risks_cannot_be_marked_no_risk_and_marks_are_unique(world):
    _risk(world, category=RiskCategory.LEGAL)
    with pytest.raises(ValidationError, match="Legal already has 1 risk"):
        assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="legal", reason="None")
    entry = assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="financial",
                                                      reason="None")
    with pytest.raises(ValidationError, match="already marked"):
        assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="financial",
                                                  reason="None")
    with pytest.raises(ValidationError, match="not a risk category"):
        assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="weather",
                                                  reason="None")
    assessment_services.category_unmark_no_risk(actor=world.alice, entry=entry)
    assert not world.case_a.categories_without_risk.exists()


def test_a_closed_case_register_is_frozen(world, assessed):
    risk = _risk(world)
    complete_response(world.case_a, world.alice)
    for stage in (Stage.ENGAGEMENT, Stage.RESPONSE, Stage.RECOVERY):
        services.case_advance_stage(actor=world.alice, case=world.case_a, to=stage, rationale="On.")
    approve_exit_override(world.case_a, world.alice, world.carol)  # the exit criteria are not met yet
    services.case_advance_stage(actor=world.alice, case=world.case_a, to=Stage.CLOSED, rationale="On.")
    world.case_a.refresh_from_db()
    risk.refresh_from_db()
    with pytest.raises(ValidationError, match="The case is closed"):
        _risk(world)
    with pytest.raises(ValidationError, match="The case is closed"):
        assessment_services.risk_update(actor=world.alice, risk=risk, title="Later edit")


def test_identifying_a_risk_withdraws_the_categorys_no_risk_mark(world):
    assessment_services.category_mark_no_risk(actor=world.alice, case=world.case_a, category="financial",
                                              reason="None seen")
    _risk(world, category=RiskCategory.FINANCIAL, title="Insurer may decline cover")
    status = {c["value"]: c for c in assessment_selectors.assessment_status(case=world.case_a)["categories"]}
    assert status["financial"]["no_risk"] is None and status["financial"]["risk_count"] == 1
    assert AuditEvent.objects.filter(verb="risk_category.no_risk_removed", case=world.case_a).exists()

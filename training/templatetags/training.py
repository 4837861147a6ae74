"""Template tags of the training app: the organisation's training tabs, and the panels other apps'
pages show (the case page, the dashboards) without importing this app."""

from __future__ import annotations

from django import template

from .. import selectors
from ..sections import TRAINING_SECTIONS

register = template.Library()


@register.inclusion_tag("training/_header.html")
def training_tabs(organisation, section: str = "") -> dict:
    """`{% training_tabs organisation "people" %}`: the organisation's name and the training tabs."""
    return {"organisation": organisation, "section": section, "training_sections": TRAINING_SECTIONS}


@register.filter
def renewal(requirement) -> str:
    """How often a requirement is renewed, in words: "every 24 months", "each September", "once"."""
    if requirement.renew_each_september:
        return "each September"
    if requirement.renewal_months:
        months = requirement.renewal_months
        if months % 12 == 0 and months > 12:
            return f"every {months // 12} years"
        return "every year" if months == 12 else f"every {months} month{'s' if months != 1 else ''}"
    return "once"
@register.inclusion_tag("training/_to_act_on.html", takes_context=True)
def training_to_act_on(context) -> dict:
    """`{% training_to_act_on %}`: for a leader, their organisations' expired and missing mandatory
    training, by requirement, with a link to the gaps page. Nothing for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    groups = []
    for _, rows in selectors.leader_training_gaps(user=user):
        groups.append((rows[0].requirement.organisation, rows))
    return {"groups": groups}
@register.inclusion_tag("training/_panel_coverage.html", takes_context=True)
def training_coverage_panel(context, organisation, soonest: int = 0) -> dict:
    """`{% training_coverage_panel organisation %}`: "Training: 78% in date; 4 expire within 60 days",
    linking to the matrix, for those who keep the organisation's training; nothing for staff. With
    `soonest`, also the first few certificates to expire, by name. A fixed number of queries,
    whatever the size of the staff list."""
    from ..selectors import EXPIRING_DAYS, coverage_summary, expiring_soon

    user = context["request"].user
    summary = coverage_summary(organisation, user=user)
    soonest = expiring_soon(user, organisation)[:soonest] if summary and soonest else []
    return {"summary": summary, "organisation": organisation, "days": EXPIRING_DAYS, "soonest": soonest}


@register.inclusion_tag("training/_organisation_panel.html", takes_context=True)
def training_organisation_panel(context, organisation) -> dict:
    """`{% training_organisation_panel organisation %}`: the organisation page's Training section —
    coverage in a sentence and the way into each training page — for those who keep its training;
    nothing for anyone else."""
    from ..selectors import EXPIRING_DAYS, coverage_summary

    summary = coverage_summary(organisation, user=context["request"].user)
    return {"summary": summary, "organisation": organisation, "days": EXPIRING_DAYS,
            "training_sections": TRAINING_SECTIONS}


@register.inclusion_tag("training/_plan_session.html", takes_context=True)
def plan_training_session(context, action) -> dict:
    """`{% plan_training_session action %}` on a response-plan action's page: for those who keep the
    organisation's training, a link to plan a training session that delivers this action."""
    from crisis.access import can_manage_training

    user = context["request"].user
    return {"action": action, "show": not action.is_complete and action.case.is_open
            and can_manage_training(user=user, organisation_id=action.organisation_id)}


@register.inclusion_tag("training/_gaps_into_plan.html", takes_context=True)
def training_gaps_into_plan(context, case) -> dict:
    """`{% training_gaps_into_plan case %}` on a case's action plan: for its consultants, while the case
    is in Response, one click that adds the organisation's training gaps to this plan as actions (one
    per requirement; those already in the plan are not added again)."""
    from crisis.access import can_manage_case
    from crisis.models import Stage

    user = context["request"].user
    show = case.stage == Stage.RESPONSE and user.is_consultant and can_manage_case(user=user, case=case)
    return {"case": case, "show": show}


@register.inclusion_tag("training/_recovery_panel.html", takes_context=True)
def recovery_panel(context, case) -> dict:
    """`{% recovery_panel case %}` in the case page's Recovery section: whether the case has reached
    Recovery, and for its consultants and leaders "5 of 8 exit criteria met", what is unmet and a link
    to the exit page (staff see only where the case stands). A fixed number of queries (those of
    `case_readiness`), and none of them for a case not in Recovery yet."""
    from crisis.models import Stage

    from ..selectors.exit import can_read_exit, case_readiness

    state = {Stage.RECOVERY: "current", Stage.CLOSED: "closed"}.get(case.stage, "todo")
    show = state != "todo" and can_read_exit(user=context["request"].user, case=case)
    readiness = case_readiness(case=case) if show and state == "current" else None
    return {"case": case, "state": state, "show": show, "readiness": readiness,
            "met_count": sum(1 for item in readiness["criteria"] if item["met"]) if readiness else 0}
# Surveys --------------------------------------------------------------------------------------------


@register.simple_tag
def survey_trend_chart(trend):
    """`{% survey_trend_chart trend %}`: the key score of each group across a series' rounds (SVG), from
    `case_survey_trend` or `survey_series_trend`: only rounds at or above the threshold are points."""
    from ..charts import survey_trend_chart as chart

    return chart(trend)


@register.filter
def survey_group_label(group: str) -> str:
    from ..models import SurveyGroup

    return SurveyGroup(group).label if group in SurveyGroup.values else group


@register.inclusion_tag("training/_survey_panel.html", takes_context=True)
def survey_panel(context, case) -> dict:
    """`{% survey_panel case %}`: the case page's Recovery section — the latest survey and, per group,
    the latest key score at or above the threshold with its change since the baseline; for the case's
    consultants and the leaders who see it, nothing for anyone else."""
    from ..selectors import can_read_surveys, case_survey_trend, case_surveys

    user = context["request"].user
    if not can_read_surveys(user=user, case=case):
        return {"show": False}
    trend = case_survey_trend(case=case)
    return {"show": True, "case": case, "latest": case_surveys(user=user, case=case).first(), "trend": trend,
            "trend_has_points": any(group["points"] for group in trend)}
# Other evaluations: knowledge checks and observations ---------------------------------------------


@register.inclusion_tag("training/_observations_panel.html", takes_context=True)
def observations_panel(context, case) -> dict:
    """`{% observations_panel case %}` for the case page's Recovery section: observations and learning
    walks counted by rating, and the latest three, for the case's consultants and leaders; nothing
    for staff. Three queries, whatever the number of observations."""
    user = context["request"].user
    if not selectors.can_read_observations(user=user, case=case):
        return {"show": False}
    from crisis.access import can_manage_case

    return {"show": True, "case": case, "summary": selectors.case_observation_summary(case=case),
            "can_write": case.is_open and can_manage_case(user=user, case=case)}


@register.inclusion_tag("training/_my_checks.html", takes_context=True)
def my_knowledge_checks(context) -> dict:
    """`{% my_knowledge_checks %}` on "My training": the knowledge checks of the courses the user took,
    with their latest score. Two queries."""
    return {"rows": selectors.my_checks(context["request"].user)}


@register.inclusion_tag("training/_person_attempts.html", takes_context=True)
def person_check_attempts(context, person) -> dict:
    """`{% person_check_attempts person %}` on a person's page: their knowledge check attempts, for
    those who keep the organisation's training (and the person). One query."""
    return {"person": person, "attempts": list(selectors.person_attempts(user=context["request"].user,
                                                                         person=person))}


@register.inclusion_tag("training/_course_check.html", takes_context=True)
def course_check_panel(context, course) -> dict:
    """`{% course_check_panel course %}` on a course's page: its knowledge check and how it went
    (attempts, pass rate, average), or the way to write one. Two queries."""
    check = selectors.checks_for(context["request"].user).filter(course=course).first()
    return {"course": course, "check": check,
            "summary": selectors.check_attempt_summary(check=check) if check else None}
@register.inclusion_tag("training/_closure_panel.html", takes_context=True)
def closure_report_panel(context, case) -> dict:
    """`{% closure_report_panel case %}` on the case page's Recovery and Closed sections: where the
    closure report stands and the way to it — for its consultants every version, for the leaders who
    see the case the approved one; nothing for staff. Two or three queries."""
    from crisis.access import can_manage_case

    from ..models import ClosureReport

    user = context["request"].user
    if not selectors.can_read_closure_reports(user=user, case=case):
        return {"show": False}
    manage = can_manage_case(user=user, case=case)
    versions = selectors.closure_reports_for(user=user, case=case)
    approved = versions.filter(status=ClosureReport.Status.APPROVED).first()
    latest = versions.first() if manage else approved
    return {"show": True, "case": case, "can_manage": manage, "latest": latest, "approved": approved}

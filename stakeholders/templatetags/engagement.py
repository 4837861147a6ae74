"""Template tags of stakeholder engagement: the trust badge, and the panels the core's pages show
(follow-ups due on the dashboards, reports waiting for approval, the Engagement section of the
case page).

The panels are tags so that `crisis` never imports this app: dependencies point one way, and the
core's templates only `{% load engagement %}`. Each panel reads through the selectors, given the
signed-in user, in a fixed number of queries.
"""

from __future__ import annotations

from django import template
from django.conf import settings

from .. import selectors, services
from ..models import TRUST_LEVELS

register = template.Library()


@register.filter
def trust_label(level) -> str:
    """"Strained" for 2: the words of a trust level."""
    return TRUST_LEVELS.get(level, "")


@register.inclusion_tag("stakeholders/tags/trust_badge.html")
def trust_badge(level: int) -> dict:
    """`{% trust_badge stakeholder.trust_level %}`: five pips and the level in words (colour is never alone)."""
    return {"level": level, "label": TRUST_LEVELS.get(level, ""), "pips": [n <= (level or 0) for n in range(1, 6)]}


FOLLOW_UPS_DAYS = 7
FOLLOW_UPS_SHOWN = 10


@register.inclusion_tag("stakeholders/_follow_ups.html", takes_context=True)
def follow_ups_panel(context, always: bool = False) -> dict:
    """`{% follow_ups_panel %}`: open follow-ups due within a week or overdue, across the user's cases.

    Hidden when there are none, unless `always` (the consultant dashboard shows "none due").
    """
    user = context["request"].user
    follow_ups = list(selectors.follow_ups_due(user=user, within_days=FOLLOW_UPS_DAYS)[:FOLLOW_UPS_SHOWN])
    return {"follow_ups": follow_ups, "show": bool(follow_ups) or always, "days": FOLLOW_UPS_DAYS}


@register.inclusion_tag("stakeholders/_engagement_summary.html", takes_context=True)
def engagement_panel(context, case) -> dict:
    """`{% engagement_panel case %}`: stage 2 in figures for consultants and leaders; nothing for
    everyone else (staff do not see the engagement)."""
    user = context["request"].user
    return {"engagement": selectors.engagement_summary(user=user, case=case), "case": case}


APPROVALS_SHOWN = 10


@register.inclusion_tag("stakeholders/_approvals.html", takes_context=True)
def approvals_panel(context) -> dict:
    """`{% approvals_panel %}`: status reports waiting for a consultant's approval (or blocked by the
    personal-data check) on the user's cases; those waiting too long are flagged. Hidden when none."""
    user = context["request"].user
    reports = list(selectors.reports_waiting_for(user)[:APPROVALS_SHOWN])
    for report in reports:
        report.asked_by_me = user.pk in services.prepared_by_ids(report)
    return {"reports": reports, "hours": settings.REPORT_APPROVAL_HOURS}

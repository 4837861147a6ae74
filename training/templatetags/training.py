"""Template tags of the training app: the organisation's training tabs, and the panels other apps'
pages show (the case page, the dashboards) without importing this app."""

from __future__ import annotations

from django import template

from ..sections import TRAINING_SECTIONS

register = template.Library()


@register.inclusion_tag("training/_header.html")
def training_tabs(organisation, section: str = "") -> dict:
    """`{% training_tabs organisation "people" %}`: the organisation's name and the training tabs."""
    return {"organisation": organisation, "section": section, "training_sections": TRAINING_SECTIONS}


@register.inclusion_tag("training/_panel_coverage.html", takes_context=True)
def training_coverage_panel(context, organisation) -> dict:
    """`{% training_coverage_panel organisation %}`: "Training: 78% in date; 4 expire within 60 days",
    linking to the matrix, for those who keep the organisation's training; nothing for staff. A fixed
    number of queries, whatever the size of the staff list."""
    from ..selectors import EXPIRING_DAYS, coverage_summary

    summary = coverage_summary(organisation, user=context["request"].user)
    return {"summary": summary, "organisation": organisation, "days": EXPIRING_DAYS}

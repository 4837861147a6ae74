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

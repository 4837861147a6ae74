"""Safehold's template tags: the stage progress bar and the status badges."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..models import STAGE_ORDER, Case, Rag, Severity

register = template.Library()


def stage_steps(case: Case) -> list[dict]:
    """The five steps of a case, each done, current or still to come."""
    current = case.stage_index
    steps = []
    for index, stage in enumerate(STAGE_ORDER):
        if index < current:
            state = "done"
        elif index == current:
            state = "current"
        else:
            state = "todo"
        steps.append({"value": stage.value, "label": stage.label, "number": index + 1, "state": state})
    return steps


@register.inclusion_tag("crisis/tags/stage_progress.html")
def stage_progress(case: Case, compact: bool = False) -> dict:
    """`{% stage_progress case %}`: an ordered list of the five stages, the current one marked."""
    return {
        "case": case,
        "steps": stage_steps(case),
        "compact": compact,
        "current_number": case.stage_index + 1,
        "total": len(STAGE_ORDER),
    }


@register.inclusion_tag("crisis/tags/badge.html")
def rag_badge(value: str) -> dict:
    """A RAG badge that says its colour in words too."""
    label = Rag(value).label if value in Rag.values else value
    return {"kind": "rag", "value": value, "label": label, "prefix": "RAG"}


@register.inclusion_tag("crisis/tags/badge.html")
def severity_badge(value: str) -> dict:
    label = Severity(value).label if value in Severity.values else value
    return {"kind": "severity", "value": value, "label": label, "prefix": "Severity"}


@register.filter
def overdue(due_on) -> bool:
    """Whether an open deadline's date has passed (UK date)."""
    return bool(due_on) and due_on < timezone.localdate()


@register.filter
def duration_words(value) -> str:
    """A timedelta in plain words: "1 hour", "30 minutes", "1 hour 30 minutes"."""
    if not value:
        return ""
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes or not parts:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)

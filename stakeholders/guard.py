"""The personal-data check of a status report: what it finds in the texts the report and its email
carry, minus what a consultant has overridden with a reason.

The scanning itself is the core's (`crisis.privacy`); this module feeds it a report's texts and the
case's protected names, and keeps the findings on the report.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from crisis.email import render_email_parts
from crisis.privacy import GuardHit, GuardText, protected_names_for, scan

from .models import GuardOverride, StatusReport
from .report_content import email_context, guard_texts

RECIPIENT_STAND_IN = "[recipient]"


class _StandIn:
    name = RECIPIENT_STAND_IN


def _email_texts(status_report: StatusReport) -> dict[str, str]:
    """The report's email as a recipient gets it, with a stand-in for their name and link."""
    subject, body, _ = render_email_parts(
        subject_template="stakeholders/email/status_report_subject.txt",
        text_template="stakeholders/email/status_report.txt", html_template=None,
        context=email_context(status_report, contact=_StandIn(), link="https://link.invalid/"))
    return {"subject": subject, "body": body}


def _allowed(status_report: StatusReport) -> list[str]:
    """What the document's own furniture carries: the lead consultant's address, the reply-to."""
    case = status_report.case
    allowed = [settings.REPORT_REPLY_TO, settings.DEFAULT_FROM_EMAIL]
    if case.lead_consultant_id:
        allowed.append(case.lead_consultant.email)
    return allowed


def _scan(status_report: StatusReport, texts: list[GuardText]) -> list[GuardHit]:
    return scan(texts, protected_names=protected_names_for(status_report.case), today=timezone.localdate(),
                allowed=_allowed(status_report))


def _unresolved(status_report: StatusReport, hits: list[GuardHit]) -> list[GuardHit]:
    overridden = set(GuardOverride.objects.filter(status_report=status_report).values_list("hit_id", flat=True))
    return [hit for hit in hits if hit.hit_id not in overridden]


def check_report(status_report: StatusReport, context: dict) -> tuple[list[GuardText], list[GuardHit]]:
    """(the texts checked, every hit) for a report about to be rendered from `context`."""
    texts = guard_texts(context, email_texts=_email_texts(status_report))
    return texts, _scan(status_report, texts)


def store_hits(status_report: StatusReport, hits: list[GuardHit]) -> None:
    """Keep the hits not overridden on the report (the caller saves it)."""
    status_report.guard_hits = [_as_dict(hit) for hit in _unresolved(status_report, hits)]
    status_report.guard_checked_at = timezone.now()


def recheck(status_report: StatusReport) -> list[dict]:
    """Check the report's stored texts again (the case's protected names may have grown since it
    was rendered); saves and returns the hits not overridden."""
    texts = [GuardText(**text) for text in status_report.guard_texts]
    store_hits(status_report, _scan(status_report, texts))
    status_report.save(update_fields=["guard_hits", "guard_checked_at"])
    return status_report.guard_hits


def _as_dict(hit: GuardHit) -> dict:
    return {"hit_id": hit.hit_id, "key": hit.key, "record": hit.record, "field": hit.field, "kind": hit.kind,
            "message": hit.message, "url": hit.url}

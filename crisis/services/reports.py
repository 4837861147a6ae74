"""The one report store: a rendered PDF is saved privately on its `Report` with its SHA-256, size
and render time. Every kind of report (the action plan, the status report) is stored through here."""

from __future__ import annotations

import hashlib
import time

from django.core.files.base import ContentFile
from django.utils import timezone

from .. import pdf as pdf_service
from ..models import Report

__all__ = ["report_render_and_store", "report_render_or_record_failure", "report_store"]


def report_store(*, report: Report, pdf: bytes, filename: str, render_ms: int | None = None) -> Report:
    """Save `pdf` as the report's file and mark the report ready (hash, size, when). Saves the row."""
    report.file.save(filename, ContentFile(pdf), save=False)
    report.sha256 = hashlib.sha256(pdf).hexdigest()
    report.size = len(pdf)
    report.status = Report.Status.READY
    report.error = ""
    report.rendered_at = timezone.now()
    report.render_ms = render_ms
    report.save()
    return report


def report_render_and_store(*, report: Report, template: str, context: dict, filename: str) -> Report:
    """Render `template` with `context` to a PDF and store it on `report` (render → hash → save)."""
    started = time.monotonic()
    pdf = pdf_service.render_pdf(template, context)
    return report_store(report=report, pdf=pdf, filename=filename,
                        render_ms=round(1000 * (time.monotonic() - started)))


def report_render_or_record_failure(*, report: Report, template: str, build_context, filename: str
                                    ) -> Exception | None:
    """Render and store a report the caller has locked; a failure (building the context included)
    is recorded on the report as failed, with the error shown on the case, and returned for the
    caller to raise once its transaction has kept that record."""
    try:
        report_render_and_store(report=report, template=template, context=build_context(), filename=filename)
    except Exception as exc:  # a failed render is shown on the case, not lost in a log
        report.status = Report.Status.FAILED
        report.error = f"{type(exc).__name__}: {exc}"[:2000]
        report.save(update_fields=["status", "error"])
        return exc
    return None

"""The two files of the engagement that people download — a status report's PDF and a file of a
logged contact — answered the same way by the pages and the API: as an attachment through the one
private-file response, after the caller's scoped lookup, and audited with the file's hash."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils import timezone

from crisis.audit import audit_record
from crisis.models import Report, User
from crisis.views.files import private_file_response

from .models import Communication, CommunicationAttachment, StatusReport


def status_report_file(*, user: User, status_report: StatusReport, via: str = "page") -> FileResponse:
    """The PDF of a status report the user reads (already looked up through a selector)."""
    report = status_report.report
    if report is None or report.status != Report.Status.READY or not report.file:
        raise Http404("This status report is still being prepared.")
    case = status_report.case
    day = timezone.localdate(report.rendered_at) if report.rendered_at else timezone.localdate()
    response = private_file_response(report.file, filename=f"{case.reference}-status-report-{day:%Y-%m-%d}.pdf",
                                     content_type="application/pdf",
                                     missing="The report file is missing from storage.")
    audit_record(actor=user, verb="status_report.downloaded", obj=status_report, case=case,
                 summary={"title": report.title, "sha256": report.sha256, "via": via})
    return response


def attachment_file(*, user: User, communication: Communication, attachment: CommunicationAttachment,
                    via: str = "page") -> FileResponse:
    """A file of a logged contact the user reads (both already looked up through selectors)."""
    response = private_file_response(attachment.file, filename=attachment.original_name,
                                     content_type=attachment.content_type,
                                     missing="The file is no longer stored.")
    audit_record(actor=user, verb="communication.attachment_downloaded", obj=communication,
                 case=communication.case,
                 summary={"file": attachment.original_name, "sha256": attachment.sha256, "via": via})
    return response

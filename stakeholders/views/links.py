"""The page of stakeholder engagement that needs no login: the signed status report link."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from crisis.audit import audit_record
from crisis.views.files import private_file_response

from .. import services


@require_GET
@never_cache
def report_link(request: HttpRequest, token: str) -> HttpResponse:
    """A recipient's signed, expiring link to the PDF. A bad or expired link is a plain 404."""
    delivery = services.delivery_from_token(token)
    if delivery is None or delivery.status_report.report is None:
        raise Http404("This link is not valid or has expired. Ask the sender for a new one.")
    report = delivery.status_report.report
    response = private_file_response(report.file, filename=f"{delivery.status_report.case.reference}-status-report.pdf",
                                     content_type="application/pdf")
    audit_record(actor=None, verb="status_report.link_downloaded", obj=delivery.status_report,
                 case=delivery.status_report.case, summary={"email": delivery.email})
    return response

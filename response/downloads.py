"""Evidence files handed out by the pages and the API alike, through the core's one private-file
response, audited with the hash once the file did open."""

from __future__ import annotations

from django.http import FileResponse, Http404

from crisis.audit import audit_record
from crisis.views.files import private_file_response

from .models import Evidence


def evidence_file_response(*, user, action, evidence, via: str = "page") -> FileResponse:
    """A file of evidence, for the page and the API alike: only files (links are never proxied),
    audited with the hash once the file did open."""
    if evidence.kind != Evidence.Kind.FILE or not evidence.file:
        raise Http404("That evidence is a link, not a file.")
    response = private_file_response(evidence.file, filename=evidence.original_name or "evidence",
                                     content_type=evidence.content_type, missing="The file is no longer stored.")
    audit_record(actor=user, verb="evidence.downloaded", obj=evidence, case=action.case,
                 summary={"action": action.title, "title": evidence.title, "sha256": evidence.sha256, "via": via})
    return response

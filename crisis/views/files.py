"""The one way a page hands out a private file: as an attachment, never sniffed, never cached."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_file_response(file: FieldFile, *, filename: str, content_type: str = "",
                          missing: str = "The file is missing from storage.") -> FileResponse:
    """Open a stored file and answer with it as a download.

    A file the database knows but the storage has lost is a 404, not a 500. Callers check the
    permission before and write their audit event after this returns (the file did open).
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(missing) from None
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=content_type or "application/octet-stream")
    # The browser must not guess a type (an uploaded "PDF" rendered as HTML) nor keep a copy.
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

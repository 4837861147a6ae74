"""What an uploaded evidence file or policy document may be: checked by content, not by name.

Allowed: PDF, Word (DOCX), Excel (XLSX), PNG and JPEG, up to settings.EVIDENCE_MAX_BYTES. A file
whose bytes do not match its extension (an executable renamed .pdf, a ZIP renamed .docx) is
refused, and so is anything else.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, PNG or JPG"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def _zip_members(uploaded) -> set[str]:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return set()
    finally:
        uploaded.seek(0)


def _content_matches(extension: str, head: bytes, uploaded) -> bool:
    if extension == ".pdf":
        return head.startswith(b"%PDF-")
    if extension == ".png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in (".jpg", ".jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension in (".docx", ".xlsx"):
        if not head.startswith(b"PK\x03\x04"):
            return False
        members = _zip_members(uploaded)
        folder = "word/" if extension == ".docx" else "xl/"
        return "[Content_Types].xml" in members and any(m.startswith(folder) for m in members)
    return False


def check_upload(uploaded, *, field: str = "file") -> CheckedFile:
    """Validate an uploaded file; raise ValidationError naming what is wrong. Reads it once to hash."""
    if uploaded is None:
        raise ValidationError({field: "Choose a file to upload."})
    name = PurePosixPath(uploaded.name or "").name
    extension = PurePosixPath(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError({field: f"“{name}” is not an allowed type: upload a {ALLOWED_LABEL} file."})
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            {field: f"“{name}” is {filesizeformat(uploaded.size)}; the limit is {filesizeformat(limit)}."}
        )
    if uploaded.size == 0:
        raise ValidationError({field: f"“{name}” is empty."})
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if not _content_matches(extension, head, uploaded):
        raise ValidationError(
            {field: f"“{name}” does not contain what its name says ({extension[1:].upper()}): it was refused."}
        )
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    return CheckedFile(name=name[:255], content_type=ALLOWED[extension], size=uploaded.size,
                       sha256=digest.hexdigest())

"""Private file storage: evidence, policy documents and rendered reports.

Nothing here has a public URL; files are served only by permission-checked views, as
attachments. Names are random so a file's name reveals nothing and cannot be guessed.
"""

from __future__ import annotations

import secrets
from pathlib import PurePosixPath

from django.core.files.storage import storages


def private_storage():
    return storages["private"]


def random_name(folder: str, original_name: str) -> str:
    suffix = PurePosixPath(original_name).suffix.lower()[:10]
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def evidence_upload_to(instance, filename: str) -> str:
    return random_name(f"evidence/{instance.organisation_id}", filename)


def policy_upload_to(instance, filename: str) -> str:
    return random_name(f"policies/{instance.organisation_id}", filename)


def report_upload_to(instance, filename: str) -> str:
    return random_name(f"reports/{instance.organisation_id}", filename)

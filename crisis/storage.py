"""Private file storage: evidence, policy documents and rendered reports.

Nothing here has a public URL; files are served only by permission-checked views, as
attachments. Names are random so a file's name reveals nothing and cannot be guessed.
"""

from __future__ import annotations

import os
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, read when used (so tests can point it elsewhere),
    with no URL at all: they are only ever streamed by permission-checked views."""

    def __init__(self, **kwargs):
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL; serve them through a permission-checked view.")


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


def training_upload_to(instance, filename: str) -> str:
    return random_name(f"training/{instance.organisation_id}", filename)


def communication_upload_to(instance, filename: str) -> str:
    return random_name(f"communications/{instance.organisation_id}", filename)

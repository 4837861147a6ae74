"""What the response plan serializers share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import NoReverseMatch
from rest_framework import serializers

if TYPE_CHECKING:  # type hints only
    pass




PROGRESS_ERRORS = {
    "invalid": "Progress is a whole number from 0 to 100.",
    "min_value": "Progress is a whole number from 0 to 100.",
    "max_value": "Progress is a whole number from 0 to 100.",
}


def _refuse_unknown_fields(serializer: serializers.Serializer, data) -> None:
    """A partial change names only fields it may change: a typo or a derived field is a 400, not ignored."""
    if hasattr(data, "keys"):
        unknown = {name: ["This field cannot be changed."] for name in data.keys() if name not in serializer.fields}  # noqa: SIM118
        if unknown:
            raise serializers.ValidationError(unknown)


def _page_url(obj) -> str | None:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # the pages are optional to the API
        return None

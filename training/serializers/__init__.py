"""Serializers of the training API."""

from .people import *  # noqa: F403

"""Serializers of the response plan API, by concern."""

from .actions import *  # noqa: F403

"""Serializers of the training API."""

from .courses import *  # noqa: F403

"""Serializers of the training API."""

from .courses import *  # noqa: F403
from .people import *  # noqa: F403
from .closure import *  # noqa: F403

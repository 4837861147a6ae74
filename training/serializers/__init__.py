"""Serializers of the training API."""

from .closure import *  # noqa: F403
from .courses import *  # noqa: F403
from .evaluations import *  # noqa: F403
from .exit import *  # noqa: F403
from .people import *  # noqa: F403
from .surveys import *  # noqa: F403

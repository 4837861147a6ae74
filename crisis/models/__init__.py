"""Models of the core, by concern: people, organisations and cases (core); the risk register (risks)."""

from .core import *  # noqa: F403
from .risks import *  # noqa: F403

"""Models of the core, by concern: people, organisations and cases (core); the risk register (risks)."""

from .actions import *  # noqa: F403
from .core import *  # noqa: F403
from .policies import *  # noqa: F403
from .response import *  # noqa: F403
from .risks import *  # noqa: F403

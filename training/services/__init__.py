"""Writes of training records: every one checks who acts, is atomic and audited."""

from .base import *  # noqa: F403
from .closure import *  # noqa: F403
from .courses import *  # noqa: F403
from .evaluations import *  # noqa: F403
from .exit import *  # noqa: F403
from .gaps import *  # noqa: F403
from .people import *  # noqa: F403
from .reminders import *  # noqa: F403
from .reports import *  # noqa: F403
from .surveys import *  # noqa: F403

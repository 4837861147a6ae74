"""Writes of stakeholder engagement: the register, the communication log, press lines, schedules,
and the status reports that workers render and email, once per recipient."""

from .communications import *  # noqa: F403
from .press_lines import *  # noqa: F403
from .register import *  # noqa: F403
from .reports import *  # noqa: F403

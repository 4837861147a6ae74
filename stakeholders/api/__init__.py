"""The stakeholder engagement API (mounted at /api/v1/): the register and trust, the communication log
with its files and follow-ups, press lines, update schedules and status reports with their deliveries.
Thin: reads through the selectors, writes through the services.

Consultants and the organisation's leaders read the engagement; staff do not (403 on a case's lists).
An object of a case the user may not read answers 404, the same as a missing one: every object is
looked up through the selectors that take the user, before the body is read. Leaders only read,
except that they approve press line versions; a change the user may not make answers 403, checked
before the input; a change the services refuse answers 400 with the services' own words."""

from .communications import *  # noqa: F403
from .press_lines import *  # noqa: F403
from .register import *  # noqa: F403
from .reports import *  # noqa: F403

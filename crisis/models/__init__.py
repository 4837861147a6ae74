"""Models of the core: people, organisations, cases, chronology, deadlines, audit (core); stored
reports (reports); the names the report guard protects (privacy). Stage records live in their own
apps (assessment, stakeholders, response)."""

from .core import *  # noqa: F403
from .privacy import *  # noqa: F403
from .reports import *  # noqa: F403

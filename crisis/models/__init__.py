"""Models of the core: people, organisations, cases, chronology, deadlines, audit (core); stored
reports (reports). Stage records live in their own apps (assessment, stakeholders, response)."""

from .core import *  # noqa: F403
from .reports import *  # noqa: F403

"""Writes of training records: every one checks who acts, is atomic and audited."""

from .base import *  # noqa: F403
from .reports import *  # noqa: F403

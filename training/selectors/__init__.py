"""Reads of training records, always given the acting user. The organisation's consultants and
leaders read everything of it; anyone else reads only their own record (the Person linked to their
account); other organisations' rows do not exist for them (404)."""

from .base import *  # noqa: F403
from .closure import *  # noqa: F403
from .courses import *  # noqa: F403
from .evaluations import *  # noqa: F403
from .exit import *  # noqa: F403
from .gaps import *  # noqa: F403
from .matrix import *  # noqa: F403
from .people import *  # noqa: F403
from .surveys import *  # noqa: F403

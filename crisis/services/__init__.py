"""Every write to the core, by concern. Callers use `from crisis import services`."""

from .actions import *  # noqa: F403
from .cases import *  # noqa: F403
from .cases import ALLOWED_STAGE_MOVES, CASE_EDITABLE_FIELDS  # noqa: F401
from .response import *  # noqa: F403
from .risk_csv import *  # noqa: F403
from .risks import *  # noqa: F403

"""Every write to the core, by concern. Callers use `from crisis import services`."""

from .cases import *  # noqa: F403
from .cases import CASE_EDITABLE_FIELDS  # noqa: F401
from .chronology import *  # noqa: F403
from .privacy import *  # noqa: F403
from .reports import *  # noqa: F403

"""Every read of tenant data in the core. Callers use `from crisis import selectors`."""

from .cases import *  # noqa: F403
from .privacy import *  # noqa: F403

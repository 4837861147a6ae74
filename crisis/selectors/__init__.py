"""Every read of tenant data, by concern. Callers use `from crisis import selectors`."""

from .cases import *  # noqa: F403
from .cases import _is_active_user, _org_ids_with  # noqa: F401  (the risk selectors build on them)
from .response import *  # noqa: F403
from .risks import *  # noqa: F403

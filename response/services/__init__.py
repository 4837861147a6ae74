"""Every write of stage 3, the rapid response plan, by concern. Callers use
`from response import services`."""

from .actions import *  # noqa: F403
from .checkpoints import *  # noqa: F403
from .digests import *  # noqa: F403
from .policies import *  # noqa: F403
from .reports import *  # noqa: F403

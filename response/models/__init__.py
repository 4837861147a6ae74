"""Models of stage 3, the rapid response plan, by concern: actions with their history, notes and
evidence (actions); the policy register and its checklists (policies); improvement checkpoints
(checkpoints); the daily reminder digests (digests).

Tables keep the names they had when these models lived in the core app (`db_table = "crisis_…"`):
the split into one app per stage moved no data (see docs/architecture.md).
"""

from .actions import *  # noqa: F403
from .checkpoints import *  # noqa: F403
from .digests import *  # noqa: F403
from .policies import *  # noqa: F403

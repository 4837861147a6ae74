"""The demo data of `manage.py seed_demo`: people, organisations, cases with their chronology,
deadlines and risk registers, and the response stage (action plans, policies, checkpoints).

Compact spec tables only; the modules of `demo` write them through each app's services.
Days are counted from the case's opening (or from today where a spec says so), so the demo always
looks current."""

from .cases import *  # noqa: F403
from .core import *  # noqa: F403
from .engagement import *  # noqa: F403
from .response import *  # noqa: F403
from .risks import *  # noqa: F403

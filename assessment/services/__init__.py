"""Every write of stage 1, the risk register, by concern: risks, re-scores, comments, "no risk"
marks, sign-off and the Assessment gate (risks); CSV import and export (csv). Callers use
`from assessment import services`."""

from .csv import *  # noqa: F403
from .risks import *  # noqa: F403

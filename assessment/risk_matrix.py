"""The one definition of how a risk is scored and prioritised.

Likelihood and impact are each 1–5; the score is their product (1–25). The priority band comes
from the 5×5 matrix below, not from score thresholds alone, so that a severe impact is never
"low" however rare it is. The review interval follows the band.
"""

from __future__ import annotations

import datetime as dt

from django.db import models


class Band(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


BAND_ORDER = [Band.CRITICAL, Band.HIGH, Band.MEDIUM, Band.LOW]

LIKELIHOOD_LEVELS = {
    1: "Rare",
    2: "Unlikely",
    3: "Possible",
    4: "Likely",
    5: "Almost certain",
}
IMPACT_LEVELS = {
    1: "Negligible",
    2: "Minor",
    3: "Moderate",
    4: "Major",
    5: "Severe",
}

_C, _H, _M, _L = Band.CRITICAL, Band.HIGH, Band.MEDIUM, Band.LOW

# MATRIX[likelihood][impact - 1]; rows from likelihood 1 (rare) to 5 (almost certain).
MATRIX: dict[int, tuple[Band, Band, Band, Band, Band]] = {
    #  impact: 1   2   3   4   5
    1: (_L, _L, _L, _M, _M),
    2: (_L, _L, _M, _M, _H),
    3: (_L, _M, _M, _H, _C),
    4: (_M, _M, _H, _C, _C),
    5: (_M, _H, _H, _C, _C),
}

# Days between reviews, by band: critical risks are looked at weekly during a crisis.
REVIEW_DAYS: dict[Band, int] = {
    Band.CRITICAL: 7,
    Band.HIGH: 14,
    Band.MEDIUM: 30,
    Band.LOW: 90,
}

LEVELS = range(1, 6)


def score(likelihood: int, impact: int) -> int:
    return likelihood * impact


def band_for(likelihood: int, impact: int) -> Band:
    if likelihood not in LEVELS or impact not in LEVELS:
        raise ValueError(f"Likelihood and impact run from 1 to 5, not {likelihood} and {impact}.")
    return MATRIX[likelihood][impact - 1]


def band_rank(band: str) -> int:
    """0 for critical … 3 for low: sorts the register by priority."""
    return BAND_ORDER.index(Band(band))


def review_due(band: str, reviewed_on: dt.date) -> dt.date:
    """When a risk reviewed on `reviewed_on` is next due for review."""
    return reviewed_on + dt.timedelta(days=REVIEW_DAYS[Band(band)])

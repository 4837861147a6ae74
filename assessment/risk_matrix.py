"""The one definition of how a risk is scored and prioritised.

Likelihood and impact are each 1–5; the score is their product (1–25). The priority band comes
from the 5×5 matrix below, not from score thresholds alone, so that a severe impact is never
"low" however rare it is. The review interval follows the band, and so do the band's colours.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db import models


class Band(models.TextChoices):
    CRITICAL = "critical", "Critical"
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


BAND_ORDER = [Band.CRITICAL, Band.HIGH, Band.MEDIUM, Band.LOW]


class BandColours(NamedTuple):
    fill: str  # the band itself: heat-map cells, badges, the edge of a register row
    text: str  # text drawn on `fill`: white on the dark band, near-black on the light ones
    tint: str  # a pale wash of the band: the score chart's background stripes
    mark: str  # a point drawn on `tint`: darker than `fill` where `fill` would not stand out


# The one place the bands' colours are set: the charts draw with them, and the web page's
# stylesheet repeats `fill` and `text` as --band-<band> and --band-<band>-text (a test checks it).
BAND_COLOURS: dict[Band, BandColours] = {
    Band.CRITICAL: BandColours(fill="#8e1b16", text="#ffffff", tint="#f6dcda", mark="#8e1b16"),
    Band.HIGH: BandColours(fill="#e8730c", text="#1b1000", tint="#fde7d2", mark="#e8730c"),
    Band.MEDIUM: BandColours(fill="#f2c230", text="#1b1400", tint="#fdf4d3", mark="#b58900"),
    Band.LOW: BandColours(fill="#6fb37a", text="#06200c", tint="#e5f3e7", mark="#1e6b3a"),
}

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

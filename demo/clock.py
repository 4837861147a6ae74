"""Dates in the demo: days counted from a case's opening, working days, never in the future."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def add_working_days(day: dt.date, count: int) -> dt.date:
    """`count` working days after `day` (weekends skipped; bank holidays are not known here)."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def moment(opened_on: dt.date, day: int, at: str) -> dt.datetime:
    """An aware datetime (Europe/London) `day` days after opening; never later than now."""
    hour, minute = (int(part) for part in at.split(":"))
    moment = timezone.make_aware(dt.datetime.combine(opened_on + dt.timedelta(days=day), dt.time(hour, minute)))
    return min(moment, timezone.now() - dt.timedelta(minutes=1))

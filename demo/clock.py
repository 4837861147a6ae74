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


def school_year_start(day: dt.date) -> dt.date:
    """1 September of the school year `day` falls in."""
    return dt.date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def session_day(today: dt.date, days_ago: int, *, this_school_year: bool) -> dt.date:
    """The day of a training session `days_ago` days back. A recent session of a course that is renewed
    each September (reading KCSIE) is read "this school year" in the story: never dated before this
    year's 1 September, so a seed run early in the autumn tells the same story (and St Anne's still
    meets its exit criteria) rather than finding the reading lapsed."""
    day = today - dt.timedelta(days=days_ago)
    if this_school_year and days_ago <= 120:
        day = max(day, school_year_start(today))
    return day

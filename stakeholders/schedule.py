"""When a status report is next due: wall-clock time in Europe/London, correct across clock changes.

A weekly report "on Monday at 09:00" goes out at 09:00 UK time every Monday: 09:00 UTC in winter,
08:00 UTC in summer. Fortnightly runs every other week from the first due date. Monthly runs on
a day of the month; a day past the month's end (31 in April) means the month's last day. A wall
time that does not exist on the day the clocks go forward (01:30) is taken as the hour after.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    """The UTC instant of a UK wall-clock time; a time skipped by the spring change moves forward."""
    local = dt.datetime.combine(day, at, tzinfo=UK)
    # zoneinfo accepts a non-existent wall time; a round trip through UTC shows whether it exists.
    if local.astimezone(dt.UTC).astimezone(UK).replace(tzinfo=None) != local.replace(tzinfo=None):
        local = local + dt.timedelta(hours=1)
        local = local.astimezone(dt.UTC).astimezone(UK)
    return local.astimezone(dt.UTC)


def _month_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def first_due(*, cadence: str, at: dt.time, after: dt.datetime, weekday: int | None = None,
              day_of_month: int | None = None) -> dt.datetime:
    """The first due instant strictly after `after`."""
    local_day = after.astimezone(UK).date()
    if cadence in ("weekly", "fortnightly"):
        if weekday is None:
            raise ValueError("A weekly or fortnightly schedule needs a weekday.")
        day = local_day + dt.timedelta(days=(weekday - local_day.weekday()) % 7)
        due = _aware(day, at)
        return due if due > after else _aware(day + dt.timedelta(days=7), at)
    if cadence == "monthly":
        if day_of_month is None:
            raise ValueError("A monthly schedule needs a day of the month.")
        due = _aware(_month_day(local_day.year, local_day.month, day_of_month), at)
        if due > after:
            return due
        year, month = (local_day.year + 1, 1) if local_day.month == 12 else (local_day.year, local_day.month + 1)
        return _aware(_month_day(year, month, day_of_month), at)
    raise ValueError(f"Unknown cadence {cadence!r}.")


def following_due(*, cadence: str, at: dt.time, previous: dt.datetime, now: dt.datetime,
                  weekday: int | None = None, day_of_month: int | None = None) -> dt.datetime:
    """The next due instant after a run that was due at `previous`, never in the past.

    Runs missed while nothing was dispatching are not sent one by one: the schedule moves on to
    its next slot after `now` (keeping a fortnightly schedule on its own weeks).
    """
    local_previous = previous.astimezone(UK).date()
    if cadence == "weekly":
        step = 7
    elif cadence == "fortnightly":
        step = 14
    elif cadence == "monthly":
        year, month = local_previous.year, local_previous.month
        while True:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            due = _aware(_month_day(year, month, day_of_month or local_previous.day), at)
            if due > now:
                return due
    else:
        raise ValueError(f"Unknown cadence {cadence!r}.")
    day = local_previous + dt.timedelta(days=step)
    due = _aware(day, at)
    while due <= now:
        day += dt.timedelta(days=step)
        due = _aware(day, at)
    return due

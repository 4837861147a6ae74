"""Schedule arithmetic: UK wall-clock times across clock changes and month ends."""

import datetime as dt

import pytest

from stakeholders.schedule import first_due, following_due

UTC = dt.UTC


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def test_weekly_keeps_uk_time_across_the_spring_change():
    # Monday 09:00 UK: 09:00 UTC in March before the change, 08:00 UTC after it (29 Mar 2026).
    first = first_due(cadence="weekly", at=dt.time(9), after=at(2026, 3, 18, 12), weekday=0)
    assert first == at(2026, 3, 23, 9)
    second = following_due(cadence="weekly", at=dt.time(9), previous=first, now=first, weekday=0)
    assert second == at(2026, 3, 30, 8)


def test_weekly_keeps_uk_time_across_the_autumn_change():
    first = first_due(cadence="weekly", at=dt.time(9), after=at(2026, 10, 20), weekday=0)
    assert first == at(2026, 10, 26, 9)  # clocks went back on 25 Oct: 09:00 GMT
    before = first_due(cadence="weekly", at=dt.time(9), after=at(2026, 10, 13), weekday=0)
    assert before == at(2026, 10, 19, 8)  # still BST


def test_a_wall_time_skipped_by_the_spring_change_moves_an_hour_on():
    due = first_due(cadence="weekly", at=dt.time(1, 30), after=at(2026, 3, 28, 12), weekday=6)
    assert due == at(2026, 3, 29, 1, 30)  # 02:30 BST


def test_an_ambiguous_autumn_time_is_the_first_one():
    due = first_due(cadence="weekly", at=dt.time(1, 30), after=at(2026, 10, 24, 12), weekday=6)
    assert due == at(2026, 10, 25, 0, 30)  # 01:30 BST, before the clocks go back


def test_a_due_time_already_passed_today_goes_to_next_week():
    assert first_due(cadence="weekly", at=dt.time(9), after=at(2026, 11, 23, 10), weekday=0) == at(2026, 11, 30, 9)
    assert first_due(cadence="weekly", at=dt.time(9), after=at(2026, 11, 23, 8), weekday=0) == at(2026, 11, 23, 9)


def test_fortnightly_keeps_to_its_own_weeks_and_skips_missed_runs():
    first = first_due(cadence="fortnightly", at=dt.time(16), after=at(2026, 11, 2), weekday=4)
    assert first == at(2026, 11, 6, 16)
    assert following_due(cadence="fortnightly", at=dt.time(16), previous=first, now=first,
                         weekday=4) == at(2026, 11, 20, 16)
    # Nothing dispatched for five weeks: the next slot after now, still on the schedule's weeks.
    assert following_due(cadence="fortnightly", at=dt.time(16), previous=first, now=at(2026, 12, 10),
                         weekday=4) == at(2026, 12, 18, 16)


@pytest.mark.parametrize(
    "previous,expected",
    [
        (at(2026, 1, 31, 9), at(2026, 2, 28, 9)),  # no 31 February: the last day
        (at(2026, 2, 28, 9), at(2026, 3, 31, 8)),  # back to the 31st, in BST
        (at(2026, 12, 31, 9), at(2027, 1, 31, 9)),  # year end
    ],
)
def test_monthly_on_the_31st_uses_the_last_day_of_short_months(previous, expected):
    assert following_due(cadence="monthly", at=dt.time(9), previous=previous, now=previous,
                         day_of_month=31) == expected


def test_monthly_first_due_and_a_leap_february():
    assert first_due(cadence="monthly", at=dt.time(9), after=at(2028, 2, 10), day_of_month=30) == at(2028, 2, 29, 9)
    assert first_due(cadence="monthly", at=dt.time(9), after=at(2026, 4, 1), day_of_month=31) == at(2026, 4, 30, 8)


def test_a_cadence_without_its_day_is_refused():
    with pytest.raises(ValueError, match="weekday"):
        first_due(cadence="weekly", at=dt.time(9), after=at(2026, 1, 1))
    with pytest.raises(ValueError, match="day of the month"):
        first_due(cadence="monthly", at=dt.time(9), after=at(2026, 1, 1))

"""The series calendar: recurrence rules and one-off moves and cancellations."""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watching_brief.tracker.programme import calendar

D = dt.date


@dataclass
class Rule:
    interval_months: int = 1
    week: int = calendar.LAST
    weekday: int = 1  # Tuesday
    starts_on: dt.date = D(2026, 1, 1)


@dataclass
class Change:
    original_date: dt.date
    new_date: dt.date | None = None
    note: str = ""


@pytest.mark.parametrize(
    ("year", "month", "week", "weekday", "expected"),
    [
        (2027, 2, calendar.LAST, 1, D(2027, 2, 23)),  # last Tuesday of February 2027
        (2026, 3, calendar.LAST, 1, D(2026, 3, 31)),
        (2026, 3, 4, 1, D(2026, 3, 24)),
        (2026, 9, 1, 1, D(2026, 9, 1)),  # the 1st is itself a Tuesday
        (2026, 9, 1, 0, D(2026, 9, 7)),
        (2024, 2, calendar.LAST, 3, D(2024, 2, 29)),  # leap day
    ],
)
def test_weekday_in_month(
    year: int, month: int, week: int, weekday: int, expected: dt.date
) -> None:
    assert calendar.weekday_in_month(year, month, week, weekday) == expected


def test_weekday_in_month_refuses_a_fifth_week() -> None:
    with pytest.raises(ValueError, match="week"):
        calendar.weekday_in_month(2026, 3, 5, 1)


def test_monthly_last_tuesday() -> None:
    dates = [o.date for o in calendar.occurrences(Rule(), D(2026, 12, 1), D(2027, 3, 31))]
    assert dates == [D(2026, 12, 29), D(2027, 1, 26), D(2027, 2, 23), D(2027, 3, 30)]


def test_quarterly_counts_from_the_start_date() -> None:
    rule = Rule(interval_months=3, week=2, weekday=3, starts_on=D(2026, 2, 1))
    dates = [o.date for o in calendar.occurrences(rule, D(2026, 1, 1), D(2027, 1, 31))]
    # second Thursday of February, May, August and November
    assert dates == [D(2026, 2, 12), D(2026, 5, 14), D(2026, 8, 13), D(2026, 11, 12)]
    later = [o.date for o in calendar.occurrences(rule, D(2030, 1, 1), D(2030, 12, 31))]
    assert [d.month for d in later] == [2, 5, 8, 11]


def test_nothing_before_the_calendar_starts() -> None:
    rule = Rule(starts_on=D(2026, 1, 28))  # after January's last Tuesday (27th)
    dates = [o.date for o in calendar.occurrences(rule, D(2025, 11, 1), D(2026, 2, 28))]
    assert dates == [D(2026, 2, 24)]


def test_a_moved_date_is_listed_at_its_new_date() -> None:
    changes = [Change(D(2026, 4, 28), D(2026, 5, 5), "Purdah")]
    found = calendar.occurrences(Rule(), D(2026, 4, 1), D(2026, 5, 31), changes)
    assert [(o.date, o.original, o.moved, o.note) for o in found] == [
        (D(2026, 5, 5), D(2026, 4, 28), True, "Purdah"),
        (D(2026, 5, 26), D(2026, 5, 26), False, ""),
    ]


def test_a_date_moved_into_the_range_from_outside_it() -> None:
    changes = [Change(D(2026, 3, 31), D(2026, 4, 7))]
    found = calendar.occurrences(Rule(), D(2026, 4, 1), D(2026, 4, 30), changes)
    assert [(o.date, o.original) for o in found] == [
        (D(2026, 4, 7), D(2026, 3, 31)),
        (D(2026, 4, 28), D(2026, 4, 28)),
    ]


def test_a_cancelled_date_is_kept_and_marked() -> None:
    changes = [Change(D(2026, 8, 25), None, "Summer recess")]
    found = calendar.occurrences(Rule(), D(2026, 7, 1), D(2026, 9, 30), changes)
    assert [(o.date, o.cancelled) for o in found] == [
        (D(2026, 7, 28), False),
        (D(2026, 8, 25), True),
        (D(2026, 9, 29), False),
    ]


def test_next_date_skips_cancelled_and_follows_moves() -> None:
    changes = [Change(D(2026, 8, 25)), Change(D(2026, 9, 29), D(2026, 10, 6))]
    assert calendar.next_date(Rule(), D(2026, 7, 28), changes) == D(2026, 10, 6)
    assert calendar.next_date(Rule(), D(2026, 7, 28), changes, inclusive=True) == D(2026, 7, 28)
    assert calendar.next_date(Rule(), D(2026, 10, 6), changes) == D(2026, 10, 27)


def test_previous_date() -> None:
    changes = [Change(D(2026, 3, 31))]
    assert calendar.previous_date(Rule(), D(2026, 4, 28), changes) == D(2026, 2, 24)
    assert calendar.previous_date(Rule(), D(2026, 1, 1)) is None


def test_upcoming_includes_cancelled_dates_and_stops_at_count() -> None:
    changes = [Change(D(2026, 12, 29))]
    found = calendar.upcoming(Rule(), D(2026, 11, 24), 3, changes)
    assert [(o.date, o.cancelled) for o in found] == [
        (D(2026, 11, 24), False),
        (D(2026, 12, 29), True),
        (D(2027, 1, 26), False),
    ]


def test_is_rule_date() -> None:
    assert calendar.is_rule_date(Rule(), D(2026, 3, 31))
    assert not calendar.is_rule_date(Rule(), D(2026, 3, 24))


def brute_force(rule: Rule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The rule's dates by walking every day: the nth (or last) weekday of each month
    that is a whole number of intervals from the month it starts in."""
    found, day = [], start
    while day <= end:
        days = stdlib_calendar.monthrange(day.year, day.month)[1]
        same = [
            n for n in range(1, days + 1) if D(day.year, day.month, n).weekday() == rule.weekday
        ]
        wanted = same[-1] if rule.week == calendar.LAST else same[rule.week - 1]
        months = (day.year - rule.starts_on.year) * 12 + day.month - rule.starts_on.month
        if day.day == wanted and months % rule.interval_months == 0 and day >= rule.starts_on:
            found.append(day)
        day += dt.timedelta(days=1)
    return found


@given(
    interval=st.integers(1, 6),
    week=st.sampled_from([1, 2, 3, 4, calendar.LAST]),
    weekday=st.integers(0, 6),
    starts_on=st.dates(D(2020, 1, 1), D(2030, 12, 31)),
    offset=st.integers(-400, 400),
)
@settings(max_examples=60, deadline=None, derandomize=True)
def test_rule_dates_match_a_day_by_day_walk(
    interval: int, week: int, weekday: int, starts_on: dt.date, offset: int
) -> None:
    rule = Rule(interval_months=interval, week=week, weekday=weekday, starts_on=starts_on)
    start = starts_on + dt.timedelta(days=offset)
    end = start + dt.timedelta(days=400)
    found = [o.date for o in calendar.occurrences(rule, start, end)]
    assert found == brute_force(rule, start, end)

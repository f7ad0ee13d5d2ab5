"""The dates of a series' calendar ("monthly, last Tuesday"), with one-off changes applied.

The rule itself is dateutil's ``rrule`` (RFC 5545 recurrence): monthly, every n months,
on the nth or last weekday.

Pure functions: they read only the attributes of the rule (a ``Schedule`` or anything
shaped like one) and of the changes passed in, so they run without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule, weekday

LAST = -1
SEARCH_YEARS = 10  # how far ahead next_date looks before giving up


class Rule(Protocol):
    """What a calendar needs: every ``interval_months`` months, the nth (or last) weekday."""

    interval_months: int
    week: int
    weekday: int
    starts_on: dt.date


class Change(Protocol):
    """One date of the calendar moved to ``new_date`` or cancelled (``new_date`` None)."""

    original_date: dt.date
    new_date: dt.date | None
    note: str


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One meeting date of the calendar: where it falls now, and where the rule put it."""

    date: dt.date
    original: dt.date
    cancelled: bool = False
    note: str = ""

    @property
    def moved(self) -> bool:
        return not self.cancelled and self.date != self.original


def _nth_weekday(week: int, day: int) -> weekday:
    """The ``week``-th (1-4, or -1 for the last) weekday ``day`` (Monday 0) of a month."""
    if week != LAST and not 1 <= week <= 4:
        raise ValueError(f"week must be 1 to 4 or -1 (last), not {week}")
    return weekday(day)(week)


def meeting_rule(rule: Rule) -> rrule:
    """The rule as dateutil's ``rrule``: every ``interval_months`` months, counted from the
    month of ``starts_on``, on the ``week``-th (or last) ``weekday``."""
    return rrule(
        MONTHLY,
        interval=max(1, int(rule.interval_months)),
        byweekday=_nth_weekday(rule.week, rule.weekday),
        dtstart=dt.datetime.combine(rule.starts_on.replace(day=1), dt.time()),
    )


def weekday_in_month(year: int, month: int, week: int, day: int) -> dt.date:
    """The ``week``-th (1-4, or -1 for the last) weekday ``day`` (Monday 0) of a month."""
    month_rule = rrule(
        MONTHLY, count=1, byweekday=_nth_weekday(week, day), dtstart=dt.datetime(year, month, 1)
    )
    found: dt.datetime = month_rule[0]
    return found.date()


def rule_dates(rule: Rule, start: dt.date | None = None) -> Iterator[dt.date]:
    """The dates the rule gives, from ``starts_on`` (or the first on or after ``start``)."""
    first = max(rule.starts_on, start) if start is not None else rule.starts_on
    dates = meeting_rule(rule).xafter(dt.datetime.combine(first, dt.time()), inc=True)
    return (day.date() for day in dates)


def is_rule_date(rule: Rule, day: dt.date) -> bool:
    """Whether the rule itself (before any change) puts a meeting on ``day``."""
    return next(rule_dates(rule, day), None) == day


def occurrences(
    rule: Rule, start: dt.date, end: dt.date, changes: Iterable[Change] = ()
) -> list[Occurrence]:
    """Every date of the calendar from ``start`` to ``end`` (inclusive), in date order.

    A moved date is listed at its new date (when that falls in the range), a cancelled
    one at its original date with ``cancelled`` set.
    """
    by_original = {change.original_date: change for change in changes}
    found: list[Occurrence] = []
    for day in rule_dates(rule, start):
        if day > end:
            break
        change = by_original.get(day)
        if change is None:
            found.append(Occurrence(day, day))
        elif change.new_date is None:
            found.append(Occurrence(day, day, cancelled=True, note=change.note))
    for change in by_original.values():
        new = change.new_date
        if new is not None and start <= new <= end and is_rule_date(rule, change.original_date):
            found.append(Occurrence(new, change.original_date, note=change.note))
    return sorted(found, key=lambda occurrence: (occurrence.date, occurrence.original))


def upcoming(
    rule: Rule, start: dt.date, count: int, changes: Iterable[Change] = ()
) -> list[Occurrence]:
    """The next ``count`` dates of the calendar on or after ``start``, cancelled ones too."""
    changes = list(changes)
    months = (count + 2) * max(1, int(rule.interval_months)) + 1
    end = start + relativedelta(months=months, day=1)
    return occurrences(rule, start, end, changes)[:count]


def next_date(
    rule: Rule, after: dt.date, changes: Iterable[Change] = (), *, inclusive: bool = False
) -> dt.date | None:
    """The first meeting date (not cancelled) after ``after`` (or on it, when inclusive)."""
    start = after if inclusive else after + dt.timedelta(days=1)
    end = start.replace(year=start.year + SEARCH_YEARS, day=1)
    for occurrence in occurrences(rule, start, end, list(changes)):
        if not occurrence.cancelled:
            return occurrence.date
    return None


def previous_date(rule: Rule, before: dt.date, changes: Iterable[Change] = ()) -> dt.date | None:
    """The latest meeting date (not cancelled) before ``before``, or None."""
    start = max(rule.starts_on, before.replace(year=before.year - SEARCH_YEARS, day=1))
    dates = [
        occurrence.date
        for occurrence in occurrences(rule, start, before - dt.timedelta(days=1), list(changes))
        if not occurrence.cancelled
    ]
    return dates[-1] if dates else None

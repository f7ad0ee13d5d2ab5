"""Bank holidays in England and Wales and in Scotland, from the holidays package's data."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.tracker.programme.bank_holidays import bank_holiday, holiday_warnings

D = dt.date
BOTH = "a bank holiday in England and Wales and in Scotland"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 5, 25), f"Spring Bank Holiday, {BOTH}"),
        (D(2026, 8, 31), "Late Summer Bank Holiday, a bank holiday in England and Wales"),
        (D(2026, 8, 3), "Summer Bank Holiday, a bank holiday in Scotland"),
        (D(2026, 11, 30), "Saint Andrew's Day, a bank holiday in Scotland"),
        (D(2026, 4, 6), "Easter Monday, a bank holiday in England and Wales"),
        (D(2023, 5, 8), f"Coronation of Charles III, {BOTH}"),
        (D(2026, 4, 28), ""),
        (D(2026, 8, 25), ""),
    ],
)
def test_bank_holiday_names_the_day_and_where_it_is_one(day: dt.date, expected: str) -> None:
    assert bank_holiday(day) == expected


def test_a_substitute_day_is_a_bank_holiday() -> None:
    # Boxing Day 2026 is a Saturday: the bank holiday is the Monday after
    assert "observed" in bank_holiday(D(2026, 12, 28))
    assert "England and Wales and in Scotland" in bank_holiday(D(2026, 12, 28))


def test_holiday_warnings_list_only_bank_holidays_once_in_date_order() -> None:
    days = [D(2026, 8, 31), D(2026, 4, 28), D(2026, 5, 25), D(2026, 8, 31)]
    assert holiday_warnings(days) == [
        "Monday 25 May 2026 is Spring Bank Holiday, a bank holiday in England and Wales "
        "and in Scotland.",
        "Monday 31 August 2026 is Late Summer Bank Holiday, a bank holiday in England and Wales.",
    ]

"""Bank holidays in England and Wales and in Scotland, for warnings where meetings are
planned. The dates come from the ``holidays`` package's own rules and tables (no network),
including substitute days ("Boxing Day (observed)") and one-off holidays."""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

REGIONS = {"ENG": "England and Wales", "SCT": "Scotland"}


@cache
def _year(year: int) -> dict[dt.date, dict[str, str]]:
    """For each bank holiday of ``year``: its name in each region that has it."""
    days: dict[dt.date, dict[str, str]] = {}
    for code, region in REGIONS.items():
        for day, name in holidays.country_holidays("GB", subdiv=code, years=year).items():
            days.setdefault(day, {})[region] = name
    return days


def bank_holiday(day: dt.date) -> str:
    """What makes ``day`` a bank holiday, as a sentence's end, or "" when it is none:
    "Spring Bank Holiday, a bank holiday in England and Wales and in Scotland"."""
    regions = _year(day.year).get(day)
    if not regions:
        return ""
    names = sorted(set(regions.values()))
    if len(names) == 1:
        return f"{names[0]}, a bank holiday in {' and in '.join(regions)}"
    return "; ".join(f"{name}, a bank holiday in {region}" for region, name in regions.items())


def holiday_warnings(days: list[dt.date]) -> list[str]:
    """One warning per date of ``days`` that is a bank holiday, in date order."""
    return [
        f"{day:%A} {day.day} {day:%B %Y} is {found}."
        for day in sorted(set(days))
        if (found := bank_holiday(day))
    ]

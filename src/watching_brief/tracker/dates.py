"""Dates as GOV.UK writes them ("30 April 2026"), and the GOV.UK date input (day, month,
year) for every form of the tracker.

Pages, notices and documents people read use the display functions here (the ``govuk_date``
template filter calls them); machine outputs (the API, CSV, iCal, ``<time datetime>``) keep
ISO 8601.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_PARTS = ("day", "month", "year")
# The GOV.UK style guide's short months, for tables where space is tight.
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")


def long_date(value: dt.date) -> str:
    """``30 April 2026``: no leading zero, the month in full."""
    return f"{value.day} {value:%B} {value.year}"


def readable_date(value: dt.date | str | None) -> str:
    """``long_date`` of a date, or of an ISO date string (as the action log's rows hold);
    "" for none, and any other text as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return long_date(value)


def weekday_date(value: dt.date) -> str:
    """``Thursday 30 April 2026``."""
    return f"{value:%A} {long_date(value)}"


def short_date(value: dt.date) -> str:
    """``30 Sept 2026``: the GOV.UK short month, for narrow table columns."""
    return f"{value.day} {SHORT_MONTHS[value.month - 1]} {value.year}"


def clock_time(value: dt.time) -> str:
    """``5:30pm``, ``9am``, ``midday``, ``midnight`` (the GOV.UK style for times)."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def local(value: dt.datetime) -> dt.datetime:
    """``value`` in the tracker's time zone (Europe/London) when it is aware."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def date_and_time(value: dt.datetime) -> str:
    """``30 April 2026 at 5:30pm``, in the tracker's time zone."""
    value = local(value)
    return f"{long_date(value.date())} at {clock_time(value.time())}"


class GovukDateWidget(forms.MultiWidget):
    """Three boxes, day, month and year, named ``<name>_day`` and so on."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        parts: dict[str, forms.Widget | type[forms.Widget]] = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name in DATE_PARTS
        }
        super().__init__(parts, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; what was typed is kept when it is wrong."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> dt.date | None:
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        if not (day and month and year):
            raise ValidationError(f"{self.label} must include a day, month and year")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.label} must be a real date") from None

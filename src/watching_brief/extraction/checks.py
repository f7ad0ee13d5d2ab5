"""Warnings a careful reader would flag. Each check reports; none of them "fixes"."""

from __future__ import annotations

import calendar

from watching_brief.extraction.fields.dates import ParsedDate
from watching_brief.extraction.record import ExtractionWarning, Minutes, Span


def check_weekday(parsed: ParsedDate, spans: list[Span]) -> ExtractionWarning | None:
    """The notes name a weekday the date does not fall on."""
    if not parsed.weekday_mismatch or parsed.weekday is None:
        return None
    said = calendar.day_name[parsed.weekday]
    actual = calendar.day_name[parsed.value.weekday()]
    when = f"{parsed.value.day} {calendar.month_name[parsed.value.month]} {parsed.value.year}"
    return ExtractionWarning(
        code="weekday",
        message=f"weekday: the notes say {said}, but {when} was a {actual}",
        spans=spans,
    )


def check_inferred_year(parsed: ParsedDate, spans: list[Span]) -> ExtractionWarning | None:
    """The date line gives no year, so it was taken from the title."""
    if not parsed.year_inferred:
        return None
    return ExtractionWarning(
        code="year",
        message=f"year: the date line gives no year; {parsed.value.year} was taken from the title",
        spans=spans,
    )


def check_record(minutes: Minutes) -> list[ExtractionWarning]:
    """Whole-record checks: nothing found where something is expected."""
    warnings: list[ExtractionWarning] = []
    if minutes.date is None:
        warnings.append(ExtractionWarning(code="date", message="date: no meeting date found"))
    if not minutes.attendees:
        warnings.append(ExtractionWarning(code="attendance", message="attendance: none found"))
    if not minutes.items:
        warnings.append(ExtractionWarning(code="items", message="items: no item headings found"))
    return warnings

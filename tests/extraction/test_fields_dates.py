"""Dates, times and due-date phrases as minute-takers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.extraction.fields.dates import parse_date, parse_due, parse_time, parse_times

MEETING = dt.date(2021, 4, 27)
NEXT = dt.date(2021, 5, 28)


@pytest.mark.parametrize(
    ("text", "year", "expected", "inferred"),
    [
        ("Tuesday 24th September, 10 am", 2020, dt.date(2020, 9, 24), True),
        ("Wednesday 28th October 2020", None, dt.date(2020, 10, 28), False),
        ("27/04/2021", None, dt.date(2021, 4, 27), False),
        ("31/03/21", None, dt.date(2021, 3, 31), False),
        ("September 24, 2020", None, dt.date(2020, 9, 24), False),
        ("2026-03-24", None, dt.date(2026, 3, 24), False),
        ("the 3rd of March 2026", None, dt.date(2026, 3, 3), False),
        ("Thursday 12 Feb 2026", None, dt.date(2026, 2, 12), False),
    ],
)
def test_parse_date_reads_the_forms_in_use(
    text: str, year: int | None, expected: dt.date, inferred: bool
) -> None:
    parsed = parse_date(text, default_year=year)
    assert parsed is not None
    assert (parsed.value, parsed.year_inferred) == (expected, inferred)


@pytest.mark.parametrize("text", ["no date here", "31 February 2021", "2.1 Confidence", ""])
def test_parse_date_finds_nothing_where_there_is_no_date(text: str) -> None:
    assert parse_date(text, default_year=2021) is None


def test_parse_date_without_year_or_default_is_none() -> None:
    assert parse_date("Tuesday 24th September") is None


def test_parse_date_reports_a_weekday_mismatch() -> None:
    parsed = parse_date("Tuesday 24th September 2020")
    assert parsed is not None and parsed.weekday_mismatch
    parsed = parse_date("Thursday 24th September 2020")
    assert parsed is not None and not parsed.weekday_mismatch


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 am", "10:00"),
        ("14:00 pm", "14:00"),
        ("2pm", "14:00"),
        ("10.30am", "10:30"),
        ("12 noon 12pm", "12:00"),
        ("at 9:15", "09:15"),
        ("12am", "00:00"),
    ],
)
def test_parse_time_reads_clock_times(text: str, expected: str) -> None:
    found = parse_time(text)
    assert found is not None and found[0] == expected


@pytest.mark.parametrize("text", ["item 2", "2021", "2.1 Confidence", "room 14"])
def test_parse_time_ignores_bare_numbers(text: str) -> None:
    assert parse_time(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10:30 – 12:30", "10:30", "12:30"),
        ("2pm to 4pm", "14:00", "16:00"),
        ("1.30 - 3.30pm", "13:30", "15:30"),
        ("10am", "10:00", None),
    ],
)
def test_parse_times_reads_ranges(text: str, start: str, end: str | None) -> None:
    first, second = parse_times(text)
    assert first is not None and first[0] == start
    assert (second[0] if second else None) == end


@pytest.mark.parametrize(
    ("text", "due", "phrase"),
    [
        ("PCC to revisit in 6 months’ time", dt.date(2021, 10, 27), "in 6 months’ time"),
        ("PCC to revisit in six months time", dt.date(2021, 10, 27), "in six months time"),
        ("DCC to report within two weeks", dt.date(2021, 5, 11), "within two weeks"),
        ("CC to report by the next meeting", NEXT, "by the next meeting"),
        ("CC to report by end of June", dt.date(2021, 6, 30), "by end of June"),
        ("CC to report by the end of March", dt.date(2022, 3, 31), "by the end of March"),
        ("CC to report by March 2022", dt.date(2022, 3, 31), "by March 2022"),
        ("CC to report by 31 March 2022", dt.date(2022, 3, 31), "by 31 March 2022"),
        ("CC to report by 31/03/22", dt.date(2022, 3, 31), "by 31/03/22"),
        ("CC to report by 5 May", dt.date(2021, 5, 5), "by 5 May"),
    ],
)
def test_parse_due_resolves_phrases_from_the_meeting_date(
    text: str, due: dt.date, phrase: str
) -> None:
    found = parse_due(text, MEETING, NEXT)
    assert found is not None
    assert (found.due, found.phrase) == (due, phrase)
    assert text[found.start : found.end] == phrase


def test_parse_due_keeps_the_phrase_when_the_next_meeting_is_unknown() -> None:
    found = parse_due("CC to report by the next meeting", MEETING, None)
    assert found is not None and found.due is None and found.phrase == "by the next meeting"


def test_parse_due_ignores_dates_that_are_not_deadlines() -> None:
    assert parse_due("DCC to share the plan agreed in March 2020 with the PCC", MEETING) is None

"""Parse dates, times and due-date phrases as minute-takers write them.

All functions are pure: they take a string (and, for relative phrases, the meeting date
and the next meeting's date) and return values; none of them guesses a year silently. A
result says when its year was inferred so the caller can warn.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

MONTHS: dict[str, int] = {}
for _number, _name in enumerate(calendar.month_name):
    if _number:
        MONTHS[_name.lower()] = _number
        MONTHS[_name[:3].lower()] = _number
MONTHS["sept"] = 9

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
for _index, _name in enumerate(calendar.day_name):
    WEEKDAYS[_name[:3].lower()] = _index

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:\s?,?\s+(?P<year>\d{4}))?"

DAY_MONTH = re.compile(rf"\b{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH}\b\.?{_YEAR}", re.I)
# A meeting over two days: "Wednesday 2 – Thursday 3 October 2019" (the first day counts).
DAY_RANGE = re.compile(
    rf"\b{_WEEKDAY}{_DAY}\s*(?:[–—-]|to|and)\s*(?:[a-z]+\.?,?\s+)?\d{{1,2}}(?:st|nd|rd|th)?"
    rf"\s+{_MONTH}\b\.?{_YEAR}",
    re.I,
)
MONTH_DAY = re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b{_YEAR}", re.I)
NUMERIC = re.compile(
    rf"\b{_WEEKDAY}(?P<day>\d{{1,2}})[/.](?P<month>\d{{1,2}})[/.](?P<year>\d{{4}}|\d{{2}})\b", re.I
)
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
MONTH_YEAR = re.compile(rf"\b(?:end\s+of\s+)?{_MONTH}\s+(?P<year>\d{{4}})\b", re.I)
YEAR = re.compile(r"\b(19|20)\d{2}\b")
DIGIT = re.compile(r"\d")  # every date pattern needs one: text without is not read further


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date found in a string, with where it was and what the text said of it."""

    value: dt.date
    start: int
    end: int
    weekday: int | None = None
    year_inferred: bool = False

    @property
    def weekday_mismatch(self) -> bool:
        """True when the text names a weekday the date does not fall on."""
        return self.weekday is not None and self.weekday != self.value.weekday()


def _year(raw: str | None, default_year: int | None) -> tuple[int | None, bool]:
    if raw:
        year = int(raw)
        return (year + 2000 if year < 100 else year), False
    return default_year, True


def _weekday(raw: str | None) -> int | None:
    return WEEKDAYS.get(raw[:3].lower()) if raw else None


def parse_date(text: str, default_year: int | None = None) -> ParsedDate | None:
    """Find the first full date in ``text``.

    Args:
        text: Any string, e.g. "Tuesday 24th September, 10 am" or "31/03/21".
        default_year: Year to use when the text gives day and month only (the caller
            takes it from the title); the result is then marked ``year_inferred``.

    Returns:
        The date with its offsets in ``text``, or None when no date is there.
    """
    found: list[ParsedDate] = []
    if DIGIT.search(text) is None:
        return None
    for pattern in (DAY_RANGE, DAY_MONTH, MONTH_DAY, NUMERIC, ISO):
        for match in pattern.finditer(text):
            parsed = _from_match(match, default_year)
            if parsed is not None:
                found.append(parsed)
                break
    return min(found, key=lambda p: p.start) if found else None


def _from_match(match: re.Match[str], default_year: int | None) -> ParsedDate | None:
    groups = match.groupdict()
    month_raw = groups["month"]
    month = int(month_raw) if month_raw.isdigit() else MONTHS.get(month_raw.lower().rstrip("."))
    year, inferred = _year(groups.get("year"), default_year)
    if month is None or year is None:
        return None
    try:
        value = dt.date(year, month, int(groups["day"]))
    except ValueError:
        return None
    return ParsedDate(
        value=value,
        start=match.start(),
        end=match.end(),
        weekday=_weekday(groups.get("weekday")),
        year_inferred=inferred,
    )


def find_year(text: str) -> int | None:
    """The first four-digit year in ``text`` (used to read the year from a title)."""
    match = YEAR.search(text)
    return int(match.group(0)) if match else None


TIME = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?:\s?[:.]\s?(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"(?![\w/])"
    r"|(?:(?<=@)|(?<=@\s)|\b)(?P<hour24>[01]\d|2[0-3])(?P<minute24>[0-5]\d)(?=\s*(?:hrs|hours|h)\b|"
    r"(?<=@\d{4})|(?<=@\s\d{4}))",
    re.I,
)
TIME_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|until)\s*", re.I)


def parse_time(text: str) -> tuple[str, int, int] | None:
    """The first clock time in ``text`` as ("HH:MM", start, end).

    Accepts "10 am", "14:00 pm" (read as 14:00), "2pm", "10.30am" and "10:30". A bare
    number without minutes or am/pm is not a time.
    """
    for match in TIME.finditer(text):
        value = _time_value(match)
        if value is not None:
            return value, match.start(), match.end()
    return None


def _time_value(match: re.Match[str]) -> str | None:
    if match.group("hour24") is not None:
        return f"{match.group('hour24')}:{match.group('minute24')}"
    hour = int(match.group("hour"))
    minute_raw, ampm = match.group("minute"), match.group("ampm")
    if minute_raw is None and ampm is None:
        return None
    if ampm:
        pm = ampm.lower().startswith("p")
        if pm and hour < 12:
            hour += 12
        elif not pm and hour == 12:
            hour = 0
    if hour > 23:
        return None
    return f"{hour:02d}:{int(minute_raw or 0):02d}"


def parse_times(text: str) -> tuple[tuple[str, int, int] | None, tuple[str, int, int] | None]:
    """Start and end times of a line such as "10:30 – 12:30" or "2pm to 4pm"."""
    start = parse_time(text)
    if start is None:
        return None, None
    rest = text[start[2] :]
    sep = TIME_RANGE_SEP.match(rest)
    if not sep:
        return start, None
    end = parse_time(rest[sep.end() :])
    if end is None or end[1] != 0:
        return start, None
    offset = start[2] + sep.end()
    end_value, end_start, end_end = end
    start_has_ampm = re.search(r"[ap]\.?m", text[start[1] : start[2]], re.I) is not None
    end_is_pm = re.search(r"p\.?m", rest[sep.end() :][end_start:end_end], re.I) is not None
    start_hour = int(start[0][:2])
    if not start_has_ampm and end_is_pm and start_hour + 12 <= int(end_value[:2]):
        start = (f"{start_hour + 12:02d}{start[0][2:]}", start[1], start[2])
    return start, (end_value, offset + end_start, offset + end_end)


NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# The look-ahead at the start of each due-date expression holds the first letters of its
# words: it spares the rest of the expression at every other position of an action.
RELATIVE = re.compile(
    r"(?=[iw])\b(?:in|within)\s+(?:the\s+next\s+)?(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve)\s+(?P<unit>day|week|month|year)s?(?:['’]s?)?(?:\s+times?)?",
    re.I,
)
NEXT_MEETING = re.compile(
    r"(?=[abft])\b(?:by|at|before|for|to)\s+the\s+next\s+(?:\w+\s+)?meeting\b", re.I
)
END_OF_MONTH = re.compile(
    rf"(?=[bte])\b(?:by\s+)?(?:the\s+)?end\s+of\s+{_MONTH}\b(?:\s+(?P<year>\d{{4}}))?", re.I
)
BY_MONTH_YEAR = re.compile(rf"(?=b)\bby\s+{_MONTH}\s+(?P<year>\d{{4}})\b", re.I)
DATE_CUE = re.compile(
    r"\b(?:by|before|on|due|for|until|no\s+later\s+than|target(?:\s+date)?|deadline)\b"
    r"[^.;]{0,12}$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DuePhrase:
    """A due-date phrase found in an action's text and the date it resolves to."""

    phrase: str
    start: int
    end: int
    due: dt.date | None


def parse_due(
    text: str, meeting_date: dt.date | None, next_meeting: dt.date | None = None
) -> DuePhrase | None:
    """Find a due-date phrase in an action's text and resolve it.

    Relative phrases ("in 6 months' time", "within two weeks") count from the meeting
    date; "by the next meeting" is the next meeting's date when the notes give it (else
    the phrase is kept with no date); "by March 2021" and "by end of June" are the last
    day of that month; explicit dates stand as written.
    """
    year = meeting_date.year if meeting_date else None
    candidates: list[DuePhrase] = []
    for finder in (_relative, _next_meeting, _end_of_month, _by_month_year, _explicit):
        found = finder(text, meeting_date, next_meeting, year)
        if found is not None:
            candidates.append(found)
    return min(candidates, key=lambda c: c.start) if candidates else None


def _relative(
    text: str, meeting: dt.date | None, _next: dt.date | None, _year: int | None
) -> DuePhrase | None:
    match = RELATIVE.search(text)
    if not match:
        return None
    raw = match.group("n").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = match.group("unit").lower()
    due = None
    if meeting is not None:
        delta = {
            "day": relativedelta(days=count),
            "week": relativedelta(weeks=count),
            "month": relativedelta(months=count),
            "year": relativedelta(years=count),
        }[unit]
        due = meeting + delta
    return DuePhrase(match.group(0), match.start(), match.end(), due)


def _next_meeting(
    text: str, _meeting: dt.date | None, next_meeting: dt.date | None, _year: int | None
) -> DuePhrase | None:
    match = NEXT_MEETING.search(text)
    if not match:
        return None
    return DuePhrase(match.group(0), match.start(), match.end(), next_meeting)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _end_of_month(
    text: str, meeting: dt.date | None, _next: dt.date | None, year: int | None
) -> DuePhrase | None:
    match = END_OF_MONTH.search(text)
    if not match:
        return None
    month = MONTHS[
        match.group("month").lower()[:3] if match.group("month").lower() != "sept" else "sept"
    ]
    raw_year = match.group("year")
    due = None
    if raw_year:
        due = _last_day(int(raw_year), month)
    elif year is not None and meeting is not None:
        due = _last_day(year, month)
        if due < meeting:
            due = _last_day(year + 1, month)
    return DuePhrase(match.group(0), match.start(), match.end(), due)


def _by_month_year(
    text: str, _meeting: dt.date | None, _next: dt.date | None, _year: int | None
) -> DuePhrase | None:
    match = BY_MONTH_YEAR.search(text)
    if not match:
        return None
    month = MONTHS[
        match.group("month").lower()[:3] if match.group("month").lower() != "sept" else "sept"
    ]
    due = _last_day(int(match.group("year")), month)
    return DuePhrase(match.group(0), match.start(), match.end(), due)


def _explicit(
    text: str, meeting: dt.date | None, _next: dt.date | None, year: int | None
) -> DuePhrase | None:
    parsed = parse_date(text, default_year=year)
    if parsed is None or not DATE_CUE.search(text[: parsed.start]):
        return None
    due = parsed.value
    if parsed.year_inferred and meeting is not None and due < meeting:
        due = due.replace(year=due.year + 1)
    cue = DATE_CUE.search(text[: parsed.start])
    start = cue.start() if cue else parsed.start
    return DuePhrase(text[start : parsed.end], start, parsed.end, due)

"""Orchestration: run the extraction steps over a Document and build the record."""

from __future__ import annotations

import re

from watching_brief.extraction.checks import check_inferred_year, check_record, check_weekday
from watching_brief.extraction.cleanup.columns import find_owner_lines
from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.cleanup.page_breaks import find_page_furniture
from watching_brief.extraction.cleanup.reflow import reflow
from watching_brief.extraction.cleanup.web_furniture import find_web_furniture
from watching_brief.extraction.document import Document
from watching_brief.extraction.fields.dates import find_year, parse_date, parse_time, parse_times
from watching_brief.extraction.fields.names import leading_name
from watching_brief.extraction.fields.questions import holding_askers
from watching_brief.extraction.passage import Passage
from watching_brief.extraction.record import ExtractionWarning, Item, Minutes, Span
from watching_brief.extraction.sections.attendance import extract_attendees
from watching_brief.extraction.sections.header import Header, find_header, series_of
from watching_brief.extraction.sections.items import ItemBlock, find_items
from watching_brief.extraction.sections.next_meeting import extract_next_meeting
from watching_brief.extraction.sections.paragraphs import Paragraph, paragraphs
from watching_brief.extraction.sections.statements import Context, extract_statements
from watching_brief.extraction.words import matches_at_words


def extract_document(document: Document) -> Minutes:
    """Extract the minutes record from a document."""
    reflowed = reflow(document)  # h2: run-together lines broken at item markers
    ran_together = reflowed is not document
    document = reflowed
    layout = Layout.measure(document)
    layout.skipped |= find_page_furniture(layout)
    layout.skipped |= find_web_furniture(layout)  # h2: web and viewer furniture
    header = find_header(layout)
    header_lines = set(layout.consumed)  # h2: to tell the attendance's lines from the header's
    minutes = Minutes(document=document.name, media_type=document.media_type)
    warnings: list[ExtractionWarning] = []
    _fill_title(minutes, header)
    minutes.attendees = extract_attendees(layout, warnings)
    layout.attendance = layout.consumed - header_lines  # h2
    _fill_header(minutes, header, warnings)
    _fill_from_attendance(minutes, document)
    _fill_closing_time(minutes, document)
    hints = find_owner_lines(layout, {a.abbrev for a in minutes.attendees if a.abbrev})
    blocks = find_items(layout)
    bodies = [paragraphs(layout, block.body, block.starts) for block in blocks]
    minutes.items = [_item(block, body) for block, body in zip(blocks, bodies, strict=True)]
    if minutes.date is None:
        _date_from_title(minutes, header, warnings)
    minutes.next_meeting = extract_next_meeting(layout, blocks, minutes.date)
    context = Context(
        layout=layout,
        attendees=minutes.attendees,
        hints=hints,
        meeting_date=minutes.date,
        next_meeting_date=minutes.next_meeting.date if minutes.next_meeting else None,
        askers=holding_askers(minutes.attendees, minutes.chair),
        chair_label=_chair_label(minutes),
    )
    found = extract_statements(context, list(zip(blocks, bodies, strict=True)))
    for block, item in zip(blocks, minutes.items, strict=True):
        rating = found.ratings.get(str(id(block)))
        if rating is not None:
            item.assurance = rating[0]
            item.source["assurance_text"] = rating[1]
    minutes.actions = found.actions
    minutes.decisions = found.decisions
    minutes.carried_forward = found.carried_forward
    minutes.questions = found.questions
    warnings.extend(context.warnings)
    warnings.extend(_structure_warnings(minutes, ran_together))  # h2
    warnings.extend(check_record(minutes))
    minutes.warning_details = warnings
    minutes.warnings = [warning.message for warning in warnings]
    return minutes


def _structure_warnings(minutes: Minutes, ran_together: bool) -> list[ExtractionWarning]:
    """Say where the items were read from shapes rather than from numbered structure."""
    warnings: list[ExtractionWarning] = []
    if ran_together:
        warnings.append(
            ExtractionWarning(
                code="layout",
                message="layout: the text runs together without line breaks; it was split at "
                "item numbers, so check the items and their text",
            )
        )
    if minutes.items and all(item.number is None for item in minutes.items):
        warnings.append(
            ExtractionWarning(
                code="items",
                message=f"items: no item is numbered; {len(minutes.items)} headings were read "
                "from the layout alone, so check them",
                spans=[span for item in minutes.items for span in item.source.get("title", [])],
            )
        )
    return warnings


def _fill_title(minutes: Minutes, header: Header) -> None:
    if header.title is not None:
        minutes.title = header.title.text
        minutes.source["title"] = header.title.spans()
        minutes.series = series_of(header.title.text) or None
    if header.body is not None:
        minutes.body = header.body.text
        minutes.source["body"] = header.body.spans()


def _fill_header(minutes: Minutes, header: Header, warnings: list[ExtractionWarning]) -> None:
    values = header.values
    known = [attendee.name for attendee in minutes.attendees]
    for field in ("chair", "minute_taker"):
        passage = values.get(field)
        if passage is not None:
            name = leading_name(passage.text, known)
            end = _end_of_words(passage.text, name)
            setattr(minutes, field, name)
            minutes.source[field] = passage.spans(0, end)
    if "venue" in values:
        minutes.venue = values["venue"].text
        minutes.source["venue"] = values["venue"].spans()
    if "date" in values:
        _fill_date(minutes, values["date"], header, warnings)
    if "time" in values:
        _fill_times(minutes, values["time"])
    if "opened" in values and minutes.start_time is None:  # h1: "called to order at ..."
        _fill_times(minutes, values["opened"])


MINUTE_NOTE = re.compile(r"\((?:minutes|minute[\s-]?taker|note[\s-]?taker|notes)\)", re.I)


def _end_of_words(text: str, words: str) -> int:
    """Where ``words`` (white space collapsed) end at the start of ``text``."""
    pattern = r"\s*" + r"\s+".join(re.escape(word) for word in words.split())
    match = re.match(pattern, text, re.I)
    return match.end() if match else len(words)


def _fill_from_attendance(minutes: Minutes, document: Document) -> None:
    """Chair and minute-taker marked in the attendance ("(Chair)", "(minutes)")."""
    for attendee in minutes.attendees:
        spans = attendee.source.get("name", [])
        if minutes.chair is None and (attendee.role or "").casefold() == "chair":
            minutes.chair = attendee.name
            minutes.source["chair"] = spans
        if minutes.minute_taker is None and spans:
            line = next(ln for ln in document.lines if ln.start <= spans[0].start <= ln.end)
            if MINUTE_NOTE.search(line.text):
                minutes.minute_taker = attendee.name
                minutes.source["minute_taker"] = spans


CLOSED_AT = re.compile(
    r"\b(?:meeting|session)\s+(?:closed|ended|finished|concluded)\s+at\s+(?P<time>[\d.:]+\s*[ap]?\.?m?\.?)",
    re.I,
)


CLOSED_AT_WORDS = ("meeting", "session")  # every match starts with one


def _fill_closing_time(minutes: Minutes, document: Document) -> None:
    """ "The meeting closed at 12.35 pm" gives the end time when the header does not."""
    if minutes.end_time is not None:
        return
    for match in matches_at_words(CLOSED_AT, document.text, CLOSED_AT_WORDS):
        found = parse_time(match.group("time"))
        if found is not None:
            minutes.end_time = found[0]
            start = match.start("time") + found[1]
            minutes.source["end_time_text"] = [Span(start=start, end=start + found[2] - found[1])]
            return


def _fill_date(
    minutes: Minutes, passage: Passage, header: Header, warnings: list[ExtractionWarning]
) -> None:
    title_year = find_year(header.title.text) if header.title else None
    parsed = parse_date(passage.text, default_year=title_year)
    if parsed is None:
        warnings.append(
            ExtractionWarning(
                code="date",
                message=f"date: '{passage.text}' could not be read as a date",
                spans=passage.spans(),
            )
        )
        return
    spans = passage.spans(parsed.start, parsed.end)
    minutes.date = parsed.value
    minutes.date_text = passage.text[parsed.start : parsed.end]
    minutes.source["date_text"] = spans
    for check in (check_weekday, check_inferred_year):
        warning = check(parsed, spans)
        if warning is not None:
            warnings.append(warning)
    if minutes.start_time is None:  # h1: a time right after the date, not one further on
        _fill_times(minutes, passage.sub(parsed.end, min(len(passage.text), parsed.end + 40)))


def _fill_times(minutes: Minutes, passage: Passage) -> None:
    start, end = parse_times(passage.text)
    if start is not None and minutes.start_time is None:
        minutes.start_time = start[0]
        minutes.source["start_time_text"] = passage.spans(start[1], start[2])
    if end is not None and minutes.end_time is None:
        minutes.end_time = end[0]
        minutes.source["end_time_text"] = passage.spans(end[1], end[2])


def _date_from_title(minutes: Minutes, header: Header, warnings: list[ExtractionWarning]) -> None:
    """No labelled date: a full date in the title ("... held on 12 February 2026")."""
    if header.title is None:
        return
    parsed = parse_date(header.title.text)
    if parsed is None:
        return
    minutes.date = parsed.value
    minutes.date_text = header.title.text[parsed.start : parsed.end]
    minutes.source["date_text"] = header.title.spans(parsed.start, parsed.end)
    warning = check_weekday(parsed, minutes.source["date_text"])
    if warning is not None:
        warnings.append(warning)


def _chair_label(minutes: Minutes) -> str | None:
    if minutes.chair:
        for attendee in minutes.attendees:
            if attendee.name.casefold() == minutes.chair.casefold():
                return attendee.abbrev or "Chair"
    return "Chair" if minutes.chair else None


def _item(block: ItemBlock, body: list[Paragraph]) -> Item:
    item = Item(
        number=block.number_text,
        title=block.title.text,
        parent=block.number.parent if block.number else None,
        text="\n".join(paragraph.passage.text for paragraph in body) or None,
    )
    item.source["title"] = block.title.spans()
    if body:
        item.source["text"] = [span for p in body for span in p.passage.spans()]
    return item

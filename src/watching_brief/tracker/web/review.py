"""The review of an import: a record's fields as form data, and the corrections applied.

Rows keep their place: the n-th form of a formset is the n-th attendee, item, action,
decision, question or carried-forward matter of the extracted record, so what the
officer did not change (spans, due phrases, item text) is kept as extracted. Each row
carries the passage of the notes its fields were read from, shown beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from watching_brief.extraction import Minutes
from watching_brief.extraction.record import Action, NextMeeting, Question, Source
from watching_brief.tracker.ingest.mapping import DEFAULT_BODY, body_key
from watching_brief.tracker.meetings.models import Body
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.import_forms import (
    NEW_BODY,
    ActionFormSet,
    AttendeeFormSet,
    CarriedForwardFormSet,
    DecisionFormSet,
    HeaderForm,
    ItemFormSet,
    NextMeetingForm,
    QuestionFormSet,
)

HEADER = ("title", "series", "date", "start_time", "end_time", "chair", "minute_taker")
HEADER_FIELDS = (*HEADER, "venue")
DATE_DOUBTS = ("weekday", "year")
PASSAGE_LIMIT = 600
# Where each header field was read from (the record's source names the "as written" form).
HEADER_SOURCES = {
    "series": ("series", "title"),
    "date": ("date_text", "date"),
    "start_time": ("start_time_text", "start_time"),
    "end_time": ("end_time_text", "end_time"),
}


@dataclass(slots=True)
class ReviewForms:
    """The header form, the next meeting and the formsets of one review page."""

    header: HeaderForm
    attendees: Any
    items: Any
    actions: Any
    decisions: Any
    questions: Any
    carried: Any
    next_meeting: NextMeetingForm
    passages: dict[str, list[str]] = field(default_factory=dict)

    ROWS = ("attendees", "items", "actions", "decisions", "questions", "carried")

    def formsets(self) -> list[Any]:
        return [
            self.attendees,
            self.items,
            self.actions,
            self.decisions,
            self.questions,
            self.carried,
        ]

    def all(self) -> list[Any]:
        return [self.header, *self.formsets(), self.next_meeting]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.all()])

    def errors(self) -> list[tuple[str, str]]:
        forms = [self.header]
        for formset in self.formsets():
            forms += list(formset.forms)
        errors = error_list(*forms, self.next_meeting)
        for formset in self.formsets():
            errors += [("#main-content", str(e)) for e in formset.non_form_errors()]
        return errors

    def rows(self, name: str) -> list[tuple[Any, str]]:
        """(form, source passage) for each row of a formset."""
        formset = getattr(self, name)
        passages = self.passages.get(name, [])
        return [
            (form, passages[index] if index < len(passages) else "")
            for index, form in enumerate(formset.forms)
        ]


def passage(text: str, source: Source, names: tuple[str, ...] | None = None) -> str:
    """The lines of ``text`` that ``source`` (or its fields ``names``) point into."""
    spans = [
        span
        for key, found in source.items()
        if names is None or key in names
        for span in found
        if 0 <= span.start <= span.end <= len(text)
    ]
    if not text or not spans:
        return ""
    start = text.rfind("\n", 0, min(span.start for span in spans)) + 1
    end = text.find("\n", max(span.end for span in spans))
    quoted = " ".join(text[start : len(text) if end < 0 else end].split())
    if len(quoted) > PASSAGE_LIMIT:
        quoted = quoted[: PASSAGE_LIMIT - 1].rstrip() + "…"
    return quoted


def body_choices() -> list[tuple[str, str]]:
    """The bodies an import can be filed under (never the placeholder for unnamed ones)."""
    bodies = Body.objects.exclude(name=DEFAULT_BODY).order_by("name")
    return [(str(body.pk), body.name) for body in bodies]


def _body_initial(name: str | None, bodies: list[tuple[str, str]]) -> dict[str, str]:
    """The body the notes name, chosen from the list when it is there, else as a new one."""
    if not name:
        return {"body_choice": "", "body_new": ""}
    key = body_key(name)
    for pk, known in bodies:
        if body_key(known) == key:
            return {"body_choice": pk, "body_new": ""}
    return {"body_choice": NEW_BODY, "body_new": name}


def date_doubts(minutes: Minutes) -> list[str]:
    """The reader's doubts about the meeting's date, as messages."""
    if minutes.date is None:
        return []
    return [w.message for w in minutes.warning_details if w.code in DATE_DOUBTS]


def _next_initial(minutes: Minutes) -> dict[str, Any]:
    nxt = minutes.next_meeting
    if nxt is None:
        return {}
    return nxt.model_dump(include={"date", "start_time", "end_time", "type", "venue"})


def review_forms(minutes: Minutes, data: QueryDict | None = None, text: str = "") -> ReviewForms:
    """Forms filled from the record, or bound to what the officer sent; ``text`` is the
    document text the record's spans point into (for the passages shown beside fields)."""
    bodies = body_choices()
    header_initial: dict[str, Any] = {name: getattr(minutes, name) for name in HEADER_FIELDS}
    header_initial |= _body_initial(minutes.body, bodies)
    header_initial["status"] = "draft"
    forms = ReviewForms(
        HeaderForm(
            data,
            initial=header_initial,
            bodies=bodies,
            extracted_date=minutes.date,
            date_doubts=date_doubts(minutes),
        ),
        AttendeeFormSet(
            data,
            prefix="attendees",
            initial=[
                a.model_dump(include={"name", "role", "abbrev", "status"})
                for a in minutes.attendees
            ],
        ),
        ItemFormSet(
            data,
            prefix="items",
            initial=[i.model_dump(include={"number", "title"}) for i in minutes.items],
        ),
        ActionFormSet(
            data,
            prefix="actions",
            initial=[
                a.model_dump(include={"item", "text", "owner", "due"}) for a in minutes.actions
            ],
        ),
        DecisionFormSet(
            data,
            prefix="decisions",
            initial=[d.model_dump(include={"item", "text"}) for d in minutes.decisions],
        ),
        QuestionFormSet(
            data,
            prefix="questions",
            initial=[
                {**q.model_dump(include={"item", "asker", "text"}), "answer": _answer(q)}
                for q in minutes.questions
            ],
        ),
        CarriedForwardFormSet(
            data,
            prefix="carried",
            initial=[
                c.model_dump(include={"item", "from_", "text", "update", "status"})
                for c in minutes.carried_forward
            ],
        ),
        NextMeetingForm(data, prefix="next", initial=_next_initial(minutes)),
    )
    forms.passages = _passages(minutes, text)
    said = f"The notes name {minutes.body}." if minutes.body else "The notes do not name the body."
    forms.header.fields["body_choice"].help_text = (
        f"{said} Choose the body whose meeting this is, or choose \u201cA body not listed\u201d "
        "and name it. A body's meetings, series and posts are kept together."
    )
    return forms


def _answer(question: Question) -> str:
    """The answer the record gives, when the reader finds one."""
    return str(getattr(question, "answer", None) or "")


def _passages(minutes: Minutes, text: str) -> dict[str, list[str]]:
    parts: dict[str, list[Any]] = {
        "attendees": minutes.attendees,
        "items": minutes.items,
        "actions": minutes.actions,
        "decisions": minutes.decisions,
        "questions": minutes.questions,
        "carried": minutes.carried_forward,
    }
    found = {name: [passage(text, part.source) for part in rows] for name, rows in parts.items()}
    header = {}
    for name in (*HEADER_FIELDS, "body"):
        header[name] = [passage(text, minutes.source, HEADER_SOURCES.get(name, (name,)))]
    nxt = minutes.next_meeting
    found["next"] = [passage(text, nxt.source) if nxt else ""]
    return found | header


def header_passage(forms: ReviewForms, name: str) -> str:
    """The passage a header field was read from ("" when the notes do not give it)."""
    return (forms.passages.get(name) or [""])[0]


def _kept(formset: Any, records: list[Any]) -> list[tuple[Any, dict[str, Any]]]:
    """(original record, cleaned values) of each row not marked for removal."""
    pairs = []
    for index, form in enumerate(formset.forms):
        if index < len(records) and not form.cleaned_data.get("DELETE"):
            values = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
            pairs.append((records[index], values))
    return pairs


def _blank_is_none(values: dict[str, Any]) -> dict[str, Any]:
    return {key: (None if value == "" else value) for key, value in values.items()}


def corrected(minutes: Minutes, forms: ReviewForms) -> Minutes:
    """The record with the officer's corrections (call after ``forms.is_valid()``)."""
    cleaned = forms.header.cleaned_data
    header = _blank_is_none({name: cleaned.get(name) for name in HEADER_FIELDS})
    header["body"] = cleaned["body"]
    attendees = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.attendees, minutes.attendees)
    ]
    items = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.items, minutes.items)
    ]
    actions = [_action(record, values) for record, values in _kept(forms.actions, minutes.actions)]
    decisions = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.decisions, minutes.decisions)
    ]
    questions = [
        record.model_copy(update=_blank_is_none(_without(values, "answer")))
        for record, values in _kept(forms.questions, minutes.questions)
    ]
    carried = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.carried, minutes.carried_forward)
    ]
    update = {
        **header,
        "attendees": attendees,
        "items": items,
        "actions": actions,
        "decisions": decisions,
        "questions": questions,
        "carried_forward": carried,
        "next_meeting": _next_meeting(minutes.next_meeting, forms.next_meeting.cleaned_data),
    }
    return minutes.model_copy(update=update)


def answers(forms: ReviewForms) -> list[str]:
    """The answer typed for each question kept, in order ("" where none)."""
    rows = _kept(forms.questions, list(forms.questions.forms))
    return [values.get("answer") or "" for _, values in rows]


def _without(values: dict[str, Any], name: str) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key != name}


def _next_meeting(record: NextMeeting | None, values: dict[str, Any]) -> NextMeeting | None:
    """The next meeting as corrected; none when every field is left blank."""
    update = _blank_is_none(values)
    if all(value is None for value in update.values()):
        return None
    if record is None:
        return NextMeeting(**update)
    if update.get("date") != record.date:
        update["date_text"] = None
    return record.model_copy(update=update)


def _action(record: Action, values: dict[str, Any]) -> Action:
    """An action with its corrections; a changed owner replaces the owners read."""
    update = _blank_is_none(values)
    if update["owner"] != record.owner:
        owner = update["owner"] or ""
        update["owners"] = [part.strip() for part in owner.split("/") if part.strip()]
        update["owner_attendees"] = []  # the tracker resolves a corrected owner itself
    return record.model_copy(update=update)

"""The review of an import: a record's fields as form data, and the corrections applied.

Rows keep their place: the n-th form of a formset is the n-th attendee, item or action
of the extracted record, so what the officer did not change (spans, due phrases, item
text) is kept as extracted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from watching_brief.extraction import Minutes
from watching_brief.extraction.record import Action
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.import_forms import (
    ActionFormSet,
    AttendeeFormSet,
    HeaderForm,
    ItemFormSet,
)

HEADER = ("title", "series", "body", "date", "start_time", "end_time", "chair", "minute_taker")
HEADER_FIELDS = (*HEADER, "venue")


@dataclass(slots=True)
class ReviewForms:
    """The header form and the three formsets of one review page."""

    header: HeaderForm
    attendees: Any
    items: Any
    actions: Any

    def all(self) -> list[Any]:
        return [self.header, self.attendees, self.items, self.actions]

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.all()])

    def errors(self) -> list[tuple[str, str]]:
        forms = [self.header]
        for formset in self.all()[1:]:
            forms += list(formset.forms)
        errors = error_list(*forms)
        for formset in self.all()[1:]:
            errors += [("#main-content", str(e)) for e in formset.non_form_errors()]
        return errors


def review_forms(minutes: Minutes, data: QueryDict | None = None) -> ReviewForms:
    """Forms filled from the record, or bound to what the officer sent."""
    return ReviewForms(
        HeaderForm(data, initial={name: getattr(minutes, name) for name in HEADER_FIELDS}),
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
    )


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
    header = _blank_is_none(forms.header.cleaned_data)
    attendees = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.attendees, minutes.attendees)
    ]
    items = [
        record.model_copy(update=_blank_is_none(values))
        for record, values in _kept(forms.items, minutes.items)
    ]
    actions = [_action(record, values) for record, values in _kept(forms.actions, minutes.actions)]
    update = {**header, "attendees": attendees, "items": items, "actions": actions}
    return minutes.model_copy(update=update)


def _action(record: Action, values: dict[str, Any]) -> Action:
    """An action with its corrections; a changed owner replaces the owners read."""
    update = _blank_is_none(values)
    if update["owner"] != record.owner:
        owner = update["owner"] or ""
        update["owners"] = [part.strip() for part in owner.split("/") if part.strip()]
        update["owner_attendees"] = []  # the tracker resolves a corrected owner itself
    return record.model_copy(update=update)

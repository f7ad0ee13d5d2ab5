"""Forms of the action pages, and the GOV.UK date input (day, month, year) they share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from watching_brief.tracker.actions.models import Action

DATE_PARTS = ("day", "month", "year")


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


class ActionFilterForm(forms.Form):
    """The action log's filters (a GET form; every field optional)."""

    status = forms.ChoiceField(label="Status", required=False)
    owner = forms.ChoiceField(label="Owner post", required=False)
    series = forms.ChoiceField(label="Meeting series", required=False)
    topic = forms.CharField(label="Topic or words in the action", required=False, max_length=200)
    due_from = GovukDateField(label="Due on or after", required=False)
    due_to = GovukDateField(label="Due on or before", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(
        self, data: Any, owners: list[tuple[str, str]], series: list[tuple[str, str]]
    ) -> None:
        super().__init__(data)
        statuses = [("", "Any status"), ("open_any", "Open or in progress")]
        self.fields["status"].choices = statuses + list(Action.Status.choices)  # type: ignore[attr-defined]
        self.fields["owner"].choices = [("", "Any owner"), *owners]  # type: ignore[attr-defined]
        self.fields["series"].choices = [("", "Any series"), *series]  # type: ignore[attr-defined]


UPDATE_STATUSES = [("", "No change"), ("in_progress", "In progress"), ("done", "Done")]
CLOSE_STATUSES = [("closed", "Closed"), ("dropped", "Dropped")]


class ActionUpdateForm(forms.Form):
    """A dated update on an action, with evidence and (optionally) a new status."""

    prefix = "update"

    text = forms.CharField(
        label="Update",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the update"},
    )
    evidence = forms.CharField(
        label="Evidence (optional)",
        help_text="Where the evidence can be found, or what it shows.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label="Status", choices=UPDATE_STATUSES, required=False, widget=forms.RadioSelect
    )


class ActionCloseForm(forms.Form):
    """An officer accepts a closure (or drops the action), with a note."""

    prefix = "close"

    status = forms.ChoiceField(
        label="Close the action as",
        choices=CLOSE_STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the action is closed or dropped"},
    )
    note = forms.CharField(
        label="Note", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def error_list(*forms_: forms.BaseForm) -> list[tuple[str, str]]:
    """(anchor, message) for a GOV.UK error summary, in page order."""
    errors = []
    for form in forms_:
        for message in form.non_field_errors():
            errors.append(("#main-content", str(message)))
        for field in form:
            anchor = field.id_for_label or f"{field.auto_id}_0"
            errors.extend((f"#{anchor}", str(message)) for message in field.errors)
    return errors

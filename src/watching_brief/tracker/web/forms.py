"""Forms of the action pages, and the GOV.UK date input (day, month, year) they share."""

from __future__ import annotations

from django import forms

from watching_brief.tracker.actions.filters import ActionFilterForm
from watching_brief.tracker.dates import DATE_PARTS, GovukDateField, GovukDateWidget

__all__ = ["DATE_PARTS", "ActionFilterForm", "GovukDateField", "GovukDateWidget"]

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
    version = forms.IntegerField(
        required=True,
        widget=forms.HiddenInput,
        error_messages={"required": "The page was out of date: look at the action again"},
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
    version = forms.IntegerField(
        required=True,
        widget=forms.HiddenInput,
        error_messages={"required": "The page was out of date: look at the action again"},
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

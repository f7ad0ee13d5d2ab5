"""Forms of the import pages: the upload, and the review of every extracted field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from watching_brief.extraction import ExtractionError, Minutes, extract_bytes
from watching_brief.tracker.web.forms import GovukDateField

ACCEPTED = ".pdf,.docx,.html,.htm,.txt,.text"
MAX_BYTES = 20 * 1024 * 1024
TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
ATTENDANCE = [
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("virtual", "Attended virtually"),
    ("absent", "Absent"),
]


class UploadForm(forms.Form):
    """A notes file; its record is extracted as the form is checked."""

    file = forms.FileField(
        label="Upload the meeting notes",
        help_text="A PDF, Word document (DOCX), web page (HTML) or text file.",
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
        error_messages={"required": "Select a file of meeting notes"},
    )

    minutes: Minutes
    file_bytes: bytes

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(f"{upload.name}: the file is larger than 20 MB")
        self.file_bytes = upload.read()
        try:
            self.minutes = extract_bytes(self.file_bytes, upload.name)
        except ExtractionError as error:
            raise ValidationError(str(error)) from None
        return upload


def _text(label: str, required: bool = False, max_length: int = 300) -> forms.CharField:
    messages = {"required": f"Enter the {label.lower()}"}
    return forms.CharField(
        label=label, required=required, max_length=max_length, error_messages=messages
    )


def _time(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text="24-hour clock, for example 14:30",
        validators=[_check_time],
    )


def _check_time(value: str) -> None:
    if value and not TIME.match(value):
        raise ValidationError("Enter a time such as 09:30 or 14:00")


class HeaderForm(forms.Form):
    """The meeting's header fields."""

    title = _text("Title", max_length=300)
    series = _text("Series", max_length=200)
    body = _text("Body", max_length=200)
    date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the meeting"},
    )
    start_time = _time("Start time")
    end_time = _time("End time")
    chair = _text("Chair", max_length=200)
    minute_taker = _text("Minute-taker", max_length=200)
    venue = _text("Venue", max_length=300)


class AttendeeForm(forms.Form):
    name = _text("Name", required=True, max_length=200)
    role = _text("Role", max_length=300)
    abbrev = _text("Abbreviation", max_length=30)
    status = forms.ChoiceField(label="Attendance", choices=ATTENDANCE)


class ItemForm(forms.Form):
    number = _text("Number", max_length=40)
    title = _text("Title", required=True, max_length=500)


class ActionForm(forms.Form):
    item = _text("Item number", max_length=40)
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the text of the action"},
    )
    owner = _text("Owner", max_length=200)
    due = GovukDateField(label="Due date", required=False)


def _formset(form: type[forms.Form]) -> Any:
    return forms.formset_factory(form, extra=0, can_delete=True)


AttendeeFormSet = _formset(AttendeeForm)
ItemFormSet = _formset(ItemForm)
ActionFormSet = _formset(ActionForm)

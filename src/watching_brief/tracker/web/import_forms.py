"""Forms of the import pages: the upload, a batch of files, and the review of every field."""

from __future__ import annotations

import functools
import logging
import re
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from watching_brief.extraction import (
    ExtractionError,
    ExtractionOptions,
    Minutes,
    extract_document,
)
from watching_brief.extraction.sources import load_bytes
from watching_brief.tracker.errorlog import internal_error
from watching_brief.tracker.ingest.jobs import Upload
from watching_brief.tracker.ingest.mapping import DEFAULT_BODY
from watching_brief.tracker.ingest.services import DOCUMENT_SUFFIXES
from watching_brief.tracker.web.forms import GovukDateField

ACCEPTED = ".pdf,.docx,.html,.htm,.txt,.text"
BATCH_ACCEPTED = ACCEPTED + ",.zip"
MAX_BYTES = 20 * 1024 * 1024
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # one zip, as uploaded
MAX_EXPANDED_BYTES = 1024 * 1024 * 1024  # everything a batch's zips hold, expanded
MAX_FILES = 1000
logger = logging.getLogger(__name__)
TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
ATTENDANCE = [
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("virtual", "Attended virtually"),
    ("absent", "Absent"),
]


class UploadForm(forms.Form):
    """A notes file; its record is extracted as the form is checked.

    A file that cannot be read is an error on the file field naming the file and the
    problem; an unexpected error in the reader is one too ("internal error, details in
    <log>"), its traceback written to the data folder's logs.
    """

    file = forms.FileField(
        label="Upload the meeting notes",
        help_text="A PDF, Word document (DOCX), web page (HTML) or text file.",
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED}),
        error_messages={"required": "Select a file of meeting notes"},
    )
    ocr = forms.BooleanField(
        label="Extract with OCR (for scanned PDFs)",
        help_text=(
            "Reads the page images of a scanned PDF with OCRmyPDF and Tesseract. It is slower, "
            "and text read this way needs checking closely."
        ),
        required=False,
    )

    minutes: Minutes
    file_bytes: bytes
    text: str

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(f"{upload.name}: the file is larger than 20 MB")
        self.file_bytes = upload.read()
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        options = ExtractionOptions(ocr=bool(cleaned.get("ocr")))
        name = Path(str(upload.name)).name
        try:
            document = load_bytes(self.file_bytes, name, options)
            self.minutes = extract_document(document)
        except ExtractionError as error:
            self.add_error("file", _for_the_web(str(error)))
            return cleaned
        except Exception as error:  # noqa: BLE001 - a bug in the reader: a line and a log
            logger.error("Import of %s failed; traceback in the data folder's logs", name)
            self.add_error("file", internal_error(name, error, kind="import"))
            return cleaned
        self.text = document.text
        return cleaned


CLI_OCR_HINT = "run it with --ocr"
WEB_OCR_HINT = "choose “Extract with OCR” and upload it again"


def _for_the_web(message: str) -> str:
    """The core's message, with its command-line advice put in the page's terms."""
    return message.replace(CLI_OCR_HINT, WEB_OCR_HINT)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; cleans to a list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": BATCH_ACCEPTED}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class BatchForm(forms.Form):
    """Many notes at once (files, or zip files of notes), each ingested by a job."""

    documents = MultipleFileField(
        label="Upload several files of notes",
        help_text=(
            "Select up to 100 files at once, or a zip file of notes. Each file is read and "
            "stored by a background job, without a review."
        ),
        allow_empty_file=True,
        error_messages={"required": "Select one or more files of meeting notes, or a zip file"},
    )

    uploads: list[Upload]
    skipped: list[str]

    def clean_documents(self) -> Any:
        files: list[UploadedFile] = self.cleaned_data["documents"]
        self.uploads, self.skipped = [], []
        expanded = 0
        for upload in files:
            name = str(upload.name)
            if name.lower().endswith(".zip"):
                members, size = self._expand(upload)
                self.uploads += members
                expanded += size
            elif (upload.size or 0) > MAX_BYTES:
                raise ValidationError(f"{name}: the file is larger than 20 MB")
            else:
                self.uploads.append(Upload(name, upload.read))
        if expanded > MAX_EXPANDED_BYTES:
            raise ValidationError("The zip files expand to more than 1 GB: split them")
        if len(self.uploads) > MAX_FILES:
            raise ValidationError(f"There are more than {MAX_FILES} files: split them")
        if not self.uploads:
            raise ValidationError("The zip file holds no notes (PDF, DOCX, HTML or text files)")
        return files

    def _expand(self, upload: UploadedFile) -> tuple[list[Upload], int]:
        """The notes in a zip file (checked, not yet read) and their expanded size."""
        name = str(upload.name)
        if (upload.size or 0) > MAX_ARCHIVE_BYTES:
            raise ValidationError(f"{name}: the zip file is larger than 200 MB")
        try:
            archive = zipfile.ZipFile(cast("IO[bytes]", upload.file))
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ValidationError(f"{name}: the zip file cannot be opened") from None
        found, total = [], 0
        for info in members:
            inner = info.filename
            path = PurePosixPath(inner.replace("\\", "/"))
            if (
                inner.startswith(("/", "\\"))
                or ".." in path.parts
                or ":" in (path.parts or ("",))[0]
            ):
                raise ValidationError(f"{name}: {inner} points outside the zip file")
            if info.is_dir():
                continue
            mode = info.external_attr >> 16  # Unix file type, when the zip records one
            hidden = any(part.startswith((".", "__MACOSX")) for part in path.parts)
            if (stat.S_IFMT(mode) and not stat.S_ISREG(mode)) or hidden:
                self.skipped.append(f"{name}: {inner}")
                continue
            if path.suffix.lower() not in DOCUMENT_SUFFIXES:
                self.skipped.append(f"{name}: {inner}")
                continue
            if info.flag_bits & 0x1:
                raise ValidationError(f"{name}: {inner} is encrypted")
            if info.file_size > MAX_BYTES:
                raise ValidationError(f"{name}: {inner} is larger than 20 MB")
            total += info.file_size
            found.append(Upload(inner, functools.partial(_read_member, archive, info)))
        return found, total


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A zip member's bytes, never more than the limit whatever its header says."""
    try:
        with archive.open(info) as member:
            data = member.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError) as error:
        problem = "it could not be read"
        if isinstance(error, zipfile.BadZipFile | zlib.error | EOFError):
            problem = "it is damaged"
        elif isinstance(error, NotImplementedError):
            problem = "its compression method is not supported"
        raise ValueError(f"{info.filename}: cannot be read from the zip file ({problem})") from None
    if len(data) > MAX_BYTES:
        raise ValueError(f"{info.filename}: larger than 20 MB when expanded")
    return data


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


NEW_BODY = "new"
STATUSES = [
    ("draft", "Draft: only officers can see it until it is published"),
    ("published", "Published: anyone can read it at once"),
]
CARRIED_STATUSES = [("", "Not stated"), ("open", "Open"), ("done", "Done"), ("dropped", "Dropped")]


class HeaderForm(forms.Form):
    """The meeting's header fields, the body it belongs to, and how it is stored.

    ``bodies`` are the bodies to choose from as (id, name); ``date_doubts`` the reader's
    doubts about the date (a weekday that does not match, a year taken from elsewhere):
    while there are any, the date must be confirmed by the officer or corrected.
    """

    title = _text("Title", max_length=300)
    series = _text("Series", max_length=200)
    body_choice = forms.ChoiceField(
        label="Body",
        help_text="The body whose meeting this is. Its meetings and posts are kept together.",
        error_messages={"required": "Choose the body whose meeting this is, or name a new one"},
    )
    body_new = _text("Name of the new body", max_length=200)
    date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the date of the meeting"},
    )
    date_confirmed = forms.BooleanField(
        label="I have checked the date against the notes and it is right",
        required=False,
    )
    start_time = _time("Start time")
    end_time = _time("End time")
    chair = _text("Chair", max_length=200)
    minute_taker = _text("Minute-taker", max_length=200)
    venue = _text("Venue", max_length=300)
    status = forms.ChoiceField(
        label="How should the meeting be stored?",
        choices=STATUSES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to store the meeting as a draft or published"},
    )

    def __init__(
        self,
        *args: Any,
        bodies: list[tuple[str, str]] | None = None,
        extracted_date: Any = None,
        date_doubts: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a body"), *(bodies or []), (NEW_BODY, "A body not listed")]
        self.fields["body_choice"].choices = choices  # type: ignore[attr-defined]
        self.fields["body_new"].help_text = "Only when the body is not listed above."
        self.extracted_date = extracted_date
        self.date_doubts = list(date_doubts or [])
        self.body_names = dict(bodies or [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        choice = cleaned.get("body_choice")
        name = (cleaned.get("body_new") or "").strip()
        if choice == NEW_BODY:
            if not name:
                self.add_error("body_new", "Enter the name of the new body")
            elif name.casefold() == DEFAULT_BODY.casefold():
                self.add_error("body_new", "Enter the body's own name")
        if choice and choice != NEW_BODY:
            cleaned["body"] = self.body_names.get(choice, "")
        elif choice == NEW_BODY:
            cleaned["body"] = name
        date = cleaned.get("date")
        unchanged = date is not None and date == self.extracted_date
        if self.date_doubts and unchanged and not cleaned.get("date_confirmed"):
            self.add_error(
                "date_confirmed",
                "Confirm that the date of the meeting is right, or correct it",
            )
        return cleaned

    @property
    def date_doubtful(self) -> bool:
        """Whether the page should ask for the date to be confirmed."""
        return bool(self.date_doubts)


class NextMeetingForm(forms.Form):
    """The next meeting, as the notes give it (all optional)."""

    date = GovukDateField(label="Date of the next meeting", required=False)
    start_time = _time("Start time")
    end_time = _time("End time")
    type = _text("Details (type of meeting, as written)", max_length=300)
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


class DecisionForm(forms.Form):
    item = _text("Item number", max_length=40)
    text = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the text of the decision"},
    )


class QuestionForm(forms.Form):
    item = _text("Item number", max_length=40)
    asker = _text("Asked by", max_length=200)
    text = forms.CharField(
        label="Question",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the question"},
    )
    answer = forms.CharField(
        label="Answer given (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CarriedForwardForm(forms.Form):
    item = _text("Item number", max_length=40)
    from_ = _text("From the meeting of", max_length=200)
    text = forms.CharField(
        label="Matter carried forward",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the matter carried forward"},
    )
    update = forms.CharField(
        label="Update minuted on it", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    status = forms.ChoiceField(label="Status", choices=CARRIED_STATUSES, required=False)


def _formset(form: type[forms.Form]) -> Any:
    return forms.formset_factory(form, extra=0, can_delete=True)


AttendeeFormSet = _formset(AttendeeForm)
ItemFormSet = _formset(ItemForm)
ActionFormSet = _formset(ActionForm)
DecisionFormSet = _formset(DecisionForm)
QuestionFormSet = _formset(QuestionForm)
CarriedForwardFormSet = _formset(CarriedForwardForm)

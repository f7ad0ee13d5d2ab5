"""Importing notes: upload, review every extracted field beside the text, then store.

Nothing reaches the meeting tables before the officer confirms: the upload is kept as a
:class:`PendingImport` until then.

Many files at once (or a zip of notes) become an :class:`ImportBatch`: each file is
queued as an ingest job and the batch page shows their progress, read from the database.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone

from watching_brief.extraction import ExtractionError, Minutes
from watching_brief.extraction.sources import load_bytes
from watching_brief.tracker.errorlog import internal_error
from watching_brief.tracker.ingest.jobs import refresh_batch, start_batch
from watching_brief.tracker.ingest.services import store_document
from watching_brief.tracker.meetings.models import Meeting, SourceDocument
from watching_brief.tracker.meetings.publication import publish, record_version
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.import_forms import BatchForm, UploadForm
from watching_brief.tracker.web.models import ImportBatch, ImportFile, PendingImport
from watching_brief.tracker.web.review import (
    ReviewForms,
    answers,
    corrected,
    header_passage,
    review_forms,
)
from watching_brief.tracker.web.views.access import officers_only

officers = officers_only("Only officers may import notes.")
logger = logging.getLogger(__name__)


@officers
def upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    batch_post = posted and "batch" in request.POST
    single_post = posted and not batch_post
    form = UploadForm(request.POST if single_post else None, request.FILES if single_post else None)
    batch_form = BatchForm(
        request.POST if batch_post else None, request.FILES if batch_post else None
    )
    user: Any = request.user
    if batch_post and batch_form.is_valid():
        try:
            batch = start_batch(batch_form.uploads, user)
        except Exception as error:  # noqa: BLE001 - a full disk, say: a page, not a bare 500
            line = internal_error("The files", error, doing="queued", kind="import")
            logger.error("Import of many files: %s", line)
            return _problem_page(request, line, reverse("web:import_upload"))
        if batch_form.skipped:
            left_out = ", ".join(batch_form.skipped[:5])
            more = len(batch_form.skipped) - 5
            extra = f" and {more} more" if more > 0 else ""
            messages.info(request, f"Left out (not notes, hidden or links): {left_out}{extra}.")
        return redirect(batch_url(batch))
    if single_post and form.is_valid():
        pending = PendingImport.objects.create(
            file_name=Path(form.cleaned_data["file"].name).name[:500],
            data=form.file_bytes,
            record=form.minutes.model_dump(mode="json", by_alias=True),
            text=form.text,
            user=user,
        )
        return redirect("web:import_review", token=pending.token)
    errors = error_list(batch_form) if batch_post else error_list(form)
    context = {
        "form": form,
        "batch_form": batch_form,
        "errors": errors,
        "batches": recent_batches(),
    }
    status = 400 if errors else 200
    return render(request, "web/imports/upload.html", context, status=status)


def batch_url(batch: ImportBatch | Any) -> str:
    """The batch page's address."""
    return reverse("web:import_batch", kwargs={"pk": getattr(batch, "pk", batch)})


def _counts() -> dict[str, Any]:
    return {
        status.value: Count("files", filter=Q(files__status=status.value))
        for status in ImportFile.Status
    }


def recent_batches(limit: int = 10) -> list[ImportBatch]:
    """The latest batches with how many of their files reached each status, and links."""
    batches = list(
        ImportBatch.objects.select_related("user")
        .annotate(total=Count("files"), **_counts())
        .order_by("-created")[:limit]
    )
    for found in batches:
        found.link = batch_url(found)  # type: ignore[attr-defined]
    return batches


@officers
def batch(request: HttpRequest, pk: Any) -> HttpResponse:
    """A batch's progress: files queued, running, stored, unchanged and failed."""
    found = get_object_or_404(ImportBatch.objects.select_related("user"), pk=pk)
    refresh_batch(found)
    files = list(found.files.select_related("meeting"))
    counts = {status.value: 0 for status in ImportFile.Status}
    for row in files:
        counts[row.status] += 1
    pending = counts["queued"] + counts["running"]
    summary = [
        {"key": "Files", "value": str(len(files))},
        {"key": "Queued", "value": str(counts["queued"])},
        {"key": "Running", "value": str(counts["running"])},
        {"key": "Stored", "value": str(counts["stored"] + counts["updated"])},
        {"key": "Unchanged (already stored)", "value": str(counts["unchanged"])},
        {"key": "Failed", "value": str(counts["failed"])},
    ]
    context = {
        "batch": found,
        "files": files,
        "counts": counts,
        "pending": pending,
        "done": len(files) - pending,
        "summary": summary,
        "failed": [row for row in files if row.status == ImportFile.Status.FAILED],
        "refresh_seconds": REFRESH_SECONDS,
        "url": batch_url(found),
    }
    return render(request, "web/imports/batch.html", context)


REFRESH_SECONDS = 5
# The batch page's route, joined into web/urls.py (``web:import_batch``).
batch_urlpatterns: list[URLPattern] = [
    path("import/batches/<uuid:pk>/", batch, name="import_batch"),
]


@officers
def review(request: HttpRequest, token: str) -> HttpResponse:
    """Every extracted part beside its passage of the notes; stored only on confirmation.

    The officer chooses the body, settles any doubt about the date and chooses draft or
    published. An unexpected error while storing shows a GOV.UK error page with a way
    back (the upload is kept); its traceback goes to the data folder's logs.
    """
    user: Any = request.user
    pending = PendingImport.objects.filter(token=token, user=user).first()
    if pending is None:
        raise Http404("No such import.")
    minutes = Minutes.model_validate(pending.record)
    text = _source_text(pending)
    if request.method != "POST":
        return _review_page(request, pending, minutes, review_forms(minutes, text=text), text)
    forms = review_forms(minutes, request.POST, text)
    if not forms.is_valid():
        return _review_page(request, pending, minutes, forms, text, status=400)
    data = bytes(pending.data)
    try:
        with transaction.atomic():
            result = store_document(
                Path(pending.file_name), data, corrected(minutes, forms), text=text
            )
            if result.status == "failed":
                problem = [("#main-content", f"The notes could not be stored: {result.reason}")]
                return _review_page(request, pending, minutes, forms, text, problem, status=400)
            stored = _stored_document(data)
            if result.status != "unchanged":
                _store_answers(stored.meeting, answers(forms))
                _set_status(stored.meeting, forms.header.cleaned_data["status"], user)
    except Exception as error:  # noqa: BLE001 - an officer gets a page, the log the traceback
        line = internal_error(pending.file_name, error, doing="stored", kind="import")
        logger.error("Import review %s: %s", pending.token, line)
        return _problem_page(request, line, reverse("web:import_review", args=[pending.token]))
    pending.delete()
    if result.status == "unchanged":
        messages.info(request, f"{pending.file_name} was already stored: nothing was changed.")
    else:
        state = "published" if stored.meeting.status == Meeting.Status.PUBLISHED else "a draft"
        messages.success(
            request, f"{pending.file_name} has been stored as {stored.meeting}, {state}."
        )
    return redirect("web:meeting_detail", pk=stored.meeting_id)


def _store_answers(meeting: Meeting, typed: list[str]) -> None:
    """The answers the officer typed, on the stored questions (by position)."""
    for position, answer in enumerate(typed):
        if answer.strip():
            meeting.questions.filter(position=position).update(answer=answer.strip())


def _set_status(meeting: Meeting, status: str, user: Any) -> None:
    """Store the meeting as the officer chose: a draft, or published with its first version."""
    if status != "published":
        meeting.status = Meeting.Status.DRAFT
        meeting.approved_by, meeting.approved_at, meeting.published_at = None, None, None
        meeting.save(update_fields=["status", "approved_by", "approved_at", "published_at"])
        return
    if meeting.status == Meeting.Status.PUBLISHED and meeting.versions.exists():
        record_version(meeting, user)  # already public: a version when the text changed
        return
    meeting.status = Meeting.Status.APPROVED
    meeting.approved_by, meeting.approved_at = user, timezone.now()
    meeting.save(update_fields=["status", "approved_by", "approved_at"])
    publish(meeting, user, "Published on import.")


def _problem_page(request: HttpRequest, line: str, back: str) -> HttpResponse:
    """A GOV.UK error page for an import that failed unexpectedly, with a way back."""
    context = {"line": line, "back": back}
    return render(request, "web/imports/problem.html", context, status=500)


def _fields(forms: ReviewForms, names: tuple[str, ...]) -> list[tuple[Any, str]]:
    """(bound header field, passage it was read from) for each of ``names``."""
    return [(forms.header[name], header_passage(forms, name)) for name in names]


def _source_text(pending: PendingImport) -> str:
    """The document text the record's spans point into (as read at upload)."""
    if pending.text:
        return pending.text
    try:
        return load_bytes(bytes(pending.data), pending.file_name).text
    except ExtractionError as error:
        return str(error)


def _stored_document(data: bytes) -> SourceDocument:
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument.objects.select_related("meeting").get(sha256=digest)


def _review_page(
    request: HttpRequest,
    pending: PendingImport,
    minutes: Minutes,
    forms: ReviewForms,
    source: str,
    problems: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    data = bytes(pending.data)
    header = forms.header
    context = {
        "pending": pending,
        "minutes": minutes,
        "forms": forms,
        "errors": (problems or []) + (forms.errors() if header.is_bound else []),
        "source": source,
        "already": _already_stored(data),
        "naming_fields": _fields(forms, ("title", "series")),
        "header_fields": _fields(
            forms, ("start_time", "end_time", "chair", "minute_taker", "venue")
        ),
        "date_passage": header_passage(forms, "date"),
        "body_passage": header_passage(forms, "body"),
        "rows": {name: forms.rows(name) for name in ReviewForms.ROWS},
        "next_passage": header_passage(forms, "next"),
        "other_warnings": [w for w in minutes.warnings if w not in header.date_doubts],
    }
    return render(request, "web/imports/review.html", context, status=status)


def _already_stored(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    found = SourceDocument.objects.filter(sha256=digest).select_related("meeting").first()
    if found is None:
        return ""
    return f"This document has already been stored as {found.meeting}: confirming changes nothing."

"""Importing notes: upload, review every extracted field beside the text, then store.

Nothing reaches the meeting tables before the officer confirms: the upload is kept as a
:class:`PendingImport` until then.

Many files at once (or a zip of notes) become an :class:`ImportBatch`: each file is
queued as an ingest job and the batch page shows their progress, read from the database.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse

from watching_brief.extraction import ExtractionError, Minutes
from watching_brief.extraction.sources import load_bytes
from watching_brief.tracker.ingest.jobs import refresh_batch, start_batch
from watching_brief.tracker.ingest.services import store_document
from watching_brief.tracker.meetings.models import SourceDocument
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.import_forms import BatchForm, UploadForm
from watching_brief.tracker.web.models import ImportBatch, ImportFile, PendingImport
from watching_brief.tracker.web.review import ReviewForms, corrected, review_forms
from watching_brief.tracker.web.views.access import officers_only

officers = officers_only("Only officers may import notes.")


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
        batch = start_batch(batch_form.uploads, user)
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
    user: Any = request.user
    pending = PendingImport.objects.filter(token=token, user=user).first()
    if pending is None:
        raise Http404("No such import.")
    minutes = Minutes.model_validate(pending.record)
    if request.method != "POST":
        return _review_page(request, pending, minutes, review_forms(minutes))
    forms = review_forms(minutes, request.POST)
    if not forms.is_valid():
        return _review_page(request, pending, minutes, forms, status=400)
    data = bytes(pending.data)
    result = store_document(Path(pending.file_name), data, corrected(minutes, forms))
    if result.status == "failed":
        problem = [("#main-content", f"The notes could not be stored: {result.reason}")]
        return _review_page(request, pending, minutes, forms, problem, status=400)
    stored = _stored_document(data)
    pending.delete()
    if result.status == "unchanged":
        messages.info(request, f"{pending.file_name} was already stored: nothing was changed.")
    else:
        messages.success(request, f"{pending.file_name} has been stored as {stored.meeting}.")
    return redirect("web:meeting_detail", pk=stored.meeting_id)


def _stored_document(data: bytes) -> SourceDocument:
    digest = hashlib.sha256(data).hexdigest()
    return SourceDocument.objects.select_related("meeting").get(sha256=digest)


def _review_page(
    request: HttpRequest,
    pending: PendingImport,
    minutes: Minutes,
    forms: ReviewForms,
    problems: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    data = bytes(pending.data)
    try:
        source = load_bytes(data, pending.file_name).text
    except ExtractionError as error:
        source = str(error)
    context = {
        "pending": pending,
        "minutes": minutes,
        "forms": forms,
        "errors": (problems or []) + (forms.errors() if forms.header.is_bound else []),
        "source": source,
        "already": _already_stored(data),
    }
    return render(request, "web/imports/review.html", context, status=status)


def _already_stored(data: bytes) -> str:
    digest = hashlib.sha256(data).hexdigest()
    found = SourceDocument.objects.filter(sha256=digest).select_related("meeting").first()
    if found is None:
        return ""
    return f"This document has already been stored as {found.meeting}: confirming changes nothing."

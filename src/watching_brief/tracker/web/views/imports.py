"""Importing notes: upload, review every extracted field beside the text, then store.

Nothing reaches the meeting tables before the officer confirms: the upload is kept as a
:class:`PendingImport` until then.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from watching_brief.extraction import ExtractionError, Minutes
from watching_brief.extraction.sources import load_bytes
from watching_brief.tracker.ingest.services import store_document
from watching_brief.tracker.meetings.models import SourceDocument
from watching_brief.tracker.web.forms import error_list
from watching_brief.tracker.web.import_forms import UploadForm
from watching_brief.tracker.web.models import PendingImport
from watching_brief.tracker.web.review import ReviewForms, corrected, review_forms
from watching_brief.tracker.web.roles import is_officer

View = Callable[..., HttpResponse]


def officers_only(view: View) -> View:
    """Anonymous visitors are sent to sign in; other roles are refused."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_officer(request.user):
            raise PermissionDenied("Only officers may import notes.")
        return view(request, *args, **kwargs)

    return wrapped


@officers_only
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        user: Any = request.user
        pending = PendingImport.objects.create(
            file_name=Path(form.cleaned_data["file"].name).name[:500],
            data=form.file_bytes,
            record=form.minutes.model_dump(mode="json", by_alias=True),
            user=user,
        )
        return redirect("web:import_review", token=pending.token)
    context = {"form": form, "errors": error_list(form)}
    return render(request, "web/imports/upload.html", context, status=400 if form.errors else 200)


@officers_only
def review(request: HttpRequest, token: str) -> HttpResponse:
    pending = get_object_or_404(PendingImport, token=token, user=request.user)
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

"""Downloads of house-style documents: a meeting's notes and its pack, as PDF or DOCX.

* notes: anyone who may see the meeting; the public and force contributors always get
  the public view, officers the full view (``?view=public`` for the public one);
* pack: officers only (it holds unpublished material): anonymous visitors are sent to
  log in, anyone else gets 403.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from watching_brief.publishing import render_docx, render_pack_docx, render_pack_pdf, render_pdf
from watching_brief.publishing.document import DocumentInfo
from watching_brief.tracker.documents.notes import notes_info, notes_minutes
from watching_brief.tracker.documents.pack import build_pack, file_stem, pack_info
from watching_brief.tracker.web.roles import is_officer, visible_meetings
from watching_brief.tracker.web.views.access import officers_only

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NOTES = {"pdf": render_pdf, "docx": render_docx}
PACKS = {"pdf": render_pack_pdf, "docx": render_pack_docx}


def rendered(
    render: Callable[[Any, Path, DocumentInfo], None], content: Any, fmt: str, info: DocumentInfo
) -> bytes:
    """Render ``content`` to a temporary file and return its bytes."""
    with tempfile.TemporaryDirectory(prefix="wb-doc-") as folder:
        path = Path(folder) / f"document.{fmt}"
        render(content, path, info)
        return path.read_bytes()


def attachment(data: bytes, fmt: str, name: str) -> HttpResponse:
    """The file as a download under ``name``; never cached by shared caches."""
    response = HttpResponse(data, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def meeting_notes_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The house-style notes of a meeting the visitor may see."""
    if fmt not in NOTES:
        raise Http404("Notes come as PDF or DOCX.")
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    full = is_officer(request.user) and request.GET.get("view") != "public"
    minutes = notes_minutes(meeting, full=full)
    info = notes_info(meeting, full=full)
    name = f"{file_stem(meeting)}-notes" + ("" if full else "-public")
    return attachment(rendered(NOTES[fmt], minutes, fmt, info), fmt, name)


@require_GET
@officers_only("Only officers may download a meeting's pack.")
def meeting_pack_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The pack of a meeting, for officers."""
    if fmt not in PACKS:
        raise Http404("Packs come as PDF or DOCX.")
    meeting = get_object_or_404(visible_meetings(request.user), pk=pk)
    pack = build_pack(meeting)
    data = rendered(PACKS[fmt], pack, fmt, pack_info(meeting))
    return attachment(data, fmt, f"{file_stem(meeting)}-pack")

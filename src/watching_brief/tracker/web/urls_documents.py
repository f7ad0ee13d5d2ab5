"""Web pages for documents (part of #7, running the meeting); joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import documents

urlpatterns: list[URLPattern] = [
    path(
        "meetings/<int:pk>/notes.<str:fmt>",
        documents.meeting_notes_file,
        name="meeting_notes_file",
    ),
    path(
        "meetings/<int:pk>/pack.<str:fmt>",
        documents.meeting_pack_file,
        name="meeting_pack_file",
    ),
]

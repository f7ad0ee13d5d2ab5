"""Web pages for publication (part of #7, running the meeting); joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import publication

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/approve/", publication.meeting_approve, name="meeting_approve"),
    path(
        "meetings/<int:pk>/return-to-draft/",
        publication.meeting_return_to_draft,
        name="meeting_return_to_draft",
    ),
    path("meetings/<int:pk>/publish/", publication.meeting_publish, name="meeting_publish"),
    path("meetings/<int:pk>/republish/", publication.meeting_republish, name="meeting_republish"),
    path("meetings/<int:pk>/versions/", publication.meeting_versions, name="meeting_versions"),
]

"""The web pages, by resource. Each name here is implemented in views/<resource>.py."""

from django.urls import path

from watching_brief.tracker.web.views import (
    actions,
    dashboard,
    feeds,
    imports,
    meetings,
    people,
    search,
    topics,
)

app_name = "web"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/source/", meetings.meeting_source, name="meeting_source"),
    path("series/<slug:slug>/pack/", meetings.meeting_pack, name="meeting_pack"),
    path(
        "bodies/<slug:body>/series/<slug:slug>/pack/",
        meetings.meeting_pack,
        name="body_meeting_pack",
    ),
    path("actions/", actions.action_list, name="action_list"),
    path("actions/export/", actions.action_export, name="action_export"),
    path("actions/<int:pk>/", actions.action_detail, name="action_detail"),
    path("actions/<int:pk>/update/", actions.action_update, name="action_update"),
    path("actions/<int:pk>/close/", actions.action_close, name="action_close"),
    path("posts/", people.post_list, name="post_list"),
    path("posts/<int:pk>/", people.post_detail, name="post_detail"),
    path("posts/<int:pk>/email/", people.post_email, name="post_email"),
    path("topics/", topics.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", topics.topic_detail, name="topic_detail"),
    path("import/", imports.upload, name="import_upload"),
    path("import/<uuid:token>/", imports.review, name="import_review"),
]

urlpatterns += [
    path("search/", search.search, name="search"),
    path("feeds/meetings.atom", feeds.MeetingsFeed(), name="feed_meetings"),
    path("feeds/actions.atom", feeds.ActionsFeed(), name="feed_actions"),
    path("series/<slug:slug>/meetings.ics", feeds.old_series_calendar, name="series_calendar"),
    path(
        "bodies/<slug:body>/series/<slug:slug>/meetings.ics",
        feeds.series_calendar,
        name="body_series_calendar",
    ),
    path("posts/<int:pk>/due.ics", feeds.post_due_calendar, name="post_due_calendar"),
]

# Running the meeting: each part keeps its own list, joined here under the "web" namespace.
from watching_brief.tracker.web import (  # noqa: E402
    urls_alerts,
    urls_documents,
    urls_minuting,
    urls_participation,
    urls_programme,
    urls_publication,
    urls_work,
)

for part in (
    urls_programme,
    urls_minuting,
    urls_publication,
    urls_documents,
    urls_participation,
    urls_alerts,
    urls_work,
):
    urlpatterns += part.urlpatterns

urlpatterns += imports.batch_urlpatterns

"""Web pages for minuting (part of #7, running the meeting); joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import minuting, question_sets

urlpatterns: list[URLPattern] = [
    path("meetings/<int:pk>/minute/", minuting.minute_meeting, name="minute_meeting"),
    path(
        "meetings/<int:pk>/minute/resolve-due/",
        minuting.resolve_due_view,
        name="minute_resolve_due",
    ),
    path("meetings/<int:pk>/minute/<int:item_pk>/", minuting.minute_item, name="minute_item"),
    path(
        "meetings/<int:pk>/question-sets/",
        question_sets.question_set_list,
        name="question_set_list",
    ),
    path("question-sets/<int:pk>/", question_sets.question_set_detail, name="question_set_detail"),
    path("question-sets/<int:pk>/file/", question_sets.question_set_file, name="question_set_file"),
]

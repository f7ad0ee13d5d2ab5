"""Web pages for questions from the public; joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import participation

urlpatterns: list[URLPattern] = [
    path("public-questions/", participation.session_list, name="public_question_list"),
    path("privacy/", participation.privacy, name="privacy"),
    path("meetings/<int:pk>/public-questions/", participation.session, name="public_questions"),
    path(
        "meetings/<int:pk>/public-questions/sent/",
        participation.sent,
        name="public_question_sent",
    ),
    path(
        "meetings/<int:pk>/public-questions/open/",
        participation.window_edit,
        name="public_question_window",
    ),
    path(
        "meetings/<int:pk>/public-questions/moderate/",
        participation.moderation,
        name="public_question_moderation",
    ),
]

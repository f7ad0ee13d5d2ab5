"""Web pages for programme (part of #7, running the meeting); joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import programme

urlpatterns: list[URLPattern] = [
    path("programme/", programme.programme_index, name="programme_index"),
    path("series/<int:pk>/programme/", programme.series_programme, name="series_programme"),
    path("series/<int:pk>/schedule/", programme.series_schedule, name="series_schedule"),
    path("series/<int:pk>/schedule/change/", programme.schedule_change, name="schedule_change"),
    path("series/<int:pk>/themes/add/", programme.planned_theme_add, name="planned_theme_add"),
    path("series/<int:pk>/plan/", programme.plan_meeting, name="plan_meeting"),
]

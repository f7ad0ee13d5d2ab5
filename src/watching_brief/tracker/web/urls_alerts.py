"""Web pages for e-mail alerts; joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import alerts

urlpatterns: list[URLPattern] = [
    path("alerts/new/", alerts.new, name="alert_new"),
    path("alerts/check-your-email/", alerts.check, name="alert_check"),
    path("alerts/stopped/", alerts.stopped, name="alert_stopped"),
    path("alerts/<str:token>/confirm/", alerts.confirm, name="alert_confirm"),
    path("alerts/<str:token>/", alerts.manage, name="alert_manage"),
    path("alerts/<str:token>/unsubscribe/", alerts.unsubscribe, name="alert_unsubscribe"),
]

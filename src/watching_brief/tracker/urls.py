"""URL configuration: the web pages, sign in and out, Django's admin and the JSON API."""

from django.contrib import admin
from django.urls import include, path

from watching_brief.tracker.api.api import api
from watching_brief.tracker.web import two_factor

urlpatterns = [
    path("", include("watching_brief.tracker.web.urls")),
    path("accounts/two-factor/", two_factor.setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler400 = "watching_brief.tracker.web.views.errors.bad_request"
handler403 = "watching_brief.tracker.web.views.errors.permission_denied"
handler404 = "watching_brief.tracker.web.views.errors.page_not_found"
handler500 = "watching_brief.tracker.web.views.errors.server_error"

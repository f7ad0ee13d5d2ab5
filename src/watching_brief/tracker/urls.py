"""URL configuration: the web pages, sign in and out, Django's admin and the JSON API."""

from django.contrib import admin
from django.urls import include, path

from watching_brief.tracker.api.api import api

urlpatterns = [
    path("", include("watching_brief.tracker.web.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

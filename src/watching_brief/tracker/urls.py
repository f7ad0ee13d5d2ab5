"""URL configuration: the web pages, sign in and out, and Django's admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("watching_brief.tracker.web.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]

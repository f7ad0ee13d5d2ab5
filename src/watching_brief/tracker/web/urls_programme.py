"""Web pages for programme (part of #7, running the meeting); joined into web/urls.py."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""URL configuration: the admin for now; the web pages come with the web app."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]

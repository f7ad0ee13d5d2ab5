"""Web pages for the office's work lists; joined into web/urls.py."""

from django.urls import URLPattern, path

from watching_brief.tracker.web.views import work

urlpatterns: list[URLPattern] = [
    path("work/closures/", work.closure_list, name="closure_list"),
    path("work/closures/<int:pk>/", work.closure_decide, name="closure_decide"),
    path("work/updates/", work.update_review_list, name="update_review_list"),
    path("work/updates/<int:pk>/", work.update_review, name="update_review"),
    path("work/my-actions/", work.my_actions, name="my_actions"),
    path("work/my-actions/digest/", work.my_digest, name="my_digest"),
    path("bodies/<slug:slug>/settings/", work.body_settings, name="body_settings"),
]

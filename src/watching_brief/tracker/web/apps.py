from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "watching_brief.tracker.web"
    label = "web"
    verbose_name = "Web pages"

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "watching_brief.tracker.actions"
    label = "actions"
    verbose_name = "Actions"

from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "watching_brief.tracker.programme"
    label = "programme"
    verbose_name = "Forward work programme"

from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "watching_brief.tracker.participation"
    label = "participation"
    verbose_name = "Questions from the public"
    default_auto_field = "django.db.models.BigAutoField"

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "watching_brief.tracker.alerts"
    label = "alerts"
    verbose_name = "Alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from watching_brief.tracker.alerts import signals

        signals.connect()

from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "watching_brief.tracker.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self) -> None:
        # the restriction flags of items and actions, kept by the access module
        from watching_brief.tracker.access.flags import connect_signals

        connect_signals()

from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "watching_brief.tracker.caching"
    label = "caching"
    verbose_name = "Response cache"

    def ready(self) -> None:
        from watching_brief.tracker.caching import generation

        generation.connect()

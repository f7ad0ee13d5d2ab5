from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "watching_brief.tracker.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from watching_brief.tracker.search import index

        index.connect_signals(self)

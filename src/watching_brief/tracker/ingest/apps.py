from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "watching_brief.tracker.ingest"
    label = "ingest"
    verbose_name = "Imports"

"""`manage.py reindex`: rebuild the search index from every stored meeting."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from watching_brief.tracker.search.index import reindex_all


class Command(BaseCommand):
    help = "Rebuild the search index of meetings, items, questions, decisions and actions."

    def handle(self, *args: Any, **options: Any) -> None:
        count = reindex_all()
        self.stdout.write(f"Indexed {count} meeting{'s' if count != 1 else ''}.")

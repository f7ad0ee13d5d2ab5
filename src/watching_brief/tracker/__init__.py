"""The tracker: a Django project that keeps meetings, posts and actions across meetings.

Call :func:`setup` before using the models outside ``manage.py`` (the CLI does).
"""

from __future__ import annotations

import os

_migrated = False


def setup(migrate: bool = True) -> None:
    """Configure Django and, by default, bring the database up to date.

    On SQLite (the default) the data folder and database are created on first use, so
    nothing needs setting up by hand.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watching_brief.tracker.settings")
    import django
    from django.conf import settings

    global _migrated  # noqa: PLW0603 - once per process
    django.setup()
    if migrate and not _migrated and not os.environ.get("BRIEF_TESTING"):
        from django.core.management import call_command

        _migrated = True
        if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
            settings.BRIEF_DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)

"""The tracker: a Django project that keeps meetings, posts and actions across meetings.

Call :func:`setup` before using the models outside ``manage.py`` (the CLI does).
"""

from __future__ import annotations

import os

_migrated = False


def setup(migrate: bool = True) -> None:
    """Configure Django and, by default, bring the database up to date.

    On SQLite (the default) the data folder and database are created on first use, so
    nothing needs setting up by hand. Migrations run only when some are not applied yet
    (checked cheaply against the migration files, so that every command starts fast).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "watching_brief.tracker.settings")
    import django
    from django.conf import settings

    global _migrated  # noqa: PLW0603 - once per process
    django.setup()
    if not migrate or _migrated or os.environ.get("BRIEF_TESTING"):
        return
    _migrated = True
    if str(settings.DATABASES["default"]["ENGINE"]).endswith("sqlite3"):
        settings.BRIEF_DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not _unapplied_migrations():
        return
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _unapplied_migrations() -> bool:
    """Are there migration files the database has not applied? (No module is imported.)"""
    import importlib.util
    from pathlib import Path

    from django.apps import apps
    from django.db import connection

    wanted: set[tuple[str, str]] = set()
    for config in apps.get_app_configs():
        spec = importlib.util.find_spec(f"{config.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for path in Path(folder).glob("[0-9]*.py"):
                wanted.add((config.label, path.stem))
    if "django_migrations" not in connection.introspection.table_names():
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = {(app, name) for app, name in cursor.fetchall()}
    return bool(wanted - applied)

"""The tracker: a Django project that keeps meetings, posts and actions across meetings.

Call :func:`setup` before using the models outside ``manage.py`` (the CLI does).
"""

from __future__ import annotations

import os

_migrated = False


FULL_SETTINGS = "watching_brief.tracker.settings"
READ_SETTINGS = "watching_brief.tracker.settings_read"


def setup(migrate: bool = True, read_only: bool = False) -> None:
    """Configure Django and, by default, bring the database up to date.

    On SQLite (the default) the data folder and database are created on first use, so
    nothing needs setting up by hand. Migrations run only when some are not applied yet
    (checked cheaply against the migration files, so that every command starts fast).

    ``read_only``: for a command that only reads the record; unless settings were chosen
    already, the lighter :mod:`.settings_read` (the record's apps alone). A database that
    needs migrating is then migrated first under the full settings, in a child process.
    """
    if read_only and "DJANGO_SETTINGS_MODULE" not in os.environ:
        os.environ["DJANGO_SETTINGS_MODULE"] = READ_SETTINGS
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", FULL_SETTINGS)
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
    if getattr(settings, "BRIEF_READ_ONLY", False):
        _migrate_in_child()
        return
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _migrate_in_child() -> None:
    """Migrate under the full settings (every app) in a child process."""
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": FULL_SETTINGS}
    code = "from watching_brief.tracker import setup; setup()"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


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

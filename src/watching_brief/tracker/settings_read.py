"""Settings for commands that only read the record (``brief actions``, ``agenda``, ``people``).

The same settings as :mod:`.settings` with only the apps whose models those reads touch:
no admin, web pages, API, search index, sign-in or job queue to import and make ready, so
a command starts in a fraction of the time. Nothing is written under these settings (the
response cache's generation and the search index are not hooked up); the schema is made
or brought up to date under the full settings (:func:`watching_brief.tracker.setup`).
"""

from __future__ import annotations

from watching_brief.tracker.settings import *  # noqa: F403 - the same settings, fewer apps
from watching_brief.tracker.settings import INSTALLED_APPS as ALL_APPS

READ_APPS = (
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "simple_history",
    "watching_brief.tracker.people",
    "watching_brief.tracker.meetings",
    "watching_brief.tracker.actions",
    "watching_brief.tracker.programme",
)
INSTALLED_APPS = [app for app in ALL_APPS if app in READ_APPS]
MIDDLEWARE = []  # nothing is served under these settings
BRIEF_READ_ONLY = True

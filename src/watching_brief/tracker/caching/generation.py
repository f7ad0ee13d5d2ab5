"""The generation: one token that changes whenever anything a page may show changes.

Every cached response is stored under a key that includes the generation read at the start
of the request, so changing the generation empties the cache at once for every reader
(old entries are never read again and expire by themselves). Nothing has to know which
pages showed what.

The generation changes

- on every write statement (INSERT, UPDATE, DELETE, DDL) that reaches a database table
  other than the few that no page shows (sessions, the job queue, sign-in attempts).
  A wrapper installed on every database connection sees each statement, so ``save()``,
  ``delete()``, many-to-many changes, ``bulk_create``,
  ``QuerySet.update()`` and raw SQL all count, whichever app or command makes them;
- on ``post_save``, ``post_delete`` and ``m2m_changed`` of every model of the tracker
  apps (the same changes seen from the ORM; a second line of defence);
- on a change of settings (tests).

Inside a transaction it changes at the first write *and again when the transaction
commits* (``transaction.on_commit``): a visitor's request that read the old rows while the
transaction was open may have stored them under the generation of the first change;
the second change makes that entry unreachable once the new rows are visible.

Where the generation is kept: in the cache itself when the cache is shared by every
process (Redis); otherwise (local memory, each process its own) in a small file in the
data folder, which every process on the machine reads, so a change made by one
``brief serve`` worker or by ``brief ingest`` is seen by all the others.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import transaction
from django.db.backends.base.base import NO_DB_ALIAS, BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "brief:generation"
# Apps whose every model may show on a page, feed or API read.
TRACKER_APPS = frozenset(
    {"people", "meetings", "actions", "web", "api", "search", "programme", "auth"}
)
# Tables no page shows: writing them must not empty the cache (signing in writes a
# session and its attempts; a worker marks its jobs).
QUIET_TABLES = ("django_session", "django_tasks", "axes_")
_WRITE = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "CREATE", "DROP", "ALTER", "WITH")
_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+["`]?(\w+)',
    re.I,
)


# --- reading and changing it -------------------------------------------------------------


def _shared() -> bool:
    return bool(getattr(settings, "BRIEF_CACHE_SHARED", False))


def _file() -> Path:
    chosen = getattr(settings, "BRIEF_CACHE_GENERATION_FILE", None)
    return Path(chosen) if chosen else Path(settings.BRIEF_DATA_DIR) / "cache-generation"


def _new_token() -> str:
    """A token that has never been used: the time it was made, then random hex."""
    return f"{time.time_ns()}-{secrets.token_hex(6)}"


def _own_writes() -> bool:
    """Has this thread written (uncommitted) rows since it last read the generation?"""
    from django.db import connections

    dirty = False
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "brief_uncommitted_writes", False):
            connection.brief_uncommitted_writes = False  # type: ignore[attr-defined]
            dirty = True
    return dirty


def current() -> str | None:
    """The generation now, made on first use; None when it cannot be read (then no caching)."""
    if _own_writes():
        bump()
    if _shared():
        cache = caches[settings.BRIEF_CACHE_ALIAS]
        try:
            token = cache.get(GENERATION_KEY)
            if token is None:
                cache.add(GENERATION_KEY, _new_token(), timeout=None)
                token = cache.get(GENERATION_KEY)
        except Exception:  # noqa: BLE001 - cache server down: serve uncached, never stale
            return None
        return str(token) if token is not None else None
    path = _file()
    try:
        return path.read_text(encoding="ascii").strip() or None
    except FileNotFoundError:
        bump()
        try:
            return path.read_text(encoding="ascii").strip() or None
        except OSError:
            return None
    except OSError:
        return None


def made_at(token: str) -> float | None:
    """The time (epoch seconds) the generation ``token`` was made."""
    head = token.split("-", 1)[0]
    return int(head) / 1e9 if head.isdigit() else None


def bump() -> None:
    """Change the generation: every response cached so far is never served again."""
    token = _new_token()
    if _shared():
        # Cache server down: nothing can be served from it either.
        with contextlib.suppress(Exception):
            caches[settings.BRIEF_CACHE_ALIAS].set(GENERATION_KEY, token, timeout=None)
        return
    path = _file()
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch.write_text(token, encoding="ascii")
        os.replace(scratch, path)
    except OSError:
        # The file cannot be written: remove it if we can, so that no process caches.
        scratch.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


# --- what changes it ---------------------------------------------------------------------


def changed(using: str = "default") -> None:
    """Something a page may show changed on the connection ``using``.

    Outside a transaction the change is committed already: bump now. Inside one, bump now
    (once per transaction) and again when it commits; and, since only this thread can see
    the uncommitted rows, remember that it wrote: its own next read of the generation
    (:func:`current`) bumps first, so it never reads a page cached before its own writes.
    """
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        bump()
        return
    connection.brief_uncommitted_writes = True
    if any(func is bump for _sids, func, _robust in connection.run_on_commit):
        return  # already bumped in this transaction; the commit will bump again
    bump()
    transaction.on_commit(bump, using=using)


def is_quiet(sql: str) -> bool:
    """Is ``sql`` a statement that writes nothing a page shows (or no write at all)?"""
    head = sql.lstrip()[:9].upper()
    if not head.startswith(_WRITE):
        return True
    match = _TABLE.match(sql)
    if match is None:
        return False  # DDL, CTEs and anything unusual: assume it changes what pages show
    return match.group(1).lower().startswith(QUIET_TABLES)


def _on_execute(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    result = execute(sql, params, many, context)
    if not is_quiet(str(sql)):
        changed(context["connection"].alias)
    return result


def _install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.alias == NO_DB_ALIAS:
        return  # the maintenance connection (CREATE/DROP DATABASE) shows no page
    if _on_execute not in connection.execute_wrappers:
        connection.execute_wrappers.append(_on_execute)


def _model_changed(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in TRACKER_APPS:
        changed(kwargs.get("using") or "default")


def _setting_changed(**kwargs: Any) -> None:
    bump()


def connect() -> None:
    """Hook every database connection and the model signals (the app's ``ready``)."""
    connection_created.connect(_install, dispatch_uid="brief-cache-install")
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install(None, connection)
    post_save.connect(_model_changed, dispatch_uid="brief-cache-save")
    post_delete.connect(_model_changed, dispatch_uid="brief-cache-delete")
    m2m_changed.connect(_model_changed, dispatch_uid="brief-cache-m2m")
    setting_changed.connect(_setting_changed, dispatch_uid="brief-cache-settings")

"""Keeping the index up to date.

A save or delete of a meeting, item, question, decision or action marks its meeting
dirty; the meeting is reindexed once the transaction commits (``transaction.on_commit``),
so an ingest of a whole document costs one reindex, and a rolled-back ingest none.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models.signals import post_delete, post_migrate, post_save

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Decision, Item, Meeting, Question

WATCHED = (Meeting, Item, Question, Decision, Action)
_pending = threading.local()


def reindex_meeting(meeting: Meeting | int) -> None:
    """Rebuild the entries of one meeting (or drop them when the meeting is gone)."""
    from watching_brief.tracker.search.backends.base import get_backend

    backend = get_backend()
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    found = Meeting.objects.select_related("series").filter(pk=meeting_id).first()
    if found is None:
        backend.remove_meeting(meeting_id)
    else:
        backend.index_meeting(found)


def reindex_all(progress: Callable[[Meeting], None] | None = None) -> int:
    """Rebuild the whole index; returns how many meetings were indexed."""
    from watching_brief.tracker.search.backends.base import get_backend

    backend = get_backend()
    backend.clear()
    count = 0
    for meeting in Meeting.objects.select_related("series").order_by("pk").iterator():
        backend.index_meeting(meeting)
        count += 1
        if progress is not None:
            progress(meeting)
    return count


def _pending_ids() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    ids: set[int] = _pending.ids
    return ids


def mark_dirty(meeting_id: int | None) -> None:
    """Reindex ``meeting_id`` when the current transaction commits (at once outside one)."""
    if meeting_id is None:
        return
    _pending_ids().add(meeting_id)
    transaction.on_commit(lambda: _flush(meeting_id))


def _flush(meeting_id: int) -> None:
    pending = _pending_ids()
    if meeting_id in pending:  # several saves in one transaction: reindex once
        pending.discard(meeting_id)
        reindex_meeting(meeting_id)


def _changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    mark_dirty(instance.pk if isinstance(instance, Meeting) else instance.meeting_id)


def fill_empty_index(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """After ``migrate``: build the index when it is empty but meetings are stored (the
    first migrate of a database that already holds meetings)."""
    from watching_brief.tracker.search.models import SearchEntry, SearchWord

    if using != DEFAULT_DB_ALIAS or SearchEntry.objects.exists():
        return
    if SearchWord._meta.db_table not in connection.introspection.table_names():
        return  # migrated back past this code's tables: the code of that version fills it
    if Meeting.objects.exists():
        reindex_all()


def connect_signals(app_config: Any) -> None:
    post_migrate.connect(fill_empty_index, sender=app_config, dispatch_uid="search-fill-index")
    for model in WATCHED:
        uid = f"search-index-{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid)

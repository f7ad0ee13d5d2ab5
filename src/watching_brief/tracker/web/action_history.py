"""An action's change history, from django-simple-history, as a reader would say it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models

from watching_brief.tracker.access.authors import signature
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.web.roles import visible_items, visible_meetings

HIDDEN_FIELDS = ["edited_fields", "effective_restricted", "position", "reference", "revision"]


@dataclass(frozen=True, slots=True)
class Change:
    """One version of an action: when, by whom, and what changed."""

    date: dt.datetime
    who: str
    changes: list[str]


def history_entries(action: Action, user: Any) -> list[Change]:
    """Newest first; the first version is "Created"."""
    records = list(action.history.select_related("history_user").order_by("history_date"))
    deltas: list[tuple[Any, Any]] = []
    previous = None
    for record in records:
        delta = None if previous is None else record.diff_against(previous, HIDDEN_FIELDS)
        deltas.append((record, delta))
        previous = record
    names = _related_names([c for _, delta in deltas if delta for c in delta.changes], user)
    entries = []
    for record, delta in deltas:
        if delta is None:
            changes = ["Created"]
        else:
            changes = [_describe(c.field, c.old, c.new, names) for c in delta.changes]
        if changes:
            who = signature(record.history_user, action, user)
            entries.append(Change(record.history_date, who, changes))
    return entries[::-1]


Names = dict[tuple[str, Any], str]


def _describe(name: str, old: Any, new: Any, names: Names) -> str:
    field = Action._meta.get_field(name)
    label = str(getattr(field, "verbose_name", name)).capitalize()
    return f"{label}: {_show(field, old, names)} → {_show(field, new, names)}"


def _show(field: Any, value: Any, names: Names) -> str:
    if value in (None, ""):
        return "(none)"
    if field.name == "status":
        return str(Action.Status(value).label)
    if isinstance(field, models.ForeignKey):
        label = field.related_model._meta.label_lower  # type: ignore[union-attr]
        return names.get((label, value), "(not shown)")
    return str(value)


def _related_names(changes: list[Any], user: Any) -> Names:
    """The name of every meeting, item, post or person the changes refer to, one query a
    model (a meeting or item is named only when the user may see it)."""
    wanted: dict[str, tuple[Any, set[Any]]] = {}
    for change in changes:
        field = Action._meta.get_field(change.field)
        if isinstance(field, models.ForeignKey):
            model = field.related_model
            label = model._meta.label_lower  # type: ignore[union-attr]
            values = {v for v in (change.old, change.new) if v not in (None, "")}
            wanted.setdefault(label, (model, set()))[1].update(values)
    choices: Any = {
        "meetings.meeting": lambda: visible_meetings(user).select_related("series"),
        "meetings.item": lambda: visible_items(user),
    }
    names: Names = {}
    for label, (model, pks) in wanted.items():
        queryset = choices[label]() if label in choices else model._default_manager.all()
        for found in queryset.filter(pk__in=pks):
            names[(label, found.pk)] = str(found)
    return names

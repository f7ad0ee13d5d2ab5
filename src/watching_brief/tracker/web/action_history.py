"""An action's change history, from django-simple-history, as a reader would say it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models

from watching_brief.tracker.access.authors import signature
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.web.roles import visible_items, visible_meetings

HIDDEN_FIELDS = ["edited_fields", "effective_restricted", "position", "reference"]


@dataclass(frozen=True, slots=True)
class Change:
    """One version of an action: when, by whom, and what changed."""

    date: dt.datetime
    who: str
    changes: list[str]


def history_entries(action: Action, user: Any) -> list[Change]:
    """Newest first; the first version is "Created"."""
    records = list(action.history.select_related("history_user").order_by("history_date"))
    entries, previous = [], None
    for record in records:
        if previous is None:
            changes = ["Created"]
        else:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            changes = [_describe(c.field, c.old, c.new, user) for c in delta.changes]
        if changes:
            who = signature(record.history_user, action, user)
            entries.append(Change(record.history_date, who, changes))
        previous = record
    return entries[::-1]


def _describe(name: str, old: Any, new: Any, user: Any) -> str:
    field = Action._meta.get_field(name)
    label = str(getattr(field, "verbose_name", name)).capitalize()
    return f"{label}: {_show(field, old, user)} → {_show(field, new, user)}"


def _show(field: Any, value: Any, user: Any) -> str:
    if value in (None, ""):
        return "(none)"
    if field.name == "status":
        return str(Action.Status(value).label)
    if isinstance(field, models.ForeignKey):
        return _related(field, value, user)
    return str(value)


def _related(field: models.ForeignKey[Any, Any], pk: Any, user: Any) -> str:
    """A meeting or item is named only when the user may see it."""
    label = field.related_model._meta.label_lower  # type: ignore[union-attr]
    choices: Any = {
        "meetings.meeting": visible_meetings(user),
        "meetings.item": visible_items(user),
    }
    queryset = choices.get(label, field.related_model._default_manager.all())  # type: ignore[union-attr]
    found = queryset.filter(pk=pk).first()
    return str(found) if found is not None else "(not shown)"

"""The action log's filters, one form and one query for the web log, its exports and the
API. Everything starts from :func:`visible_actions`, so a filter or a sort can never widen
what a visitor may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy
from django.http import QueryDict

from watching_brief.tracker.access import (
    action_filter,
    is_officer,
    visible_actions,
    visible_meetings,
)
from watching_brief.tracker.actions.log import action_queryset
from watching_brief.tracker.actions.models import Action, split_body
from watching_brief.tracker.caching.derived import remembered
from watching_brief.tracker.dates import GovukDateField
from watching_brief.tracker.meetings.models import Item, Meeting

SORTS: dict[str, list[str]] = {
    "date": ["meeting__date", "position"],
    "due": ["due", "meeting__date", "position"],
    "owner": ["owner_post__abbrev", "owner_text", "meeting__date", "position"],
    "status": ["status", "meeting__date", "position"],
}


class ActionFilterForm(forms.Form):
    """The action log's filters (a GET form; every field optional)."""

    status = forms.ChoiceField(label="Status", required=False)
    owner = forms.ChoiceField(label="Owner post", required=False)
    series = forms.ChoiceField(label="Meeting series", required=False)
    topic = forms.CharField(label="Topic or words in the action", required=False, max_length=200)
    due_from = GovukDateField(label="Due on or after", required=False)
    due_to = GovukDateField(label="Due on or before", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(
        self, data: Any, owners: list[tuple[str, str]], series: list[tuple[str, str]]
    ) -> None:
        super().__init__(data)
        statuses = [("", "Any status"), ("open_any", "Open or in progress")]
        self.fields["status"].choices = statuses + list(Action.Status.choices)  # type: ignore[attr-defined]
        self.fields["owner"].choices = [("", "Any owner"), *owners]  # type: ignore[attr-defined]
        self.fields["series"].choices = [("", "Any series"), *series]  # type: ignore[attr-defined]


def filter_form(user: Any, params: QueryDict, *, choices: bool = True) -> ActionFilterForm:
    """The filter form bound to the query string, with choices from what the user sees.

    Owners and series are chosen per body ("<body slug>/DCC", "<body slug>/<series>"), so
    two bodies' posts or series of one name are never merged. An old link's bare value
    ("owner=DCC") still works: as that body's when one body has it, else labelled as
    "all bodies". Without ``choices`` (the API, which shows no form) only the owner and
    series asked for are looked up, so the same values are valid or not without listing
    every owner and series of the archive on each request."""
    seen = visible_actions(user)
    meetings = visible_meetings(user)
    # a NUL can name no post or series, and PostgreSQL refuses it in a text comparison
    owner = str(params.get("owner", "")).replace("\x00", "")
    series = str(params.get("series", "")).replace("\x00", "")
    if choices:  # the same for everyone who sees the same: kept until anything changes
        owners = list(remembered("log-owners", user, lambda: _owner_choices(seen)))
        series_choices = list(remembered("log-series", user, lambda: _series_choices(meetings)))
    else:
        mine = seen.filter(pk__in=Action.objects.owned_by(owner).values("pk"))
        owners = _owner_choices(mine) if owner else []
        series_choices = _series_choices(meetings.filter(_series_q(series))) if series else []
    params = params.copy()
    params["owner"] = _qualify(owner, owners, "owner")
    params["series"] = _qualify(series, series_choices, "series")
    return ActionFilterForm(params, owners, series_choices)


def _owner_choices(actions: QuerySet[Action]) -> list[tuple[str, str]]:
    rows = (
        actions.exclude(owner_post=None)
        .exclude(owner_post__abbrev="")
        .values_list(
            "meeting__series__body__slug", "meeting__series__body__name", "owner_post__abbrev"
        )
        .order_by()
        .distinct()
    )
    return sorted({(f"{slug}/{abbrev}", f"{abbrev} ({body})") for slug, body, abbrev in rows})


def _series_choices(meetings: QuerySet[Meeting]) -> list[tuple[str, str]]:
    rows = (
        meetings.values_list("series__body__slug", "series__body__name", "series__slug")
        .order_by()
        .distinct()
    )
    names = dict(meetings.values_list("series__slug", "series__name").order_by().distinct())
    return sorted(
        {(f"{slug}/{series}", f"{names[series]} ({body})") for slug, body, series in rows},
        key=lambda choice: choice[1],
    )


def _series_q(value: str) -> Q:
    body, series = split_body(value)
    found = Q(series__slug=series) | Q(series__name__iexact=series)
    return found & Q(series__body__slug=body) if body else found


def _qualify(value: str, choices: list[tuple[str, str]], kind: str) -> str:
    """A bare owner or series from an old link as its body's choice when only one body has
    it; else a choice of its own, "all bodies", added to ``choices``."""
    if not value or "/" in value:
        return value
    name = value.casefold()
    matches = [
        choice for choice in choices
        if choice[0].split("/", 1)[1].casefold() == name
        or (kind == "series" and choice[1].rsplit(" (", 1)[0].casefold() == name)
    ]  # fmt: skip
    if len(matches) == 1:
        return matches[0][0]
    if matches:
        choices.append((value, f"{value} (all bodies)"))
    return value


def filtered_actions(
    user: Any, params: QueryDict, today: dt.date, *, choices: bool = True
) -> tuple[ActionFilterForm, QuerySet[Action]]:
    """The visible actions the query string asks for, sorted as it asks."""
    form = filter_form(user, params, choices=choices)
    values = form.cleaned_data if form.is_valid() else {}
    actions = action_queryset(
        overdue=bool(values.get("overdue")),
        owner=values.get("owner") or None,
        series=values.get("series") or None,
        today=today,
    )
    # The access module's filter on the rows themselves (its stored flags), not "pk IN
    # (every visible action)", which the database would list in full for each request.
    allowed = action_filter(user)
    if allowed is not None:
        actions = actions.filter(allowed)
    actions = _narrow(actions, values)
    return form, actions.order_by(*sort_order(params.get("sort", "")))


def _narrow(actions: QuerySet[Action], values: dict[str, Any]) -> QuerySet[Action]:
    status = values.get("status")
    if status == "open_any":
        actions = actions.filter(status__in=["open", "in_progress"])
    elif status:
        actions = actions.filter(status=status)
    if topic := (values.get("topic") or "").strip():
        actions = actions.filter(Q(text__icontains=topic) | Q(item__in=items_on_topic(topic)))
    if values.get("due_from"):
        actions = actions.filter(due__gte=values["due_from"])
    if values.get("due_to"):
        actions = actions.filter(due__lte=values["due_to"])
    return actions


def items_on_topic(topic: str) -> list[int]:
    """Items whose title or a topic holds ``topic``, and the items under them (two levels
    down: "2.3 Responding to calls for service" under the theme "2 Holding to account -
    Mental health")."""
    named = Q(title__icontains=topic) | Q(topics__name__icontains=topic)
    return with_sub_items(Item.objects.filter(named).values_list("pk", flat=True))


def with_sub_items(ids: Iterable[int], levels: int = 2) -> list[int]:
    """``ids`` and the ids of the items under them, ``levels`` down (one indexed lookup of
    the parent column per level, rather than a join per level on every item)."""
    found = set(ids)
    below = set(found)
    for _ in range(levels):
        if not below:
            break
        below = set(Item.objects.filter(parent_id__in=below).values_list("pk", flat=True))
        below -= found
        found |= below
    return sorted(found)


def sort_key(value: str) -> str:
    """The sort asked for, or the default (meeting date)."""
    return value if value.lstrip("-") in SORTS else "date"


def sort_order(value: str) -> list[OrderBy]:
    key = sort_key(value)
    descending = key.startswith("-")
    columns = SORTS[key.lstrip("-")]
    if descending:
        return [F(c).desc(nulls_last=True) for c in columns]
    return [F(c).asc(nulls_last=True) for c in columns]


def reader_meetings(user: Any) -> QuerySet[Meeting] | None:
    """The meetings a reader may see, or None for officers (who see them all)."""
    return None if is_officer(user) else visible_meetings(user)

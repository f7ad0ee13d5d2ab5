"""Random restrictions over a meeting (items, sub-items, actions, and the action a matter
arising repeats), checked on every surface against the access module's answer.

Every item and action carries a token of its own in its text (an action's sentence is
also in its item's text, as the notes give it). For each drawn set of restrictions the
access module says which items and actions the public may see; the tokens of the rest
must appear on no surface, and those it shows must appear where they belong.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES
from tests.tracker.readable import readable
from watching_brief.tracker.access import visible_actions, visible_items
from watching_brief.tracker.access.meeting import meeting_view
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.documents.notes import notes_minutes
from watching_brief.tracker.exports import write_bundle
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item, Meeting
from watching_brief.tracker.search.backends.base import get_backend
from watching_brief.tracker.search.index import reindex_meeting

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()
QUOTED = "MAM-20260127-4"  # an action of January, quoted as a matter arising in February


def token(obj: Item | Action) -> str:
    return f"Qxtok{type(obj).__name__.lower()}{obj.pk}"


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """The examples; February's meeting (items 2.1 to 2.3 under item 2) with tokens."""
    ingest_paths([EXAMPLES])
    meeting = Meeting.objects.get(date="2026-02-24")
    items = list(meeting.items.order_by("position"))
    for item in items:
        item.text = f"{item.text}\n{token(item)} said."
        item.save()
    actions = list(meeting.actions.select_related("item").order_by("position"))
    for action in actions:
        marked = f"{token(action)} {action.text}"
        if action.item is not None:  # the item's text quotes the action's sentence
            item = Item.objects.get(pk=action.item_id)
            quoted = action.text in item.text
            item.text = (
                item.text.replace(action.text, marked) if quoted else f"{item.text}\n{marked}"
            )
            item.save()
        action.text = marked
        action.save()
    quoted = Action.objects.get(reference=QUOTED)
    matter = meeting.carried_forward.get(action=quoted)
    quoted.text = f"{token(quoted)} {quoted.text}"
    quoted.save()
    holder = Item.objects.get(pk=matter.item_id)
    holder.text = holder.text.replace(matter.text, f"{token(quoted)} {matter.text}")
    holder.save()
    matter.text = f"{token(quoted)} {matter.text}"
    matter.save()
    return {"meeting": meeting, "items": items, "actions": actions, "quoted": quoted}


def independent_answer(meeting: Meeting, quoted: Action) -> tuple[set[str], set[str]]:
    """Hidden tokens by the rule itself (restricted, or under something restricted)."""
    items = {item.pk: item for item in meeting.items.all()}

    def hidden(item: Item | None) -> bool:
        while item is not None:
            if item.restricted:
                return True
            item = items.get(item.parent_id) if item.parent_id else None
        return False

    gone = {token(item) for item in items.values() if hidden(item)}
    gone |= {
        token(a) for a in meeting.actions.all() if a.restricted or hidden(items.get(a.item_id or 0))
    }
    if quoted.restricted or hidden(quoted.item):
        gone.add(token(quoted))
    shown = {token(i) for i in items.values()} | {token(a) for a in meeting.actions.all()}
    return gone, (shown | {token(quoted)}) - gone


def module_answer(meeting: Meeting, quoted: Action) -> tuple[set[str], set[str]]:
    """Hidden and shown tokens, as the access module says."""
    view = meeting_view(meeting, PUBLIC)
    shown = {token(one.item) for one in view.shown()}
    shown |= {token(a) for a in visible_actions(PUBLIC).filter(meeting=meeting)}
    every = {token(i) for i in meeting.items.all()} | {token(a) for a in meeting.actions.all()}
    if visible_actions(PUBLIC).filter(pk=quoted.pk).exists():
        shown.add(token(quoted))
    every.add(token(quoted))
    return every - shown, shown


def surfaces(client: Client, meeting: Meeting, folder: Path) -> dict[str, str]:
    pages = {
        "meeting page": client.get(f"/meetings/{meeting.pk}/").content,
        "api meeting": client.get(f"/api/meetings/{meeting.pk}").content,
        "api actions": client.get("/api/actions", {"limit": 200}).content,
        "action log csv": client.get("/actions/export/", {"format": "csv"}).content,
        "public notes": notes_minutes(meeting, full=False).model_dump_json().encode(),
    }
    write_bundle(folder)
    bulk = b"\n".join(readable(p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file())
    pages["bulk export"] = bulk
    return {name: body.decode("utf-8", "replace") for name, body in pages.items()}


def searched(tokens: set[str]) -> str:
    """Every hit's title and snippet for each token, as the public gets them."""
    backend = get_backend()
    return "\n".join(
        f"{hit.title} {hit.snippet}"
        for one in sorted(tokens)
        for hit in backend.search(one.lower(), user=PUBLIC).hits
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_surface_shows_what_the_access_module_allows(
    world: dict[str, Any], client: Client, data: st.DataObject
) -> None:
    meeting, quoted = world["meeting"], world["quoted"]
    for obj in [*world["items"], *world["actions"], quoted]:
        obj.refresh_from_db()
        obj.restricted = data.draw(st.booleans(), label=token(obj))
        obj.save()
    reindex_meeting(meeting)  # what the commit of these saves does
    hidden, shown = module_answer(meeting, quoted)
    assert (hidden, shown) == independent_answer(meeting, quoted)
    assert set(visible_items(PUBLIC).filter(meeting=meeting)) == {
        one.item for one in meeting_view(meeting, PUBLIC).shown()
    }
    with tempfile.TemporaryDirectory() as folder:
        found = surfaces(client, meeting, Path(folder))
    found["search"] = searched(hidden | shown)
    for name, body in found.items():
        leaked = sorted(one for one in hidden if one in body)
        assert not leaked, f"{name} shows {leaked}"
    for one in shown - {token(quoted)}:  # what may be seen shows on the meeting's record
        assert one in found["api meeting"] and one in found["meeting page"], one
    for action in visible_actions(PUBLIC).filter(meeting=meeting):
        for name in ("api actions", "action log csv", "bulk export", "public notes"):
            assert token(action) in found[name], (name, token(action))

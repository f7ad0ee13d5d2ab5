"""One view of a meeting for one viewer: the page, the API, the public notes, the version
history, search and the bulk data all build on it.

For anyone but an officer an item withheld (restricted, or under a restricted item)
keeps only its number and public summary, and nothing said under it shows; the actions
shown are those :func:`visible_actions` allows; a matter brought forward is shown only
when the action it repeats may be seen. The words of everything withheld (restricted
actions, matters repeating them) are taken out of the shown items' text: where the
words are found they are replaced by :data:`WITHHELD`; when a withheld action of the
item cannot be found in its text, the whole text is withheld (:data:`PART_WITHHELD`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from watching_brief.tracker.access.roles import is_officer, own_posts
from watching_brief.tracker.access.visibility import WITHHELD_ROWS, public_actions, withheld
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import (
    CarriedForward,
    Decision,
    Item,
    Meeting,
    Question,
)

WITHHELD = "[a restricted action is not shown]"
PART_WITHHELD = "Part of this item is restricted, so its text is not shown."
SHORTEST_SECRET = 4


def normalise(text: str) -> str:
    """Whitespace collapsed, case folded: how texts are compared."""
    return " ".join(text.split()).casefold()


@dataclass(slots=True)
class ItemView:
    """One item as the viewer may see it."""

    item: Item
    hidden: bool = False  # withheld: only the number and public summary
    restricted: bool = False  # restricted (on its own or by a parent): officers see a tag
    text: str = ""  # the text the viewer may read ("" when hidden)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    matters: list[CarriedForward] = field(default_factory=list)

    @property
    def scrubbed(self) -> bool:
        return self.text != self.item.text


@dataclass(slots=True)
class MeetingView:
    """The meeting's items in order and what sits under no item, for one viewer."""

    meeting: Meeting
    officer: bool
    items: list[ItemView] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)  # under no item
    decisions: list[Decision] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    matters: list[CarriedForward] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)  # withheld words, for other texts

    def shown(self) -> list[ItemView]:
        return [one for one in self.items if not one.hidden]

    def all_actions(self) -> list[Action]:
        """Every action shown, in the meeting's order."""
        found = [a for one in self.shown() for a in one.actions] + self.actions
        return sorted(found, key=lambda a: (a.position, a.pk))

    def every(self, kind: str) -> list[Any]:
        """The shown ``decisions``, ``questions`` or ``matters``, in the meeting's order."""
        found = [part for one in self.shown() for part in getattr(one, kind)]
        found += getattr(self, kind)
        return sorted(found, key=lambda part: (part.position, part.pk))

    def hidden_numbers(self) -> set[str]:
        return {one.item.number for one in self.items if one.hidden and one.item.number}


def meeting_view(meeting: Meeting, user: Any) -> MeetingView:
    """What ``user`` may see of ``meeting`` (everything, for an officer), once they may see
    the meeting at all (:func:`visible_meetings`): the public view of a meeting about to
    be published is what its published version will show."""
    officer = is_officer(user)
    view = MeetingView(meeting, officer)
    items = list(meeting.items.select_related("parent").order_by("position", "pk"))
    actions = list(meeting.actions.select_related("owner_post").order_by("position", "pk"))
    if officer:
        seen = {a.pk for a in actions}
    else:  # the meeting itself the viewer may see (or it is being published)
        posts = set(own_posts(user))
        seen = {a.pk for a in actions if not withheld(a) or a.owner_post_id in posts}
    matters = list(meeting.carried_forward.select_related("action").order_by("position", "pk"))
    if officer:
        matter_ok = {m.pk for m in matters}
    else:
        public = CarriedForward.objects.filter(meeting=meeting, action__isnull=False)
        hidden_matter = set(public.exclude(public_actions("action__")).values_list("pk", flat=True))
        matter_ok = {m.pk for m in matters if m.pk not in hidden_matter}
    blocks: dict[int | None, ItemView] = {}
    for item in items:
        hidden = not officer and withheld(item)
        view.items.append(ItemView(item, hidden, withheld(item)))
        blocks[item.pk] = view.items[-1]
    withheld_actions = [a for a in actions if a.pk not in seen]
    withheld_matters = [m for m in matters if m.pk not in matter_ok]
    view.secrets = [a.text for a in withheld_actions]
    view.secrets += [t for m in withheld_matters for t in (m.text, m.update)]
    view.secrets = [s for s in view.secrets if len(s.strip()) >= SHORTEST_SECRET]
    for one in view.items:
        if one.hidden:
            continue
        own = [a for a in withheld_actions if a.item_id == one.item.pk]
        one.text = one.item.text if officer else scrub(one.item.text, view.secrets, own)
    for action in actions:
        if action.pk in seen:
            _place(view, blocks, action.item_id, "actions", action)
    for decision in meeting.decisions.order_by("position", "pk"):
        _place(view, blocks, decision.item_id, "decisions", decision)
    for question in meeting.questions.order_by("position", "pk"):
        _place(view, blocks, question.item_id, "questions", question)
    for matter in matters:
        if matter.pk in matter_ok:
            _place(view, blocks, matter.item_id, "matters", matter)
    return view


def public_item_texts(
    meeting: Meeting, items: list[Item] | None = None, actions: list[Action] | None = None
) -> dict[int, str]:
    """The text of each item the public may see (were the meeting published), with the
    words of withheld actions and of matters repeating them taken out: what public search
    indexes, so no snippet can quote them. ``items`` and ``actions``: the meeting's, when
    the caller has read them already (all of them, with their flags)."""
    if items is None:
        items = list(meeting.items.exclude(WITHHELD_ROWS))
    else:
        items = [item for item in items if not _withheld(item)]
    if actions is None:
        hidden = list(meeting.actions.filter(WITHHELD_ROWS))
    else:
        hidden = [action for action in actions if _withheld(action)]
    matters = meeting.carried_forward.filter(action__isnull=False).exclude(
        public_actions("action__")
    )
    secrets = [a.text for a in hidden]
    secrets += [t for m in matters for t in (m.text, m.update)]
    secrets = [s for s in secrets if len(s.strip()) >= SHORTEST_SECRET]
    return {
        item.pk: scrub(item.text, secrets, [a for a in hidden if a.item_id == item.pk])
        for item in items
    }


def _withheld(row: Item | Action) -> bool:
    """In Python, what ``WITHHELD_ROWS`` selects."""
    return bool(row.restricted or row.effective_restricted)


def _place(
    view: MeetingView, blocks: dict[int | None, ItemView], item_id: int | None, kind: str, part: Any
) -> None:
    """Under its item when that is shown; under no item when it has none; else nowhere."""
    if item_id is None:
        getattr(view, kind).append(part)
        return
    block = blocks.get(item_id)
    if block is not None and not block.hidden:
        getattr(block, kind).append(part)


def scrub(text: str, secrets: list[str], own: list[Action] | None = None) -> str:
    """``text`` with every withheld passage replaced; the whole text withheld when one of
    ``own`` (withheld actions set under this item) cannot be found in it."""
    whole = normalise(text)
    for action in own or []:
        if action.text.strip() and normalise(action.text) not in whole:
            return PART_WITHHELD
    for secret in sorted(secrets, key=len, reverse=True):
        if secret and secret in text:
            text = text.replace(secret, WITHHELD)
    folded = [normalise(s) for s in secrets if s.strip()]
    if folded:  # the same words with other spacing or case: the paragraph goes
        lines = text.split("\n")
        text = "\n".join(
            WITHHELD if any(s in normalise(line) for s in folded) else line for line in lines
        )
    return text


def redact_lines(text: str, secrets: set[str], replacement: str) -> str:
    """``text`` with every line holding one of ``secrets`` replaced (version history)."""
    if not secrets:
        return text
    folded = {normalise(s) for s in secrets}
    lines = text.splitlines()
    kept = [replacement if any(s in normalise(line) for s in folded) else line for line in lines]
    return "\n".join(kept) + ("\n" if text.endswith("\n") else "")

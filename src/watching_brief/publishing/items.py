"""Rows of the items table: item bodies split around their action paragraphs.

Each item gives one row (number, bold title, the body paragraphs). Each action
paragraph gets a row of its own with the action's owner beside it; body paragraphs
that follow an action start a new row with an empty number. An action paragraph is
matched to its :class:`~watching_brief.extraction.record.Action` by text: the paragraph
contains the action's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watching_brief.extraction.record import Action, Item, Minutes
from watching_brief.publishing.document import RESTRICTED_LABEL

ACTION_LABEL = re.compile(r"^\s*action(?:\s+arising\b[^:]*:?|\s*[:–-])\s*", re.IGNORECASE)
STATEMENT_LABEL = re.compile(r"^(?:Decision|Question(?: \([^)]{1,40}\))?|Answer):\s")
LONGEST_BARE_LABEL = 80


@dataclass(frozen=True)
class Para:
    """One paragraph of a cell; ``label`` is a leading "Action:" label shown in bold."""

    text: str
    bold: bool = False
    label: str = ""

    @property
    def rest(self) -> str:
        """The text after the label."""
        return self.text[len(self.label) :]


@dataclass
class ItemRow:
    """One row of the items table."""

    number: str = ""
    paragraphs: list[Para] = field(default_factory=list)
    owner: str = ""
    is_action: bool = False
    restricted: bool = False  # labelled as restricted (an officer's copy only)

    @property
    def text(self) -> str:
        """The cell's paragraphs joined with newlines."""
        return "\n".join(p.text for p in self.paragraphs)


def is_action_paragraph(text: str) -> bool:
    """Whether a paragraph starts with an action label ("Action:", "Action arising")."""
    return ACTION_LABEL.match(text) is not None


def action_label(text: str) -> str:
    """The leading action label of a paragraph ("Action: "), or "" when it has none."""
    match = ACTION_LABEL.match(text)
    return text[: match.end()] if match else ""


def is_bare_label(text: str) -> bool:
    """A label with nothing after it, its action sentence in the next paragraph."""
    label = action_label(text)
    return bool(label) and label == text and len(text) <= LONGEST_BARE_LABEL


def item_rows(
    minutes: Minutes,
    restricted_items: frozenset[int] = frozenset(),
    restricted_actions: frozenset[str] = frozenset(),
) -> list[ItemRow]:
    """The rows of the items table for every item, in order; the title rows of the items
    at ``restricted_items`` (positions) and the rows of actions whose text is one of
    ``restricted_actions`` are marked restricted."""
    unused = list(minutes.actions)
    secret = {normalise(text) for text in restricted_actions}
    rows: list[ItemRow] = []
    for position, item in enumerate(minutes.items):
        found = rows_of_item(item, unused, secret)
        if position in restricted_items:
            found[0].restricted = True
        rows.extend(labelled(row) for row in found)
    return rows


def labelled(row: ItemRow) -> ItemRow:
    """A restricted row with its label: after an item's title, before an action."""
    if row.restricted:
        row.paragraphs.insert(0 if row.is_action else 1, Para(RESTRICTED_LABEL, bold=True))
    return row


def rows_of_item(item: Item, unused: list[Action], secret: set[str]) -> list[ItemRow]:
    """One item's rows; matched actions are removed from ``unused``; an action whose
    (normalised) text is in ``secret`` is marked restricted."""
    rows = [ItemRow(number=item.number or "", paragraphs=[Para(item.title, bold=True)])]
    for chunk in chunks(paragraphs_of(item.text)):
        if is_action_paragraph(chunk[0]):
            rows.append(action_row(chunk, item.number, unused, secret))
        elif rows[-1].is_action:
            rows.append(ItemRow(paragraphs=[statement(p) for p in chunk]))
        else:
            rows[-1].paragraphs.extend(statement(p) for p in chunk)
    return rows


def statement(text: str) -> Para:
    """A body paragraph, its "Decision:", "Question (PCC):" or "Answer:" label in bold."""
    match = STATEMENT_LABEL.match(text)
    return Para(text, label=text[: match.end()] if match else "")


def paragraphs_of(text: str | None) -> list[str]:
    """The non-empty paragraphs of an item's body."""
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def chunks(paragraphs: list[str]) -> list[list[str]]:
    """Runs of body paragraphs, and each action (a bare label keeps its next paragraph)."""
    result: list[list[str]] = []
    index = 0
    while index < len(paragraphs):
        para = paragraphs[index]
        if is_action_paragraph(para):
            size = 2 if bare_label_with_sentence(paragraphs, index) else 1
            result.append(paragraphs[index : index + size])
            index += size
            continue
        if not result or is_action_paragraph(result[-1][0]):
            result.append([])
        result[-1].append(para)
        index += 1
    return result


def bare_label_with_sentence(paragraphs: list[str], index: int) -> bool:
    """A bare label followed by a paragraph that is not itself an action."""
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return (
        is_bare_label(paragraphs[index])
        and following is not None
        and not is_action_paragraph(following)
    )


def action_row(
    chunk: list[str], item: str | None, unused: list[Action], secret: set[str]
) -> ItemRow:
    """The row of one action paragraph, with the owner of the action it matches."""
    action = match_action(" ".join(chunk), item, unused)
    owner = (action.owner or "") if action else ""
    paragraphs = [Para(p, label=action_label(p)) for p in chunk]
    restricted = action is not None and normalise(action.text) in secret
    return ItemRow(paragraphs=paragraphs, owner=owner, is_action=True, restricted=restricted)


def match_action(text: str, item: str | None, unused: list[Action]) -> Action | None:
    """The first unused action whose text the paragraph contains, same item first."""
    wanted = normalise(text)
    found = [a for a in unused if a.text.strip() and normalise(a.text) in wanted]
    found.sort(key=lambda a: a.item != item)
    if not found:
        return None
    unused.remove(found[0])
    return found[0]


def normalise(text: str) -> str:
    """Text compared for matching: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()

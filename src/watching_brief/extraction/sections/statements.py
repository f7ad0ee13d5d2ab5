"""Actions, decisions, matters carried forward and questions within each item."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from watching_brief.extraction.cleanup.columns import OwnerHint
from watching_brief.extraction.cleanup.layout import Layout
from watching_brief.extraction.fields.assurance import may_rate, parse_assurance
from watching_brief.extraction.fields.dates import parse_due
from watching_brief.extraction.fields.owners import find_owner_phrase, resolve_owner
from watching_brief.extraction.fields.questions import (
    Askers,
    asking_verbs,
    find_asker,
    split_sentences,
)
from watching_brief.extraction.passage import Passage, Piece, piece_of
from watching_brief.extraction.record import (
    Action,
    Attendee,
    CarriedForward,
    Decision,
    ExtractionWarning,
    Question,
    Span,
)
from watching_brief.extraction.sections.action_tags import ActionTag, find_action_tags
from watching_brief.extraction.sections.items import ItemBlock
from watching_brief.extraction.sections.motions import find_motions
from watching_brief.extraction.sections.paragraphs import Paragraph

HINT_REACH = 12


@dataclass(slots=True)
class Context:
    """What statement readers need to know about the meeting as a whole."""

    layout: Layout
    attendees: list[Attendee]
    hints: list[OwnerHint]
    meeting_date: dt.date | None
    next_meeting_date: dt.date | None
    askers: Askers
    chair_label: str | None
    used_hints: set[int] = field(default_factory=set)
    warnings: list[ExtractionWarning] = field(default_factory=list)


@dataclass(slots=True)
class Statements:
    """Everything read from the item bodies."""

    ratings: dict[str, tuple[str, list[Span]]] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    carried_forward: list[CarriedForward] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)


def extract_statements(
    context: Context, blocks: list[tuple[ItemBlock, list[Paragraph]]]
) -> Statements:
    """Read every item body (except the next-meeting one) for statements."""
    found = Statements()
    for block, block_paragraphs in blocks:
        item = block.number_text
        pending_label: Paragraph | None = None
        block_paragraphs = _join_lists(block_paragraphs)
        for paragraph in block_paragraphs:
            if found.carried_forward and _is_update(paragraph, found.carried_forward[-1], item):
                _attach_update(found.carried_forward[-1], paragraph)
                found.questions.extend(extract_questions(context, item, paragraph.passage))
                continue
            if pending_label is not None and paragraph.kind == "prose":
                body = paragraph.passage
                if pending_label.kind == "decision":
                    body = body.sub(_that_start(body.text))
                _labelled(context, found, item, pending_label, body)
                pending_label = None
                continue
            pending_label = None
            body = paragraph.passage.sub(paragraph.label_end)
            if paragraph.kind in {"action", "carried", "decision"} and not body.text.strip(
                " :-–—.·"
            ):
                pending_label = paragraph
            elif paragraph.kind != "prose":
                _labelled(context, found, item, paragraph, body)
            elif not block.next_meeting:
                found.questions.extend(extract_questions(context, item, paragraph.passage))
                _rating(context, found, block, paragraph.passage)
                lowered = paragraph.passage.text.lower()
                tags = find_action_tags(paragraph.passage.text) if "action " in lowered else []
                for tag in tags:
                    found.actions.append(_tagged_action(context, item, paragraph.passage, tag))
                for start, end in find_motions(paragraph.passage):
                    motion = paragraph.passage.sub(start, end)
                    decision = Decision(item=item, text=motion.text)
                    decision.source["text"] = motion.spans()
                    found.decisions.append(decision)
    return found


LIST_INTRO = re.compile(r"(?:\bthat|:|:-)\s*$", re.I)
LIST_MARK = re.compile(r"^\s*(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|\(?\d{1,2}\)|[•●▪·-])\s*", re.I)
THAT_START = re.compile(r"^[\s·•●▪:–—\-.]*(?=that\b)", re.I)


def _that_start(text: str) -> int:
    """Where "That ..." starts after a bullet or dash (0 when the text does not so start)."""
    match = THAT_START.match(text)
    return match.end() if match else 0


def _join_lists(block_paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A decision or action ending "... that" or ":" takes the lettered list after it."""
    result: list[Paragraph] = []
    for paragraph in block_paragraphs:
        previous = result[-1] if result else None
        if (
            previous is not None
            and previous.kind in {"decision", "action"}
            and paragraph.kind == "prose"
            and LIST_MARK.match(paragraph.passage.pieces[0].line.text)
            and (LIST_INTRO.search(previous.passage.text) or previous.source == "list")
            and previous.passage.sub(previous.label_end).text
        ):
            previous.passage = Passage.of([*previous.passage.pieces, *_list_pieces(paragraph)])
            previous.source = "list"
            continue
        result.append(paragraph)
    return result


def _list_pieces(paragraph: Paragraph) -> list[Piece]:
    first = paragraph.passage.pieces[0]
    return [piece_of(first.line), *paragraph.passage.pieces[1:]]


SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z(])")


def _split_owners(body: Passage) -> list[Passage]:
    """ "NA to pick up X. NM to pick up Y." is two actions: one per sentence that names its
    own owner ("XX to ..."); a sentence without one stays with its neighbour."""
    starts = [0]
    for match in SENTENCE_END.finditer(body.text):
        start = match.end()
        while start < len(body.text) and body.text[start] == " ":
            start += 1
        phrase = find_owner_phrase(body.text[start:], strict=True)
        if phrase is not None and phrase.start == 0:
            starts.append(start)
    if len(starts) < 2 or find_owner_phrase(body.text, strict=True) is None:
        return [body]
    bounds = [*starts, len(body.text)]
    return [
        body.sub(begin, end).strip_end(" ") for begin, end in zip(bounds, bounds[1:], strict=False)
    ]


def _drop_cut_tail(context: Context, body: Passage) -> Passage | None:
    """At the very end of a text that stops mid-sentence (an excerpt, a cut page), drop
    the unfinished last sentence, and the whole statement when nothing else is left."""
    last = body.lines[-1] if body.lines else None
    if last is None or context.layout.next_usable(last.index) is not None:
        return body
    if body.text.rstrip().endswith((".", "!", "?", ")", '"', "”", ";")):
        return body
    ends = list(SENTENCE_END.finditer(body.text))
    context.warnings.append(
        ExtractionWarning(
            code="truncated",
            message=f"text ends mid-sentence: '{body.text[-60:]}' was left out",
            spans=body.spans(ends[-1].end() if ends else 0),
        )
    )
    return body.sub(0, ends[-1].end()) if ends else None


def _labelled(
    context: Context, found: Statements, item: str | None, paragraph: Paragraph, body: Passage
) -> None:
    if paragraph.kind == "action":
        kept = _drop_cut_tail(context, body)
        for part in _split_owners(kept) if kept is not None else []:
            found.actions.append(extract_action(context, item, part))
    elif paragraph.kind == "carried":
        carried = CarriedForward(item=item, text=body.text, **{"from": paragraph.source})
        carried.source["text"] = body.spans()
        found.carried_forward.append(carried)
    elif paragraph.kind == "decision":
        kept = _drop_cut_tail(context, body)
        if kept is None:
            return
        decision = Decision(item=item, text=kept.text)
        decision.source["text"] = kept.spans()
        found.decisions.append(decision)


UPDATE_LABEL = re.compile(r"^\s*(?:update|status|progress|response)\s*[:\-–—]\s*", re.I)
DONE = re.compile(r"\b(?:complete[d]?|done|closed|discharged|achieved|delivered)\b", re.I)
DROPPED = re.compile(r"\b(?:dropped|withdrawn|no\s+longer\s+(?:required|needed))\b", re.I)
OPEN = re.compile(
    r"\b(?:open|ongoing|in\s+progress|not\s+yet\s+(?:due|complete)|outstanding|"
    r"carried\s+forward|remains?)\b",
    re.I,
)


def _is_update(paragraph: Paragraph, carried: CarriedForward, item: str | None) -> bool:
    return (
        paragraph.kind == "prose"
        and carried.item == item
        and carried.update is None
        and UPDATE_LABEL.match(paragraph.passage.text) is not None
    )


def _attach_update(carried: CarriedForward, paragraph: Paragraph) -> None:
    """ "Update: Complete – circulated on 6 February." after a matter carried forward."""
    label = UPDATE_LABEL.match(paragraph.passage.text)
    body = paragraph.passage.sub(label.end() if label else 0)
    carried.update = body.text
    carried.source["update"] = body.spans()
    head = body.text[:60]
    for status, pattern in (("dropped", DROPPED), ("open", OPEN), ("done", DONE)):
        match = pattern.search(head)
        if match and not re.search(r"\bnot\s+(?:yet\s+)?$", head[: match.start()]):
            carried.status = status  # type: ignore[assignment]
            return


def extract_action(context: Context, item: str | None, body: Passage) -> Action:
    """An action with its owner (from the sentence or the owner column) and due date."""
    action = Action(item=item, text=body.text)
    action.source["text"] = body.spans()
    phrase = find_owner_phrase(body.text, known=tuple(a.name for a in context.attendees))
    hint = _nearest_hint(context, body)
    written = phrase.text if phrase else None
    if written is None and hint is not None:
        written = " / ".join(hint.codes)
        action.source["owner_text"] = [hint.line.span()]
    elif phrase is not None:
        action.source["owner_text"] = body.spans(phrase.start, phrase.end)
    if written:
        named: list[str | None] = []
        owners, matched = resolve_owner(written, context.attendees, named)
        action.owner_text = written
        action.owners = owners
        action.owner_attendees = named
        unmatched = len(matched) < len(owners)
        action.owner = written.strip() if unmatched and len(owners) > 1 else " / ".join(owners)
        hinted = _known_hint(hint, context.attendees) if unmatched and len(owners) == 1 else None
        if hinted is not None:
            action.owners = [hinted]
            action.owner = hinted
            named = []
            resolve_owner(hinted, context.attendees, named)
            action.owner_attendees = named
        elif unmatched and context.attendees:
            context.warnings.append(
                ExtractionWarning(
                    code="owner",
                    message=f"owner: '{written}' names no attendee (action under item "
                    f"{item or 'unnumbered'})",
                    spans=action.source.get("owner_text", []),
                )
            )
    due = parse_due(body.text, context.meeting_date, context.next_meeting_date)
    if due is not None:
        action.due = due.due
        action.due_text = due.phrase
        action.source["due_text"] = body.spans(due.start, due.end)
        if due.due is None:
            context.warnings.append(
                ExtractionWarning(
                    code="due",
                    message=f"due: '{due.phrase}' could not be resolved to a date",
                    spans=action.source["due_text"],
                )
            )
    return action


def _tagged_action(context: Context, item: str | None, passage: Passage, tag: ActionTag) -> Action:
    """An action marked by a trailing ", action NAME" tag: the owner is the tagged name."""
    body = passage.sub(tag.start, tag.end).strip_end(" ,;")
    action = Action(item=item, text=body.text)
    action.source["text"] = body.spans()
    written = passage.text[tag.owner_start : tag.owner_end]
    owners, _ = resolve_owner(written, context.attendees)
    action.owner_text = written
    action.owners = owners
    action.owner = " / ".join(owners)
    action.source["owner_text"] = passage.spans(tag.owner_start, tag.owner_end)
    return action


def _known_hint(hint: OwnerHint | None, attendees: list[Attendee]) -> str | None:
    """The owner column's code, when it is one code that names an attendee."""
    if hint is None or len(hint.codes) != 1:
        return None
    owners, matched = resolve_owner(hint.codes[0], attendees)
    return owners[0] if matched and len(owners) == 1 else None


def _nearest_hint(context: Context, body: Passage) -> OwnerHint | None:
    """The owner-column codes nearest after the action's first line, not yet used."""
    lines = body.lines
    if not lines:
        return None
    first, last = lines[0], lines[-1]
    same_row = [
        hint
        for hint in context.hints
        if first.cell is not None
        and hint.line.cell is not None
        and hint.line.cell.table == first.cell.table
        and hint.line.cell.row == first.cell.row
    ]
    candidates = same_row or [
        hint for hint in context.hints if first.index <= hint.line.index <= last.index + HINT_REACH
    ]
    for hint in candidates:
        if hint.line.index not in context.used_hints:
            context.used_hints.add(hint.line.index)
            return hint
    return None


def _rating(context: Context, found: Statements, block: ItemBlock, passage: Passage) -> None:
    """The item's assurance rating: the last one its discussion gives (its conclusion)."""
    if not may_rate(passage.text):
        return
    for start, end in split_sentences(passage.text):
        sentence = passage.text[start:end]
        rating = parse_assurance(sentence)
        if rating is None:
            continue
        if not rating.labelled and context.askers.last_before(sentence[: rating.start]) is None:
            continue
        spans = passage.spans(start + rating.start, start + rating.end)
        found.ratings[str(id(block))] = (rating.value, spans)


def extract_questions(context: Context, item: str | None, passage: Passage) -> list[Question]:
    """Each sentence of a discussion paragraph in which the holding body asks something."""
    questions: list[Question] = []
    # find_asker needs an asking verb in the sentence: the paragraph is searched for them
    # once, and only sentences holding one are read (a verb never spans two sentences).
    verbs = asking_verbs(passage.text)
    if not verbs:
        return questions
    for start, end in split_sentences(passage.text):
        first = bisect_left(verbs, start)
        if first == len(verbs) or verbs[first] >= end:
            continue
        sentence = passage.text[start:end]
        asker = find_asker(sentence, context.askers, context.chair_label)
        if asker is None:
            continue
        question = Question(item=item, asker=asker, text=re.sub(r"\s+", " ", sentence))
        question.source["text"] = passage.spans(start, end)
        questions.append(question)
    return questions

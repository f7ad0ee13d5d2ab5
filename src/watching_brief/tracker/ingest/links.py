"""Links across meetings: carried-forward matters to earlier actions, closures, revisits."""

from __future__ import annotations

import difflib
import re

from watching_brief.extraction.fields.dates import MONTHS
from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, ActionUpdate, Revisit
from watching_brief.tracker.meetings.models import CarriedForward, Meeting

DEFAULT_LINK_SCORE = 0.72
REVISIT = re.compile(r"\brevisit(?:ed|ing)?\b|\bcome\s+back\s+to\b|\breturn\s+to\b", re.I)
LABEL = re.compile(r"^\s*(?:action(?:\s+arising)?[^:]*:)\s*", re.I)


def _folded(text: str) -> str:
    text = LABEL.sub("", text)
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _month_year(text: str) -> tuple[int, int] | None:
    match = re.search(r"([A-Za-z]+)\s+(\d{4})", text)
    if not match:
        return None
    month = MONTHS.get(match.group(1).lower()[:3])
    return (int(match.group(2)), month) if month else None


def link_carried_forward(meeting: Meeting, threshold: float = DEFAULT_LINK_SCORE) -> list[str]:
    """Link each matter carried forward to the earlier action it repeats.

    Candidates are the actions of earlier meetings of the same series; a matter that names
    its meeting ("from the January 2026 meeting") prefers that meeting's actions. A matter
    minuted as done closes the action at this meeting. Returns the unmatched matters.
    """
    matters = list(meeting.carried_forward.all())
    if not matters:
        return []
    earlier = list(
        Action.objects.filter(meeting__series=meeting.series, meeting__date__lt=meeting.date)
        .only("text", "status", "meeting__date")
        .select_related("meeting")
        .order_by("-meeting__date")
    )
    unmatched: list[str] = []
    for matter in matters:
        action, score = _best_match(matter, earlier)
        if action is None or score < threshold:
            unmatched.append(matter.text)
            continue
        if (matter.action_id, matter.match_score) != (action.pk, round(score, 3)):
            matter.action, matter.match_score = action, round(score, 3)
            matter.save(update_fields=["action", "match_score"])
        _apply_update(matter, action, meeting)
    return unmatched


def _best_match(matter: CarriedForward, actions: list[Action]) -> tuple[Action | None, float]:
    wanted = _month_year(matter.from_text)
    text = _folded(matter.text)
    best: tuple[Action | None, float] = (None, 0.0)
    for action in actions:
        matcher = difflib.SequenceMatcher(None, text, _folded(action.text), autojunk=False)
        if matcher.real_quick_ratio() < best[1] or matcher.quick_ratio() < best[1]:
            continue
        score = matcher.ratio()
        if wanted and (action.meeting.date.year, action.meeting.date.month) == wanted:
            score += 0.05
        if score > best[1]:
            best = (action, score)
    return best


def _apply_update(matter: CarriedForward, action: Action, meeting: Meeting) -> None:
    """The update minuted at a later meeting: record it, and close a done action."""
    if not matter.update:
        return
    status = {"done": Action.Status.CLOSED, "dropped": Action.Status.DROPPED}.get(matter.status)
    if not ActionUpdate.objects.filter(action=action, meeting=meeting).exists():
        ActionUpdate.objects.create(
            action=action,
            date=meeting.date,
            author_name=f"Minuted at {meeting}",
            text=matter.update,
            status=status or (Action.Status.IN_PROGRESS if matter.status == "open" else ""),
            meeting=meeting,
        )
    if status and action.status in OPEN_STATUSES:
        action.status = status
        action.closed_at_meeting = meeting
        action.save(update_fields=["status", "closed_at_meeting"])
    elif matter.status == "open" and action.status == Action.Status.OPEN:
        action.status = Action.Status.IN_PROGRESS
        action.save(update_fields=["status"])


def book_revisits(meeting: Meeting) -> list[Revisit]:
    """ "PCC to revisit ... in 6 months' time" books a revisit due on that date."""
    booked = []
    for action in meeting.actions.filter(due__isnull=False).select_related("item"):
        if not REVISIT.search(action.text):
            continue
        subject = action.item.title if action.item else action.text
        revisit, _ = Revisit.objects.update_or_create(
            action=action,
            defaults={
                "series": meeting.series,
                "meeting": meeting,
                "subject": subject,
                "due": action.due,
            },
        )
        booked.append(revisit)
    return booked

"""Approving and publishing a meeting's notes, and the versions kept after publication.

A meeting goes draft → approved (by an officer) → published. Approval tells the owners
of the actions set at the meeting. Publication keeps version 1 of the notes as the public
sees them. After that the published notes change only when an officer republishes (the
edits wait as amendments, see :mod:`.minuting`) or the notes are imported again; each
makes one new version when the public text changed, so the history can show what
changed. Versions are built only from :func:`public_text` and :func:`public_record`,
never from anything restricted.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from watching_brief.tracker.access import is_officer
from watching_brief.tracker.access.meeting import (  # noqa: F401 - WITHHELD re-exported
    PART_WITHHELD,
    WITHHELD,
    meeting_view,
)
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import (
    CarriedForward,
    Decision,
    Item,
    Meeting,
    MeetingVersion,
    Question,
)


class TransitionError(ValueError):
    """A change of status that the meeting's current status does not allow."""


def _locked(meeting: Meeting, user: Any, wanted: str, action: str) -> Meeting:
    """The meeting row, locked, after checking the user and the current status."""
    if not is_officer(user):
        raise PermissionDenied(f"Only officers may {action} notes.")
    current = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if current.status != wanted:
        label = Meeting.Status(current.status).label.lower()
        needed = Meeting.Status(wanted).label.lower()
        raise TransitionError(f"The notes are {label}: only {needed} notes can be {_past(action)}.")
    return current


def _past(action: str) -> str:
    return {"approve": "approved", "publish": "published"}.get(action, "returned to draft")


def _copy(source: Meeting, target: Meeting) -> None:
    for name in ("status", "approved_by_id", "approved_at", "published_at"):
        setattr(target, name, getattr(source, name))


def approve(meeting: Meeting, user: Any) -> list[Any]:
    """Draft → approved; the owners of the meeting's actions are told once it commits.

    Returns the notices to be sent (one e-mail per recipient).
    """
    from watching_brief.tracker.notify.notices import approval_notices, send_after_commit

    with transaction.atomic():
        current = _locked(meeting, user, Meeting.Status.DRAFT, "approve")
        current.status = Meeting.Status.APPROVED
        current.approved_by = user
        current.approved_at = timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at"])
        notices = approval_notices(current)
        send_after_commit(notices)
    _copy(current, meeting)
    return notices


def return_to_draft(meeting: Meeting, user: Any) -> None:
    """Approved → draft (the approval is cleared)."""
    with transaction.atomic():
        current = _locked(meeting, user, Meeting.Status.APPROVED, "return to draft")
        current.status = Meeting.Status.DRAFT
        current.approved_by = None
        current.approved_at = None
        current.save(update_fields=["status", "approved_by", "approved_at"])
    _copy(current, meeting)


def publish(meeting: Meeting, user: Any, note: str = "") -> MeetingVersion:
    """Approved → published, keeping the first version of the public notes."""
    with transaction.atomic():
        current = _locked(meeting, user, Meeting.Status.APPROVED, "publish")
        current.status = Meeting.Status.PUBLISHED
        current.published_at = timezone.now()
        current.save(update_fields=["status", "published_at"])
        version = _new_version(current, user, note or "Published.")
    _copy(current, meeting)
    return version


CHANGED = "Changed after publication."
REPUBLISHED = "Republished with amendments."


def record_version(meeting: Meeting, user: Any, note: str = CHANGED) -> MeetingVersion | None:
    """A new version of a published meeting's notes, when what the public sees changed.

    Called when the published notes themselves change: on republication and when notes
    are imported again. A meeting not published keeps no versions; a change the public
    cannot see (or none) makes none. Versions are never amended once made.
    """
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status != Meeting.Status.PUBLISHED:
            return None
        latest = current.versions.order_by("-number").first()
        if latest is not None and latest.text == public_text(current):
            return None
        return _new_version(current, user, note)


def republish(meeting: Meeting, user: Any, note: str = "") -> MeetingVersion | None:
    """Apply the amendments drafted on a published meeting and record one new version.

    Until this is done the public sees the notes as last published. Returns the new
    version, or None when the amendments change nothing the public sees.
    """
    from watching_brief.tracker.meetings.minuting import apply_amendments

    if not is_officer(user):
        raise PermissionDenied("Only officers may republish notes.")
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status != Meeting.Status.PUBLISHED:
            raise TransitionError("Only published notes can be republished.")
        apply_amendments(current, user)
        return record_version(current, user, note or REPUBLISHED)


def _new_version(meeting: Meeting, user: Any, note: str) -> MeetingVersion:
    number = (meeting.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    return MeetingVersion.objects.create(
        meeting=meeting,
        number=number,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        note=note[:500],
        record=public_record(meeting),
        text=public_text(meeting),
    )


def public_record(meeting: Meeting) -> dict[str, Any]:
    """The interchange record of the meeting as the public sees it."""
    from watching_brief.tracker.exports.records import record_from_database

    return record_from_database(meeting, AnonymousUser())


# The readable text -------------------------------------------------------------------


def _date(value: Any) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def _due(action: Action) -> str:
    return _date(action.due) or action.due_text or "no date set"


def _owner(action: Action) -> str:
    if action.owner_post is not None:
        return str(action.owner_post)
    return action.owner_text or "no owner recorded"


def public_text(meeting: Meeting) -> str:
    """The notes as the public reads them, as plain text (what versions are made of),
    from the public view of the meeting (:func:`access.meeting.meeting_view`).

    A restricted item (or one under a restricted item) shows only its number,
    "Restricted item" and its public summary; restricted actions, everything under a
    withheld item, and matters repeating a hidden action are left out.
    """
    view = meeting_view(meeting, AnonymousUser())
    lines = _header(meeting)
    lines += ["", "Items"]
    for one in view.items:
        lines.append("")
        if one.hidden:
            lines.append(f"{one.item.number} Restricted item".strip())
            lines.append(one.item.public_summary or "This item is restricted.")
            continue
        lines += _item_lines(one.item, one.text)
        lines += _statements(one.matters, one.questions, one.decisions, one.actions)
    other = _statements(view.matters, view.questions, view.decisions, view.actions)
    if other:
        lines += ["", "Other business recorded under no item", *other]
    return "\n".join(lines).rstrip() + "\n"


def _header(meeting: Meeting) -> list[str]:
    times = " to ".join(f"{t:%H:%M}" for t in (meeting.start_time, meeting.end_time) if t)
    nxt = ", ".join(
        part for part in (_date(meeting.next_meeting_date), meeting.next_meeting_text) if part
    )
    lines = [
        meeting.title or str(meeting),
        f"{meeting.series.name} ({meeting.series.body.name})",
        f"Date: {meeting.date:%A} {_date(meeting.date)}",
    ]
    for label, value in (
        ("Time", times),
        ("Venue", meeting.venue),
        ("Chair", meeting.chair),
        ("Minutes taken by", meeting.minute_taker),
        ("Next meeting", nxt),
    ):
        if value:
            lines.append(f"{label}: {value}")
    attendance = list(meeting.attendance.select_related("person", "post"))
    if attendance:
        lines += ["", "Attendance"]
        for row in attendance:
            capacity = row.role or (row.post.title if row.post else "")
            if row.post and row.post.abbrev and row.post.abbrev not in capacity:
                capacity = f"{capacity} ({row.post.abbrev})".strip()
            parts = [row.person.name, capacity, row.get_status_display()]
            lines.append("- " + ", ".join(part for part in parts if part))
    return lines


def _item_lines(item: Item, text: str) -> list[str]:
    title = f"{item.number} {item.title}".strip()
    kind = f" [{item.get_kind_display()}]" if item.kind else ""
    lines = [f"{title}{kind}"]
    if item.assurance:
        lines.append(f"Rating: {item.get_assurance_display()}")
    lines += [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines


def _statements(
    matters: list[CarriedForward],
    questions: list[Question],
    decisions: list[Decision],
    actions: list[Action],
) -> list[str]:
    """Matters brought forward, questions with answers, decisions and actions of one item."""
    lines: list[str] = []
    for matter in matters:
        origin = f"From {matter.from_text}: " if matter.from_text else ""
        status = f" ({matter.status})" if matter.status else ""
        lines.append(f"- Brought forward: {origin}{matter.text}{status}")
        if matter.update:
            lines.append(f"  Update: {matter.update}")
    for question in questions:
        asker = f"{question.asker}: " if question.asker else ""
        lines.append(f"- Question: {asker}{question.text}")
        if question.answer:
            lines.append(f"  Answer: {question.answer}")
    for decision in decisions:
        lines.append(f"- Decision: {decision.text}")
    for action in actions:
        lines.append(
            f"- Action {action.reference}: {action.text} "
            f"(owner: {_owner(action)}; due: {_due(action)})"
        )
    return lines


# Earlier versions --------------------------------------------------------------------

REDACTED = "[withdrawn: this line has since been restricted]"


def restricted_strings(meeting: Meeting) -> set[str]:
    """What of the meeting is hidden from the public now: the titles and lines of withheld
    items, the statements under them, restricted actions, and matters brought forward
    that repeat an action now hidden (restricted since, at this or an earlier meeting)."""
    view = meeting_view(meeting, AnonymousUser())
    found: set[str] = set(view.secrets)
    for one in view.items:
        if one.hidden:
            found.add(one.item.title)
            found.update(line.strip() for line in one.item.text.splitlines())
    for action in meeting.actions.filter(effective_restricted=True):
        found.add(action.text)
    for question in meeting.questions.filter(item__effective_restricted=True):
        found.update((question.text, question.answer))
    for decision in meeting.decisions.filter(item__effective_restricted=True):
        found.add(decision.text)
    return {text.strip() for text in found if len(text.strip()) >= 4}


def redacted(text: str, secrets: set[str]) -> str:
    """``text`` with every line that holds something restricted now replaced.

    A version published before a part was restricted must not show it afterwards.
    """
    if not secrets:
        return text
    lines = text.splitlines()
    kept = [REDACTED if any(s in line for s in secrets) else line for line in lines]
    return "\n".join(kept) + ("\n" if text.endswith("\n") else "")

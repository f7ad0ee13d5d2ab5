"""The action log and the next meeting's agenda, as plain rows for any front end.

The CLI prints these rows; the web pages and the API use the same queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Max, Min, QuerySet

from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, Revisit
from watching_brief.tracker.meetings.models import Attendance, Meeting, Series
from watching_brief.tracker.people.models import Tenure


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One action as the log shows it, with the owner then and now."""

    reference: str
    meeting: str
    date: str
    item: str
    text: str
    owner: str
    holder_then: str
    holder_now: str
    due: str
    due_text: str
    status: str
    overdue: bool
    closed_at: str

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in ROW_FIELDS}


ROW_FIELDS = tuple(field.name for field in fields(ActionRow))


def action_queryset(
    *,
    open_only: bool = False,
    overdue: bool = False,
    owner: str | None = None,
    series: str | None = None,
    today: dt.date | None = None,
    public: bool = False,
) -> QuerySet[Action]:
    """Actions filtered as the log's options say, oldest meeting first."""
    today = today or dt.date.today()
    actions = Action.objects.select_related(
        "meeting",
        "meeting__series",
        "item",
        "owner_post",
        "owner_holder",
        "closed_at_meeting__series",
    ).only(*LOG_FIELDS)
    if public:
        from watching_brief.tracker.access import public_actions

        actions = actions.filter(public_actions())
    if open_only:
        actions = actions.still_open()
    if overdue:
        actions = actions.overdue(today)
    if owner:
        actions = actions.owned_by(owner)
    if series:
        actions = actions.in_series(series)
    return actions.order_by("meeting__date", "position")


LOG_FIELDS = (
    "reference", "text", "owner_text", "due", "due_text", "status", "position", "restricted",
    "revision",
    "effective_restricted",
    "meeting__date", "meeting__status", "meeting__series__name", "meeting__series__slug",
    "item__number", "item__restricted", "owner_post__abbrev", "owner_post__title",
    "owner_holder__name", "closed_at_meeting__date", "closed_at_meeting__series__name",
)  # fmt: skip


def current_holders(
    post_ids: set[int], meetings: QuerySet[Meeting] | None = None
) -> dict[int, str]:
    """The holder now of each post: the one whose time in the post began last (then ended
    last), in one query. From ``meetings`` only when given: the times are then those seen
    in their attendance, so a reader never learns of a holder seen only at a meeting they
    may not see. :func:`watching_brief.tracker.access.current_holders` gives it per viewer.
    """
    spans: list[tuple[int, str, Any, Any]]
    if meetings is None:
        spans = list(
            Tenure.objects.filter(post_id__in=post_ids).values_list(
                "post_id", "person__name", "start", "last_seen"
            )
        )
    else:
        rows = (
            Attendance.objects.filter(post_id__in=post_ids, meeting__in=meetings)
            .values("post_id", "person_id", "person__name")
            .annotate(first=Min("meeting__date"), last=Max("meeting__date"))
        )
        spans = [(r["post_id"], r["person__name"], r["first"], r["last"]) for r in rows]
    latest: dict[int, tuple[Any, Any, str]] = {}
    for post_id, name, start, last in spans:
        if post_id not in latest or (start, last) > latest[post_id][:2]:
            latest[post_id] = (start, last, name)
    return {post_id: name for post_id, (_, _, name) in latest.items()}


def action_rows(
    actions: QuerySet[Action],
    today: dt.date | None = None,
    meetings: QuerySet[Meeting] | None = None,
) -> list[ActionRow]:
    """Rows for the log, with the holder of each owner post then and now.

    ``meetings`` limits what the rows may reveal to those meetings (the reader's): the
    holder now, and the meeting that closed an action.
    """
    today = today or dt.date.today()
    fetched = list(actions)
    current = current_holders({a.owner_post_id for a in fetched if a.owner_post_id}, meetings)
    seen = None if meetings is None else set(meetings.values_list("pk", flat=True))
    rows = []
    for action in fetched:
        post = action.owner_post
        rows.append(
            ActionRow(
                reference=action.reference,
                meeting=str(action.meeting.series),
                date=action.meeting.date.isoformat(),
                item=action.item.number if action.item else "",
                text=action.text,
                owner=str(post) if post else action.owner_text,
                holder_then=action.owner_holder.name if action.owner_holder else "",
                holder_now=current.get(post.pk, "") if post else "",
                due=action.due.isoformat() if action.due else "",
                due_text=action.due_text,
                status=action.get_status_display(),
                overdue=action.is_overdue(today),
                closed_at=_closed_at(action, seen),
            )
        )
    return rows


PLAIN_FIELDS = (
    "reference", "meeting__series__name", "meeting__date", "item__number", "text",
    "owner_post_id", "owner_post__abbrev", "owner_post__title", "owner_text",
    "owner_holder__name", "due", "due_text", "status", "closed_at_meeting__date",
    "closed_at_meeting__series__name",
)  # fmt: skip


def plain_rows(actions: QuerySet[Action], today: dt.date | None = None) -> list[ActionRow]:
    """The rows of :func:`action_rows` (with no limit by meetings) from plain values, not
    model instances: for printing thousands at once (``brief actions``). A test checks
    that both give the same rows."""
    today = today or dt.date.today()
    values = list(actions.values_list(*PLAIN_FIELDS))
    current = current_holders({v[5] for v in values if v[5]})
    labels = dict(Action.Status.choices)
    rows = []
    for (
        reference, series, date, item, text, post_id, abbrev, title, owner_text, holder,
        due, due_text, status, closed_date, closed_series,
    ) in values:  # fmt: skip
        rows.append(
            ActionRow(
                reference=reference,
                meeting=series,
                date=date.isoformat(),
                item=item or "",
                text=text,
                owner=(abbrev or title) if post_id else owner_text,
                holder_then=holder or "",
                holder_now=current.get(post_id, "") if post_id else "",
                due=due.isoformat() if due else "",
                due_text=due_text,
                status=str(labels.get(status, status)),
                overdue=status in OPEN_STATUSES and due is not None and due < today,
                closed_at=f"{closed_series} {closed_date:%d %B %Y}" if closed_date else "",
            )
        )
    return rows


def _closed_at(action: Action, seen: set[int] | None) -> str:
    meeting = action.closed_at_meeting
    if meeting is None or (seen is not None and meeting.pk not in seen):
        return ""
    return str(meeting)


@dataclass(slots=True)
class Agenda:
    """Matters arising for a series' next meeting."""

    series: Series
    date: dt.date | None
    actions: list[ActionRow]
    revisits: list[Revisit]


def next_agenda(series: Series, today: dt.date | None = None) -> Agenda:
    """The next meeting's matters arising: open actions, and revisits due by its date."""
    today = today or dt.date.today()
    latest = series.meetings.order_by("-date").first()
    date = latest.next_meeting_date if latest else None
    actions = action_queryset(open_only=True, today=today).filter(meeting__series=series)
    revisits = Revisit.objects.filter(series=series, done=False).select_related("meeting")
    if date is not None:
        revisits = revisits.filter(due__lte=date)
    # Plain values, not model instances: a busy series has hundreds of open actions, and
    # open actions have no closing meeting for ``action_rows``'s ``meetings`` to hide.
    return Agenda(series, date, plain_rows(actions, today), list(revisits.order_by("due")))

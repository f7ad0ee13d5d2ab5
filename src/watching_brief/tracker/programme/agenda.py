"""What comes back to a meeting: matters arising and the revisits that fall due at it.

These are the single place the planner, the work programme, the meeting pack and
``brief agenda`` ask; pass ``actions`` (for example ``roles.visible_actions(user)``) to
read through a visitor's view.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from watching_brief.tracker.actions.models import OPEN_STATUSES, Action, Revisit
from watching_brief.tracker.meetings.models import Series


def matters_arising(
    series: Series, date: dt.date, actions: QuerySet[Action] | None = None
) -> list[Action]:
    """Every open or in-progress action set at an earlier meeting of the series.

    Overdue, due and not yet due alike; ordered by due date (undated last), then reference.
    """
    base = Action.objects.all() if actions is None else actions
    found = list(
        base.filter(meeting__series=series, meeting__date__lt=date, status__in=OPEN_STATUSES)
        .select_related("meeting", "item", "owner_post", "owner_holder")
        .order_by()
    )
    return sorted(found, key=_due_order)


def _due_order(action: Action) -> tuple[bool, dt.date, str]:
    return (action.due is None, action.due or dt.date.max, action.reference)


def previous_meeting_date(series: Series, date: dt.date) -> dt.date | None:
    """The date of the series' latest meeting before ``date`` (any status), or None."""
    latest = series.meetings.filter(date__lt=date).order_by("-date").first()
    return latest.date if latest else None


def falls_due(revisit: Revisit, date: dt.date, previous_date: dt.date | None) -> bool:
    """Due by ``date`` and not already due by the earlier meeting on ``previous_date``."""
    if revisit.done or revisit.due > date:
        return False
    return previous_date is None or revisit.due > previous_date


def revisits_due(
    series: Series, date: dt.date, previous_date: dt.date | None = None
) -> list[Revisit]:
    """Open revisits of the series falling due by the meeting on ``date``.

    A revisit due by ``previous_date`` (the earlier meeting) was shown there, so it is
    left out; with no earlier meeting every open revisit due by ``date`` is included.
    """
    revisits = Revisit.objects.filter(series=series, done=False, due__lte=date)
    if previous_date is not None:
        revisits = revisits.filter(due__gt=previous_date)
    return list(revisits.select_related("meeting", "action").order_by("due", "pk"))

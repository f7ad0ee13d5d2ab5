"""The action log as people download it from the log page (CSV or XLSX): the rows the
page shows, under readable headers, with the body whose meeting set each action, and the
meeting and due dates as real dates."""

from __future__ import annotations

from collections.abc import Sequence

from watching_brief.tracker.actions.log import ActionRow
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.exports.spreadsheets import Sheet
from watching_brief.tracker.meetings.models import Series

HEADERS = [
    "Reference", "Body", "Series", "Meeting date", "Item", "Action", "Owner",
    "Held by then", "Held by now", "Due date", "Due as written", "Status", "Overdue",
    "Closed at",
]  # fmt: skip
LONG_DATE = "d mmmm yyyy"  # 30 April 2026, as GOV.UK writes dates


def action_log_sheet(actions: Sequence[Action], rows: Sequence[ActionRow]) -> Sheet:
    """One row per action, in the log's order; ``rows`` are the log's rows of ``actions``
    (:func:`watching_brief.tracker.actions.log.action_rows`), so the holders and closing
    meetings are only those the reader may see."""
    series_ids = {action.meeting.series_id for action in actions}
    bodies = dict(Series.objects.filter(pk__in=series_ids).values_list("pk", "body__name"))
    sheet = Sheet("Actions", HEADERS, date_format=LONG_DATE)
    for action, row in zip(actions, rows, strict=True):
        sheet.rows.append(
            [row.reference, bodies.get(action.meeting.series_id, ""), row.meeting,
             action.meeting.date, row.item, row.text, row.owner, row.holder_then,
             row.holder_now, action.due, row.due_text, row.status,
             "Yes" if row.overdue else "No", row.closed_at]
        )  # fmt: skip
    return sheet

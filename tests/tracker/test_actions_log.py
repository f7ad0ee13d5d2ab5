"""The action log's filters and the next meeting's agenda."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.tracker.actions.log import action_queryset, action_rows, next_agenda
from watching_brief.tracker.meetings.models import Series

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 4, 1)


def texts(**filters: object) -> list[str]:
    return [row.text[:30] for row in action_rows(action_queryset(today=TODAY, **filters), TODAY)]  # type: ignore[arg-type]


def test_open_actions_leave_out_closed_ones(ingested: list) -> None:
    everything, still_open = texts(), texts(open_only=True)
    assert len(still_open) < len(everything)
    assert "DCC to provide the PCC with the" not in still_open


def test_overdue_actions_are_open_and_past_due(ingested: list) -> None:
    rows = action_rows(action_queryset(overdue=True, today=TODAY), TODAY)
    assert rows and all(row.overdue and row.due < TODAY.isoformat() for row in rows)


def test_owner_filter_and_holders_then_and_now(ingested: list) -> None:
    rows = action_rows(
        action_queryset(owner="DCC", series="monthly-assurance-meeting", today=TODAY)
    )
    northshire = [row for row in rows if row.date.startswith("2026")]
    assert {row.owner for row in rows} == {"DCC"}
    first = northshire[0]
    assert (first.holder_then, first.holder_now) == ("Laura Bennion", "Mark Ellery")


def test_agenda_lists_open_actions_and_revisits_due_by_the_next_meeting(ingested: list) -> None:
    series = Series.objects.get(
        slug="monthly-assurance-meeting", body__name__icontains="Northshire"
    )
    agenda = next_agenda(series, TODAY)
    assert agenda.date == dt.date(2026, 4, 28)
    assert agenda.actions and all(row.status in {"Open", "In progress"} for row in agenda.actions)
    assert agenda.revisits == []
    later = next_agenda(series, TODAY)
    assert later.series == series


def test_plain_rows_are_the_log_rows(ingested: list) -> None:
    """`brief actions` builds its rows from plain values (fast at thousands of rows); they
    are the rows the web log and the API build from model instances, for every filter."""
    from watching_brief.tracker.actions.log import plain_rows
    from watching_brief.tracker.actions.models import Action

    closing = Action.objects.order_by("pk").first()
    assert closing is not None  # one closed at a later meeting, so "closed at" is compared
    closing.status, closing.closed_at_meeting = "closed", closing.meeting
    closing.save()
    for filters in ({}, {"open_only": True}, {"overdue": True}, {"owner": "DCC"}):
        query = action_queryset(today=TODAY, **filters)  # type: ignore[arg-type]
        rows = plain_rows(query, TODAY)
        assert rows and rows == action_rows(query, TODAY)
    assert any(row.closed_at for row in plain_rows(action_queryset(today=TODAY), TODAY))

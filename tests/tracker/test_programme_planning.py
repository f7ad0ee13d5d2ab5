"""Matters arising, revisits due and planning a meeting from its series."""

from __future__ import annotations

import datetime as dt

import pytest

from watching_brief.tracker.actions.models import Action, Revisit
from watching_brief.tracker.meetings.models import (
    Attendance,
    CarriedForward,
    Item,
    Meeting,
    Series,
    Topic,
)
from watching_brief.tracker.people.models import Tenure
from watching_brief.tracker.programme.agenda import matters_arising, revisits_due
from watching_brief.tracker.programme.models import PlannedTheme, Schedule
from watching_brief.tracker.programme.planning import (
    holder_role,
    plan_meeting,
    schedule_defaults,
    usual_attendance,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def series(ingested: list) -> Series:
    """The bundled Northshire monthly assurance series."""
    return Series.objects.get(name="Monthly Assurance Meeting", body__name__icontains="Northshire")


def latest(series: Series) -> Meeting:
    meeting = series.meetings.order_by("-date").first()
    assert meeting is not None
    return meeting


def open_actions(series: Series, before: dt.date) -> set[str]:
    return set(
        Action.objects.filter(
            meeting__series=series, meeting__date__lt=before, status__in=["open", "in_progress"]
        ).values_list("reference", flat=True)
    )


def test_matters_arising_lists_every_open_action_in_due_order(series: Series) -> None:
    after = latest(series).date + dt.timedelta(days=35)
    found = matters_arising(series, after)
    expected = open_actions(series, after)
    assert expected  # the examples leave actions open
    assert {action.reference for action in found} == expected
    dated = [action.due for action in found if action.due]
    assert dated == sorted(dated)
    undated = [action for action in found if action.due is None]
    assert found[len(found) - len(undated) :] == undated  # undated last
    assert [a.reference for a in undated] == sorted(a.reference for a in undated)
    assert all(action.status in ("open", "in_progress") for action in found)


def test_matters_arising_leaves_out_closed_and_later_actions(series: Series) -> None:
    meeting = latest(series)
    found = {action.reference for action in matters_arising(series, meeting.date)}
    assert not found & set(meeting.actions.values_list("reference", flat=True))
    action = Action.objects.filter(reference__in=found).first()
    assert action is not None
    action.status = Action.Status.CLOSED
    action.save()
    assert action.reference not in {a.reference for a in matters_arising(series, meeting.date)}


def test_revisits_due_between_meetings(series: Series) -> None:
    revisit = Revisit.objects.get(series=series)
    due = revisit.due
    assert revisits_due(series, due - dt.timedelta(days=1), latest(series).date) == []
    assert revisits_due(series, due, latest(series).date) == [revisit]
    # shown at an earlier meeting on or after its due date: not again
    assert revisits_due(series, due + dt.timedelta(days=60), due) == []
    revisit.done = True
    revisit.save()
    assert revisits_due(series, due, None) == []


def test_usual_attendance_takes_current_holders_and_marks_temporary(series: Series) -> None:
    date = latest(series).date + dt.timedelta(days=35)
    usual = usual_attendance(series, date)
    by_post = {str(attendee.post): attendee for attendee in usual}
    # seen at two or three of the three meetings, with or without apologies
    assert {"PCC", "DPCC", "CC", "DCC", "ACC"} <= set(by_post)
    # seen at only one of the three meetings
    assert not {"CEO", "Head of Public Protection"} & set(by_post)
    dcc = by_post["DCC"]
    holder = dcc.post.holder_on(date)
    assert holder is not None and holder.kind == Tenure.Kind.TEMPORARY
    assert dcc.person == holder.person
    assert dcc.post_label == "T/DCC"
    assert dcc.role == "T/Deputy Chief Constable"
    assert by_post["CC"].marker == ""
    assert all(attendee.status == "present" for attendee in usual)


@pytest.mark.parametrize(
    ("role", "kind", "written"),
    [
        ("Deputy Chief Constable", "temporary", "T/Deputy Chief Constable"),
        ("T/Deputy Chief Constable", "substantive", "Deputy Chief Constable"),
        ("Acting Chief Constable", "acting", "A/Chief Constable"),
        ("T/ Deputy Chief Constable", "temporary", "T/Deputy Chief Constable"),
    ],
)
def test_the_capacity_is_written_for_the_holder_now(role: str, kind: str, written: str) -> None:
    assert holder_role(role, kind) == written


def test_plan_meeting_fills_the_agenda(series: Series) -> None:
    previous = latest(series)
    Schedule.objects.create(series=series, week=4, weekday=1, starts_on=D(2026, 1, 1))
    date = D(2026, 9, 22)
    topic = Topic.objects.create(name="Neighbourhood policing", slug="neighbourhood-policing")
    PlannedTheme.objects.create(
        series=series, date=date, title="Roads policing", notes="Ask about the fatal four"
    )
    PlannedTheme.objects.create(series=series, date=date, title="Confidence", topic=topic)
    revisit = Revisit.objects.get(series=series)
    revisit.due = D(2026, 9, 1)
    revisit.save()

    meeting = plan_meeting(series, date, venue="Room 2", chair="The PCC", minute_taker="PO")

    assert meeting.status == Meeting.Status.DRAFT
    assert meeting.title == "Monthly Assurance Meeting September 2026"
    assert (meeting.venue, meeting.chair, meeting.minute_taker) == ("Room 2", "The PCC", "PO")
    assert meeting.next_meeting_date == D(2026, 10, 27)  # fourth Tuesday of October
    items = list(meeting.items.order_by("position"))
    assert [(item.number, item.kind) for item in items] == [
        ("1", "matters_arising"),
        ("2", "theme"),
        ("3", "theme"),
        ("4", "revisit"),
        ("5", "inspection"),
        ("6", "aob"),
        ("7", "next_meeting"),
    ]
    assert [item.title for item in items[1:3]] == ["Roads policing", "Confidence"]
    assert list(items[2].topics.all()) == [topic]
    # the planning note stays apart from the minutes: never in the text that is published
    assert (items[1].text, items[1].planning_note) == ("", "Ask about the fatal four")
    assert items[3].title == f"Revisit: {revisit.subject}"
    assert "27 October 2026" in items[6].text

    matters = list(CarriedForward.objects.filter(meeting=meeting).order_by("position"))
    assert {m.action.reference for m in matters if m.action} == open_actions(series, date)
    assert all(m.item_id == items[0].pk and m.status == "" for m in matters)
    first = matters[0]
    assert first.action is not None
    assert first.text == first.action.text
    month = f"{first.action.meeting.date:%B %Y}"
    assert first.from_text == f"the {month} meeting ({first.action.reference})"
    assert previous.date < date


def test_plan_meeting_attendance_as_chosen(series: Series) -> None:
    date = latest(series).date + dt.timedelta(days=35)
    usual = usual_attendance(series, date)
    chosen = {usual[0].post.pk: "apologies", usual[1].post.pk: "virtual"}
    chosen.update({attendee.post.pk: "present" for attendee in usual[3:]})
    meeting = plan_meeting(series, date, attendance=chosen)
    rows = {row.post_id: row for row in Attendance.objects.filter(meeting=meeting)}
    assert usual[2].post.pk not in rows  # left out: not invited
    assert rows[usual[0].post.pk].status == "apologies"
    assert rows[usual[1].post.pk].status == "virtual"
    assert len(rows) == len(usual) - 1
    holders = {attendee.post.pk: attendee.person for attendee in usual}
    assert all(row.person == holders[post] for post, row in rows.items())


def test_plan_meeting_without_a_calendar_leaves_the_next_date_open(series: Series) -> None:
    meeting = plan_meeting(series, D(2026, 4, 28))
    assert meeting.next_meeting_date is None
    last = meeting.items.get(kind=Item.Kind.NEXT_MEETING)
    assert "to be confirmed" in last.text
    assert meeting.attendance.count() == len(usual_attendance(series, D(2026, 4, 28)))


def test_a_second_meeting_on_the_same_date_is_refused(series: Series) -> None:
    date = D(2026, 4, 28)
    plan_meeting(series, date)
    counts = (Meeting.objects.count(), Item.objects.count(), CarriedForward.objects.count())
    with pytest.raises(ValueError, match="already has a meeting on 28 April 2026"):
        plan_meeting(series, date)
    with pytest.raises(ValueError, match="already has a meeting"):
        plan_meeting(series, latest(series).date)
    assert (Meeting.objects.count(), Item.objects.count(), CarriedForward.objects.count()) == counts


def test_an_action_due_by_the_next_meeting_comes_back_at_it(series: Series) -> None:
    april = plan_meeting(series, D(2026, 4, 28))
    action = Action.objects.create(
        reference="MAM-TEST-NEXT",
        meeting=april,
        text="SPM to circulate the ward panel figures",
        due_text="by the next meeting",
    )
    may = plan_meeting(series, D(2026, 5, 26))
    assert may.carried_forward.filter(action=action).exists()
    assert not april.carried_forward.filter(action=action).exists()


def test_restricted_actions_keep_their_text_off_the_agenda(series: Series) -> None:
    date = D(2026, 4, 28)
    action = matters_arising(series, date)[0]
    action.restricted = True
    action.save()
    meeting = plan_meeting(series, date)
    matter = meeting.carried_forward.get(action=action)
    assert action.text not in matter.text
    assert action.reference in matter.text


def test_schedule_defaults_from_recent_meetings(series: Series) -> None:
    defaults = schedule_defaults(series)
    # 27 January, 24 February and 24 March 2026: the fourth Tuesday each time
    assert (defaults["weekday"], defaults["week"]) == (1, 4)
    assert defaults["starts_on"] == D(2026, 1, 27)
    assert defaults["chair"] == latest(series).chair


def test_plan_meeting_can_invite_a_post_outside_the_usual_ones(series: Series) -> None:
    date = D(2026, 4, 28)
    usual = usual_attendance(series, date)
    usual_posts = {attendee.post.pk for attendee in usual}
    other = (
        Attendance.objects.filter(meeting__series=series, post__isnull=False)
        .exclude(post__in=usual_posts)
        .order_by("-meeting__date")
        .first()
    )  # seen at too few of the recent meetings
    assert other is not None and other.post_id is not None
    meeting = plan_meeting(series, date, attendance={other.post_id: "virtual"})
    row = meeting.attendance.get()
    assert (row.person, row.post_id, row.status) == (other.person, other.post_id, "virtual")

"""Meetings: the list with the web page's filters, and one meeting's record.

Items come from the same blocks the meeting page renders, so a restricted item reaches a
non-officer only as its public summary, and a restricted action's text is taken out.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from watching_brief.tracker.access import is_officer, visible_meetings
from watching_brief.tracker.access.meeting import ItemView, meeting_view
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.api.auth import viewer
from watching_brief.tracker.api.http import conditional, keyset
from watching_brief.tracker.api.routes.series import series_out
from watching_brief.tracker.api.schemas import (
    ActionBrief,
    AttendanceOut,
    CarriedOut,
    Error,
    ItemOut,
    KeysetPaging,
    MeetingDetail,
    MeetingFilters,
    MeetingOut,
    MeetingPage,
    QuestionOut,
)
from watching_brief.tracker.meetings.models import Attendance, Meeting

router = Router(tags=["meetings"])
RESTRICTED_TITLE = "Restricted item"
RESTRICTED_SUMMARY = "This item is restricted."
NEWEST_FIRST = (("date", True), ("pk", False))  # the list's order, and its cursor's


def _filtered(user: Any, filters: MeetingFilters) -> QuerySet[Meeting]:
    meetings = visible_meetings(user)
    if filters.series is not None:
        meetings = meetings.filter(series_id=filters.series)
    if filters.year is not None:
        meetings = meetings.filter(date__year=filters.year)
    if filters.status and is_officer(user):
        meetings = meetings.filter(status=filters.status)
    return meetings


def meeting_fields(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "title": meeting.title,
        "date": meeting.date,
        "series": series_out(meeting.series),
        "status": meeting.status,
        "venue": meeting.venue,
        "chair": meeting.chair,
    }


@router.get("/meetings", response={200: MeetingPage, 401: Error}, summary="List meetings")
@conditional
def list_meetings(
    request: HttpRequest, filters: Query[MeetingFilters], paging: Query[KeysetPaging]
) -> dict[str, Any]:
    meta, rows = keyset(_filtered(viewer(request), filters), paging, NEWEST_FIRST, "date")
    return {**meta, "items": [MeetingOut(**meeting_fields(m)) for m in rows]}


def action_brief(action: Action) -> ActionBrief:
    post = action.owner_post
    return ActionBrief(
        id=action.pk,
        reference=action.reference,
        text=action.text,
        owner=str(post) if post else action.owner_text,
        due=action.due,
        status=action.status,
        restricted=action.effective_restricted,
    )


def _withheld(block: ItemView) -> ItemOut:
    item = block.item
    return ItemOut(
        id=item.pk, number=item.number, title=RESTRICTED_TITLE, withheld=True, restricted=True,
        public_summary=item.public_summary or RESTRICTED_SUMMARY, text="", assurance="",
        actions=[], decisions=[], questions=[], carried_forward=[],
    )  # fmt: skip


def item_out(block: ItemView) -> ItemOut:
    if block.hidden:
        return _withheld(block)
    item = block.item
    return ItemOut(
        id=item.pk,
        number=item.number,
        title=item.title,
        withheld=False,
        restricted=block.restricted,
        public_summary=item.public_summary if block.restricted else "",
        text="\n".join(line for line in block.text.splitlines() if line.strip()),
        assurance=item.assurance,
        actions=[action_brief(action) for action in block.actions],
        decisions=[decision.text for decision in block.decisions],
        questions=[QuestionOut(asker=q.asker, text=q.text) for q in block.questions],
        carried_forward=[
            CarriedOut(from_text=m.from_text, text=m.text, status=m.status) for m in block.matters
        ],
    )


def attendance_out(one: Attendance) -> AttendanceOut:
    post = str(one.post) if one.post else ""
    return AttendanceOut(person=one.person.name, post=post, role=one.role, status=one.status)


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetail, 401: Error, 404: Error},
    summary="One meeting's record",
)
@conditional
def get_meeting(request: HttpRequest, meeting_id: int) -> MeetingDetail:
    user = viewer(request)
    meeting = get_object_or_404(visible_meetings(user), pk=meeting_id)
    view = meeting_view(meeting, user)
    attendance = meeting.attendance.select_related("person", "post")
    return MeetingDetail(
        **meeting_fields(meeting),
        start_time=meeting.start_time.strftime("%H:%M") if meeting.start_time else None,
        end_time=meeting.end_time.strftime("%H:%M") if meeting.end_time else None,
        minute_taker=meeting.minute_taker,
        next_meeting_date=meeting.next_meeting_date,
        next_meeting_text=meeting.next_meeting_text,
        attendance=[attendance_out(one) for one in attendance],
        items=[item_out(block) for block in view.items],
        unattached_actions=[action_brief(action) for action in view.actions],
        unattached_decisions=[decision.text for decision in view.decisions],
    )

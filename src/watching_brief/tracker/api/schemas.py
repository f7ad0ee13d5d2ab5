"""What the API reads and writes. Field descriptions reach the OpenAPI document."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

ActionStatus = Literal["open", "in_progress", "done", "closed", "dropped"]
MeetingStatus = Literal["draft", "approved", "published"]

MAX_OFFSET = 10**9  # far past any archive; bigger numbers overflow the databases' integers


class Error(Schema):
    detail: str = Field(description="What went wrong.")


class FieldProblem(Schema):
    field: str = Field(
        description="Where: the parameter or body field, with where it was sent "
        "(query.limit, body.status, path.action_id)."
    )
    message: str = Field(description="What is wrong with it.")


class Invalid(Schema):
    """422: a parameter or the body was not valid."""

    detail: str = Field(description="Every problem, in one line.")
    errors: list[FieldProblem] = Field(description="Each problem with its field.")


class Paging(Schema):
    limit: int = Field(50, ge=1, le=200, description="At most this many results.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Skip this many results first.")


class PageMeta(Schema):
    total: int = Field(description="How many results match, over all pages.")
    limit: int
    offset: int


class KeysetPaging(Paging):
    cursor: str | None = Field(
        None,
        max_length=1000,
        description="Continue after the last result of a page: that page's `next`. "
        "Unlike `offset`, as fast on the last page as on the first, and nothing is "
        "skipped or repeated when results are added meanwhile. Give no `offset` with it.",
    )


class KeysetPageMeta(PageMeta):
    next: str | None = Field(
        None, description="The `cursor` that gives the next page; null on the last page."
    )


class BodyOut(Schema):
    id: int
    name: str
    slug: str


class BodyPage(PageMeta):
    items: list[BodyOut]


class SeriesOut(Schema):
    id: int
    name: str
    slug: str
    body: str = Field(description="The body's name.")
    body_slug: str


class SeriesPage(PageMeta):
    items: list[SeriesOut]


class MeetingFilters(Schema):
    series: int | None = Field(None, description="A series id.")
    year: int | None = Field(None, ge=1, le=9999, description="Meetings held in this year.")
    status: MeetingStatus | None = Field(None, description="Officers only; others ignore it.")


class MeetingOut(Schema):
    id: int
    title: str
    date: dt.date
    series: SeriesOut
    status: str
    venue: str
    chair: str


class MeetingPage(KeysetPageMeta):
    items: list[MeetingOut]


class AttendanceOut(Schema):
    person: str
    post: str = Field(description="The post's abbreviation or title, if known.")
    role: str = Field(description="Capacity as written.")
    status: str


class ActionBrief(Schema):
    id: int
    reference: str
    text: str
    owner: str
    due: dt.date | None
    status: str
    restricted: bool


class QuestionOut(Schema):
    asker: str
    text: str


class CarriedOut(Schema):
    from_text: str
    text: str
    status: str


class ItemOut(Schema):
    id: int
    number: str
    title: str
    withheld: bool = Field(description="A restricted item replaced by its public summary.")
    restricted: bool
    public_summary: str
    text: str
    assurance: str
    actions: list[ActionBrief]
    decisions: list[str]
    questions: list[QuestionOut]
    carried_forward: list[CarriedOut]


class MeetingDetail(MeetingOut):
    start_time: str | None = Field(None, pattern=r"^\d{2}:\d{2}$", description="HH:MM, 24-hour.")
    end_time: str | None = Field(None, pattern=r"^\d{2}:\d{2}$", description="HH:MM, 24-hour.")
    minute_taker: str
    next_meeting_date: dt.date | None
    next_meeting_text: str
    attendance: list[AttendanceOut]
    items: list[ItemOut]
    unattached_actions: list[ActionBrief]
    unattached_decisions: list[str]


class ActionFilters(Schema):
    """The action log's filters, as the web page has them."""

    status: Literal["open_any", "open", "in_progress", "done", "closed", "dropped"] | None = Field(
        None, description='A status, or "open_any" for open or in progress.'
    )
    owner: str | None = Field(
        None,
        description="An owner post of one body, <body slug>/<abbreviation> "
        "(west-mercia-opcc/DCC); a bare abbreviation (DCC) means that post of every body.",
    )
    series: str | None = Field(
        None,
        description="A series of one body, <body slug>/<series slug>; a bare series slug "
        "means every body's series of that slug.",
    )
    topic: str | None = Field(None, max_length=200, description="Words in the action or item.")
    due_from: dt.date | None = Field(None, description="Due on or after.")
    due_to: dt.date | None = Field(None, description="Due on or before.")
    overdue: bool = Field(False, description="Only open actions past their due date.")
    sort: Literal["date", "-date", "due", "-due", "owner", "-owner", "status", "-status"] = "date"


class ActionOut(Schema):
    id: int
    reference: str
    series: str
    meeting_id: int
    meeting_date: dt.date
    item: str = Field(description="The item's number.")
    text: str
    owner: str
    holder_then: str = Field(description="Who held the owner post when the action was set.")
    holder_now: str
    due: dt.date | None
    due_text: str
    status: ActionStatus
    status_label: str
    version: int = Field(description="Counts the action's changes; send it back with writes.")
    overdue: bool
    closed_at: str = Field(description="The meeting that accepted the closure.")
    restricted: bool


class ActionPage(KeysetPageMeta):
    items: list[ActionOut]


class UpdateOut(Schema):
    id: int
    date: dt.date
    author: str
    text: str
    evidence: str
    status: str
    review: str = Field(
        "",
        description="Empty when shown; `pending` while it waits for an officer (its body "
        "publishes the force's updates only after an officer reads them, and its `status` "
        "is only proposed until then); `returned` when an officer sent it back.",
    )


class ConflictOut(Schema):
    detail: str
    version: int = Field(description="The action's version now.")
    yours: dict[str, str] = Field(description="What this write would have saved.")
    theirs: dict[str, str] = Field(description="What was saved since it was read.")


class ActionDetail(ActionOut):
    updates: list[UpdateOut]
    may_update: bool
    may_close: bool


VERSION_HELP = (
    "The action's version as read (``version`` of GET /api/actions/{id}); a write made "
    "from an older reading is refused with 409 and both texts."
)


class UpdateIn(Schema):
    text: str = Field(min_length=1, max_length=2000)
    evidence: str = Field("", max_length=2000)
    status: Literal["", "in_progress", "done"] = Field("", description='"" for no change.')
    version: int = Field(ge=0, description=VERSION_HELP)


class CloseIn(Schema):
    status: Literal["closed", "dropped"]
    note: str = Field("", max_length=2000)
    version: int = Field(ge=0, description=VERSION_HELP)


class HolderOut(Schema):
    name: str
    kind: str = Field(description='"" when substantive, else Temporary or Acting.')
    start: dt.date
    last_seen: dt.date
    until: dt.date | None


class PostOut(Schema):
    id: int
    body: str
    title: str
    abbrev: str
    holders: list[HolderOut]


class PostPage(PageMeta):
    items: list[PostOut]

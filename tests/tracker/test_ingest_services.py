"""Ingesting notes: whole meetings or nothing, idempotent, people and posts matched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.conftest import EXAMPLES, SEEDS
from tests.tracker.conftest import WEST_MERCIA
from watching_brief.extraction.record import Action as RecordAction
from watching_brief.extraction.record import Attendee, Minutes
from watching_brief.extraction.record import Decision as RecordDecision
from watching_brief.extraction.record import Item as RecordItem
from watching_brief.extraction.record import Question as RecordQuestion
from watching_brief.tracker.actions.models import Action, Revisit
from watching_brief.tracker.ingest.mapping import store_minutes
from watching_brief.tracker.ingest.services import ingest_file, ingest_paths
from watching_brief.tracker.meetings.models import Body, CarriedForward, Meeting, SourceDocument
from watching_brief.tracker.people.models import Post, Tenure

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Meeting.objects.count(),
        Action.objects.count(),
        SourceDocument.objects.count(),
        Tenure.objects.count(),
    )


def test_every_document_is_stored(ingested: list) -> None:
    assert [r.status for r in ingested] == ["stored"] * 6
    assert Meeting.objects.count() == 6
    assert Action.objects.count() == 7 + 11


def test_ingesting_twice_changes_nothing(ingested: list) -> None:
    before = counts()
    again = ingest_paths([SEEDS], body=WEST_MERCIA) + ingest_paths([EXAMPLES])
    assert [r.status for r in again] == ["unchanged"] * 6
    assert counts() == before


def test_posts_are_matched_across_meetings_and_holders_change(ingested: list) -> None:
    west_mercia = Body.objects.get(name=WEST_MERCIA)
    cc = Post.objects.get(body=west_mercia.force, abbrev="CC")  # a post of the force
    assert [t.person.name for t in cc.tenures.all()] == ["Anthony Bangham"]
    assert cc.tenures.get().start == dt.date(2020, 9, 24)
    assert cc.tenures.get().last_seen == dt.date(2021, 4, 27)
    # the Northshire force's DCC (the panel, a body of its own, has no force posts)
    dcc = Post.objects.get(
        body__name__icontains="Northshire", body__kind=Body.Kind.FORCE, abbrev="DCC"
    )
    holders = [(t.person.name, t.kind) for t in dcc.tenures.order_by("start")]
    assert holders == [("Laura Bennion", "substantive"), ("Mark Ellery", "temporary")]
    assert dcc.holder_on(dt.date(2026, 2, 24)).person.name == "Laura Bennion"  # type: ignore[union-attr]
    assert dcc.current_holder().person.name == "Mark Ellery"  # type: ignore[union-attr]


def test_action_keeps_the_holder_when_set(ingested: list) -> None:
    action = Action.objects.get(text__startswith="DCC to provide the PCC with the 101")
    assert action.owner_post is not None and action.owner_post.abbrev == "DCC"
    assert action.owner_holder is not None and action.owner_holder.name == "Laura Bennion"


def test_matters_carried_forward_link_and_close_earlier_actions(ingested: list) -> None:
    done = CarriedForward.objects.get(
        meeting__date=dt.date(2026, 2, 24), text__startswith="DCC to provide the PCC with the 101"
    )
    assert done.action is not None and done.action.meeting.date == dt.date(2026, 1, 27)
    assert done.action.status == Action.Status.CLOSED
    assert done.action.closed_at_meeting == done.meeting
    assert done.action.updates.get().text.startswith("Complete.")


def test_carried_forward_from_a_meeting_not_held_stays_unmatched(ingested: list) -> None:
    matter = CarriedForward.objects.get(from_text="September 2019")
    assert matter.action is None
    seed = next(r for r in ingested if r.path.name == "monthly-assurance-2020-09.txt")
    assert seed.unmatched == [matter.text]


def test_revisit_in_six_months_is_booked(ingested: list) -> None:
    revisits = {(r.meeting.date, r.due) for r in Revisit.objects.all()}
    assert (dt.date(2021, 4, 27), dt.date(2021, 10, 27)) in revisits
    assert (dt.date(2026, 3, 24), dt.date(2026, 9, 24)) in revisits


def test_a_failure_half_way_leaves_no_partial_meeting(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(meeting: Meeting) -> list[str]:
        raise ValueError("injected failure after the items were stored")

    monkeypatch.setattr("watching_brief.tracker.ingest.services.link_carried_forward", explode)
    result = ingest_file(SEEDS / "monthly-assurance-2021-04.txt", WEST_MERCIA)
    assert result.status == "failed"
    assert "injected failure" in result.reason
    assert counts() == (0, 0, 0, 0)


def test_one_bad_file_never_stops_the_rest(db: None, tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-fake.pdf").write_bytes(b"\x00\x01binary" * 50)
    (tmp_path / "c-good.txt").write_bytes((SEEDS / "monthly-assurance-2021-04.txt").read_bytes())
    results = ingest_paths([tmp_path], body=WEST_MERCIA)
    assert [r.status for r in results] == ["failed", "failed", "stored"]
    assert "a-empty.txt: the file is empty" in results[0].reason
    assert "b-fake.pdf" in results[1].reason
    assert Meeting.objects.count() == 1


def test_new_version_updates_and_keeps_hand_corrections(ingested: list, notes_copy: Path) -> None:
    meeting = Meeting.objects.get(date=dt.date(2026, 2, 24))
    meeting.venue = "Corrected venue"
    meeting.mark_edited("venue")
    meeting.save()
    action = meeting.actions.get(position=0)
    action.due = dt.date(2026, 5, 31)
    action.mark_edited("due")
    action.save()
    text = notes_copy.read_text(encoding="utf-8")
    changed = text.replace("by 30 April 2026", "by 15 May 2026")
    notes_copy.write_text(changed.replace("Chair: ", "Chair: Dr "), encoding="utf-8")
    result = ingest_file(notes_copy)
    assert result.status == "updated"
    assert "meeting.venue" in result.kept and "action.due" in result.kept
    meeting.refresh_from_db()
    action.refresh_from_db()
    assert meeting.venue == "Corrected venue"
    assert action.due == dt.date(2026, 5, 31)
    assert Meeting.objects.count() == 6
    assert meeting.history.count() >= 2


def test_meeting_without_a_date_is_refused(db: None, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Board Notes\n1. Budget\nAction: DCC to report.\n", encoding="utf-8")
    result = ingest_file(path)
    assert result.status == "failed"
    assert "no meeting date" in result.reason
    assert Meeting.objects.count() == 0


def _record(size: int, day: int) -> Minutes:
    """A meeting of ``size`` attendees, items (with a sub-item each), actions, decisions,
    questions and matters; every attendee a new person in a new post."""
    return Minutes(
        series="Scale Board",
        body="Sizeshire OPCC",
        date=dt.date(2026, 5, day),
        attendees=[
            Attendee(name=f"Person {day} {n}", role=f"Head of Unit {n}", abbrev=f"HU{n}")
            for n in range(size)
        ],
        items=[RecordItem(number=str(n + 1), title=f"Topic {n}") for n in range(size)]
        + [
            RecordItem(number=f"{n + 1}.1", title=f"Part {n}", parent=str(n + 1))
            for n in range(size)
        ],
        actions=[
            RecordAction(
                text=f"HU{n} to report on topic {n} at {day}", item=str(n + 1), owners=[f"HU{n}"]
            )
            for n in range(size)
        ],
        decisions=[
            RecordDecision(text=f"Decision {n} of {day}", item=str(n + 1)) for n in range(size)
        ],
        questions=[
            RecordQuestion(text=f"Question {n} of {day}?", asker=f"HU{n}") for n in range(size)
        ],
    )


def test_storing_a_meeting_takes_statements_per_kind_not_per_row() -> None:
    """A new meeting's rows go in bulk: ten times the rows, the same statements."""
    with transaction.atomic():
        store_minutes(_record(1, 1))  # the body and the series made once, before counting
    counts = []
    for size, day in ((3, 5), (30, 12)):
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            stored = store_minutes(_record(size, day))
        assert stored.created
        assert stored.meeting.actions.count() == size
        assert stored.meeting.items.filter(parent__isnull=False).count() == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts

"""Approval notices and reminder digests: who is told, about what, and the links."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings

from tests.tracker.test_publication import PASSWORD, build_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings import publication
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.notify.jobs import send_reminders
from watching_brief.tracker.notify.notices import (
    approval_notices,
    posts_without_address,
    reminder_digests,
    send,
)
from watching_brief.tracker.notify.recipients import post_recipients
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
SITE = "https://brief.example.org"
TODAY = dt.date(2026, 4, 1)
OTHER_MEETING = "MARKER-OTHER-MEETING-41aa"


def contributor(name: str, email: str, posts: list[str]) -> Any:
    user = create_account(name, PASSWORD, "contributor", posts)
    user.email = email
    user.save()
    return user


@override_settings(BRIEF_SITE_URL=SITE)
def test_approval_notices_go_to_the_post_and_its_contributors() -> None:
    built = build_meeting()
    later = build_meeting(date=dt.date(2026, 4, 7), prefix="U")
    Action.objects.filter(meeting=later.meeting).update(text=OTHER_MEETING)
    contributor("force-dcc", "staff.officer@example.org", ["DCC"])
    contributor("same-address", "DCC@example.org", ["DCC"])  # the post's own address again
    notices = approval_notices(built.meeting)
    assert sorted(to for notice in notices for to in notice.to) == [
        "dcc@example.org",
        "staff.officer@example.org",
    ]
    for notice in notices:
        body = notice.body
        assert body.startswith("Dear Dana Carter,")
        assert "Deputy Chief Constable (DCC)" in body
        assert "T-1: Report call waiting times" in body and "Due: 31 March 2026" in body
        assert "T-2:" in body and "restricted: do not pass on" in body  # the owner may know
        assert f"{SITE}/actions/{built.public_action.pk}/" in body
        assert OTHER_MEETING not in body and "T-3" not in body  # T-3 belongs to the ACC
        assert "2 actions for you" in notice.subject


def test_a_post_with_no_address_gets_no_notice_until_someone_is_linked() -> None:
    built = build_meeting()
    assert all("T-3" not in n.body for n in approval_notices(built.meeting))
    contributor("force-acc", "acc.office@example.org", ["ACC"])
    [acc_notice] = [n for n in approval_notices(built.meeting) if "T-3" in n.body]
    assert acc_notice.to == ["acc.office@example.org"]
    assert "T-1" not in acc_notice.body
    assert acc_notice.body.startswith("Dear Assistant Chief Constable,")  # no holder known


def test_one_notice_per_recipient_across_posts() -> None:
    built = build_meeting()
    contributor("both", "both@example.org", ["DCC", "ACC"])
    [both] = [n for n in approval_notices(built.meeting) if n.to == ["both@example.org"]]
    assert "T-1" in both.body and "T-3" in both.body
    assert "Deputy Chief Constable (DCC)" in both.body and "Assistant Chief Constable" in both.body


def test_approving_sends_the_notices_once_committed(
    django_capture_on_commit_callbacks: Any,
) -> None:
    built = build_meeting()
    officer = create_account("olivia", PASSWORD, "officer", [])
    with django_capture_on_commit_callbacks(execute=True):
        publication.approve(built.meeting, officer)
    assert [message.to for message in mail.outbox] == [["dcc@example.org"]]
    assert "approved" in mail.outbox[0].body


def test_recipients_skip_blank_and_repeated_addresses() -> None:
    built = build_meeting()
    contributor("no-mail", "", ["DCC"])
    contributor("repeat", "Staff@example.org", ["DCC"])
    contributor("repeat2", "staff@EXAMPLE.org", ["DCC"])
    assert post_recipients(built.dcc) == ["dcc@example.org", "Staff@example.org"]


def _due(post: Post, built: Any, reference: str, days: int, **extra: Any) -> Action:
    return Action.objects.create(
        reference=reference, meeting=built.meeting, text=f"Action {reference}",
        owner_post=post, due=TODAY + dt.timedelta(days=days), **extra,
    )  # fmt: skip


@override_settings(BRIEF_SITE_URL=SITE)
def test_reminder_digests_split_overdue_and_due_soon() -> None:
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    Action.objects.filter(meeting=built.meeting).delete()
    _due(built.dcc, built, "R-SOON", 5)
    _due(built.dcc, built, "R-LATE", -3)
    _due(built.dcc, built, "R-FAR", 30)
    _due(built.dcc, built, "R-DONE", -10, status=Action.Status.DONE)
    _due(built.dcc, built, "R-TODAY", 0, status=Action.Status.IN_PROGRESS)
    draft = build_meeting(date=dt.date(2026, 2, 1), prefix="D")
    Action.objects.filter(meeting=draft.meeting).update(due=TODAY - dt.timedelta(days=1))
    [digest] = reminder_digests(TODAY, 14)
    assert digest.post == built.dcc and digest.holder == "Dana Carter"
    assert [a.reference for a in digest.overdue] == ["R-LATE"]
    assert [a.reference for a in digest.due_soon] == ["R-TODAY", "R-SOON"]
    [message] = digest.messages
    body = message.body
    assert message.to == ["dcc@example.org"]
    assert body.index("Overdue (1)") < body.index("R-LATE") < body.index("Due in the next 14")
    assert body.index("Due in the next 14 days (2)") < body.index("R-SOON")
    assert "R-FAR" not in body and "R-DONE" not in body and "D-1" not in body
    assert "Set at: Assurance Board on Tuesday 3 March 2026" in body
    assert f"{SITE}/posts/{built.dcc.pk}/due.ics" in body
    assert "1 overdue and 2 due in the next 14 days" in message.subject
    [wider] = reminder_digests(TODAY, 30)
    assert [a.reference for a in wider.due_soon] == ["R-TODAY", "R-SOON", "R-FAR"]
    [narrow] = reminder_digests(TODAY, 0)
    assert [a.reference for a in narrow.due_soon] == ["R-TODAY"]


def test_posts_with_no_address_are_reported_not_mailed() -> None:
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    Action.objects.filter(meeting=built.meeting).delete()
    _due(built.acc, built, "R-ACC", -1, restricted=True)
    [digest] = reminder_digests(TODAY, 14)
    assert digest.post == built.acc and digest.recipients == [] and digest.messages == []
    assert send(digest.messages) == 0 and mail.outbox == []


def test_the_reminder_job_sends_the_digests() -> None:
    built = build_meeting(status=Meeting.Status.PUBLISHED)
    Action.objects.filter(meeting=built.meeting).update(due=dt.date.today())
    result = send_reminders.call(7)
    assert result == {"sent": 1, "posts": ["DCC"], "no_address": ["ACC"]}
    assert [m.to for m in mail.outbox] == [["dcc@example.org"]]


def test_the_posts_no_notice_can_reach_are_named() -> None:
    built = build_meeting()
    assert posts_without_address(built.meeting) == [built.acc]  # the DCC has an address
    leaver = contributor("leaver", "leaver@example.org", ["ACC"])
    leaver.is_active = False
    leaver.save()
    assert posts_without_address(built.meeting) == [built.acc]  # an inactive account: no
    contributor("no-mail", "", ["ACC"])
    assert posts_without_address(built.meeting) == [built.acc]  # an account with no address
    contributor("acc-office", "acc.office@example.org", ["ACC"])
    assert posts_without_address(built.meeting) == []
    assert {to for n in approval_notices(built.meeting) for to in n.to} == {
        "dcc@example.org",
        "acc.office@example.org",
    }

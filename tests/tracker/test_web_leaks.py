"""What only a draft meeting says never reaches the public through the action log."""

from __future__ import annotations

import pytest
from django.test import Client

from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Meeting
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
MARCH = "2026-03-24"


@pytest.fixture
def march_in_draft(ingested: list) -> Action:
    """March's meeting (where the temporary DCC first appears, and which closed an
    earlier action) back in draft."""
    Meeting.objects.filter(date=MARCH).update(status=Meeting.Status.DRAFT)
    closed = Action.objects.filter(closed_at_meeting__date=MARCH).first()
    assert closed is not None
    return closed


def test_public_log_and_export_never_name_a_holder_seen_only_at_a_draft_meeting(
    client: Client, march_in_draft: Action
) -> None:
    for url in ("/actions/?owner=DCC", "/actions/export/?format=csv&owner=DCC"):
        body = client.get(url).content.decode()
        assert "Mark Ellery" not in body, url
    assert "Laura Bennion" in client.get("/actions/?owner=DCC").content.decode()


def test_public_never_learns_of_a_closure_at_a_draft_meeting(
    client: Client, march_in_draft: Action
) -> None:
    export = client.get("/actions/export/?format=csv").content.decode()
    assert "24 March 2026" not in export
    page = client.get(f"/actions/{march_in_draft.pk}/").content.decode()
    assert "24 March 2026" not in page


def test_officers_see_the_draft_meeting_holder(client: Client, march_in_draft: Action) -> None:
    officer = create_account("officer9", "a-Long-pass-2026", "officer", [])
    client.force_login(officer)
    assert "Mark Ellery" in client.get("/actions/?owner=DCC").content.decode()

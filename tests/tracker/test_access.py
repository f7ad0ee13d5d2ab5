"""The access module's stored flags and signatures (findings 1 and 7 of issue 13)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.access import visible_actions, visible_items
from watching_brief.tracker.access.authors import update_author
from watching_brief.tracker.access.flags import sync_meeting
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.actions.services import record_update
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PUBLIC = AnonymousUser()
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password


@pytest.fixture
def parent(db: None) -> Item:
    """February's item 2, with sub-items 2.1 to 2.3 and an action under each."""
    ingest_paths([EXAMPLES])
    item = Item.objects.get(meeting__date="2026-02-24", number="2")
    assert item.children.count() == 3
    return item


def test_restriction_reaches_sub_items_and_their_actions_and_goes_with_it(parent: Item) -> None:
    under = Action.objects.filter(item__parent=parent)
    assert under.count() == 3 and all(a in visible_actions(PUBLIC) for a in under)
    parent.restricted = True
    parent.save()
    assert not visible_items(PUBLIC).filter(parent=parent).exists()
    assert not visible_actions(PUBLIC).filter(item__parent=parent).exists()
    assert not any(a.restricted for a in under)  # inherited, not copied onto them
    own = under.first()
    assert own is not None
    own.restricted = True
    own.save()
    parent.restricted = False
    parent.save()
    assert set(visible_actions(PUBLIC).filter(item__parent=parent)) == set(under.exclude(pk=own.pk))
    assert visible_items(PUBLIC).filter(parent=parent).count() == 3


def test_a_queryset_update_is_caught_up_by_sync(parent: Item) -> None:
    Item.objects.filter(pk=parent.pk).update(restricted=True)
    assert visible_items(PUBLIC).filter(parent=parent).exists()  # flags not yet current
    sync_meeting(parent.meeting_id)
    assert not visible_items(PUBLIC).filter(parent=parent).exists()
    assert not visible_actions(PUBLIC).filter(item__parent=parent).exists()


def test_an_action_keeps_its_items_restriction_when_the_item_goes(parent: Item) -> None:
    parent.restricted = True
    parent.save()
    sub = parent.children.order_by("position").first()
    assert sub is not None
    action = sub.actions.get()
    sub.delete()
    action.refresh_from_db()
    assert action.item_id is None and action.restricted and action.effective_restricted


def test_the_public_sees_posts_and_offices_never_account_names(
    parent: Item, client: Client
) -> None:
    """Finding 7: an officer's update is signed with the office, a contributor's with the
    post; officers see the account names."""
    action = Action.objects.filter(meeting__date="2026-03-24", owner_post__abbrev="DCC").first()
    assert action is not None
    officer = create_account("dave", PASSWORD, "officer", [])
    contributor = create_account("fiona", PASSWORD, "contributor", ["DCC"])
    by_officer = record_update(officer, action, "Chased.", "in_progress")
    by_force = record_update(contributor, action, "Plan shared.", "")
    office = action.meeting.series.body.name
    assert update_author(by_officer, PUBLIC) == office
    assert update_author(by_force, PUBLIC) == "DCC"
    assert update_author(by_officer, officer) == "dave"
    page = client.get(f"/actions/{action.pk}/").content.decode()
    api = client.get(f"/api/actions/{action.pk}").content.decode()
    for body in (page, api):
        assert "dave" not in body and "fiona" not in body
        assert office in body
    client.force_login(officer)
    assert "dave" in client.get(f"/actions/{action.pk}/").content.decode()

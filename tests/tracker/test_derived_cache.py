"""Values derived from the whole archive (filter choices, the dashboard's parts, a pack) are
kept per generation and class of access: recomputed after any change, and never given to
a viewer who sees less than the one they were computed for."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from tests.conftest import EXAMPLES
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.caching.derived import access_class, remembered
from watching_brief.tracker.ingest.services import ingest_paths
from watching_brief.tracker.meetings.models import Item
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password


@pytest.fixture
def officer(db: None) -> Any:
    return create_account("olivia", PASSWORD, "officer", [])


def counting(value: str, calls: list[str]) -> Any:
    def compute() -> str:
        calls.append(value)
        return value

    return compute


@pytest.mark.django_db(transaction=True)
def test_a_value_is_kept_until_anything_changes(settings: Any) -> None:
    settings.BRIEF_PAGE_CACHE = True
    anyone, calls = AnonymousUser(), []
    assert remembered("choices", anyone, counting("first", calls)) == "first"
    assert remembered("choices", anyone, counting("second", calls)) == "first"
    assert calls == ["first"]
    Item.objects.filter(pk=0).update(restricted=True)  # any write: a new generation
    assert remembered("choices", anyone, counting("third", calls)) == "third"
    assert calls == ["first", "third"]


@pytest.mark.django_db(transaction=True)
def test_each_class_of_access_keeps_its_own_value(settings: Any, officer: Any) -> None:
    settings.BRIEF_PAGE_CACHE = True
    ingest_paths([EXAMPLES / "northshire-assurance-2026-02.txt"])
    post = Post.objects.exclude(abbrev="").order_by("pk").first()
    assert post is not None
    contributor = create_account("dan", PASSWORD, "contributor", [post.abbrev])
    assert access_class(officer) == "officer"
    assert access_class(AnonymousUser()) == "public"
    assert access_class(contributor) == f"posts:{post.pk}"
    calls: list[str] = []
    assert remembered("choices", officer, counting("everything", calls)) == "everything"
    assert remembered("choices", AnonymousUser(), counting("public", calls)) == "public"
    assert remembered("choices", contributor, counting("theirs", calls)) == "theirs"
    assert calls == ["everything", "public", "theirs"]


@pytest.mark.django_db(transaction=True)
def test_restricting_an_action_takes_it_out_of_the_public_pack(settings: Any, officer: Any) -> None:
    settings.BRIEF_PAGE_CACHE = True
    ingest_paths([EXAMPLES / "northshire-assurance-2026-02.txt"])
    action = Action.objects.filter(status="open").order_by("pk").first()
    assert action is not None
    series = action.meeting.series
    url = f"/series/{series.slug}/pack/?body={series.body.slug}"
    signed_in = Client()
    signed_in.force_login(officer)
    anonymous = Client()
    for client in (signed_in, anonymous, signed_in, anonymous):  # each kept, then read again
        assert action.reference in client.get(url).content.decode()

    action.restricted = True  # as an officer's save does: committed at once
    action.save()

    assert action.reference not in anonymous.get(url).content.decode()
    assert action.reference in signed_in.get(url).content.decode()

"""Bodies kept apart (issue 13, finding 6): West Mercia's seed notes and Northshire's
examples both hold a "Monthly Assurance Meeting" and a DCC. Packs, series calendars, the
action log's filters, `brief actions` and contributor accounts keep each body's own."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client
from typer.testing import CliRunner

from tests.tracker.conftest import WEST_MERCIA
from watching_brief.cli import app
from watching_brief.tracker.actions.log import next_agenda
from watching_brief.tracker.actions.models import Action
from watching_brief.tracker.meetings.models import Body, Meeting, Series
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.web.accounts import create_account
from watching_brief.tracker.web.roles import can_update

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
SLUG = "monthly-assurance-meeting"


@pytest.fixture
def bodies(ingested: list[Any]) -> tuple[Body, Body]:
    """West Mercia and Northshire, each with a series of the same slug, all published."""
    Meeting.objects.update(status=Meeting.Status.PUBLISHED)
    west = Body.objects.get(name=WEST_MERCIA)
    north = Series.objects.exclude(body=west).get(slug=SLUG).body
    assert Series.objects.filter(slug=SLUG).count() == 2
    assert Post.objects.filter(abbrev="DCC").values("body").distinct().count() == 2
    return west, north


def references(body: Body, **filters: Any) -> set[str]:
    actions = Action.objects.filter(meeting__series__body=body, **filters)
    return set(actions.values_list("reference", flat=True))


def test_a_pack_lists_only_its_own_bodys_matters_arising(
    client: Client, bodies: tuple[Body, Body]
) -> None:
    west, north = bodies
    west_open = references(west, status__in=["open", "in_progress"])
    north_open = references(north, status__in=["open", "in_progress"])
    assert west_open and north_open
    agenda = next_agenda(Series.objects.get(body=north, slug=SLUG))
    assert {row.reference for row in agenda.actions} <= north_open
    page = client.get(f"/bodies/{north.slug}/series/{SLUG}/pack/")
    assert page.status_code == 200
    text = page.content.decode()
    assert any(reference in text for reference in north_open)
    assert not any(reference in text for reference in west_open)


def test_a_series_calendar_holds_one_bodys_meetings(
    client: Client, bodies: tuple[Body, Body]
) -> None:
    west, north = bodies
    for body in (west, north):
        response = client.get(f"/bodies/{body.slug}/series/{SLUG}/meetings.ics")
        assert response.status_code == 200
        content = response.content.decode()
        mine = Meeting.objects.filter(series__body=body, series__slug=SLUG)
        theirs = Meeting.objects.filter(series__slug=SLUG).exclude(series__body=body)
        assert all(f"meeting-{m.pk}@" in content for m in mine)
        assert not any(f"meeting-{m.pk}@" in content for m in theirs)
    # the old address cannot say which body, so it answers with neither
    assert client.get(f"/series/{SLUG}/meetings.ics").status_code == 404


def log_references(client: Client, **params: str) -> set[str]:
    response = client.get("/actions/export/", {"format": "csv", **params})
    assert response.status_code == 200
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["Reference"] for row in rows}


def test_the_log_filters_by_one_bodys_owner_and_series(
    client: Client, bodies: tuple[Body, Body]
) -> None:
    west, north = bodies
    page = client.get("/actions/").content.decode()
    assert f'value="{west.slug}/DCC"' in page and f'value="{north.slug}/DCC"' in page
    assert f"DCC ({west.name})" in page and f"DCC ({north.name})" in page
    assert f'value="{west.slug}/{SLUG}"' in page and f'value="{north.slug}/{SLUG}"' in page
    west_dcc = references(west, owner_post__abbrev="DCC")
    assert west_dcc and log_references(client, owner=f"{west.slug}/DCC") == west_dcc
    assert log_references(client, series=f"{north.slug}/{SLUG}") == references(
        north, meeting__series__slug=SLUG
    )
    # an old link's bare "DCC" is offered for what it is: every body's DCC
    both = client.get("/actions/", {"owner": "DCC"}).content.decode()
    assert "DCC (all bodies)" in both


def test_brief_actions_refuses_an_owner_that_several_bodies_have(
    bodies: tuple[Body, Body],
) -> None:
    west, _ = bodies
    refused = CliRunner().invoke(app, ["actions", "--owner", "DCC"], env={"COLUMNS": "200"})
    assert refused.exit_code == 1
    assert "several bodies have one" in refused.stderr and f"{west.slug}/DCC" in refused.stderr
    chosen = CliRunner().invoke(app, ["actions", "--owner", f"{west.slug}/DCC", "--format", "csv"])
    assert chosen.exit_code == 0, chosen.output
    rows = list(csv.DictReader(io.StringIO(chosen.stdout)))
    assert {row["reference"] for row in rows} == references(west, owner_post__abbrev="DCC")


def test_a_contributor_is_linked_to_one_bodys_post(bodies: tuple[Body, Body]) -> None:
    west, north = bodies
    with pytest.raises(ValueError, match="DCC is a post of several bodies"):
        create_account("force-any", PASSWORD, "contributor", ["DCC"])
    user = create_account("force-dcc", PASSWORD, "contributor", ["DCC"], body=north.slug)
    assert [link.post.body for link in user.post_links.all()] == [north.force]
    theirs = Action.objects.filter(meeting__series__body=west, owner_post__abbrev="DCC").first()
    mine = Action.objects.filter(meeting__series__body=north, owner_post__abbrev="DCC").first()
    assert theirs is not None and mine is not None
    assert can_update(user, mine) and not can_update(user, theirs)


def test_createuser_asks_for_the_body_of_an_ambiguous_post(bodies: tuple[Body, Body]) -> None:
    west, _ = bodies
    args = ["createuser", "carol", "--role", "contributor", "--post", "DCC"]
    refused = CliRunner().invoke(app, [*args, "--password", PASSWORD])
    assert refused.exit_code == 1 and "name one with --body" in refused.stderr
    made = CliRunner().invoke(app, [*args, "--body", WEST_MERCIA, "--password", PASSWORD])
    assert made.exit_code == 0, made.output
    assert list(Post.objects.filter(user_links__user__username="carol")) == [
        Post.objects.get(body=west.force, abbrev="DCC")
    ]


def test_force_posts_belong_to_the_force(bodies: tuple[Body, Body]) -> None:
    west, north = bodies
    for office, force_name in ((west, "West Mercia Police"), (north, "Northshire Police")):
        force = office.force
        assert force is not None and force.name == force_name and force.kind == "force"
        ranks = set(Post.objects.filter(body=force).values_list("abbrev", flat=True))
        assert {"CC", "DCC"} <= ranks
        staff = set(Post.objects.filter(body=office).values_list("abbrev", flat=True))
        assert "PCC" in staff and not staff & {"CC", "DCC", "ACC"}
        # owners named "DCC" in the office's notes are the force's DCC
        owners = Action.objects.filter(meeting__series__body=office, owner_text="DCC")
        assert owners.exists()
        assert {a.owner_post.body_id for a in owners if a.owner_post} == {force.pk}


@pytest.mark.django_db
def test_the_migration_moves_an_offices_force_posts_to_its_force() -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "watching_brief.tracker.people.migrations.0003_h7_force_posts"
    )
    office = Body.objects.create(name="Testshire OPCC", slug="testshire-opcc")
    dcc = Post.objects.create(body=office, abbrev="DCC", title="Deputy Chief Constable")
    supt = Post.objects.create(body=office, title="Chief Superintendent")
    pcc = Post.objects.create(body=office, abbrev="PCC", title="Police and Crime Commissioner")
    migration.forward(apps, None)
    office.refresh_from_db()
    assert office.force is not None and office.force.name == "Testshire Police"
    assert Post.objects.get(pk=dcc.pk).body == office.force
    assert Post.objects.get(pk=supt.pk).body == office.force
    assert Post.objects.get(pk=pcc.pk).body == office
    migration.backward(apps, None)
    assert Post.objects.get(pk=dcc.pk).body == office


def test_search_offers_each_bodys_series(client: Client, bodies: tuple[Body, Body]) -> None:
    from watching_brief.tracker.search.index import reindex_all

    west, north = bodies
    reindex_all()
    page = client.get("/search/").content.decode()
    for body in (west, north):
        series = Series.objects.get(body=body, slug=SLUG)
        assert f'value="{series.pk}"' in page and f"{series.name} ({body.name})" in page
    west_series = Series.objects.get(body=west, slug=SLUG)
    found = client.get("/search/", {"q": "DCC", "series": str(west_series.pk)})
    text = found.content.decode()
    assert found.status_code == 200 and "There is a problem" not in text
    links = set(re.findall(r'href="(/(?:meetings|actions)/\d+/)', text))

    def urls(**where: Any) -> set[str]:
        meetings = Meeting.objects.filter(**where)
        actions = Action.objects.filter(meeting__in=meetings)
        return {f"/meetings/{m.pk}/" for m in meetings} | {f"/actions/{a.pk}/" for a in actions}

    assert links & urls(series=west_series)
    assert not links & urls(series__body=north)

"""The minute-taking page never loses text: not on a failed save, not on a server restart."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Route, expect

from tests.browser.conftest import CHROMIUM, SECRETS, check_page, login
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
ITEM_PAGE = re.compile(r".*/meetings/\d+/minute/\d+/$")
WAIT = 40_000  # ms: long enough for the save to be retried with back-off


def abort_autosaves(route: Route) -> None:
    """The connection fails for every autosave; pages still load."""
    if route.request.method == "POST" and route.request.headers.get("x-autosave"):
        route.abort("internetdisconnected")
    else:
        route.continue_()


def test_a_failed_save_keeps_the_text_in_the_browser_until_it_is_saved(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.meetings.models import Item
    from watching_brief.tracker.web.accounts import create_account

    # given an officer minuting an item of draft notes, and a connection on which every
    # save fails
    create_account("minuter", PASSWORD, "officer", [])
    item = Item.objects.filter(meeting__date="2026-02-24", number="2.2").get()
    type(item.meeting).objects.filter(pk=item.meeting_id).update(status="draft")
    login(page, site, "minuter", PASSWORD)
    page.goto(f"{site}/meetings/{item.meeting_id}/minute/")
    check_page(page, "minute-meeting")
    page.route(ITEM_PAGE, abort_autosaves)
    page.goto(f"{site}/meetings/{item.meeting_id}/minute/{item.pk}/")
    check_page(page, "minute-item")
    typed = "The DCC said the stalking clinic had seen forty referrals since January."
    # when they type and the save fails
    page.locator("#id_text").fill("")
    page.locator("#id_text").press_sequentially(typed)
    status = page.locator("#minute-status")
    expect(status).to_contain_text("Not saved", timeout=WAIT)
    item.refresh_from_db()
    assert typed not in item.text
    # and they reload the page while saves still fail
    page.reload()
    # then the text is back, with a banner saying so
    expect(page.locator("#id_text")).to_have_value(typed)
    expect(page.locator("#minute-restored")).to_be_visible()
    expect(status).to_contain_text("Not saved", timeout=WAIT)
    check_page(page, "minute-item-restored")
    # and once saves succeed it reaches the database and leaves the browser's storage
    page.unroute(ITEM_PAGE)
    expect(status).to_contain_text("Saved at", timeout=WAIT)
    item.refresh_from_db()
    assert item.text == typed
    left = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('watching-brief:minute:'))"
        ".filter(k => k.endsWith(':text'))"
    )
    assert left == []


def test_an_autosave_conflict_is_shown_and_the_typed_text_kept(page: Any, site: str) -> None:
    from watching_brief.tracker.meetings.minuting import autosave_item
    from watching_brief.tracker.meetings.models import Item
    from watching_brief.tracker.web.accounts import create_account

    # given an officer with an item's page open
    create_account("minuter", PASSWORD, "officer", [])
    item = Item.objects.filter(meeting__date="2026-02-24", number="2.2").get()
    type(item.meeting).objects.filter(pk=item.meeting_id).update(status="draft")
    login(page, site, "minuter", PASSWORD)
    page.goto(f"{site}/meetings/{item.meeting_id}/minute/{item.pk}/")
    # when someone else saves the item, and then they type
    autosave_item(item, {"text": "Saved by another officer in the meantime."})
    typed = "My own account of the stalking discussion."
    page.locator("#id_text").fill("")
    page.locator("#id_text").press_sequentially(typed)
    # then nothing is saved over the other text, both are in view, and theirs is kept
    conflict = page.locator("#autosave-conflict")
    expect(conflict).to_be_visible(timeout=WAIT)
    expect(conflict).to_contain_text("Saved by another officer in the meantime.")
    expect(page.locator("#minute-status")).to_contain_text("Not saved")
    expect(page.locator("#id_text")).to_have_value(typed)
    item.refresh_from_db()
    assert item.text == "Saved by another officer in the meantime."
    check_page(page, "minute-item-conflict")
    # the text is kept in the browser too; the page sends it again once reloaded (let that
    # save finish before the test ends, so that no request is left open on the database)
    with page.expect_response(lambda response: response.request.method == "POST"):
        page.reload()
    expect(page.locator("#id_text")).to_have_value(typed)
    page.goto("about:blank")


def test_the_resolved_due_date_shows_as_it_is_typed(page: Any, site: str) -> None:
    from watching_brief.tracker.meetings.models import Item
    from watching_brief.tracker.web.accounts import create_account

    create_account("minuter2", PASSWORD, "officer", [])
    item = Item.objects.filter(meeting__date="2026-02-24", number="2.2").get()
    login(page, site, "minuter2", PASSWORD)
    page.goto(f"{site}/meetings/{item.meeting_id}/minute/{item.pk}/")
    due = page.locator("#new-action input[name$='-due_text']")
    due.press_sequentially("in 6 months' time")
    resolved = page.locator(f"#{due.get_attribute('id')}-resolved")
    expect(resolved).to_contain_text("24 August 2026", timeout=WAIT)


# A real server that can be stopped and started again -----------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BRIEF_TESTING"}}
    env.update({"BRIEF_DATA_DIR": str(data), "BRIEF_PASSWORD": PASSWORD})
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def brief(env: dict[str, str], *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own CLI with fixed arguments
        [sys.executable, "-m", "watching_brief.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


class Server:
    """`brief serve` on a port of its own, started and stopped by this test."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env, self.port = env, port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [sys.executable, "-m", "watching_brief.cli", "serve"]
        command += ["--port", str(self.port), "--workers", "1"]
        self.process = subprocess.Popen(  # noqa: S603 - our own CLI with fixed arguments
            command, env=self.env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/accounts/login/", timeout=2):  # noqa: S310 - local test server
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError("the server did not start")

    def stop(self) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, 15)
        self.process.wait(timeout=30)
        self.process = None


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    env = server_env(tmp_path / "data")
    brief(env, "ingest", str(EXAMPLES))
    created = brief(env, "createuser", "minuter", "--role", "officer")
    key = re.search(r"key: ([A-Z2-7]+)", created)
    assert key, created
    SECRETS["minuter"] = key.group(1)  # as the officer adds it to their authenticator app
    running = Server(env, free_port())
    running.start()
    yield running
    running.stop()


def stored(data: Path, item: int) -> str:
    with sqlite3.connect(data / "brief.sqlite3") as db:
        return str(db.execute("SELECT text FROM meetings_item WHERE id = ?", (item,)).fetchone()[0])


def stalking_item(data: Path) -> tuple[int, int]:
    """The item being minuted, of notes in draft (published notes are amended instead)."""
    with sqlite3.connect(data / "brief.sqlite3") as db:
        db.execute("UPDATE meetings_meeting SET status = 'draft' WHERE date = '2026-02-24'")
        row = db.execute(
            "SELECT i.meeting_id, i.id FROM meetings_item i JOIN meetings_meeting m"
            " ON m.id = i.meeting_id WHERE m.date = '2026-02-24' AND i.number = '2.2'"
        ).fetchone()
    return int(row[0]), int(row[1])


def test_a_server_restart_loses_no_text(page: Any, server: Server, tmp_path: Path) -> None:
    data = tmp_path / "data"
    meeting, item = stalking_item(data)
    # given an officer minuting an item on a real server
    login(page, server.url, "minuter", PASSWORD)
    page.goto(f"{server.url}/meetings/{meeting}/minute/{item}/")
    text = page.locator("#id_text")
    status = page.locator("#minute-status")
    first = "First part, typed while the server was up."
    text.fill("")
    text.press_sequentially(first)
    expect(status).to_contain_text("Saved at", timeout=WAIT)
    assert stored(data, item) == first
    # when the server stops and they carry on typing
    server.stop()
    second = " Second part, typed while the server was down."
    text.press_sequentially(second)
    expect(status).to_contain_text("Not saved", timeout=WAIT)
    # and the server comes back
    server.start()
    # then the retry saves every word
    expect(status).to_contain_text("Saved at", timeout=WAIT)
    assert stored(data, item) == first + second

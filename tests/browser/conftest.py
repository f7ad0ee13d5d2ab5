"""Browser journeys: Playwright for Python driving Debian's chromium against a live server.

`make test` installs chromium first (`make browser-deps`), so these always run in CI;
they are skipped only on a machine with no chromium at all.
"""

from __future__ import annotations

import base64
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp

from tests.conftest import EXAMPLES, ROOT

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, Django's ORM
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "build" / "screenshots"
AXE = ROOT / "src" / "watching_brief" / "tracker" / "web" / "static" / "vendor" / "axe.min.js"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


@pytest.fixture
def site(live_server: Any, transactional_db: None) -> Iterator[str]:
    """A live server holding the bundled examples, all published."""
    from watching_brief.tracker.ingest.services import ingest_paths

    ingest_paths([EXAMPLES])
    yield live_server.url


def serious_violations(page: Any) -> list[str]:
    """The serious and critical axe-core violations of the page as it stands."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def check_page(page: Any, name: str) -> None:
    """Save a screenshot and fail on any serious or critical axe-core violation."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    bad = serious_violations(page)
    assert not bad, f"{name}: " + "; ".join(bad)


SECRETS: dict[str, str] = {}  # user name → authenticator key, as set up in a journey
_LAST_STEP: dict[str, int] = {}


def authenticator_code(secret: str) -> str:
    """The code an authenticator app shows for ``secret`` (base32) now; never the same
    30-second code twice, since a device refuses a code it has accepted."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    step = int(time.time()) // 30
    if _LAST_STEP.get(secret) == step:
        time.sleep(30 - time.time() % 30 + 0.5)
    _LAST_STEP[secret] = int(time.time()) // 30
    return f"{totp(key):06d}"


def login(page: Any, base: str, username: str, password: str, secret: str = "") -> None:
    """Sign in as a person would: the password, then (officers and admins) a code from
    the authenticator app, set up from the key shown on the set-up page the first time."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if "/accounts/two-factor/" not in page.url:
        return
    if "/verify/" not in page.url:
        SECRETS[username] = page.locator("#secret").inner_text().strip()
    code = authenticator_code(secret or SECRETS[username])
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert "/accounts/two-factor/" not in page.url, f"{username}: the code was refused"


def read_for_review(page: Any, base: str, notes: Path) -> str:
    """Upload ``notes`` on the import page as an officer would; the review page's path."""
    page.goto(f"{base}/import/")
    page.get_by_label("Upload the meeting notes").set_input_files(str(notes))
    page.get_by_role("button", name="Read the notes").click()
    page.wait_for_url("**/import/*/")
    return str(page.url).removeprefix(base)


@pytest.fixture
def screenshots() -> Path:
    return SCREENSHOTS

"""Every page of the site, crawled in a phone-sized browser (375 px wide) by a member of the
public and by an officer: no page scrolls sideways, axe-core finds nothing serious, and the
Nu HTML Checker (vnu-jar from npm, run with Java) finds no error in the HTML served.

Each path is measured with up to three of its queries (the source page is linked highlighted
a hundred ways: the same page each time); axe-core and the checker see each path once.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import deque
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import login, read_for_review, serious_violations
from tests.conftest import EXAMPLES, ROOT

WIDTH = 375
QUERIES = 3  # URLs measured per path
HREFS = "links => links.map(a => a.getAttribute('href'))"
# The elements that stick out past the right edge, for the failure message.
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className}`).slice(-3)"""
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")
# Not pages: files, feeds, the API, the admin, and signing out.
NOT_PAGES = re.compile(
    r"^/(?:admin|api|feeds|static|accounts/logout)/|/export/|/file/$"
    r"|\.(?:pdf|docx|ics|atom|csv|xlsx|json|css|js|png|ico|svg)$"
)
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database


class Crawl:
    """What a crawl found: the widest pages, the axe-core findings, the HTML of each path."""

    def __init__(self) -> None:
        self.widths: dict[str, int] = {}
        self.wide: dict[str, list[str]] = {}
        self.axe: dict[str, list[str]] = {}
        self.html: dict[str, str] = {}

    def problems(self) -> list[str]:
        wide = [f"{url} is {self.widths[url]} px wide: {found}" for url, found in self.wide.items()]
        axe = [f"{url}: {finding}" for url, found in self.axe.items() for finding in found]
        return wide + axe

    def measure(self, page: Any, url: str) -> None:
        self.widths[url] = page.evaluate("document.documentElement.scrollWidth")
        if self.widths[url] > WIDTH:
            self.wide[url] = page.evaluate(WIDE)


def crawl(page: Any, base: str, start: list[str], found: Crawl) -> None:
    """Visit every internal page reachable from ``start``, measuring each."""
    queue = deque(start)
    visits: dict[str, int] = {}
    while queue:
        url = queue.popleft()
        path = url.split("?")[0]
        if url in found.widths or NOT_PAGES.search(path) or visits.get(path, 0) >= QUERIES:
            continue
        visits[path] = visits.get(path, 0) + 1
        response = page.goto(f"{base}{url}")
        assert response is not None, url
        if "text/html" not in response.headers.get("content-type", ""):
            found.widths[url] = 0
            continue
        assert response.ok, f"{url}: {response.status}"
        found.measure(page, url)
        if path not in found.html:
            found.html[path] = response.text()
            found.axe[path] = serious_violations(page)
        hrefs = page.eval_on_selector_all("a[href^='/']", HREFS)
        queue.extend(href.split("#")[0] for href in hrefs)


def measure_error_page(page: Any, base: str, url: str, status: int, found: Crawl) -> None:
    response = page.goto(f"{base}{url}")
    assert response is not None and response.status == status, url
    found.measure(page, url)
    found.html[url] = response.text()
    found.axe[url] = serious_violations(page)


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu HTML Checker's errors on ``pages`` (path → HTML), checked in one run."""
    names: dict[str, str] = {}
    for number, (path, html) in enumerate(sorted(pages.items())):
        file = folder / f"page-{number:03d}.html"
        file.write_text(html, encoding="utf-8")
        names[str(file)] = path
    assert JAVA is not None
    run = subprocess.run(  # noqa: S603 - fixed arguments: java, the vendored jar, our files
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, names)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(run.stderr or run.stdout)["messages"]
    return [
        f"{names[m['url'].removeprefix('file:')]} line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": WIDTH, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.slow
@pytest.mark.skipif(JAVA is None or not VNU.exists(), reason="no java, or vnu-jar not installed")
def test_no_page_scrolls_sideways_at_375px_and_axe_and_the_html_checker_find_nothing(
    phone: Any, site: str, tmp_path: Path
) -> None:
    from watching_brief.tracker.web.accounts import create_account

    # given the examples, a member of the public and an officer with an import to review
    found = Crawl()
    # when the public's pages are crawled at 375 px
    crawl(phone, site, ["/", "/search/?q=police", "/topics/"], found)
    public = len(found.widths)
    measure_error_page(phone, site, "/no-such-page/", 404, found)
    # and then an officer's, with a document waiting for review and the error pages
    create_account("officer9", PASSWORD, "officer", [])
    login(phone, site, "officer9", PASSWORD)
    review = read_for_review(phone, site, EXAMPLES / "northshire-assurance-2026-03.txt")
    crawl(phone, site, ["/", review, "/programme/", "/search/?q=police"], found)
    measure_error_page(phone, site, "/meetings/999999/", 404, found)
    # then no page is wider than the screen, axe-core finds nothing serious or critical on
    # any, and the HTML the server sent has no error in the Nu HTML Checker
    assert public > 40 and len(found.widths) > public + 10, (public, len(found.widths))
    problems = found.problems() + vnu_errors(found.html, tmp_path)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_service_navigation_folds_into_a_menu_button_on_a_phone(phone: Any, site: str) -> None:
    # given a phone-sized screen
    phone.goto(f"{site}/actions/")
    toggle = phone.get_by_role("button", name="Menu")
    links = phone.locator("#navigation")
    # then the navigation is folded behind the Menu button, which govuk-frontend's script shows
    assert toggle.is_visible() and not links.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    # when it is pressed, the links show, the current section marked
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and links.is_visible()
    current = links.locator("[aria-current]")
    assert current.inner_text() == "Action log" and current.get_attribute("aria-current") == "page"

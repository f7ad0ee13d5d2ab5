"""Issue #7 in a real browser: an officer plans, minutes, approves and publishes a meeting
of a bundled series, and the public then reads it with the restricted item withheld.

Each new page type is photographed and checked with axe-core (``check_page``).
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from typing import Any

import pypdfium2 as pdfium
import pytest

from tests.browser.conftest import CHROMIUM, check_page, login
from tests.conftest import SEEDS

PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account on a throwaway database
SERIES = "Monthly Assurance Meeting"
MARKER = "MARKER-MARKER-OPERATION-4e1b"
REASON = "Section 31 FOI exemption: law enforcement"
PUBLIC_LINE = "This item discussed an ongoing operation."
THEME = "Road safety and the fatal four"
QUESTIONS = (
    "How many people were killed or seriously injured on Northshire roads in 2026?",
    "What enforcement is planned for the A-road corridor this winter?",
)
ANSWER = "The ACC said 212 people had been killed or seriously injured, down 6%."
RESPONSE = "The force's written response: casualty figures and the winter enforcement plan."
SIX_MONTHS = "The ACC to report the speed camera review to the PCC."
NEXT_MEETING = "The ACC to share the winter enforcement plan with the SPM."
KNOWN_OPEN = "domestic abuse arrest rate"  # an open action of the February 2026 example

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")


def fourth_tuesday(year: int, month: int) -> dt.date:
    """The fourth Tuesday of a month."""
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7 + 21)


def next_fourth_tuesday(after: dt.date, inclusive: bool) -> dt.date:
    """The first fourth Tuesday of a month on (or strictly after) ``after``."""
    year, month = after.year, after.month
    while True:
        candidate = fourth_tuesday(year, month)
        if candidate > after or (inclusive and candidate == after):
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` moved on by whole months, the day kept where the month allows."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return date.replace(
        year=year, month=month, day=min(date.day, month_calendar.monthrange(year, month)[1])
    )


def long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def fill_date(page: Any, field: str, date: dt.date) -> None:
    """Type a date into the three boxes of a GOV.UK date input."""
    page.locator(f"#id_{field}_0").fill(str(date.day))
    page.locator(f"#id_{field}_1").fill(str(date.month))
    page.locator(f"#id_{field}_2").fill(str(date.year))


def form_date(page: Any, field: str) -> dt.date:
    """The date shown in a GOV.UK date input."""
    day, month, year = (int(page.locator(f"#id_{field}_{n}").input_value()) for n in range(3))
    return dt.date(year, month, day)


def choose_owner(page: Any, select: str, abbrev: str) -> None:
    """Pick the post ``abbrev`` among those present ("ACC – Priya Castell")."""
    labels = page.locator(f"{select} option").all_inner_texts()
    label = next(text for text in labels if text.startswith(f"{abbrev} "))
    page.locator(select).select_option(label=label)


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def squash(text: str) -> str:
    return " ".join(text.split())


def press(page: Any, button: str) -> None:
    """Press a form's button and wait for the page the server answers with."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def plan_from_programme(page: Any, date: dt.date) -> dt.date:
    """From the series' programme open the plan page for ``date``; the date it shows."""
    page.get_by_role("link", name=f"Plan this meeting on {long_date(date)}").click()
    page.wait_for_url("**/plan/**")
    return form_date(page, "date")


def test_officer_runs_a_meeting_and_the_public_reads_the_published_notes(
    page: Any, site: str
) -> None:
    from watching_brief.tracker.actions.models import Action
    from watching_brief.tracker.meetings.models import Meeting, Series
    from watching_brief.tracker.web.accounts import create_account

    create_account("officer7", PASSWORD, "officer", [])
    series = Series.objects.get(name=SERIES)
    latest = series.meetings.order_by("-date").first()
    assert latest is not None
    login(page, site, "officer7", PASSWORD)

    # the work programme, from the navigation
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Work programme").click()
    page.wait_for_url("**/programme/")
    check_page(page, "run-programme-index")
    row = page.locator("#series-table tr", has_text=series.body.name).filter(has_text=SERIES)
    assert "No calendar set" in row.inner_text()
    row.get_by_role("link", name=re.compile(SERIES)).click()
    page.wait_for_url(f"**/series/{series.pk}/programme/")
    check_page(page, "run-series-programme-no-calendar")

    # set the calendar: the examples all fall on the fourth Tuesday (24 March 2026 is not
    # the last Tuesday of March), which is what the form suggests
    page.get_by_role("link", name="Set the calendar").click()
    page.wait_for_url("**/schedule/")
    assert page.locator("#guessed").count() == 1
    check_page(page, "run-schedule-form")
    selected = "option:checked"
    assert page.locator(f"#id_interval_months {selected}").inner_text() == "Every month"
    assert page.locator(f"#id_week {selected}").inner_text() == "Fourth"
    assert page.locator(f"#id_weekday {selected}").inner_text() == "Tuesday"
    assert form_date(page, "starts_on") == dt.date(2026, 1, 27)
    page.get_by_role("button", name="Save the calendar").click()
    page.wait_for_url(f"**/series/{series.pk}/programme/")
    assert "Fourth Tuesday of every month" in page.locator("#calendar-summary").inner_text()
    check_page(page, "run-series-programme")

    # a theme for the next meeting the calendar gives
    today = dt.date.today()
    planned = next_fourth_tuesday(max(today, latest.date), inclusive=today > latest.date)
    following = next_fourth_tuesday(planned, inclusive=False)
    page.get_by_role("link", name=f"Add a theme for {long_date(planned)}").click()
    page.wait_for_url("**/themes/add/**")
    assert form_date(page, "date") == planned
    check_page(page, "run-theme-form")
    page.get_by_label("Theme", exact=True).fill(THEME)
    page.get_by_role("button", name="Add the theme").click()
    page.wait_for_url(f"**/series/{series.pk}/programme/")
    assert THEME in page.locator(f"tr[data-date='{planned:%Y-%m-%d}']").inner_text()

    # plan it: the preview lists the open actions of the series as matters arising
    assert plan_from_programme(page, planned) == planned
    preview = page.locator("#agenda-preview")
    assert KNOWN_OPEN in preview.inner_text()
    assert THEME in preview.inner_text()
    assert f"The next meeting will be held on {following:%A} {long_date(following)}" in (
        squash(preview.inner_text())
    )
    check_page(page, "run-plan-meeting")
    page.get_by_role("button", name="Plan the meeting").click()
    page.wait_for_url("**/meetings/*/")
    meeting = Meeting.objects.get(series=series, date=planned)
    assert meeting.status == "draft"
    assert meeting.next_meeting_date == following
    matters = page.locator("section.app-item", has_text="Matters arising")
    assert KNOWN_OPEN in matters.inner_text()
    for action in Action.objects.filter(meeting__series=series, status__in=("open", "in_progress")):
        assert action.text in matters.inner_text()
    check_page(page, "run-planned-meeting")

    # a question set for the theme item, then its written response
    theme_item = meeting.items.get(kind="theme")
    secret_item = meeting.items.get(kind="inspection")
    page.get_by_role("link", name="Question sets").click()
    page.wait_for_url("**/question-sets/")
    check_page(page, "run-question-sets-empty")
    page.get_by_label("Theme", exact=True).fill(THEME)
    page.get_by_label("Agenda item (optional)").select_option(value=str(theme_item.pk))
    page.get_by_label("Questions", exact=True).fill("\n".join(QUESTIONS))
    fill_date(page, "sent_on", planned - dt.timedelta(days=21))
    fill_date(page, "response_due", planned - dt.timedelta(days=7))
    page.get_by_role("button", name="Add question set").click()
    page.wait_for_url("**/question-sets/*/")
    check_page(page, "run-question-set-detail")
    fill_date(page, "response_received", planned - dt.timedelta(days=8))
    page.get_by_label("Written response", exact=True).fill(RESPONSE)
    press(page, "Save")
    assert page.get_by_label("Written response", exact=True).input_value() == RESPONSE
    page.get_by_role("link", name="All question sets for this meeting").click()
    listed = page.locator("#question-sets").inner_text()
    assert THEME in listed
    assert f"Received {long_date(planned - dt.timedelta(days=8))}" in listed
    check_page(page, "run-question-sets")

    # minute the theme item: text, an answer, two actions, Partly assured
    page.goto(f"{site}/meetings/{meeting.pk}/minute/")
    check_page(page, "run-minute-index")
    page.locator("#minute-items").get_by_role("link", name=re.compile(THEME)).click()
    page.wait_for_url(f"**/minute/{theme_item.pk}/")
    assert page.get_by_text(QUESTIONS[0]).count() == 1
    page.get_by_label("Minutes", exact=True).fill(
        "The ACC presented the force's road safety plan and the casualty figures."
    )
    page.get_by_label("Answer to question 1").fill(ANSWER)
    page.locator("#id_actions-0-text").fill(SIX_MONTHS)
    choose_owner(page, "#id_actions-0-owner", "ACC")
    page.locator("#id_actions-0-due_text").fill("in 6 months' time")
    six_months = add_months(planned, 6)
    resolved = page.locator("#id_actions-0-due_text-resolved")
    resolved.filter(has_text=long_date(six_months)).wait_for()  # shown as it is typed
    check_page(page, "run-minute-item")
    press(page, "Check due dates")
    assert (
        page.locator("#govuk-notification-banner-title-checked").inner_text() == "Due dates checked"
    )
    assert f"Resolves to: {long_date(six_months)}" in resolved.inner_text()
    check_page(page, "run-minute-item-checked")
    page.get_by_role("button", name="Add another action").click()
    page.wait_for_url(f"**/minute/{theme_item.pk}/#new-action")
    page.locator("#id_actions-1-text").fill(NEXT_MEETING)
    choose_owner(page, "#id_actions-1-owner", "ACC")
    page.locator("#id_actions-1-due_text").fill("by the next meeting")
    page.locator("#id_actions-1-due_text-resolved").filter(has_text=long_date(following)).wait_for()
    page.get_by_label("Partly assured").check()
    press(page, "Save")
    theme_item.refresh_from_db()
    assert theme_item.assurance == "partly"
    dues = dict(theme_item.actions.values_list("text", "due"))
    assert dues == {SIX_MONTHS: six_months, NEXT_MEETING: following}

    # minute the second item, restricted with its reason and public line
    page.goto(f"{site}/meetings/{meeting.pk}/minute/{secret_item.pk}/")
    page.get_by_label("Minutes", exact=True).fill(f"{MARKER}: the ACC briefed the meeting.")
    page.get_by_label("Restricted: not shown to the public").check()
    page.get_by_label("Reason for restricting").fill(REASON)
    page.get_by_label("What the public sees instead").fill(PUBLIC_LINE)
    press(page, "Save")
    secret_item.refresh_from_db()
    assert secret_item.restricted and secret_item.public_summary == PUBLIC_LINE

    # approve, then publish
    page.goto(f"{site}/meetings/{meeting.pk}/")
    press(page, "Approve the notes")
    assert "Approved" in page.locator("#publication-status").inner_text()
    page.get_by_label("Note for the version history (optional)").fill("Approved by the PCC.")
    press(page, "Publish the notes")
    # the meeting was planned ahead of today: publishing its notes asks first
    assert page.locator("#future-warning").count() == 1
    press(page, "Publish the notes anyway")
    assert "Published" in page.locator("#publication-status").inner_text()
    page.get_by_role("link", name="Version history of the published notes").click()
    page.wait_for_url("**/versions/")
    assert "Approved by the PCC." in page.locator("#version-1").inner_text()
    check_page(page, "run-versions")
    press(page, "Sign out officer7")

    # the public: the published notes, the restricted item withheld
    page.goto(f"{site}/meetings/")
    page.get_by_role("link", name=meeting.title).click()
    page.wait_for_url(f"**/meetings/{meeting.pk}/")
    content = page.content()
    assert MARKER not in content and REASON not in content
    assert PUBLIC_LINE in page.locator(f"#item-{secret_item.pk}").inner_text()
    assert "Inspection matters" not in page.locator(f"#item-{secret_item.pk}").inner_text()
    themed = page.locator(f"#item-{theme_item.pk}").inner_text()
    assert "Partly assured" in themed and ANSWER in themed
    check_page(page, "run-public-meeting")
    link = page.get_by_role("link", name="Notes as PDF")
    download = page.request.get(f"{site}{link.get_attribute('href')}")
    assert download.ok and download.headers["content-type"] == "application/pdf"
    text = squash(pdf_text(download.body()))
    assert MARKER not in text and PUBLIC_LINE in text

    # the following meeting: the action due by the next meeting is a matter arising
    login(page, site, "officer7", PASSWORD)
    page.goto(f"{site}/series/{series.pk}/programme/")
    assert plan_from_programme(page, following) == following
    assert NEXT_MEETING in page.locator("#agenda-preview").inner_text()
    page.get_by_role("button", name="Plan the meeting").click()
    page.wait_for_url("**/meetings/*/")
    matters = page.locator("section.app-item", has_text="Matters arising")
    assert NEXT_MEETING in matters.inner_text()
    assert SIX_MONTHS in matters.inner_text()

    # and the archive of earlier notes imported as a batch, with its progress page
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Import").click()
    page.wait_for_url("**/import/")
    page.get_by_label("Upload several files of notes").set_input_files(
        [str(path) for path in sorted(SEEDS.glob("*.txt"))]
    )
    page.get_by_role("button", name="Import the files").click()
    page.wait_for_url(re.compile(r"/import/batches?/"))
    assert page.locator("#batch-files tbody tr").count() == len(list(SEEDS.glob("*.txt")))
    check_page(page, "run-import-batch")

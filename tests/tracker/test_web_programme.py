"""The work programme pages: who may see them, the programme table, the calendar and
change forms, adding themes and planning a meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.tracker.conftest import WEST_MERCIA
from watching_brief.tracker.actions.models import Action, Revisit
from watching_brief.tracker.meetings.models import CarriedForward, Meeting, Series, Topic
from watching_brief.tracker.programme.models import PlannedTheme, Schedule, ScheduleChange
from watching_brief.tracker.web.accounts import create_account

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-2026"  # noqa: S105 - a test account's password
D = dt.date


@pytest.fixture
def series(ingested: list) -> Series:
    return Series.objects.get(name="Monthly Assurance Meeting", body__name__icontains="Northshire")


@pytest.fixture
def officer_client(series: Series) -> Client:
    create_account("olivia", PASSWORD, "officer", [])
    client = Client()
    assert client.login(username="olivia", password=PASSWORD)
    return client


@pytest.fixture
def schedule(series: Series) -> Schedule:
    """Fourth Tuesday of every month, 10:00 to 12:00."""
    return Schedule.objects.create(
        series=series,
        week=4,
        weekday=1,
        starts_on=D(2026, 1, 1),
        start_time=dt.time(10),
        end_time=dt.time(12),
        venue="PCC Conference Room",
        chair="Helen Marsh",
        minute_taker="Daniel Okafor",
    )


def soup_of(response: Any) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def urls(series: Series) -> list[str]:
    return [reverse("web:programme_index")] + [
        reverse(f"web:{name}", args=[series.pk])
        for name in (
            "series_programme",
            "series_schedule",
            "schedule_change",
            "planned_theme_add",
            "plan_meeting",
        )
    ]


def date_data(name: str, date: dt.date | tuple[str, str, str]) -> dict[str, str]:
    day, month, year = (
        (str(date.day), str(date.month), str(date.year)) if isinstance(date, dt.date) else date
    )
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def summary(soup: BeautifulSoup) -> list[str]:
    box = soup.select_one(".govuk-error-summary")
    assert box is not None, "no error summary"
    return [a.get_text(strip=True) for a in box.select("a")]


def values(soup: BeautifulSoup, form: str) -> dict[str, str]:
    found = {}
    for field in soup.select(f"#{form} input"):
        if field.get("type") == "radio":
            if field.has_attr("checked"):
                found[field["name"]] = field["value"]
        elif field.get("name"):
            found[field["name"]] = field.get("value", "")
    return found


# Who may see the pages


def test_the_public_is_sent_to_sign_in(series: Series) -> None:
    client = Client()
    for url in urls(series):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]
    response = client.post(reverse("web:plan_meeting", args=[series.pk]), {})
    assert response.status_code == 302
    assert Meeting.objects.filter(status="draft").count() == 0


def test_a_force_contributor_is_refused(series: Series) -> None:
    create_account("force-dcc", PASSWORD, "contributor", ["DCC"], body=WEST_MERCIA)
    client = Client()
    assert client.login(username="force-dcc", password=PASSWORD)
    for url in urls(series):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("web:plan_meeting", args=[series.pk]), {})
    assert response.status_code == 403


# The programme


def test_index_lists_every_series_with_its_next_date(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    soup = soup_of(officer_client.get(reverse("web:programme_index")))
    links = {a["href"] for a in soup.select("#series-table a")}
    for each in Series.objects.all():
        assert reverse("web:series_programme", args=[each.pk]) in links
    row = next(
        tr
        for tr in soup.select("#series-table tbody tr")
        if tr.a["href"] == reverse("web:series_programme", args=[series.pk])
    )
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[2].startswith("Fourth Tuesday")
    assert "None scheduled" not in cells[3]
    assert "No calendar set" in soup.get_text()  # the other series have none


def test_series_programme_rows_links_and_warnings(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    today = dt.date.today()
    PlannedTheme.objects.create(series=series, date=D(2040, 1, 1), title="Too far")
    response = officer_client.get(reverse("web:series_programme", args=[series.pk]))
    soup = soup_of(response)
    rows = soup.select("#programme-table tbody tr")
    assert len(rows) == 12
    first = rows[0]
    assert D.fromisoformat(first["data-date"]) >= today
    plan = next(a for a in first.select("a") if "Plan this meeting" in a.get_text())
    assert plan["href"].endswith(f"?date={first['data-date']}")
    warning = soup.select_one("#programme-warnings .govuk-warning-text")
    assert warning is not None and "Too far" in warning.get_text()


def test_coming_meetings_on_bank_holidays_are_marked_and_warned(
    officer_client: Client, series: Series
) -> None:
    # given a calendar on the last Monday of every month (12 rows: each month once)
    Schedule.objects.create(series=series, week=-1, weekday=0, starts_on=D(2026, 1, 1))
    # when the programme is shown
    soup = soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk])))
    rows = soup.select("#programme-table tbody tr")
    tagged = [D.fromisoformat(row["data-date"]) for row in rows if "Bank holiday" in row.get_text()]
    # then the Spring bank holiday (both) and the Late Summer one (England) are marked,
    # with Easter Monday or a Christmas substitute when they fall on a last Monday; never
    # June's, July's, September's or October's last Monday
    assert {5, 8} <= {day.month for day in tagged}
    assert not {6, 7, 9, 10} & {day.month for day in tagged}
    warning = soup.select_one("#holiday-warnings .govuk-warning-text")
    assert warning is not None
    text = " ".join(warning.get_text().split())
    assert all(f"{day.day} {day:%B %Y} is " in text for day in tagged)
    may = next(day for day in tagged if day.month == 5)
    assert f"{may.day} May {may.year} is Spring Bank Holiday" in text
    assert "a bank holiday in England and Wales and in Scotland" in text


def test_planning_on_a_bank_holiday_warns(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    url = reverse("web:plan_meeting", args=[series.pk])
    holiday = soup_of(officer_client.get(url, {"date": "2026-08-31"}))
    warning = holiday.select_one("#holiday-warnings")
    assert warning is not None and "Late Summer Bank Holiday" in warning.get_text()
    assert (
        soup_of(officer_client.get(url, {"date": "2026-04-28"})).select_one("#holiday-warnings")
        is None
    )
    moved = {
        **date_data("original_date", D(2026, 8, 25)),
        "change": "move",
        **date_data("new_date", D(2026, 8, 31)),
    }
    change = reverse("web:schedule_change", args=[series.pk])
    page = officer_client.post(change, moved, follow=True)
    assert "Monday 31 August 2026 is Late Summer Bank Holiday" in page.content.decode()


def test_series_without_a_calendar_warns_about_its_revisit(
    officer_client: Client, series: Series
) -> None:
    revisit = Revisit.objects.get(series=series)
    soup = soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk])))
    assert soup.select_one("#no-dates") is not None
    warning = soup.select_one("#programme-warnings").get_text(" ", strip=True)
    assert f"No meeting is scheduled on or after {revisit.due.day} September 2026" in warning
    assert revisit.subject in warning


def test_a_planned_meeting_is_linked_from_its_row(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    response = officer_client.get(reverse("web:series_programme", args=[series.pk]))
    date = soup_of(response).select("#programme-table tbody tr")[0]["data-date"]
    meeting = Meeting.objects.create(
        series=series, title="Planned", date=D.fromisoformat(date), status="draft"
    )
    soup = soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk])))
    row = soup.select_one(f'#programme-table tr[data-date="{date}"]')
    assert row.find("a", href=reverse("web:meeting_detail", args=[meeting.pk])) is not None
    assert "Plan this meeting" not in row.get_text()


# The calendar and its changes


def test_set_the_calendar_suggests_from_recent_meetings(
    officer_client: Client, series: Series
) -> None:
    url = reverse("web:series_schedule", args=[series.pk])
    soup = soup_of(officer_client.get(url))
    assert soup.select_one("#guessed") is not None
    assert soup.select_one("#id_weekday option[selected]")["value"] == "1"
    data = {
        "interval_months": "1", "week": "-1", "weekday": "1",
        **date_data("starts_on", D(2026, 1, 27)),
        "start_time": "10:00", "end_time": "12:00", "venue": "Room 2",
        "chair": "Helen Marsh", "minute_taker": "Daniel Okafor",
    }  # fmt: skip
    response = officer_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:series_programme", args=[series.pk])
    schedule = Schedule.objects.get(series=series)
    assert (schedule.week, schedule.weekday, schedule.starts_on) == (-1, 1, D(2026, 1, 27))
    assert schedule.start_time == dt.time(10) and schedule.venue == "Room 2"


def test_calendar_errors_keep_what_was_typed(officer_client: Client, series: Series) -> None:
    url = reverse("web:series_schedule", args=[series.pk])
    data = {
        "interval_months": "1", "week": "4", "weekday": "1",
        **date_data("starts_on", ("31", "2", "2026")),
        "start_time": "14:00", "end_time": "9am", "venue": "Typed venue",
    }  # fmt: skip
    response = officer_client.post(url, data)
    assert response.status_code == 400
    soup = soup_of(response)
    messages = summary(soup)
    assert "First date of the calendar must be a real date" in messages
    assert any("End time must be a time" in m for m in messages)
    typed = values(soup, "schedule-form")
    assert (typed["starts_on_day"], typed["starts_on_month"]) == ("31", "2")
    assert (typed["end_time"], typed["venue"]) == ("9am", "Typed venue")
    assert soup.select_one("#id_end_time-error") is not None
    assert not Schedule.objects.filter(series=series).exists()


def test_move_and_cancel_a_date(officer_client: Client, series: Series, schedule: Schedule) -> None:
    url = reverse("web:schedule_change", args=[series.pk])
    response = officer_client.post(
        url, {**date_data("original_date", D(2026, 8, 25)), "change": "cancel", "note": "Recess"}
    )
    assert response.status_code == 302
    moved = {
        **date_data("original_date", D(2026, 9, 22)),
        "change": "move",
        **date_data("new_date", D(2026, 9, 29)),
    }
    assert officer_client.post(url, moved).status_code == 302
    changes = {(c.original_date, c.new_date, c.note) for c in ScheduleChange.objects.all()}
    assert changes == {(D(2026, 8, 25), None, "Recess"), (D(2026, 9, 22), D(2026, 9, 29), "")}


def test_change_errors(officer_client: Client, series: Series, schedule: Schedule) -> None:
    url = reverse("web:schedule_change", args=[series.pk])
    response = officer_client.post(
        url, {**date_data("original_date", D(2026, 8, 26)), "change": "move"}
    )
    assert response.status_code == 400
    soup = soup_of(response)
    assert summary(soup) == [
        "26 August 2026 is not a date in this calendar",
        "Enter the new date of the meeting",
    ]
    assert values(soup, "change-form")["original_date_day"] == "26"
    assert values(soup, "change-form")["change"] == "move"
    assert not ScheduleChange.objects.exists()


def test_change_without_a_calendar_goes_to_the_calendar(
    officer_client: Client, series: Series
) -> None:
    response = officer_client.get(reverse("web:schedule_change", args=[series.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:series_schedule", args=[series.pk])


# Themes


def test_add_a_theme(officer_client: Client, series: Series, schedule: Schedule) -> None:
    url = reverse("web:planned_theme_add", args=[series.pk])
    date = soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk]))).select(
        "#programme-table tbody tr"
    )[1]["data-date"]
    soup = soup_of(officer_client.get(url, {"date": date}))
    assert values(soup, "theme-form")["date_day"] == str(D.fromisoformat(date).day)
    data = {**date_data("date", D.fromisoformat(date)), "title": "Roads policing", "notes": ""}
    assert officer_client.post(url, data).status_code == 302
    theme = PlannedTheme.objects.get(series=series)
    assert (theme.date, theme.title) == (D.fromisoformat(date), "Roads policing")
    page = soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk])))
    assert "Roads policing" in page.select_one(f'tr[data-date="{date}"]').get_text()


def test_a_theme_gets_an_existing_topic_or_a_new_one(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    url = reverse("web:planned_theme_add", args=[series.pk])
    existing = Topic.objects.create(name="Public contact", slug="public-contact")
    options = soup_of(officer_client.get(url)).select("#id_topic option")
    assert [option.get_text() for option in options] == ["No topic", "Public contact"]
    date = D.fromisoformat(
        soup_of(officer_client.get(reverse("web:series_programme", args=[series.pk]))).select(
            "#programme-table tbody tr"
        )[1]["data-date"]
    )
    data = {**date_data("date", date), "title": "Crisis care", "new_topic": "  Mental   health "}
    assert officer_client.post(url, data).status_code == 302
    theme = PlannedTheme.objects.get(title="Crisis care")
    assert theme.topic is not None and (theme.topic.name, theme.topic.slug) == (
        "Mental health",
        "mental-health",
    )
    again = {**data, "title": "Crisis care again", "new_topic": "mental health"}
    assert officer_client.post(url, again).status_code == 302
    assert PlannedTheme.objects.get(title="Crisis care again").topic == theme.topic
    both = {**data, "title": "Both", "topic": str(existing.pk)}
    response = officer_client.post(url, both)
    assert response.status_code == 400
    assert summary(soup_of(response)) == [
        "Choose a topic from the list or name a new one, not both"
    ]
    assert values(soup_of(response), "theme-form")["new_topic"].strip() == "Mental   health"
    assert Topic.objects.count() == 2


def test_a_theme_needs_a_meeting_date(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    url = reverse("web:planned_theme_add", args=[series.pk])
    data = {**date_data("date", D(2099, 1, 2)), "title": "Typed theme"}
    response = officer_client.post(url, data)
    assert response.status_code == 400
    soup = soup_of(response)
    assert summary(soup) == ["No meeting of this series is due on 2 January 2099"]
    assert values(soup, "theme-form")["title"] == "Typed theme"
    assert not PlannedTheme.objects.exists()


# Planning a meeting


def test_plan_page_is_prefilled(officer_client: Client, series: Series, schedule: Schedule) -> None:
    url = reverse("web:plan_meeting", args=[series.pk])
    soup = soup_of(officer_client.get(url, {"date": "2026-04-28"}))
    typed = values(soup, "plan-form")
    assert (typed["date_day"], typed["date_month"], typed["date_year"]) == ("28", "4", "2026")
    assert (typed["start_time"], typed["end_time"]) == ("10:00", "12:00")
    assert typed["venue"] == "PCC Conference Room"
    table = soup.select_one("#attendance-table")
    posts = [th.get_text(" ", strip=True) for th in table.select("tbody th")]
    assert any(text.startswith("T/DCC") for text in posts)
    assert all(value == "present" for name, value in typed.items() if name.startswith("post_"))
    dcc = next(tr for tr in table.select("tbody tr") if "T/DCC" in tr.th.get_text())
    legend = dcc.select_one("legend").get_text()
    assert "T/DCC" in legend
    preview = soup.select_one("#agenda-preview")
    titles = [li.strong.get_text() for li in preview.find_all("li", recursive=False)]
    assert titles[0] == "Matters arising"
    assert titles[-3:] == ["Inspection matters", "Any other business", "Date of next meeting"]
    listed = {a.get_text(strip=True) for a in preview.select("table a[href*='/actions/']")}
    open_refs = set(
        Action.objects.filter(
            meeting__series=series, status__in=["open", "in_progress"]
        ).values_list("reference", flat=True)
    )
    assert listed == open_refs


def test_plan_page_defaults_to_the_next_open_date(officer_client: Client, series: Series) -> None:
    """With no calendar the default is the next meeting date the latest notes give."""
    latest = series.meetings.order_by("-date").first()
    assert latest is not None and latest.next_meeting_date
    soup = soup_of(officer_client.get(reverse("web:plan_meeting", args=[series.pk])))
    typed = values(soup, "plan-form")
    expected = latest.next_meeting_date
    assert (typed["date_day"], typed["date_month"]) == (str(expected.day), str(expected.month))
    assert typed["chair"] == latest.chair


def test_plan_a_meeting(officer_client: Client, series: Series, schedule: Schedule) -> None:
    url = reverse("web:plan_meeting", args=[series.pk])
    soup = soup_of(officer_client.get(url, {"date": "2026-04-28"}))
    data = values(soup, "plan-form")
    data["csrfmiddlewaretoken"] = ""
    absent = next(name for name in data if name.startswith("post_"))
    data[absent] = "none"
    response = officer_client.post(url, data)
    assert response.status_code == 302
    meeting = Meeting.objects.get(series=series, date=D(2026, 4, 28))
    assert response["Location"] == reverse("web:meeting_detail", args=[meeting.pk])
    assert meeting.status == "draft" and meeting.start_time == dt.time(10)
    assert not meeting.attendance.filter(post_id=int(absent.removeprefix("post_"))).exists()
    assert CarriedForward.objects.filter(meeting=meeting).count() > 0
    page = soup_of(officer_client.get(response["Location"]))
    box = page.select_one("#meeting-programme")
    assert box is not None and "planned from the forward work programme" in box.get_text()
    assert box.find("a", href=reverse("web:series_programme", args=[series.pk])) is not None


def test_plan_errors_keep_what_was_typed(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    url = reverse("web:plan_meeting", args=[series.pk])
    soup = soup_of(officer_client.get(url, {"date": "2026-04-28"}))
    data = values(soup, "plan-form")
    absent = next(name for name in data if name.startswith("post_"))
    data.update({"date_day": "31", "date_month": "4", "venue": "Typed venue", absent: "virtual"})
    response = officer_client.post(url, data)
    assert response.status_code == 400
    soup = soup_of(response)
    assert summary(soup) == ["Date of the meeting must be a real date"]
    typed = values(soup, "plan-form")
    assert (typed["date_day"], typed["venue"], typed[absent]) == ("31", "Typed venue", "virtual")
    assert not Meeting.objects.filter(series=series, status="draft").exists()


def test_plan_refuses_a_date_that_has_a_meeting(
    officer_client: Client, series: Series, schedule: Schedule
) -> None:
    latest = series.meetings.order_by("-date").first()
    assert latest is not None
    url = reverse("web:plan_meeting", args=[series.pk])
    data = values(soup_of(officer_client.get(url, {"date": "2026-04-28"})), "plan-form")
    data.update(date_data("date", latest.date))
    count = Meeting.objects.count()
    response = officer_client.post(url, data)
    assert response.status_code == 400
    messages = summary(soup_of(response))
    assert messages == [f"{series} already has a meeting on {latest.date.day} March 2026"]
    assert Meeting.objects.count() == count


def test_public_never_sees_the_programme_box_on_a_meeting(series: Series) -> None:
    meeting = series.meetings.order_by("-date").first()
    assert meeting is not None
    soup = soup_of(Client().get(reverse("web:meeting_detail", args=[meeting.pk])))
    assert soup.select_one("#meeting-programme") is None

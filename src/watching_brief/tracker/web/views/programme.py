"""The forward work programme: each series' calendar, themes and revisits, and planning
the next meeting (officers only)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from watching_brief.tracker.dates import long_date
from watching_brief.tracker.meetings.models import Meeting, Series
from watching_brief.tracker.programme import calendar
from watching_brief.tracker.programme.agenda import matters_arising
from watching_brief.tracker.programme.bank_holidays import holiday_warnings
from watching_brief.tracker.programme.forms import (
    PlanMeetingForm,
    PlannedThemeForm,
    ScheduleChangeForm,
    ScheduleForm,
    time_text,
)
from watching_brief.tracker.programme.models import PlannedTheme, Schedule, ScheduleChange
from watching_brief.tracker.programme.planning import (
    agenda_lines,
    next_meeting_after,
    schedule_defaults,
    schedule_of,
    usual_attendance,
)
from watching_brief.tracker.programme.planning import (
    plan_meeting as store_plan,
)
from watching_brief.tracker.programme.work import HORIZON, Programme, work_programme
from watching_brief.tracker.web.forms import DATE_PARTS, error_list
from watching_brief.tracker.web.roles import visible_actions, visible_meetings
from watching_brief.tracker.web.views.access import officers_only
from watching_brief.tracker.web.views.shared import status_tag

officers = officers_only("Only officers may see and plan the work programme.")


def _series(pk: int) -> Series:
    return get_object_or_404(Series.objects.select_related("body"), pk=pk)


def _programme(request: HttpRequest, series: Series, count: int = HORIZON) -> Programme:
    return work_programme(
        series, timezone.localdate(), count, meetings=visible_meetings(request.user)
    )


def _iso_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _query_date(request: HttpRequest) -> dt.date | None:
    """``?date=YYYY-MM-DD``, or None when missing or not a date."""
    return _iso_date(request.GET.get("date", ""))


@require_http_methods(["GET"])
@officers
def programme_index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for series in Series.objects.select_related("body").prefetch_related("schedule__changes"):
        schedule: Schedule | None = getattr(series, "schedule", None)
        upcoming = (
            calendar.next_date(schedule, today, schedule.changes.all(), inclusive=True)
            if schedule
            else None
        )
        latest = visible_meetings(request.user).filter(series=series).order_by("-date").first()
        rows.append({"series": series, "schedule": schedule, "next": upcoming, "latest": latest})
    return render(request, "web/programme/index.html", {"rows": rows, "today": today})


@require_http_methods(["GET"])
@officers
def series_programme(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(pk)
    programme = _programme(request, series)
    context = {"series": series, "programme": programme, "today": programme.today}
    return render(request, "web/programme/series.html", context)


def _schedule_initial(series: Series, schedule: Schedule | None) -> dict[str, Any]:
    if schedule is None:
        initial = schedule_defaults(series)
    else:
        initial = {
            name: getattr(schedule, name)
            for name in (
                "interval_months", "week", "weekday", "starts_on", "start_time", "end_time",
                "venue", "chair", "minute_taker",
            )
        }  # fmt: skip
    for name in ("start_time", "end_time"):
        initial[name] = time_text(initial.get(name))  # type: ignore[arg-type]
    return initial


@require_http_methods(["GET", "POST"])
@officers
def series_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(pk)
    schedule = schedule_of(series)
    if request.method == "POST":
        form = ScheduleForm(request.POST)
        if form.is_valid():
            Schedule.objects.update_or_create(series=series, defaults=form.cleaned_data)
            messages.success(request, f"The calendar of {series} has been saved.")
            return redirect("web:series_programme", pk=series.pk)
    else:
        form = ScheduleForm(initial=_schedule_initial(series, schedule))
    context = {
        "series": series,
        "schedule": schedule,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "guessed": schedule is None and bool(form.initial),
    }
    return render(
        request, "web/programme/schedule.html", context, status=400 if form.is_bound else 200
    )


@require_http_methods(["GET", "POST"])
@officers
def schedule_change(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(pk)
    schedule = schedule_of(series)
    if schedule is None:
        messages.info(request, "Set the calendar of the series before changing one of its dates.")
        return redirect("web:series_schedule", pk=series.pk)
    if request.method == "POST":
        form = ScheduleChangeForm(request.POST, schedule=schedule)
        if form.is_valid():
            data = form.cleaned_data
            new = data["new_date"] if data["change"] == "move" else None
            ScheduleChange.objects.update_or_create(
                schedule=schedule,
                original_date=data["original_date"],
                defaults={"new_date": new, "note": data["note"]},
            )
            done = f"moved to {long_date(new)}" if new else "cancelled"
            messages.success(
                request, f"The meeting of {long_date(data['original_date'])} is {done}."
            )
            for warning in holiday_warnings([new] if new else []):
                messages.warning(request, warning)
            return redirect("web:series_programme", pk=series.pk)
    else:
        initial = {"original_date": _query_date(request)}
        form = ScheduleChangeForm(initial=initial, schedule=schedule)
    context = {
        "series": series,
        "schedule": schedule,
        "changes": schedule.changes.all(),
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
    }
    return render(
        request, "web/programme/change.html", context, status=400 if form.is_bound else 200
    )


@require_http_methods(["GET", "POST"])
@officers
def planned_theme_add(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(pk)
    programme = _programme(request, series, count=HORIZON * 2)
    dates = (
        {row.date for row in programme.rows if not row.cancelled}
        if programme.schedule is not None
        else None
    )
    if request.method == "POST":
        form = PlannedThemeForm(request.POST, series=series, meeting_dates=dates)
        if form.is_valid():
            data = form.theme_fields()
            position = PlannedTheme.objects.filter(series=series, date=data["date"]).count()
            PlannedTheme.objects.create(series=series, position=position, **data)
            messages.success(
                request, f"“{data['title']}” is planned for {long_date(data['date'])}."
            )
            return redirect("web:series_programme", pk=series.pk)
    else:
        initial = {"date": _query_date(request) or programme.next_open_date()}
        form = PlannedThemeForm(initial=initial, series=series, meeting_dates=dates)
    context = {
        "series": series,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "dates": sorted(dates) if dates else [],
    }
    return render(
        request, "web/programme/theme.html", context, status=400 if form.is_bound else 200
    )


def default_plan_date(series: Series, programme: Programme) -> dt.date | None:
    """The next calendar date with no meeting yet; with no calendar, the next meeting
    date the latest notes give, when no meeting is held on it yet."""
    if programme.schedule is not None:
        return programme.next_open_date()
    latest = series.meetings.order_by("-date").first()
    upcoming = latest.next_meeting_date if latest else None
    if (
        upcoming
        and latest
        and upcoming > latest.date
        and not series.meetings.filter(date=upcoming).exists()
    ):
        return upcoming
    return None


def _plan_initial(
    series: Series, schedule: Schedule | None, date: dt.date | None
) -> dict[str, Any]:
    source: Any = schedule or series.meetings.order_by("-date").first()
    initial: dict[str, Any] = {"date": date}
    if source is not None:
        initial.update(
            start_time=time_text(source.start_time),
            end_time=time_text(source.end_time),
            venue=source.venue,
            chair=source.chair,
            minute_taker=source.minute_taker,
        )
    return initial


def _posted_date(request: HttpRequest) -> dt.date | None:
    parts = [request.POST.get(f"date_{part}", "").strip() for part in DATE_PARTS]
    try:
        day, month, year = (int(part) for part in parts)
        return dt.date(year, month, day)
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@officers
def plan_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    series = _series(pk)
    programme = _programme(request, series)
    schedule = programme.schedule
    default = _query_date(request) or default_plan_date(series, programme)
    if request.method == "POST":
        # the attendance rows are those of the page the officer saw (``shown_for``)
        shown = _iso_date(request.POST.get("shown_for", "")) or default or programme.today
        date: dt.date | None = _posted_date(request) or shown
        usual = usual_attendance(series, shown)
        form = PlanMeetingForm(request.POST, series=series, usual=usual)
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = store_plan(
                    series,
                    data["date"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    venue=data["venue"],
                    chair=data["chair"],
                    minute_taker=data["minute_taker"],
                    attendance=form.attendance(),
                )
            except ValueError as error:
                form.add_error("date", str(error))
            else:
                messages.success(request, f"{meeting.title} is planned as a draft.")
                for warning in holiday_warnings([meeting.date]):
                    messages.warning(request, warning)
                return redirect("web:meeting_detail", pk=meeting.pk)
    else:
        date = default
        shown = date or programme.today
        usual = usual_attendance(series, shown)
        form = PlanMeetingForm(
            initial=_plan_initial(series, schedule, date), series=series, usual=usual
        )
    context = _plan_context(request, series, form, date or programme.today)
    context["shown_for"] = shown
    return render(request, "web/programme/plan.html", context, status=400 if form.is_bound else 200)


def _plan_context(
    request: HttpRequest, series: Series, form: PlanMeetingForm, date: dt.date
) -> dict[str, Any]:
    """The form, and a preview of the agenda a meeting on ``date`` would get."""
    next_date = next_meeting_after(series, date)
    actions = matters_arising(series, date, visible_actions(request.user))
    return {
        "series": series,
        "form": form,
        "errors": error_list(form) if form.is_bound else [],
        "preview_date": date,
        "lines": agenda_lines(series, date, next_date),
        "actions": [{"action": action, "tag": status_tag(action, date)} for action in actions],
        "existing": Meeting.objects.filter(series=series, date=date).first(),
        "holidays": holiday_warnings([date]),
    }

"""Forms of the programme pages: the calendar, one-off changes, themes and planning."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.text import slugify

from watching_brief.tracker.dates import GovukDateField, long_date
from watching_brief.tracker.meetings.models import Meeting, Series, Topic
from watching_brief.tracker.people.models import Post
from watching_brief.tracker.programme import calendar
from watching_brief.tracker.programme.models import Schedule
from watching_brief.tracker.programme.planning import UsualAttendee

INTERVALS = [
    (1, "Every month"),
    (2, "Every two months"),
    (3, "Every three months (quarterly)"),
    (4, "Every four months"),
    (6, "Every six months"),
    (12, "Every year"),
]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
NOT_INVITED = "none"
ATTENDANCE_CHOICES = [
    ("present", "Present"),
    ("apologies", "Apologies"),
    ("virtual", "Virtual"),
    (NOT_INVITED, "Not invited"),
]


def time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        input_formats=TIME_FORMATS,
        help_text="For example, 10:00 or 14:30",
        error_messages={"invalid": f"{label} must be a time such as 10:00 or 14:30"},
    )


def time_text(value: dt.time | None) -> str:
    """A time as the form shows it ("10:00")."""
    return value.strftime("%H:%M") if value else ""


class MeetingDetailsMixin(forms.Form):
    """Times, venue, chair and minute-taker, shared by the calendar and the planner."""

    start_time = time_field("Start time")
    end_time = time_field("End time")
    venue = forms.CharField(label="Venue", max_length=300, required=False)
    chair = forms.CharField(label="Chair", max_length=200, required=False)
    minute_taker = forms.CharField(label="Minute-taker", max_length=200, required=False)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "End time must be after the start time")
        return data


class ScheduleForm(MeetingDetailsMixin):
    """When the series meets: every so many months on the nth or last weekday."""

    interval_months = forms.TypedChoiceField(
        label="How often", choices=INTERVALS, coerce=int, initial=1
    )
    week = forms.TypedChoiceField(
        label="Which week of the month", choices=Schedule.Week.choices, coerce=int
    )
    weekday = forms.TypedChoiceField(label="Day", choices=Schedule.Weekday.choices, coerce=int)
    starts_on = GovukDateField(
        label="First date of the calendar",
        help_text="For example, 27 1 2026. The calendar counts its months from here.",
        error_messages={"required": "Enter the first date of the calendar"},
    )

    field_order = [
        "interval_months", "week", "weekday", "starts_on",
        "start_time", "end_time", "venue", "chair", "minute_taker",
    ]  # fmt: skip


class ScheduleChangeForm(forms.Form):
    """One date of the calendar moved or cancelled."""

    original_date = GovukDateField(
        label="Date in the calendar",
        help_text="The date the calendar gives, for example 28 4 2026.",
        error_messages={"required": "Enter the date in the calendar to change"},
    )
    change = forms.ChoiceField(
        label="What is changing",
        choices=[("move", "The meeting moves to another date"), ("cancel", "It is cancelled")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the meeting moves or is cancelled"},
    )
    new_date = GovukDateField(
        label="New date (if it moves)", help_text="For example, 5 5 2026.", required=False
    )
    note = forms.CharField(label="Reason (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, schedule: Schedule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schedule = schedule

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        original, new = data.get("original_date"), data.get("new_date")
        if original and not calendar.is_rule_date(self.schedule, original):
            self.add_error("original_date", f"{long_date(original)} is not a date in this calendar")
        if data.get("change") == "move":
            if new is None and not self.errors.get("new_date"):
                self.add_error("new_date", "Enter the new date of the meeting")
            elif new is not None and new == original:
                self.add_error("new_date", "The new date must differ from the calendar date")
        return data


class PlannedThemeForm(forms.Form):
    """A theme planned for the meeting on a date."""

    date = GovukDateField(
        label="Meeting date",
        help_text="For example, 28 4 2026.",
        error_messages={"required": "Enter the date of the meeting"},
    )
    title = forms.CharField(
        label="Theme", max_length=300, error_messages={"required": "Enter the theme"}
    )
    topic = forms.ModelChoiceField(
        label="Topic (optional)",
        help_text="The theme's place in the topic pages, across meetings.",
        queryset=Topic.objects.all(),
        required=False,
        empty_label="No topic",
    )
    new_topic = forms.CharField(
        label="Or a new topic (optional)",
        help_text="When the topic is not in the list, for example “Mental health”.",
        max_length=200,
        required=False,
    )
    lead_post = forms.ModelChoiceField(
        label="Lead post (optional)",
        queryset=Post.objects.none(),
        required=False,
        empty_label="No lead post",
    )
    notes = forms.CharField(
        label="Planning note (optional)",
        help_text="For the officers who minute the meeting; it is never put in the minutes "
        "or published.",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, series: Series, meeting_dates: set[dt.date] | None,
                 **kwargs: Any) -> None:  # fmt: skip
        """``meeting_dates``: the dates a theme may go on (None: any date)."""
        super().__init__(*args, **kwargs)
        self.meeting_dates = meeting_dates
        body = series.body  # its posts and those of the force it holds to account
        posts = Post.objects.filter(body_id__in=[body.pk, body.force_id or body.pk])
        self.fields["lead_post"].queryset = posts  # type: ignore[attr-defined]

    def clean_date(self) -> dt.date | None:
        date: dt.date | None = self.cleaned_data.get("date")
        if date and self.meeting_dates is not None and date not in self.meeting_dates:
            raise forms.ValidationError(f"No meeting of this series is due on {long_date(date)}")
        return date

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name = " ".join(data.get("new_topic", "").split())
        if name and data.get("topic") is not None:
            self.add_error("new_topic", "Choose a topic from the list or name a new one, not both")
        elif name and not slugify(name):
            self.add_error("new_topic", "Enter a topic name with letters or numbers")
        data["new_topic"] = name
        return data

    def theme_fields(self) -> dict[str, Any]:
        """The planned theme's fields; a new topic is stored (or the topic of that name
        found, whatever its case) first."""
        data = dict(self.cleaned_data)
        name = data.pop("new_topic")
        if name:
            slug = slugify(name)[:200]
            data["topic"] = (
                Topic.objects.filter(slug=slug).first()
                or Topic.objects.filter(name__iexact=name).first()
                or Topic.objects.create(name=name, slug=slug)
            )
        return data


class PlanMeetingForm(MeetingDetailsMixin):
    """The meeting's date and details, and who is invited from the usual posts."""

    date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 28 4 2026.",
        error_messages={"required": "Enter the date of the meeting"},
    )

    field_order = ["date", "start_time", "end_time", "venue", "chair", "minute_taker"]

    def __init__(
        self, *args: Any, series: Series, usual: list[UsualAttendee], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.series = series
        self.usual = usual
        for attendee in usual:
            self.fields[self.attendance_name(attendee)] = forms.ChoiceField(
                label=f"Attendance of {attendee.person} ({attendee.post_label})",
                choices=ATTENDANCE_CHOICES,
                initial=attendee.status,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select the attendance of {attendee.person}"},
            )

    @staticmethod
    def attendance_name(attendee: UsualAttendee) -> str:
        return f"post_{attendee.post.pk}"

    def clean_date(self) -> dt.date | None:
        date: dt.date | None = self.cleaned_data.get("date")
        if date and Meeting.objects.filter(series=self.series, date=date).exists():
            raise forms.ValidationError(f"{self.series} already has a meeting on {long_date(date)}")
        return date

    def attendance(self) -> dict[int, str]:
        """Post pk to status, for the posts invited."""
        chosen = {}
        for attendee in self.usual:
            status = self.cleaned_data.get(self.attendance_name(attendee))
            if status and status != NOT_INVITED:
                chosen[attendee.post.pk] = status
        return chosen

    def attendance_rows(self) -> list[tuple[UsualAttendee, forms.BoundField]]:
        return [(attendee, self[self.attendance_name(attendee)]) for attendee in self.usual]

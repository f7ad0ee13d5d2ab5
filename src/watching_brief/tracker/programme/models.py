"""The forward work programme of a series and the question sets sent before a meeting.

* ``Schedule``: when a series meets ("monthly, last Tuesday"), with default times and venue;
* ``ScheduleChange``: a one-off move or cancellation of one date of that calendar;
* ``PlannedTheme``: a theme planned for the meeting on a given date;
* ``QuestionSet``: the questions sent to the force in advance for a theme, with the date
  sent, the date the written response is due, and the response when it arrives. Its
  questions are ``meetings.Question`` rows (``question_set``), answered at the meeting.
"""

from __future__ import annotations

from django.db import models


class Schedule(models.Model):
    """The calendar of a series: every ``interval`` months on the nth (or last) weekday."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    class Week(models.IntegerChoices):
        FIRST = 1, "First"
        SECOND = 2, "Second"
        THIRD = 3, "Third"
        FOURTH = 4, "Fourth"
        LAST = -1, "Last"

    series = models.OneToOneField(
        "meetings.Series", on_delete=models.CASCADE, related_name="schedule"
    )
    interval_months = models.PositiveSmallIntegerField(
        default=1, help_text="1 for monthly, 2 for every other month, 3 for quarterly."
    )
    week = models.SmallIntegerField(choices=Week.choices, default=Week.LAST)
    weekday = models.SmallIntegerField(choices=Weekday.choices, default=Weekday.TUESDAY)
    starts_on = models.DateField(help_text="The first date of the calendar.")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    chair = models.CharField(max_length=200, blank=True)
    minute_taker = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.series}: {self.get_week_display()} {self.get_weekday_display()}"


class ScheduleChange(models.Model):
    """One date of the calendar moved (``new_date``) or cancelled (no ``new_date``)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="changes")
    original_date = models.DateField()
    new_date = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["original_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "original_date"], name="unique_schedule_change"
            )
        ]


class PlannedTheme(models.Model):
    """A theme the forward work programme puts on the meeting of a series on ``date``."""

    series = models.ForeignKey(
        "meetings.Series", on_delete=models.CASCADE, related_name="planned_themes"
    )
    date = models.DateField()
    title = models.CharField(max_length=300)
    topic = models.ForeignKey(
        "meetings.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lead_post = models.ForeignKey(
        "people.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["date", "position", "pk"]


class QuestionSet(models.Model):
    """Questions sent to the force ahead of a meeting on one theme, and its written answer."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="question_sets"
    )
    item = models.ForeignKey(
        "meetings.Item",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="question_sets",
    )
    theme = models.CharField(max_length=300)
    sent_on = models.DateField(null=True, blank=True)
    response_due = models.DateField(null=True, blank=True)
    response_received = models.DateField(null=True, blank=True)
    response_text = models.TextField(blank=True)
    response_file = models.FileField(upload_to="responses/%Y/", blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.theme

    def response_overdue(self, today: object) -> bool:
        """Sent, due before ``today`` and not yet received."""
        return (
            self.response_received is None
            and self.response_due is not None
            and self.response_due < today  # type: ignore[operator]
        )

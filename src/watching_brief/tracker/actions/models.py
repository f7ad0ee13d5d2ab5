"""Actions owned by posts, tracked to completion across meetings."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from watching_brief.tracker.meetings.models import Edited

OPEN_STATUSES = ("open", "in_progress")


class ActionQuerySet(models.QuerySet["Action"]):
    """Filters shared by the CLI, the web pages and the API."""

    def still_open(self) -> ActionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date) -> ActionQuerySet:
        return self.still_open().filter(due__lt=today)

    def owned_by(self, owner: str) -> ActionQuerySet:
        """Actions of an owner post ("DCC"); "<body slug>/DCC" keeps to one body's meetings."""
        body, owner = split_body(owner)
        actions = self.filter(
            models.Q(owner_post__abbrev__iexact=owner)
            | models.Q(owner_post__title__iexact=owner)
            | models.Q(owner_text__iexact=owner)
        )
        return actions.filter(meeting__series__body__slug=body) if body else actions

    def in_series(self, series: str) -> ActionQuerySet:
        """Actions of a series by slug or name; "<body slug>/<series>" keeps to one body."""
        body, series = split_body(series)
        actions = self.filter(
            models.Q(meeting__series__slug=series) | models.Q(meeting__series__name__iexact=series)
        )
        return actions.filter(meeting__series__body__slug=body) if body else actions


def split_body(value: str) -> tuple[str, str]:
    """``"west-mercia-opcc/DCC"`` → ``("west-mercia-opcc", "DCC")``; no body → ``""``."""
    body, slash, rest = value.partition("/")
    return (body.strip(), rest.strip()) if slash else ("", value.strip())


class Action(Edited):
    """Something a post (or person) was asked to do at a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CLOSED = "closed", "Closed"
        DROPPED = "dropped", "Dropped"

    reference = models.CharField(max_length=60, unique=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="actions"
    )
    item = models.ForeignKey(
        "meetings.Item", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    owner_text = models.CharField(max_length=200, blank=True, help_text="Owner as written.")
    owner_post = models.ForeignKey(
        "people.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    owner_holder = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_held",
        help_text="Who held the owner post when the action was set.",
    )
    due = models.DateField(null=True, blank=True)
    due_text = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="closed_actions",
    )
    restricted = models.BooleanField(default=False)
    # Restricted on its own or under a restricted item; kept current by tracker.access.
    effective_restricted = models.BooleanField(default=False, editable=False, db_index=True)
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__date", "position"]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.text[:60]}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in OPEN_STATUSES and self.due is not None and self.due < today


class ActionUpdate(models.Model):
    """A dated update on an action, with who gave it and the evidence.

    Where the body reviews the force's updates (``Body.review_updates``) a contributor's
    update waits (``review`` "pending"), its ``status`` only proposed, until an officer
    approves it (the status is applied then) or sends it back ("returned", with a note).
    Only updates with no ``review`` are shown to the public.
    """

    class Review(models.TextChoices):
        SHOWN = "", "Shown"
        PENDING = "pending", "Waiting for an officer"
        RETURNED = "returned", "Sent back"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    evidence = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Action.Status.choices, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
        help_text="The meeting at which the update was minuted, if any.",
    )  # fmt: skip
    review = models.CharField(
        max_length=10, choices=Review.choices, blank=True, default="", db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, help_text="Why an officer sent it back.")

    class Meta:
        ordering = ["action", "date", "pk"]


class Revisit(models.Model):
    """A theme booked to come back to a later meeting ("revisit ... in 6 months' time")."""

    series = models.ForeignKey("meetings.Series", on_delete=models.CASCADE, related_name="revisits")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="revisits_booked"
    )
    action = models.OneToOneField(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="revisit"
    )
    subject = models.CharField(max_length=500)
    due = models.DateField()
    done = models.BooleanField(default=False)

    class Meta:
        ordering = ["due"]

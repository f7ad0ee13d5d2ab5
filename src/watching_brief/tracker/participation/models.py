"""Questions sent in by the public for a meeting, and every moderation decision."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone


class QuestionWindow(models.Model):
    """A meeting opened for questions from the public, between two dates."""

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="question_window"
    )
    opens = models.DateField(help_text="The first day questions may be sent.")
    closes = models.DateField(help_text="The last day questions may be sent.")
    guidance = models.TextField(
        blank=True, help_text="What questions the session takes, shown above the form."
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes", "pk"]

    def __str__(self) -> str:
        return f"Questions for {self.meeting}"

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens <= today <= self.closes


class PublicQuestion(models.Model):
    """One question as a member of the public sent it, and what became of it."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        ACCEPTED = "accepted", "Accepted"
        MERGED = "merged", "Merged with another"
        DECLINED = "declined", "Declined"

    class Outcome(models.TextChoices):
        UNDECIDED = "", "Not decided"
        PUT = "put", "Put at the meeting"
        WRITTEN = "written", "Answered in writing"

    class Reason(models.TextChoices):
        REMIT = "remit", "Not within the Commissioner's remit"
        CASE = "case", "About an individual case or a complaint"
        LEGAL = "legal", "Subject to legal proceedings"
        ANSWERED = "answered", "Answered recently"
        OFFENSIVE = "offensive", "Offensive, defamatory or discriminatory"
        LATE = "late", "Received after the closing date"

    window = models.ForeignKey(QuestionWindow, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    # Personal data, erased after the body's retention period (``erased`` records when).
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    area = models.CharField(max_length=200, blank=True, help_text="Where the questioner lives.")
    network = models.CharField(max_length=64, blank=True, help_text="Hash of the sender's network.")
    publish_name = models.BooleanField(
        default=False, help_text="The questioner agreed to their name being published."
    )
    received = models.DateTimeField(default=timezone.now)
    erased = models.DateTimeField(null=True, blank=True)

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    reason = models.CharField(max_length=12, choices=Reason.choices, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged"
    )
    question = models.ForeignKey(
        "meetings.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="public_questions",
        help_text="The meeting's question this became.",
    )

    class Meta:
        ordering = ["received", "pk"]
        indexes = [models.Index(fields=["received"], name="publicq_received")]

    def __str__(self) -> str:
        return self.text[:60]


class ModerationRecord(models.Model):
    """One thing that happened to a question: received, accepted, merged, declined..."""

    question = models.ForeignKey(PublicQuestion, on_delete=models.CASCADE, related_name="records")
    event = models.CharField(max_length=20)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

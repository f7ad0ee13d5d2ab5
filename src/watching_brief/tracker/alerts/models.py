"""What people follow (by e-mail or webhook), and each webhook delivery."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Interest(models.Model):
    """One thing followed: a body, a series, a topic, a post or a search phrase; and how
    far the changes have been sent (a high-water mark of status updates, and a time)."""

    class Kind(models.TextChoices):
        BODY = "body", "Body"
        SERIES = "series", "Series"
        TOPIC = "topic", "Topic"
        POST = "post", "Post"
        PHRASE = "phrase", "Search phrase"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    body = models.ForeignKey("meetings.Body", on_delete=models.CASCADE, null=True, blank=True)
    series = models.ForeignKey("meetings.Series", on_delete=models.CASCADE, null=True, blank=True)
    topic = models.ForeignKey("meetings.Topic", on_delete=models.CASCADE, null=True, blank=True)
    post = models.ForeignKey("people.Post", on_delete=models.CASCADE, null=True, blank=True)
    phrase = models.CharField(max_length=200, blank=True)
    sent_update = models.PositiveBigIntegerField(
        default=0, help_text="The last action update whose change was sent."
    )
    sent_at = models.DateTimeField(default=timezone.now, help_text="Changes sent up to here.")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    def label(self) -> str:
        target = {
            self.Kind.BODY: self.body,
            self.Kind.SERIES: self.series,
            self.Kind.TOPIC: self.topic,
            self.Kind.POST: self.post,
        }.get(self.Kind(self.kind))
        if self.kind == self.Kind.PHRASE:
            return f"the phrase \u201c{self.phrase}\u201d"
        if self.kind == self.Kind.POST and self.post is not None:
            post = self.post
            named = f"{post.title} ({post.abbrev})" if post.title and post.abbrev else str(post)
            return f"the actions of the {named}"
        if self.kind == self.Kind.SERIES and self.series is not None:
            return f"the series {self.series.name} ({self.series.body.name})"
        return f"the {self.get_kind_display().lower()} {target}"

    def __str__(self) -> str:
        return self.label()


class Subscription(Interest):
    """An e-mail alert, confirmed by its address (double opt-in) before anything is sent."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", "As soon as something changes"
        WEEKLY = "weekly", "Once a week"

    email = models.EmailField()
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["email"], name="alert_email")]


class Webhook(Interest):
    """A signed HTTP POST to another system for each change (the API's way to follow)."""

    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=64, default=new_token)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    active = models.BooleanField(default=True)


class Delivery(models.Model):
    """One payload for one webhook, retried with back-off until delivered or given up."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt = models.DateTimeField(default=timezone.now)
    delivered = models.DateTimeField(null=True, blank=True)
    failed = models.BooleanField(default=False, help_text="Given up after the last retry.")
    last_error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["delivered", "failed", "next_attempt"], name="delivery_due")
        ]

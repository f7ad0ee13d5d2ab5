"""Posts (capacities such as Chief Constable, CC), people, and tenures of posts."""

from __future__ import annotations

import datetime as dt
import re

from django.db import models


def name_key(text: str) -> str:
    """A person's or post's name folded for matching ("Jackie  Irvin" = "jackie irvin")."""
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


class Person(models.Model):
    """Someone named in the notes."""

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = name_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Post(models.Model):
    """A capacity within a body, usually with an abbreviation (Deputy Chief Constable, DCC)."""

    body = models.ForeignKey("meetings.Body", on_delete=models.CASCADE, related_name="posts")
    title = models.CharField(max_length=200, blank=True)
    abbrev = models.CharField(max_length=30, blank=True)
    email = models.EmailField(
        blank=True, help_text="Where reminders and approval notices for the post go."
    )
    key = models.CharField(max_length=200, editable=False)

    class Meta:
        ordering = ["abbrev", "title"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="unique_post_key")]

    def __str__(self) -> str:
        return self.abbrev or self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.key = name_key(self.abbrev or self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def holder_on(self, date: dt.date) -> Tenure | None:
        """Who held the post on ``date``: the latest tenure that started by then."""
        return (
            self.tenures.filter(start__lte=date)
            .select_related("person")
            .order_by("-start", "-last_seen")
            .first()
        )

    def current_holder(self) -> Tenure | None:
        """The latest tenure of the post."""
        return self.tenures.select_related("person").order_by("-start", "-last_seen").first()


class Tenure(models.Model):
    """A person holding a post, from the first to the last meeting they were seen in it."""

    class Kind(models.TextChoices):
        SUBSTANTIVE = "substantive", "Substantive"
        TEMPORARY = "temporary", "Temporary (T/)"
        ACTING = "acting", "Acting (A/)"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="tenures")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="tenures")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SUBSTANTIVE)
    start = models.DateField(help_text="First meeting at which the person held the post.")
    last_seen = models.DateField(help_text="Latest meeting at which they held it.")

    class Meta:
        ordering = ["post", "start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "post", "kind"], name="unique_tenure")
        ]

    def __str__(self) -> str:
        marker = {"temporary": "T/", "acting": "A/"}.get(self.kind, "")
        return f"{self.person} ({marker}{self.post})"

    @property
    def end(self) -> dt.date | None:
        """When the next holder took over (None while this is the latest tenure)."""
        following = (
            Tenure.objects.filter(post=self.post, start__gt=self.start)
            .exclude(person=self.person)
            .order_by("start")
            .first()
        )
        return following.start if following else None

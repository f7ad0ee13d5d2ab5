"""One row per searchable passage: a meeting's header, an item, a question, a decision or
an action, with what the filters and the visibility rules need beside its text.

On SQLite the text is also held by the FTS5 table ``search_fts`` (kept in step by triggers,
see migrations/0002); on PostgreSQL ``search_vector`` holds the weighted tsvector.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        MEETING = "meeting", "Meeting"
        ITEM = "item", "Item"
        QUESTION = "question", "Question"
        DECISION = "decision", "Decision"
        ACTION = "action", "Action"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="search_entries"
    )
    item_id = models.PositiveBigIntegerField(null=True, blank=True)
    body = models.ForeignKey("meetings.Body", on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey("meetings.Series", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    restricted = models.BooleanField(default=False)
    published = models.BooleanField(default=True)
    owner_post = models.ForeignKey(
        "people.Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_text = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=12, blank=True)
    topic = models.TextField(blank=True, help_text="The item's title and topics.")
    title = models.CharField(max_length=500)
    text = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name_plural = "search entries"
        ordering = ["-date", "pk"]
        indexes = [
            models.Index(fields=["kind", "object_id"]),
            GinIndex(fields=["search_vector"], name="search_entry_vector"),
            # The newest matches of a common word, walked in date order (backends/postgres).
            models.Index(fields=["-date", "-id"], name="search_entry_newest"),
            # The status filter (actions only): a handful of rows to recheck, not a scan.
            models.Index(
                fields=["status"], condition=~models.Q(status=""), name="search_entry_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"


class SearchWord(models.Model):
    """A word met in the index (folded to lower case), for spelling suggestions.

    Only added to, never taken from: a word of a passage since deleted or restricted stays
    here, but a suggestion is offered only when the corrected search finds passages the
    reader may see (``spelling.suggest``), so this list is never shown as it is."""

    word = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()

    class Meta:
        indexes = [models.Index(fields=["length", "word"], name="search_word_length")]

    def __str__(self) -> str:
        return self.word

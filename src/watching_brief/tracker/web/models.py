"""Links between user accounts and posts, and imports waiting for review."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class PostLink(models.Model):
    """A force contributor may add updates to the actions of this post."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_links"
    )
    post = models.ForeignKey("people.Post", on_delete=models.CASCADE, related_name="user_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="unique_post_link")]

    def __str__(self) -> str:
        return f"{self.user} → {self.post}"


class PendingImport(models.Model):
    """An uploaded document and its extracted record, waiting for an officer to confirm."""

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file_name = models.CharField(max_length=500)
    data = models.BinaryField()
    record = models.JSONField(help_text="The extracted minutes record, as interchange JSON.")
    text = models.TextField(
        blank=True, help_text="The document's text as read (through OCR when asked for)."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_imports"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.file_name


class ImportBatch(models.Model):
    """Files uploaded together, each ingested by its own background job."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_batches",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import of {self.created:%d %B %Y %H:%M}"


class ImportFile(models.Model):
    """One file of a batch: where it was written, its job, and what became of it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        STORED = "stored", "Stored"
        UPDATED = "updated", "Stored (updated a meeting)"
        UNCHANGED = "unchanged", "Unchanged"
        FAILED = "failed", "Failed"

    PENDING = (Status.QUEUED, Status.RUNNING)

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=500, help_text="The name as uploaded (or in the zip).")
    path = models.CharField(max_length=1000, help_text="Where it was written, under the data dir.")
    size = models.PositiveBigIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField(blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    meeting_name = models.CharField(max_length=500, blank=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def pending(self) -> bool:
        return self.status in self.PENDING

"""The rows of background imports: files uploaded together, and what became of each."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from watching_brief.tracker.dates import date_and_time


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
        db_table = "web_importbatch"  # made by the web app's migrations, kept
        ordering = ["-created"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"Import of {date_and_time(self.created)}"


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
        db_table = "web_importfile"
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def pending(self) -> bool:
        return self.status in self.PENDING

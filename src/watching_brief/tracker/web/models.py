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


# The import jobs' rows live with the jobs (tracker.ingest); re-exported for the views.
from watching_brief.tracker.ingest.models import ImportBatch, ImportFile  # noqa: E402

__all__ = ["ImportBatch", "ImportFile", "PendingImport", "PostLink"]

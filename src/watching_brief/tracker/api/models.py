"""API tokens: each tied to one user, stored only as a hash of the key."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A key that acts as its user (and only within that user's role) on the API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"API token of {self.user} ({self.key_hash[:8]}…)"


class RateCounter(models.Model):
    """Requests counted for one client or token in one fixed window, shared by every server."""

    ident = models.CharField(max_length=100)
    window = models.BigIntegerField(help_text="Start of the window, in seconds since the epoch.")
    expires = models.BigIntegerField(db_index=True, help_text="End of the window (epoch).")
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ident", "window"], name="unique_rate_window")
        ]

    def __str__(self) -> str:
        return f"{self.ident} @ {self.window}: {self.hits}"

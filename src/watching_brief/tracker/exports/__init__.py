"""Bulk data: every published meeting as interchange JSON, plus CSV and XLSX tables.

A plain package (no models). :func:`write_bundle` writes the whole bundle to a folder;
everything it reads goes through :mod:`watching_brief.tracker.access`, so the default
(anonymous) bundle holds only what the public may see. Described in docs/bulk-data.md.
"""

from __future__ import annotations

from watching_brief.tracker.exports.bundle import BundleSummary, write_bundle

__all__ = ["BundleSummary", "write_bundle"]

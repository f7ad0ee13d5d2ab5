"""Bulk data: every published meeting as interchange JSON, plus CSV and XLSX tables.

A plain package (no models). :func:`write_bundle` writes the whole bundle to a folder;
everything it reads goes through :mod:`watching_brief.tracker.access`, so the default
(anonymous) bundle holds only what the public may see. Described in docs/bulk-data.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from watching_brief.tracker.exports.bundle import BundleSummary, write_bundle

__all__ = ["BundleSummary", "write_bundle"]


def __getattr__(name: str) -> Any:
    """The bundle's names, imported when first used: the spreadsheet guard
    (:mod:`.cells`), which ``brief actions`` uses, needs none of the bundle's imports."""
    if name in __all__:
        from watching_brief.tracker.exports import bundle

        return getattr(bundle, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

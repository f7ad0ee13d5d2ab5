"""Options for one extraction call. The core reads nothing from the environment."""

from __future__ import annotations

from pydantic import BaseModel, Field

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_PAGES = 2000


class ExtractionOptions(BaseModel):
    """Settings passed explicitly to each extraction call."""

    max_bytes: int = Field(DEFAULT_MAX_BYTES, description="Refuse files larger than this.")
    max_pages: int = Field(DEFAULT_MAX_PAGES, description="Refuse PDFs with more pages.")
    ocr: bool = Field(False, description="Run ocrmypdf on PDFs without a text layer.")

"""Plain text in every encoding met, and the errors for what is not text."""

from __future__ import annotations

from pathlib import Path

import pytest

from watching_brief.extraction import ExtractionError, extract_file
from watching_brief.extraction.sources import load_bytes, sniff

NOTE = (
    "Board Meeting – Notes\nDate: 3 March 2026\n\n"
    "Present:\nJosé Núñez (PCC) – Police and Crime Commissioner\n"
)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b"")],
)
def test_text_in_each_encoding_reads_the_same(encoding: str, prefix: bytes) -> None:
    data = prefix + NOTE.replace("–", "-" if encoding == "latin-1" else "–").encode(encoding)
    document = load_bytes(data, "notes.txt")
    assert "José Núñez" in document.text
    assert not document.text.startswith("\ufeff")


def test_windows_line_endings_become_newlines() -> None:
    document = load_bytes(NOTE.replace("\n", "\r\n").encode(), "notes.txt")
    assert "\r" not in document.text
    assert document.lines[1].text == "Date: 3 March 2026"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (b"   \n\n  ", "the file is empty"),
        (b"\x00\x01\x02binary\x00" * 50, "binary"),
        (bytes(range(1, 32)) * 40, "binary"),
    ],
    ids=["zero-bytes", "white-space", "nul-bytes", "control-characters"],
)
def test_unreadable_text_names_the_file_and_the_problem(data: bytes, problem: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        load_bytes(data, "notes.txt")
    assert caught.value.path == "notes.txt"
    assert problem in caught.value.problem
    assert str(caught.value).startswith("notes.txt: ")


def test_missing_file_is_an_extraction_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="no such file"):
        extract_file(tmp_path / "absent.txt")


def test_folder_is_an_extraction_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="folder"):
        extract_file(tmp_path)


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (
            b"PK\x03\x04rest",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (b"<!DOCTYPE html><html>", "text/html"),
        (b"Monthly Assurance Meeting", "text/plain"),
    ],
)
def test_format_is_sniffed_from_content(head: bytes, media_type: str) -> None:
    assert sniff(head) == media_type

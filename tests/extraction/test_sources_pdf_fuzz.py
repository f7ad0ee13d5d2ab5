"""Fuzzing the PDF reader: damaged and random PDFs give a Document or an ExtractionError.

Mutations of a real PDF (the house generator's rendering of a seed note): bytes flipped,
the file cut short (with and without a fresh end-of-file marker, so that the reader's own
truncation check does not stop every case early), objects spliced in from elsewhere in the
file, a stretch deleted or repeated; and PDFs built from random objects. Deterministic
(derandomised), a bounded number of examples, a few seconds.

Besides "nothing but ExtractionError", the reader's own checks must answer the damage they
know how to name: an error marked ``internal`` (an unexpected exception wrapped by the
core) is a reader bug, and none may come out of these inputs.
"""

from __future__ import annotations

import functools
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from watching_brief.extraction import extract_file
from watching_brief.extraction.document import Document
from watching_brief.extraction.errors import ExtractionError
from watching_brief.extraction.sources import load_bytes

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@functools.cache
def base_pdf() -> bytes:
    """A real one-page PDF: the house rendering of the start of a seed note."""
    import tempfile
    from pathlib import Path

    from watching_brief.publishing.house_style import render_pdf

    minutes = extract_file(SEEDS / "monthly-assurance-2020-09.txt")
    short = minutes.model_copy(update={"items": minutes.items[:2], "actions": []})
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "seed.pdf"
        render_pdf(short, target)
        return target.read_bytes()


@functools.cache
def objects() -> list[bytes]:
    """The ``N 0 obj ... endobj`` blocks of the base PDF, material for splicing."""
    return re.findall(rb"\d+ 0 obj.*?endobj", base_pdf(), re.S)


def read(data: bytes) -> Document | None:
    """Read ``data``; only a Document or an ExtractionError from a reader check is allowed."""
    try:
        return load_bytes(data, "fuzz.pdf")
    except ExtractionError as error:
        assert error.path == "fuzz.pdf"
        assert error.problem
        assert not error.internal, f"reader bug: {error} ({error.__cause__!r})"
        return None


def test_the_unmutated_pdf_reads() -> None:
    document = read(base_pdf())
    assert document is not None
    assert "Outstanding Matters" in document.text


@FUZZ
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=40))
def test_flipped_bytes(flips: list[tuple[float, int]]) -> None:
    data = bytearray(base_pdf())
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    read(bytes(data))


@FUZZ
@given(st.floats(0, 1), st.booleans())
def test_truncated(where: float, new_end: bool) -> None:
    data = base_pdf()[: int(where * len(base_pdf()))]
    read(data + b"\n%%EOF\n" if new_end else data)


@FUZZ
@given(st.data())
def test_spliced_objects(data: st.DataObject) -> None:
    pdf = base_pdf()
    pieces = objects()
    for _ in range(data.draw(st.integers(1, 4))):
        piece = pieces[data.draw(st.integers(0, len(pieces) - 1))]
        start = data.draw(st.integers(0, len(piece)))
        piece = piece[start : start + data.draw(st.integers(0, 400))]
        at = data.draw(st.integers(0, len(pdf)))
        action = data.draw(st.sampled_from(["insert", "replace", "delete", "repeat"]))
        if action == "insert":
            pdf = pdf[:at] + piece + pdf[at:]
        elif action == "replace":
            pdf = pdf[:at] + piece + pdf[at + len(piece) :]
        elif action == "delete":
            pdf = pdf[:at] + pdf[at + len(piece) :]
        else:
            pdf = pdf[:at] + pdf[at : at + 300] * 2 + pdf[at + 300 :]
    read(pdf)


PDF_TOKENS = st.sampled_from(
    [b"<<", b">>", b"[", b"]", b"/Type", b"/Page", b"/Pages", b"/Catalog", b"/Kids",
     b"/Count", b"/Contents", b"/Font", b"/Length", b"/Root", b"/MediaBox", b"obj",
     b"endobj", b"stream\n", b"\nendstream", b"R", b"0", b"1", b"2", b"-1", b"9999999",
     b"(Hello)", b"<48656c6c6f>", b"BT", b"ET", b"Tf", b"Tj", b"TJ", b"Td", b"xref",
     b"trailer", b"startxref", b"/Filter /FlateDecode", b"null", b"true", b" ", b"\n"]
)  # fmt: skip


@FUZZ
@given(st.lists(st.one_of(PDF_TOKENS, st.binary(max_size=8)), max_size=200))
def test_random_pdfs(tokens: list[bytes]) -> None:
    read(b"%PDF-1.7\n" + b" ".join(tokens) + b"\n%%EOF\n")

"""Assurance ratings, labelled or stated by the holding body."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from watching_brief.extraction import extract_file
from watching_brief.extraction.fields.assurance import parse_assurance


@pytest.mark.parametrize(
    ("sentence", "value", "labelled"),
    [
        ("Assurance: Partly assured", "Partly assured", True),
        ("Assurance rating – Assured", "Assured", True),
        ("Assurance level: limited assurance", "Not assured", True),
        ("The PCC said that she was not yet assured.", "Not assured", False),
        ("The PCC was fully assured by the answers given.", "Assured", False),
        ("The Chair concluded that the panel was partly assured.", "Partly assured", False),
    ],
)
def test_parse_assurance_reads_labels_and_statements(
    sentence: str, value: str, labelled: bool
) -> None:
    rating = parse_assurance(sentence)
    assert rating is not None
    assert (rating.value, rating.labelled) == (value, labelled)


@pytest.mark.parametrize(
    "sentence",
    [
        "The CC provided assurance that the plan was on track.",
        "The DCC assured the PCC that data would follow.",
        "The PCC sought reassurance on the increase.",
    ],
)
def test_assurance_given_or_sought_is_not_a_rating(sentence: str) -> None:
    assert parse_assurance(sentence) is None


def test_item_rating_comes_from_the_holding_body_and_keeps_its_span() -> None:
    path = EXAMPLES / "northshire-assurance-2026-02.txt"
    text = path.read_text(encoding="utf-8")
    minutes = extract_file(path)
    rated = [(item.number, item.assurance) for item in minutes.items if item.assurance]
    assert rated == [("2.3", "Partly assured")]
    (span,) = next(item for item in minutes.items if item.assurance).source["assurance_text"]
    assert text[span.start : span.end] == "partly assured"

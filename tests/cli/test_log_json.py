"""`brief actions --format json` writes the text ``json.dumps(rows, indent=2)`` would."""

from __future__ import annotations

import json

import pytest

from watching_brief.cli.log import json_text

ROWS = [
    {"reference": "MAM-20260224-1", "text": 'Quote "this" \\ and “that” — é\n', "overdue": True},
    {"reference": "", "text": "=1+1", "overdue": False, "due": None, "count": 3},
    {},
]


@pytest.mark.parametrize("rows", [[], ROWS[:1], ROWS])
def test_the_text_is_json_dumps_with_an_indent_of_two(rows: list[dict[str, object]]) -> None:
    assert json_text(rows) == json.dumps(rows, indent=2)
    assert json.loads(json_text(rows)) == rows

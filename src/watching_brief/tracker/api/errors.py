"""422 answers in one shape, whether a parameter failed its type (ninja's validation) or
a filter its form: a one-line ``detail`` (a string, as for every other error) and each
problem with its field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from watching_brief.tracker.api.schemas import FieldProblem, Invalid


def invalid(problems: Mapping[str, str]) -> Invalid:
    """``problems``: field (query.limit, body.status) to what is wrong with it."""
    errors = [FieldProblem(field=field, message=message) for field, message in problems.items()]
    return Invalid(detail="; ".join(f"{e.field}: {e.message}" for e in errors), errors=errors)


def from_validation(errors: Iterable[Mapping[str, Any]]) -> Invalid:
    """ninja's validation errors (pydantic's, with where each was sent in ``loc``)."""
    problems: dict[str, str] = {}
    for error in errors:
        field = ".".join(str(part) for part in error.get("loc", ())) or "request"
        message = str(error.get("msg", "is not valid"))
        problems[field] = f"{problems[field]}; {message}" if field in problems else message
    return invalid(problems)

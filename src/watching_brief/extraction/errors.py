"""The one error the extraction core raises for input it cannot read."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be read. The message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

"""The one error the extraction core raises for input it cannot read."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be read. The message names the file and the problem.

    ``internal`` marks an unexpected failure inside a reader (a bug, or a file that trips
    a library): the original exception is chained as ``__cause__`` so that a caller can
    write its traceback to a log while showing the one-line message.
    """

    def __init__(self, path: str, problem: str, *, internal: bool = False) -> None:
        self.path = path
        self.problem = problem
        self.internal = internal
        super().__init__(f"{path}: {problem}")


def internal_error(path: str) -> ExtractionError:
    """The ExtractionError for an unexpected exception raised while reading ``path``.

    The caller chains the exception (``raise internal_error(path) from error``); callers
    that keep logs write its traceback there (see ``ExtractionError.internal``).
    """
    return ExtractionError(path, "could not be read: internal error", internal=True)

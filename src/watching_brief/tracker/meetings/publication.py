"""Approving and publishing a meeting's notes, and the versions kept after publication.

(Being written for #7: approve, publish, versions and their differences.)
"""

from __future__ import annotations

from typing import Any

from watching_brief.tracker.meetings.models import Meeting


def after_edit(meeting: Meeting, user: Any) -> None:
    """Call after any saved change to a meeting's notes (the minute-taking pages do).

    Once the meeting is published, a change makes a new version of the published notes.
    """

"""What every generated document carries besides its content: who it is from, its
protective marking, when it was made, its language, and which parts are restricted.

The tracker fills a :class:`DocumentInfo` from the body that holds the meeting (its
name, and the marking it set for officers' copies or for public documents); anything
else that renders a record may leave it at its defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

LANGUAGE = "en-GB"
RESTRICTED_LABEL = "Restricted: not for publication."


@dataclass(frozen=True)
class DocumentInfo:
    """The document's organisation, marking and metadata.

    ``organisation`` is printed at the top of every page and is the document's author;
    ``marking`` (e.g. "OFFICIAL-SENSITIVE") is printed in the header and footer of every
    page, or nowhere when empty. ``restricted_items`` are the positions (in the record's
    ``items``) of items to label as restricted, ``restricted_actions`` the texts of
    restricted actions: only an officer's copy has any.
    """

    organisation: str = ""
    marking: str = ""
    created: dt.datetime | None = None
    restricted_items: frozenset[int] = field(default_factory=frozenset)
    restricted_actions: frozenset[str] = field(default_factory=frozenset)

    @property
    def when(self) -> dt.datetime:
        """The creation time: as given, else now (in UTC)."""
        return self.created or dt.datetime.now(dt.UTC).replace(microsecond=0)

    def with_organisation(self, name: str | None) -> DocumentInfo:
        """This info, naming ``name`` as the organisation when none was given."""
        if self.organisation or not name:
            return self
        return DocumentInfo(
            organisation=name,
            marking=self.marking,
            created=self.created,
            restricted_items=self.restricted_items,
            restricted_actions=self.restricted_actions,
        )

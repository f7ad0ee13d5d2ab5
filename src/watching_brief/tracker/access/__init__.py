"""Who sees what: the one access module every surface reads through.

Pages, the API, search and its snippets, feeds, iCal, exports, the notes, packs, the
version history and the bulk data all ask this package what a viewer may see:

* :mod:`.roles`: the public, a force contributor linked to posts, an officer;
* :mod:`.flags`: the stored restriction flags (``effective_restricted`` on items and
  actions: restricted on their own or under a restricted item), kept current here;
* :mod:`.visibility`: the query filters for meetings, items, actions and matters;
* :mod:`.meeting`: one view of a meeting for one viewer (page, API, notes, versions,
  search, bulk data);
* :mod:`.holders`: the holder of a post now, as far as the viewer may see;
* :mod:`.authors`: who wrote an update, as the viewer may be told (posts and offices,
  never account names, for anyone but officers).

Nothing here imports the web package.
"""

from __future__ import annotations

from watching_brief.tracker.access.roles import (
    CONTRIBUTOR,
    OFFICER,
    can_close,
    can_update,
    is_contributor,
    is_officer,
    own_posts,
)
from watching_brief.tracker.access.visibility import (
    action_filter,
    may_see_action,
    may_see_source,
    public_actions,
    public_items,
    public_matters,
    visible_actions,
    visible_items,
    visible_matters,
    visible_meetings,
    visible_updates,
)

__all__ = [
    "CONTRIBUTOR",
    "OFFICER",
    "action_filter",
    "can_close",
    "can_update",
    "is_contributor",
    "is_officer",
    "may_see_action",
    "may_see_source",
    "own_posts",
    "public_actions",
    "public_items",
    "public_matters",
    "visible_actions",
    "visible_items",
    "visible_matters",
    "visible_meetings",
    "visible_updates",
]

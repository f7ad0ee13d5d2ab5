"""A cache of anonymous responses that can never serve a stale or restricted page.

See :mod:`watching_brief.tracker.caching.pages` for the rules and
:mod:`watching_brief.tracker.caching.generation` for how invalidation works.
"""

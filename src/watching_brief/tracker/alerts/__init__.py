"""Alerts: e-mail digests and webhooks when something a person follows changes.

Anyone may follow a body, a series, a topic, a post or a search phrase: by e-mail (with
double opt-in, immediately or weekly, one-click unsubscribe) or, through the API, by a
signed webhook. What changed is read through the one access module as the public sees it
(:mod:`.changes`), so nothing restricted or unpublished triggers or appears in an alert.
"""

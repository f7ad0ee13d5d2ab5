"""The JSON API (django-ninja): public reads, token-authorised writes, OpenAPI 3.1.

Every query reads through :mod:`watching_brief.tracker.access`, so the API never shows
more than the web pages would show the same user.
"""

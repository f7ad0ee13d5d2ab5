"""Full-text search across meetings, items, questions, decisions and actions.

One interface (``backends.base.SearchBackend``), two backends: SQLite FTS5 by default and
PostgreSQL full-text search when the tracker runs on PostgreSQL. Both read one table of
``SearchEntry`` rows, kept up to date from signals (``index.py``) and by ``manage.py
reindex``; who may see what is decided by ``tracker.access`` at query time.
"""

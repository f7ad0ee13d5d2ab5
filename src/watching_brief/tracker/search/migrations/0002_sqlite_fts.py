"""The FTS5 table for SQLite, kept in step with ``search_searchentry`` by triggers.

An external-content FTS5 table: the text lives in ``search_searchentry`` and the FTS
index is updated by triggers on insert, update and delete. Nothing happens on other
databases (PostgreSQL searches the entry's tsvector instead).

A later migration that alters ``search_searchentry`` makes SQLite rebuild the table, which
drops these triggers: such a migration must run ``FORWARD``'s triggers again.
"""

from typing import Any

from django.db import migrations

FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text, content='search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE OF title, text ON search_searchentry
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO search_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False)]

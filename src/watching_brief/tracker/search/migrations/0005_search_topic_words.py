"""Passages found by their item's title and topics, and the words for spelling suggestions.

The FTS5 table gets a third column, ``topic`` (the titles and topics of the passage's item
and of the items above it), so an action is found by the theme it sits under. Its entries
are emptied here: ``index.fill_empty_index`` (run after ``migrate``) builds them again
with the new topic words, on SQLite and PostgreSQL alike, and fills ``SearchWord``.

As with 0002: a later migration that alters ``search_searchentry`` makes SQLite rebuild
the table, which drops these triggers; such a migration must run ``FORWARD`` again.
"""

from importlib import import_module
from typing import Any

from django.db import migrations, models

FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    "DELETE FROM search_searchentry",
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title, text, topic, content='search_searchentry', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title, text, topic)
        VALUES (new.id, new.title, new.text, new.topic);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text, topic)
        VALUES ('delete', old.id, old.title, old.text, old.topic);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE OF title, text, topic
    ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, text, topic)
        VALUES ('delete', old.id, old.title, old.text, old.topic);
        INSERT INTO search_fts(rowid, title, text, topic)
        VALUES (new.id, new.title, new.text, new.topic);
    END""",
]
# Back to the two columns of 0002 (emptied as well: rebuilt after migrate).
BACKWARD = [
    *FORWARD[:5],
    *import_module("watching_brief.tracker.search.migrations.0002_sqlite_fts").FORWARD,
]


def _run(statements: list[str]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "sqlite":
            # PostgreSQL: emptied too, so the entries are built again with the topic words
            apps.get_model("search", "SearchEntry").objects.all().delete()
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_entry_status")]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True)),
                ("length", models.PositiveSmallIntegerField()),
            ],
            options={
                "indexes": [models.Index(fields=["length", "word"], name="search_word_length")],
            },
        ),
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]

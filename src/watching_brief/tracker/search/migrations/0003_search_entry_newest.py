"""An index on (date, id), newest first, for ranking a common word's newest matches.

Adding an index does not make SQLite rebuild the table, so the FTS5 triggers of 0002 stay.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0002_sqlite_fts")]

    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["-date", "-id"], name="search_entry_newest"),
        ),
    ]

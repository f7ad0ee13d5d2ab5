"""The import jobs' models now belong to tracker.ingest (same tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0005_h4_pendingimport_text"),
        ("ingest", "0001_h5_import_jobs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImportFile"),
                migrations.DeleteModel(name="ImportBatch"),
            ]
        ),
    ]

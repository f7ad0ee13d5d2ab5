"""The import jobs' models now belong to tracker.ingest (same tables)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("web", "0004_importbatch_importfile"),
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

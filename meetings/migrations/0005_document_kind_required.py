"""Every document has a kind (0004 gave the older ones theirs)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_document_kinds_data")]

    operations = [
        migrations.AlterField(
            model_name="conclusionnotice",
            name="kind",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="meetings.documentkind",
                verbose_name="loại văn bản",
            ),
        ),
    ]

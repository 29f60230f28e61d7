"""Directive documents of every kind: the kinds table, and on the notice its kind, issuer and
directing leader; the meeting becomes optional (only a conclusion notice needs one). The kind is
nullable here so that 0004 can fill it in; 0005 makes it required."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_search_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentKind",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="mã")),
                ("name", models.CharField(max_length=120, unique=True, verbose_name="tên loại văn bản")),
                (
                    "needs_meeting",
                    models.BooleanField(
                        default=False,
                        help_text="Văn bản loại này phải ghi cuộc họp (như thông báo kết luận).",
                        verbose_name="gắn với cuộc họp",
                    ),
                ),
                ("order", models.PositiveIntegerField(default=100, verbose_name="thứ tự")),
            ],
            options={
                "verbose_name": "loại văn bản chỉ đạo",
                "verbose_name_plural": "loại văn bản chỉ đạo",
                "ordering": ["order", "name"],
            },
        ),
        migrations.AlterModelOptions(
            name="conclusionnotice",
            options={
                "ordering": ["-created_at", "-id"],
                "verbose_name": "văn bản chỉ đạo",
                "verbose_name_plural": "văn bản chỉ đạo",
            },
        ),
        migrations.AddField(
            model_name="conclusionnotice",
            name="kind",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="meetings.documentkind",
                verbose_name="loại văn bản",
            ),
        ),
        migrations.AddField(
            model_name="conclusionnotice",
            name="issuer",
            field=models.CharField(blank=True, default="UBND tỉnh", max_length=255, verbose_name="cơ quan ban hành"),
        ),
        migrations.AddField(
            model_name="conclusionnotice",
            name="leader",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="directed_documents",
                to=settings.AUTH_USER_MODEL,
                verbose_name="lãnh đạo chỉ đạo",
            ),
        ),
        migrations.AddField(
            model_name="conclusionnotice",
            name="leader_name",
            field=models.CharField(blank=True, max_length=255, verbose_name="lãnh đạo chỉ đạo (như ghi trên văn bản)"),
        ),
        migrations.AlterField(
            model_name="conclusionnotice",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="notices",
                to="meetings.meeting",
                verbose_name="cuộc họp",
            ),
        ),
    ]

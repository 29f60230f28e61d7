from django.db import migrations, models


def approved_requests_got_what_they_asked(apps, schema_editor):
    # Before this field a leader could only grant the requested date.
    ExtensionRequest = apps.get_model("directives", "ExtensionRequest")
    ExtensionRequest.objects.filter(status="approved").update(approved_date=models.F("requested_date"))


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0012_task_handlers"),
    ]

    operations = [
        migrations.AddField(
            model_name="extensionrequest",
            name="approved_date",
            field=models.DateField(blank=True, null=True, verbose_name="hạn được đồng ý"),
        ),
        migrations.RunPython(approved_requests_got_what_they_asked, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="extensionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("status", "approved"), ("approved_date__isnull", False)))
                | models.Q(models.Q(("status", "approved"), _negated=True), ("approved_date__isnull", True)),
                name="extension_approved_date_iff_approved",
            ),
        ),
        migrations.AddConstraint(
            model_name="extensionrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("approved_date__isnull", True))
                | models.Q(("approved_date__lte", models.F("requested_date"))),
                name="extension_approved_no_later_than_requested",
            ),
        ),
    ]

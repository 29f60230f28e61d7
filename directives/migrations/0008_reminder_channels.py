"""Reminder channels as rows: one per (agency, channel) instead of a column per channel.

Every ReminderSettings row becomes its three channel rows, nothing lost: e-mail and the bell with
their switch, the webhook with its address and secret (kept, switched off, when only a secret
was set). Reversible: the rows fold back into the columns.
"""

import django.db.models.deletion
from django.db import migrations, models


def columns_to_rows(apps, schema_editor):
    ReminderSettings = apps.get_model("directives", "ReminderSettings")
    ReminderChannel = apps.get_model("directives", "ReminderChannel")
    rows = []
    for old in ReminderSettings.objects.order_by("pk").iterator():
        rows.append(ReminderChannel(agency_id=old.agency_id, channel="email", enabled=old.email_enabled))
        rows.append(
            ReminderChannel(agency_id=old.agency_id, channel="notification", enabled=old.notification_enabled)
        )
        if old.webhook_url or old.webhook_secret:
            rows.append(
                ReminderChannel(
                    agency_id=old.agency_id,
                    channel="webhook",
                    enabled=bool(old.webhook_url),
                    config={"url": old.webhook_url, "secret": old.webhook_secret},
                )
            )
    ReminderChannel.objects.bulk_create(rows, batch_size=500)


def rows_to_columns(apps, schema_editor):
    ReminderSettings = apps.get_model("directives", "ReminderSettings")
    ReminderChannel = apps.get_model("directives", "ReminderChannel")
    by_agency = {}
    for row in ReminderChannel.objects.filter(channel__in=["email", "notification", "webhook"]).iterator():
        old = by_agency.setdefault(row.agency_id, ReminderSettings(agency_id=row.agency_id))
        if row.channel == "email":
            old.email_enabled = row.enabled
        elif row.channel == "notification":
            old.notification_enabled = row.enabled
        else:
            old.webhook_url = row.config.get("url", "") if row.enabled else ""
            old.webhook_secret = row.config.get("secret", "")
    ReminderSettings.objects.bulk_create(by_agency.values(), batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0001_initial'),
        ('directives', '0007_protect_published'),
    ]

    operations = [
        migrations.AddField(
            model_name='digest',
            name='channels_unknown',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='digest',
            name='handed_to',
            field=models.CharField(blank=True, max_length=32),
        ),
        migrations.CreateModel(
            name='ReminderChannel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.CharField(max_length=32, verbose_name='kênh')),
                ('enabled', models.BooleanField(default=True, verbose_name='bật')),
                ('config', models.JSONField(blank=True, default=dict, verbose_name='cấu hình')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminder_channels', to='agencies.agency', verbose_name='cơ quan')),
            ],
            options={
                'verbose_name': 'kênh nhắc việc',
                'verbose_name_plural': 'kênh nhắc việc',
                'ordering': ['agency_id', 'channel'],
            },
        ),
        migrations.AddConstraint(
            model_name='reminderchannel',
            constraint=models.UniqueConstraint(fields=('agency', 'channel'), name='reminder_channel_once'),
        ),
        migrations.RunPython(columns_to_rows, rows_to_columns),
        migrations.DeleteModel(
            name='ReminderSettings',
        ),
    ]

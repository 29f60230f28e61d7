"""The move from one settings row of columns per agency to one row per (agency, channel): every
switch, address and secret survives, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _nodes():
    executor = MigrationExecutor(connection)
    (target,) = [
        key for key in executor.loader.graph.nodes if key[0] == "directives" and key[1].endswith("_reminder_channels")
    ]
    (before,) = [node.key for node in executor.loader.graph.node_map[target].parents if node.key[0] == "directives"]
    return before, target


def _migrate(node):
    executor = MigrationExecutor(connection)
    executor.migrate([node])
    return MigrationExecutor(connection).loader.project_state(node).apps


@pytest.fixture
def before_and_after(back_to_latest):
    return _nodes()


def test_columns_become_channel_rows_without_loss(before_and_after):
    before, target = before_and_after
    plain, no_mail, gateway, secret_only = (AgencyFactory() for _ in range(4))
    old_apps = _migrate(before)
    ReminderSettings = old_apps.get_model("directives", "ReminderSettings")
    ReminderSettings.objects.create(agency_id=plain.pk)
    ReminderSettings.objects.create(agency_id=no_mail.pk, email_enabled=False, notification_enabled=False)
    ReminderSettings.objects.create(
        agency_id=gateway.pk, webhook_url="https://sms.example.vn/hook", webhook_secret="bi-mat"
    )
    ReminderSettings.objects.create(agency_id=secret_only.pk, webhook_secret="chua-co-dia-chi")

    new_apps = _migrate(target)
    ReminderChannel = new_apps.get_model("directives", "ReminderChannel")
    rows = {(r.agency_id, r.channel): (r.enabled, r.config) for r in ReminderChannel.objects.all()}
    assert rows == {
        (plain.pk, "email"): (True, {}),
        (plain.pk, "notification"): (True, {}),
        (no_mail.pk, "email"): (False, {}),
        (no_mail.pk, "notification"): (False, {}),
        (gateway.pk, "email"): (True, {}),
        (gateway.pk, "notification"): (True, {}),
        (gateway.pk, "webhook"): (True, {"url": "https://sms.example.vn/hook", "secret": "bi-mat"}),
        (secret_only.pk, "email"): (True, {}),
        (secret_only.pk, "notification"): (True, {}),
        (secret_only.pk, "webhook"): (False, {"url": "", "secret": "chua-co-dia-chi"}),
    }

    old_apps = _migrate(before)
    back = old_apps.get_model("directives", "ReminderSettings").objects.order_by("agency_id")
    assert [(s.agency_id, s.email_enabled, s.notification_enabled, s.webhook_url, s.webhook_secret) for s in back] == [
        (plain.pk, True, True, "", ""),
        (no_mail.pk, False, False, "", ""),
        (gateway.pk, True, True, "https://sms.example.vn/hook", "bi-mat"),
        (secret_only.pk, True, True, "", "chua-co-dia-chi"),
    ]

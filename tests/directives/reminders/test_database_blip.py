"""A database blip in the middle of sending: the connection dies right after a channel delivered.
The delivery is still recorded (on a new connection), the channels after it still go, and a
resend repeats none of them. Real PostgreSQL: the connection is terminated by the server."""

import datetime as dt

import psycopg
import pytest
from django.core import mail
from django.db import connection

from directives.models import Digest, Notification
from directives.reminders import channels as registry
from directives.reminders import delivery
from directives.reminders.channels import Channel, Delivered
from directives.reminders.sweep import sweep
from tests.directives.reminders.conftest import local
from tests.directives.reminders.workers import database_url
from tests.factories import TaskFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PLAN_EVE = local(2021, 6, 25)


@pytest.fixture
def blip_after_sending():
    """A channel, first in order, that delivers and then loses the database connection, like a
    failover right after the SMTP server accepted a message."""
    sent = []

    class FlakyChannel(Channel):
        name = "blip-test"
        position = 0
        enabled_by_default = True

        def send(self, message):
            sent.append(message.digest.pk)
            pid = connection.cursor().connection.info.backend_pid
            with psycopg.connect(database_url(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", [pid])
            return Delivered(to=["gateway"])

    registry.register(FlakyChannel)
    yield sent
    registry._REGISTRY.pop("blip-test")


def test_delivery_recorded_after_the_connection_died_and_the_other_channels_still_go(
    health_dept, health_dept_officer, blip_after_sending
):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    assert delivery.deliver(digest_id, now=PLAN_EVE).result == delivery.SENT
    digest = Digest.objects.get()
    assert digest.channels_done == ["blip-test", "email", "notification"] and digest.last_error == ""
    assert blip_after_sending == [digest_id] and len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=health_dept_officer).count() == 1
    # Sent is sent: another run, or a redelivered message, sends nothing again.
    assert delivery.deliver(digest_id, now=PLAN_EVE).result == delivery.NOT_CLAIMED
    assert blip_after_sending == [digest_id] and len(mail.outbox) == 1

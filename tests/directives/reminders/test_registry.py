"""Channels go through one registry: the three of the product, and any other added as a module."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from directives.models import Digest, Notification, ReminderChannel
from directives.reminders import channels as registry
from directives.reminders import delivery
from directives.reminders.channels import Channel, Delivered
from directives.reminders.services import reminder_channels_update
from directives.reminders.sweep import sweep
from tests.directives.reminders.conftest import local
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db

PLAN_EVE = local(2021, 6, 25)


def test_the_products_three_channels_are_registered_in_order():
    assert [channel.name for channel in registry.all_channels()] == ["email", "notification", "webhook"]
    assert [channel.queue for channel in registry.all_channels()] == ["", "", "webhooks"]


@pytest.fixture
def sms_channel():
    """A channel as a new module would add it; taken out again after the test."""
    sent = []

    class SmsChannel(Channel):
        name = "sms-test"
        label = "SMS"
        enabled_by_default = True

        def send(self, message):
            sent.append((message.digest.pk, message.content["count"], message.config))
            return Delivered(to=["+84900000000"])

    registry.register(SmsChannel)
    yield sent
    registry._REGISTRY.pop("sms-test")


def test_delivery_sends_on_every_registered_channel_and_records_each(health_dept, health_dept_officer, sms_channel):
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    digest_id = sweep(at=PLAN_EVE).digest_ids[0]
    assert delivery.deliver(digest_id, now=PLAN_EVE).result == delivery.SENT
    assert sms_channel == [(digest_id, 1, {})]
    assert len(mail.outbox) == 1 and Notification.objects.filter(recipient=health_dept_officer).exists()
    assert Digest.objects.get().channels_done == ["email", "notification", "sms-test"]


def test_a_channel_switched_off_for_an_agency_is_not_sent(health_dept, sms_channel):
    ReminderChannel.objects.create(agency=health_dept, channel="sms-test", enabled=False)
    TaskFactory(lead=health_dept, due_date=dt.date(2021, 6, 26))
    delivery.deliver(sweep(at=PLAN_EVE).digest_ids[0], now=PLAN_EVE)
    assert sms_channel == [] and len(mail.outbox) == 1


def test_the_channel_page_stores_one_row_per_channel(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    client.post(f"/reminders/channels/{health_dept.pk}/", {"email_enabled": "on"})
    assert sorted(ReminderChannel.objects.values_list("channel", "enabled")) == [
        ("email", True),
        ("notification", False),
        ("webhook", False),
    ]


def test_an_unknown_channel_is_refused_and_nothing_is_stored(health_dept):
    with pytest.raises(ValidationError, match="Không có kênh nhắc việc"):
        reminder_channels_update(agency=health_dept, changes={"email": (False, {}), "fax": (True, {})})
    assert not ReminderChannel.objects.exists()

"""Per-agency channel switches at /reminders/channels/: office staff only, validated, and the
webhook secret never shown back."""

import pytest

from tests.directives.reminders.legacy_settings import ReminderSettings

pytestmark = pytest.mark.django_db


def test_office_switches_email_off_and_adds_a_webhook(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    response = client.post(
        f"/reminders/channels/{health_dept.pk}/",
        {"notification_enabled": "on", "webhook_url": "https://sms.example.vn/hook", "webhook_secret": "bi-mat"},
    )
    assert response.status_code == 302
    settings = ReminderSettings.objects.get(agency=health_dept)
    assert (settings.email_enabled, settings.notification_enabled) == (False, True)
    assert (settings.webhook_url, settings.webhook_secret) == ("https://sms.example.vn/hook", "bi-mat")


def test_empty_secret_keeps_the_one_in_force_and_is_never_shown(client, office_clerk, health_dept):
    ReminderSettings.objects.create(
        agency=health_dept, webhook_url="https://sms.example.vn/hook", webhook_secret="khoa-cu-9x7"
    )
    client.force_login(office_clerk)
    assert "khoa-cu-9x7" not in client.get(f"/reminders/channels/{health_dept.pk}/").content.decode()
    client.post(
        f"/reminders/channels/{health_dept.pk}/",
        {"email_enabled": "on", "webhook_url": "https://sms.example.vn/hook2", "webhook_secret": ""},
    )
    assert ReminderSettings.objects.get(agency=health_dept).webhook_secret == "khoa-cu-9x7"


def test_webhook_without_a_secret_is_refused_in_vietnamese(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    page = client.post(f"/reminders/channels/{health_dept.pk}/", {"webhook_url": "https://sms.example.vn/hook"})
    assert page.status_code == 200 and "Cần khóa bí mật" in page.content.decode()
    assert not ReminderSettings.objects.exists()


def test_malformed_webhook_address_is_refused(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    page = client.post(
        f"/reminders/channels/{health_dept.pk}/", {"webhook_url": "không phải url", "webhook_secret": "k"}
    )
    assert "Địa chỉ webhook phải là một URL hợp lệ" in page.content.decode()
    assert not ReminderSettings.objects.exists()


def test_officer_may_not_change_channels(client, health_dept_officer, health_dept):
    client.force_login(health_dept_officer)
    assert client.get("/reminders/channels/").status_code == 403
    assert client.post(f"/reminders/channels/{health_dept.pk}/", {"email_enabled": ""}).status_code == 403
    assert not ReminderSettings.objects.exists()


def test_unknown_agency_is_404(client, office_clerk):
    client.force_login(office_clerk)
    assert client.get("/reminders/channels/987654/").status_code == 404


def test_channel_list_shows_each_agency_with_words(client, office_clerk, health_dept, ict_dept):
    ReminderSettings.objects.create(agency=ict_dept, email_enabled=False)
    client.force_login(office_clerk)
    page = client.get("/reminders/channels/").content.decode()
    assert "Sở Y tế" in page and "Tắt" in page and "2 cơ quan" in page

"""The bell: a notification in the product for each of the recipient's people."""

from django import forms
from django.urls import reverse

from directives.models import Digest, Notification
from directives.reminders.channels import Channel, ChannelForm, Delivered, Message, register
from directives.tasks.notify import notify_users


class BellForm(ChannelForm):
    notification_enabled = forms.BooleanField(label="Thông báo trong phần mềm", required=False)

    def to_setting(self) -> tuple[bool, dict]:
        return self.cleaned_data["notification_enabled"], {}


@register
class BellChannel(Channel):
    # Stored as "notification" since the first digests: the name is the key of existing rows.
    name = "notification"
    label = "Thông báo trong phần mềm"
    position = 20
    enabled_by_default = True
    form_class = BellForm

    def send(self, message: Message) -> Delivered | None:
        if not message.people:
            return None
        digest, count = message.digest, message.content["count"]
        title = f"Nhắc việc ngày {digest.day:%d/%m/%Y}: {count} nhiệm vụ"
        if digest.kind == Digest.Kind.SUMMARY:
            title = f"Tổng hợp quá hạn ngày {digest.day:%d/%m/%Y}: {count} nhiệm vụ"
        body = "; ".join(f"{s['title']}: {len(s['rows'])}" for s in message.content.get("sections", []))
        notify_users(
            users=message.people, kind=Notification.Kind.REMINDER, title=title, body=body, url=reverse("reminder_list")
        )
        return Delivered(to=[user.get_username() for user in message.people])

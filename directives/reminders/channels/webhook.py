"""A webhook, for an SMS or chat gateway: a JSON POST signed with HMAC-SHA256.

Delivery is at most once on its own: a gateway that took the body and did not answer before the
deadline may have it, so that attempt is "unknown" and is never repeated automatically (the
office can resend it, and the gateway drops a repeat by X-TheoDoi-Digest-Id). Sent from its own
queue ("webhooks"): a slow gateway holds up no e-mail and no bell.
"""

import hashlib
import hmac
import json
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from directives.reminders import content, outbound
from directives.reminders.channels import (
    Channel,
    ChannelError,
    ChannelForm,
    Delivered,
    Message,
    OutcomeUnknown,
    register,
)

logger = logging.getLogger(__name__)

REFUSED = (
    "Địa chỉ webhook trỏ vào mạng nội bộ hoặc dải địa chỉ dành riêng (127.x, 10.x, 192.168.x, 169.254.x…): "
    "không được phép. Dùng địa chỉ công khai của cổng SMS/chat, hoặc đề nghị quản trị cho phép mạng của cổng."
)
NOT_SENT = "không kết nối được webhook (chi tiết trong nhật ký máy chủ)"
UNKNOWN = (
    "cổng webhook đã nhận dữ liệu nhưng không trả lời trong {seconds} giây: không rõ đã nhận hay chưa, "
    "nên không tự gửi lại (tránh gửi trùng). Hỏi cổng, rồi bấm “Gửi lại” nếu cổng chưa nhận."
)


class WebhookForm(ChannelForm):
    # Gateways are reached over HTTPS; an address typed without a scheme is read as https://.
    webhook_url = forms.URLField(
        label="Địa chỉ webhook (SMS, nhóm chat)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Địa chỉ webhook phải là một URL hợp lệ (http:// hoặc https://)."},
    )
    # Never shown back; left empty, the secret in force is kept.
    webhook_secret = forms.CharField(
        label="Khóa bí mật ký webhook",
        required=False,
        max_length=255,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Để trống để giữ khóa đang dùng. Cổng SMS/chat kiểm tra chữ ký HMAC-SHA256 bằng khóa này.",
    )

    def clean_webhook_url(self):
        url = self.cleaned_data["webhook_url"]
        # URLField also takes ftp://; a webhook is an HTTP request.
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError(self.fields["webhook_url"].error_messages["invalid"])
        return url

    @classmethod
    def initial_from(cls, setting, channel) -> dict:
        return {"webhook_url": (setting.config.get("url", "") if setting else "")}

    def _kept_secret(self) -> str:
        return (self.current.config.get("secret", "") if self.current else "") or ""

    def clean(self):
        data = super().clean()
        url = data.get("webhook_url")
        if url:
            try:
                WebhookChannel.check_url(url)
            except ValidationError as exc:
                self.add_error("webhook_url", exc)
            if not (data.get("webhook_secret") or self._kept_secret()):
                self.add_error("webhook_secret", "Cần khóa bí mật để cổng nhận kiểm tra được chữ ký của webhook.")
        return data

    def to_setting(self) -> tuple[bool, dict]:
        url = self.cleaned_data["webhook_url"]
        return bool(url), {"url": url, "secret": self.cleaned_data["webhook_secret"] or self._kept_secret()}


def payload(message: Message) -> bytes:
    digest = message.digest
    body = {
        "digest_id": digest.pk,
        "kind": digest.kind,
        "day": digest.day.isoformat(),
        "agency": {"id": digest.agency_id, "name": digest.recipient_label},
        "text": content.subject(digest, message.content),
        # Said in the payload too: a gateway may see the same digest again only when the office
        # resends it by hand; this id is the key to drop the repeat.
        "delivery": "at-most-once; a manual resend repeats digest_id",
        "tasks": [
            {
                "id": row["task_id"],
                "section": section["kind"],
                "action": row["action"],
                "url": row["url"],
                "role": row["role"],
                "due_date": row["due_date"].isoformat() if row["due_date"] else None,
                "days_overdue": row["days_overdue"],
            }
            for section in message.content.get("sections", [])
            for row in section["rows"]
        ],
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


@register
class WebhookChannel(Channel):
    name = "webhook"
    label = "Webhook"
    position = 30
    enabled_by_default = False
    queue = "webhooks"
    form_class = WebhookForm

    @staticmethod
    def check_url(url: str) -> None:
        try:
            outbound.check_url(url)
        except outbound.Refused:
            raise ValidationError(REFUSED) from None

    def check_config(self, config: dict) -> None:
        if config.get("url"):
            self.check_url(config["url"])

    def is_active(self, setting, digest) -> bool:
        # Only agencies have gateways; the office's and leaders' digests go by mail and the bell.
        return bool(digest.agency_id and setting is not None and setting.enabled and setting.config.get("url"))

    def status_label(self, setting) -> str:
        return "Bật" if setting is not None and setting.enabled and setting.config.get("url") else "Không dùng"

    def send(self, message: Message) -> Delivered | None:
        url, secret = message.config["url"], message.config.get("secret", "")
        body = payload(message)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-TheoDoi-Signature": signature(secret, body),
            # The gateway can drop a repeat with this key, whatever happens on our side.
            "X-TheoDoi-Digest-Id": str(message.digest.pk),
        }
        timeout = settings.REMINDER_WEBHOOK_TIMEOUT
        try:
            answer = outbound.post(url, body, headers, timeout=timeout)
        except outbound.Refused as exc:
            logger.warning("webhook of digest %s refused: %s", message.digest.pk, exc)
            raise ChannelError("địa chỉ webhook trỏ vào mạng nội bộ, không được phép") from None
        except outbound.NotSent as exc:
            logger.warning("webhook of digest %s not sent: %s", message.digest.pk, exc)
            raise ChannelError(NOT_SENT) from None
        except outbound.NoAnswer as exc:
            logger.warning("webhook of digest %s sent, no answer: %s", message.digest.pk, exc)
            raise OutcomeUnknown(UNKNOWN.format(seconds=timeout)) from None
        if 300 <= answer.status < 400:
            # Following it would resend the body (and its signature) wherever the receiver points.
            raise ChannelError(f"webhook trả về mã HTTP {answer.status} (chuyển hướng, không theo): chưa gửi được")
        if not 200 <= answer.status < 300:
            raise ChannelError(f"webhook trả về mã lỗi HTTP {answer.status}")
        return Delivered(to=[url.split("/")[2]])

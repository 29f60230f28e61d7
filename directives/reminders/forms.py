from django import forms

from directives.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    # Never shown back; left empty, the secret in force is kept.
    webhook_secret = forms.CharField(
        label="Khóa bí mật ký webhook",
        required=False,
        max_length=255,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Để trống để giữ khóa đang dùng. Cổng SMS/chat kiểm tra chữ ký HMAC-SHA256 bằng khóa này.",
    )

    # Gateways are reached over HTTPS; an address typed without a scheme is read as https://.
    webhook_url = forms.URLField(
        label="Địa chỉ webhook (SMS, nhóm chat)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Địa chỉ webhook phải là một URL hợp lệ (http:// hoặc https://)."},
    )

    class Meta:
        model = ReminderSettings
        fields = ["email_enabled", "notification_enabled", "webhook_url", "webhook_secret"]

    def clean(self):
        data = super().clean()
        if data.get("webhook_url") and not (data.get("webhook_secret") or self.instance.webhook_secret):
            self.add_error("webhook_secret", "Cần khóa bí mật để cổng nhận kiểm tra được chữ ký của webhook.")
        return data

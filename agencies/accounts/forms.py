from django import forms
from django.contrib.auth import get_user_model

from agencies.accounts.services import AGENCY_ROLES, ROLES, AccountInput
from agencies.models import Agency


class AccountForm(forms.Form):
    username = forms.RegexField(
        label="Tên đăng nhập",
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . @ + - _"},
    )
    first_name = forms.CharField(label="Họ và tên đệm", max_length=150, required=False)
    last_name = forms.CharField(label="Tên", max_length=150)
    email = forms.EmailField(
        label="Thư điện tử", required=False, help_text="Dùng để nhận thư nhắc việc và đặt lại mật khẩu."
    )
    role = forms.ChoiceField(label="Vai trò", choices=ROLES)
    agency = forms.ModelChoiceField(
        label="Cơ quan",
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text="Bắt buộc với chuyên viên và lãnh đạo cơ quan.",
    )
    is_active = forms.BooleanField(label="Được đăng nhập", required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_username(self):
        username = self.cleaned_data["username"]
        taken = get_user_model().objects.filter(username__iexact=username)
        if self.user is not None:
            taken = taken.exclude(pk=self.user.pk)
        if taken.exists():
            raise forms.ValidationError("Tên đăng nhập này đã có người dùng.")
        return username

    def clean(self):
        data = super().clean()
        if data.get("role") in AGENCY_ROLES and not data.get("agency"):
            self.add_error("agency", "Hãy chọn cơ quan của tài khoản này.")
        return data

    def account_input(self) -> AccountInput:
        data = self.cleaned_data
        return AccountInput(
            username=data["username"],
            first_name=data["first_name"].strip(),
            last_name=data["last_name"].strip(),
            email=data["email"],
            role=data["role"],
            agency=data["agency"] if data["role"] in AGENCY_ROLES else None,
            is_active=data["is_active"],
        )

"""The office's page of API keys (/api-keys/): issue a key to a system, see when each was last
used, revoke it. A new key is shown once, in the answer to the form that made it, and never
again: only its hash is kept."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from agencies.roles import office_staff_required
from directives.api.auth import api_key_create, api_key_revoke
from directives.models import ApiKey

TEMPLATE = "directives/api/key_list.html"


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label="Tên hệ thống dùng khóa",
        max_length=120,
        help_text="Ví dụ: Hệ thống quản lý văn bản, Cổng báo cáo tỉnh.",
        error_messages={"required": "Hãy nhập tên hệ thống.", "max_length": "Tên dài quá 120 ký tự."},
    )
    user = forms.ModelChoiceField(
        label="Tài khoản của khóa",
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        help_text="Khóa có đúng quyền của tài khoản này: vai trò và cơ quan của tài khoản.",
        error_messages={"required": "Hãy chọn tài khoản.", "invalid_choice": "Tài khoản không tồn tại hoặc đã khóa."},
    )


def _page(request, form, *, new_key: str = "", status: int = 200):
    keys = ApiKey.objects.select_related("user", "created_by").order_by("revoked_at", "-created_at", "-id")
    return render(request, TEMPLATE, {"form": form, "keys": keys, "new_key": new_key}, status=status)


@office_staff_required
def api_key_list(request):
    if request.method != "POST":
        return _page(request, ApiKeyForm())
    form = ApiKeyForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    _key, raw = api_key_create(user=form.cleaned_data["user"], name=form.cleaned_data["name"], actor=request.user)
    # Answered directly, not redirected: the key must not travel in a URL or the session.
    return _page(request, ApiKeyForm(), new_key=raw)


@office_staff_required
@require_POST
def api_key_revoke_view(request, pk):
    key = get_object_or_404(ApiKey, pk=pk)
    api_key_revoke(key=key, actor=request.user)
    messages.success(request, f"Đã thu hồi khóa “{key.name}”: hệ thống dùng khóa này không truy cập được nữa.")
    return redirect("api_key_list")

"""The office's pages for accounts: list, create, edit (role, agency, deactivate), set a password."""

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from agencies.accounts.forms import AccountForm
from agencies.accounts.services import ROLES, account_password_set, account_role, account_save, accounts_manageable
from agencies.roles import office_staff_required

ROLE_LABELS = dict(ROLES)


@office_staff_required
def account_list(request):
    query = request.GET.get("q", "").strip()[:100]
    users = accounts_manageable().prefetch_related("memberships__agency", "groups").order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(memberships__agency__name__icontains=query)
        ).distinct()
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    rows = []
    for user in page.object_list:
        role, agency = account_role(user)
        rows.append({"user": user, "role": ROLE_LABELS.get(role, ""), "agency": agency})
    return render(request, "agencies/accounts/account_list.html", {"page": page, "rows": rows, "query": query})


def _save(request, form, user=None):
    try:
        return account_save(data=form.account_input(), actor=request.user, user=user)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
    return None


@office_staff_required
@require_http_methods(["GET", "POST"])
def account_create(request):
    form = AccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (user := _save(request, form)):
        messages.success(
            request,
            f"Đã tạo tài khoản {user.username}. Người dùng đặt mật khẩu qua “Quên mật khẩu” bằng thư điện tử, "
            "hoặc Văn phòng đặt mật khẩu tạm.",
        )
        return redirect("account_edit", pk=user.pk)
    return render(request, "agencies/accounts/account_form.html", {"form": form, "account": None})


@office_staff_required
@require_http_methods(["GET", "POST"])
def account_edit(request, pk: int):
    user = get_object_or_404(accounts_manageable(), pk=pk)
    role, agency = account_role(user)
    initial = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": role,
        "agency": agency,
        "is_active": user.is_active,
    }
    form = AccountForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid() and _save(request, form, user=user):
        messages.success(request, f"Đã lưu tài khoản {form.cleaned_data['username']}.")
        return redirect("account_list")
    return render(request, "agencies/accounts/account_form.html", {"form": form, "account": user})


@office_staff_required
@require_http_methods(["GET", "POST"])
def account_password(request, pk: int):
    user = get_object_or_404(accounts_manageable(), pk=pk)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_password_set(user=user, password=form.cleaned_data["new_password1"], actor=request.user)
        messages.success(request, f"Đã đặt mật khẩu mới cho {user.username}. Hãy báo cho người dùng đổi lại.")
        return redirect("account_edit", pk=user.pk)
    return render(request, "agencies/accounts/account_password.html", {"form": form, "account": user})

"""The office manages accounts in the product; everyone can reset a forgotten password by e-mail."""

import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.urls import reverse

from agencies.models import Membership
from agencies.roles import is_leader, is_office_staff
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def account_post(**overrides):
    data = {
        "username": "cv-yte-2",
        "first_name": "Lê Thị",
        "last_name": "Hoa",
        "email": "hoa@soyte.example",
        "role": "officer",
        "agency": "",
        "is_active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_office_creates_an_officer_of_an_agency(client, office_clerk, health_dept):
    client.force_login(office_clerk)
    response = client.post(reverse("account_create"), account_post(agency=health_dept.pk))
    assert response.status_code == 302
    user = User.objects.get(username="cv-yte-2")
    assert list(user.memberships.values_list("agency", "role")) == [(health_dept.pk, "officer")]
    assert not user.has_usable_password()  # set later through the reset e-mail or by the office
    assert not (user.is_staff or user.is_superuser)


def test_an_agency_role_needs_an_agency(client, office_clerk):
    client.force_login(office_clerk)
    response = client.post(reverse("account_create"), account_post(role="head"))
    assert response.status_code == 200
    assert "Hãy chọn cơ quan của tài khoản này." in response.content.decode()
    assert not User.objects.filter(username="cv-yte-2").exists()


def test_office_changes_role_and_agency_keeping_one_membership(client, office_clerk, health_dept, ict_dept):
    user = UserFactory(username="cv-yte-2")
    Membership.objects.create(user=user, agency=health_dept)
    client.force_login(office_clerk)
    post = account_post(role="head", agency=ict_dept.pk)
    assert client.post(reverse("account_edit", args=[user.pk]), post).status_code == 302
    assert list(user.memberships.values_list("agency", "role")) == [(ict_dept.pk, "head")]
    client.post(reverse("account_edit", args=[user.pk]), account_post(role="leader"))
    user = User.objects.get(pk=user.pk)
    assert is_leader(user) and not user.memberships.exists()


def test_a_deactivated_account_cannot_sign_in(client, office_clerk, health_dept):
    user = UserFactory(username="cv-yte-2")
    client.force_login(office_clerk)
    client.post(reverse("account_edit", args=[user.pk]), account_post(agency=health_dept.pk, is_active=None))
    assert not User.objects.get(pk=user.pk).is_active
    assert authenticate(username="cv-yte-2", password="matkhau-thu-nghiem") is None


def test_office_sets_a_temporary_password(client, office_clerk):
    user = UserFactory(username="cv-yte-2")
    client.force_login(office_clerk)
    url = reverse("account_password", args=[user.pk])
    weak = client.post(url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and authenticate(username="cv-yte-2", password="123") is None
    client.post(url, {"new_password1": "Tam-thoi-2026!", "new_password2": "Tam-thoi-2026!"})
    assert authenticate(username="cv-yte-2", password="Tam-thoi-2026!") is not None


def test_office_never_grants_or_touches_superuser_powers(client, office_clerk, health_dept):
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    client.force_login(office_clerk)
    assert client.get(reverse("account_edit", args=[admin.pk])).status_code == 404
    assert client.post(reverse("account_password", args=[admin.pk]), {}).status_code == 404
    assert "quantri" not in client.get(reverse("account_list")).content.decode()
    client.post(reverse("account_create"), account_post(role="office", is_superuser="on", is_staff="on"))
    created = User.objects.get(username="cv-yte-2")
    assert is_office_staff(created) and not created.is_superuser and not created.is_staff


def test_office_cannot_lock_itself_out(client, office_clerk):
    client.force_login(office_clerk)
    post = account_post(username=office_clerk.username, role="office", is_active=None)
    response = client.post(reverse("account_edit", args=[office_clerk.pk]), post)
    assert response.status_code == 200
    assert User.objects.get(pk=office_clerk.pk).is_active


def test_a_taken_username_is_refused_in_vietnamese(client, office_clerk, health_dept):
    UserFactory(username="cv-yte-2")
    client.force_login(office_clerk)
    response = client.post(reverse("account_create"), account_post(agency=health_dept.pk))
    assert "Tên đăng nhập này đã có người dùng." in response.content.decode()


def test_password_reset_by_e_mail(client, health_dept_officer):
    health_dept_officer.email = "soyte@example.org"
    health_dept_officer.save()
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page
    assert client.post(reverse("password_reset"), {"email": "soyte@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Đặt lại mật khẩu – Theo dõi kết luận"
    link = re.search(r"http://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "Moi-2026-soyte!", "new_password2": "Moi-2026-soyte!"}
    )
    assert done.status_code == 302
    assert authenticate(username=health_dept_officer.username, password="Moi-2026-soyte!") is not None


def test_password_reset_says_nothing_about_unknown_addresses(client):
    response = client.post(reverse("password_reset"), {"email": "khongco@example.org"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert mail.outbox == []

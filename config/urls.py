from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.lockouts import lockout_list
from config.views import favicon

handler400 = "config.errors.bad_request"

admin.site.site_header = "Theo dõi kết luận – Quản trị"
admin.site.site_title = "Theo dõi kết luận"
admin.site.index_title = "Dữ liệu danh mục"

urlpatterns = [
    path("favicon.ico", favicon),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/lockouts/", lockout_list, name="lockout_list"),
    path("accounts/users/", include("agencies.accounts.urls")),
    # Password reset by e-mail, for everyone: Django's views with the product's templates.
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(email_template_name="registration/password_reset_email.txt"),
        name="password_reset",
    ),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("admin/", admin.site.urls),
    path("meetings/", include("meetings.urls")),
    path("agencies/", include("agencies.urls")),
    path("", include("directives.api.urls")),
    path("", include("directives.urls")),
]

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.lockouts import lockout_list

admin.site.site_header = "Theo dõi kết luận – Quản trị"
admin.site.site_title = "Theo dõi kết luận"
admin.site.index_title = "Dữ liệu danh mục"

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/lockouts/", lockout_list, name="lockout_list"),
    path("admin/", admin.site.urls),
    path("meetings/", include("meetings.urls")),
    path("agencies/", include("agencies.urls")),
    path("", include("directives.api.urls")),
    path("", include("directives.urls")),
]

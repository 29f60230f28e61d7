from django.urls import path

from agencies.accounts import views

urlpatterns = [
    path("", views.account_list, name="account_list"),
    path("new/", views.account_create, name="account_create"),
    path("<int:pk>/", views.account_edit, name="account_edit"),
    path("<int:pk>/password/", views.account_password, name="account_password"),
]

from django.urls import path

from directives.notices import views

urlpatterns = [
    path("", views.notice_list, name="notice_list"),
    path("new/", views.notice_create, name="notice_create"),
    path("<int:pk>/", views.notice_detail, name="notice_detail"),
    path("<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("<int:pk>/publish/", views.notice_publish_view, name="notice_publish"),
    path("<int:pk>/delete/", views.notice_delete_view, name="notice_delete"),
]

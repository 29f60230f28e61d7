from django.urls import path

from meetings import views

urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("new/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
]

from django.urls import path

from directives.workdays import views

urlpatterns = [
    path("", views.day_list, name="workday_list"),
    path("<int:pk>/delete/", views.day_delete, name="workday_delete"),
]

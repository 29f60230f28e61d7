from django.urls import include, path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("reminders/", include("directives.reminders.urls")),
]

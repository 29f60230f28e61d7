from django.urls import path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
]

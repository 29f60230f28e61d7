from django.urls import include, path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("directives.work.urls")),
    # placeholder until foundation-ui lands
    path("notices/", views.placeholder, name="notice_list"),
    # placeholder until dashboard lands
    path("tasks/", views.placeholder, name="task_list"),
    # placeholder until dashboard lands
    path("dashboard/", views.placeholder, name="dashboard"),
]

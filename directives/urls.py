from django.urls import include, path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/import/", include("directives.imports.urls")),
    path("notices/", include("directives.notices.urls")),
    path("", include("directives.work.urls")),
    # placeholder until dashboard lands
    path("tasks/", views.placeholder, name="task_list"),
    # placeholder until dashboard lands
    path("dashboard/", views.placeholder, name="dashboard"),
    path("reminders/", include("directives.reminders.urls")),
]

from django.urls import include, path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/import/", include("directives.notices.importing.urls")),
    path("notices/", include("directives.notices.urls")),
    path("", include("directives.work.urls")),
    path("", include("directives.reports.urls")),
    path("reminders/", include("directives.reminders.urls")),
    path("working-days/", include("directives.workdays.urls")),
]

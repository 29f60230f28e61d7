from django.urls import path

from directives.reports import calendar, mine, tasklist, views
from directives.reports.letters import views as letters

urlpatterns = [
    path("tasks/", tasklist.task_list, name="task_list"),
    path("tasks/export.xlsx", views.task_export, name="task_export"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("my-directives/", mine.my_directives, name="my_directives"),
    path("dashboard/report/", views.report, name="dashboard_report"),
    path("dashboard/agencies.xlsx", views.agencies_export, name="agencies_export"),
    path("dashboard/letters/", letters.letter_all, name="chasing_letter_all"),
    path("dashboard/letters/<int:agency_id>/", letters.letter_agency, name="chasing_letter"),
    path("calendar/", calendar.calendar_list, name="calendar_list"),
    path("calendar/<int:agency_id>/issue/", calendar.calendar_issue, name="calendar_issue"),
    path("calendar/<slug:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]

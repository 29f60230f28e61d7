from django.urls import include, path

from directives import views
from directives.notices import views as notice_views

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", include("directives.notices.urls")),
    # PLACEHOLDER routes: the task-workflow feature replaces these two with its own pages.
    path("tasks/", notice_views.task_list_placeholder, name="task_list"),
    path("tasks/<int:pk>/", notice_views.task_detail_placeholder, name="task_detail"),
]

from django.urls import include, path

from directives import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("directives.dashboard.urls")),
    # placeholder until work lands
    path("tasks/<int:pk>/", views.task_detail_placeholder, name="task_detail"),
]

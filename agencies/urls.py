from django.urls import path

from agencies import views

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("search/", views.agency_search, name="agency_search"),
    path("<int:pk>/head-approval/", views.agency_head_approval, name="agency_head_approval"),
]

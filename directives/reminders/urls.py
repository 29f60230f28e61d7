from django.urls import path

from directives.reminders import views

urlpatterns = [
    path("", views.digest_list, name="reminder_list"),
    path("<int:pk>/", views.digest_detail, name="reminder_detail"),
    path("<int:pk>/resend/", views.digest_resend, name="reminder_resend"),
    path("channels/", views.channel_list, name="reminder_channels"),
    path("channels/<int:agency_id>/", views.channel_edit, name="reminder_channel_edit"),
]

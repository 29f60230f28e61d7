from django.urls import path

from directives.work import notifications, views

urlpatterns = [
    path("tasks/verification/", views.verification_queue, name="verification_queue"),
    path("tasks/extensions/", views.extension_queue, name="extension_queue"),
    path("tasks/extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    path("tasks/<int:pk>/", views.task_detail, name="task_detail"),
    path("tasks/<int:pk>/report/", views.task_report, name="task_report"),
    path("tasks/<int:pk>/submit/", views.task_submit, name="task_submit"),
    path("tasks/<int:pk>/extension/", views.task_extension_request, name="task_extension_request"),
    path("tasks/<int:pk>/verify/", views.task_verify, name="task_verify"),
    path("tasks/<int:pk>/return/", views.task_return, name="task_return"),
    path("tasks/<int:pk>/close/", views.task_close, name="task_close"),
    path("tasks/<int:pk>/reassign/", views.task_reassign, name="task_reassign"),
    path("tasks/<int:pk>/assign/", views.task_assign, name="task_assign"),
    path("tasks/<int:pk>/approve-submission/", views.task_approve_submission, name="task_approve_submission"),
    path("tasks/<int:pk>/return-submission/", views.task_return_submission, name="task_return_submission"),
    path("my-tasks/", views.my_tasks, name="my_tasks"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read-all/", notifications.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification_open"),
]

from django.urls import path

from directives.notices.importing import views

urlpatterns = [
    path("", views.notice_import, name="notice_import"),
    path("save/", views.notice_import_save, name="notice_import_save"),
    path("ocr/<int:pk>/", views.notice_import_ocr, name="notice_import_ocr"),
]

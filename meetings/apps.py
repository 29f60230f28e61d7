from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Cuộc họp và văn bản chỉ đạo"

    def ready(self):
        post_migrate.connect(_ensure_document_kinds, sender=self)


def _ensure_document_kinds(using="default", **kwargs):
    # Migration 0004 seeds the kinds; a flush (tests, a reset demo) empties the table again.
    from django.db import connections

    from meetings.models import DocumentKind, ensure_document_kinds

    # Not when migrated back to before the table existed.
    if DocumentKind._meta.db_table in connections[using].introspection.table_names():
        ensure_document_kinds()

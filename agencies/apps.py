from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = "Cơ quan, đơn vị"

    def ready(self):
        post_migrate.connect(_ensure_role_groups, sender=self)


def _ensure_role_groups(**kwargs):
    from agencies.roles import ensure_role_groups

    ensure_role_groups()

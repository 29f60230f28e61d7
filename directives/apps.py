from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = "Nhiệm vụ"

from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        # Registers the publish listener that notifies agencies of their new tasks.
        from directives.tasks.workflow import published  # noqa: F401

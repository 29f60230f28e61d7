from django.apps import AppConfig


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = "Nhiệm vụ"

    def ready(self):
        # `kept` refuses to delete or un-publish what was published, on every path through the
        # ORM; `published` registers the listener that notifies agencies of their new tasks.
        # `menus` registers the receivers that tell every process the filter menus changed.
        from directives.reports import menus  # noqa: F401
        from directives.tasks import kept  # noqa: F401
        from directives.tasks.workflow import published  # noqa: F401

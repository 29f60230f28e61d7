from directives.models.task import Assignment, Task, TaskCoordination, TaskEvent

__all__ = ["Assignment", "Task", "TaskCoordination", "TaskEvent"]

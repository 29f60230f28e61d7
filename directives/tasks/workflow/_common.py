"""What every workflow service shares: loading the task locked, refusing bad input, storing files.

Who may act and when is `directives.tasks.permissions.require_action`, asked once the task is locked.
"""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from directives.models import Attachment, ProgressReport, Task
from directives.tasks.uploads import CheckedFile


def lock_task(task: Task | int) -> Task:
    """The task row, locked until the transaction ends.

    Two people acting at once (two verifications, a submission and a return) queue here; the
    second one then sees the first one's result and is refused with a message instead of
    overwriting it. On SQLite the IMMEDIATE transactions of our settings serialise writers.
    """
    pk = task.pk if isinstance(task, Task) else task
    return Task.objects.select_for_update().select_related("lead").get(pk=pk)


def refuse(message: str, code: str = "invalid") -> None:
    raise ValidationError(message, code=code)


@contextmanager
def files_removed_on_error():
    """Yield a list to put stored file names in; if anything fails they are deleted again,
    so a refused or rolled-back report never leaves a file behind."""
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def store_attachments(*, report: ProgressReport, files: list[CheckedFile], actor, stored: list[str]) -> None:
    for checked in files:
        attachment = Attachment(
            report=report,
            task_id=report.task_id,
            token=checked.token,
            extension=checked.extension,
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=actor,
        )
        checked.upload.seek(0)
        attachment.file.save(checked.original_name, checked.upload, save=False)
        stored.append(attachment.file.name)
        attachment.full_clean()
        attachment.save()

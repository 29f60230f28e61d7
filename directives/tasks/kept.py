"""Nothing published is ever lost.

Once a notice is published, agencies act on its tasks and leaders rank agencies from their
history; the figures must stay reproducible for years. So a published notice, its conclusions,
its tasks, their events, the agencies' reports, attachments and extension requests are never
deleted, and a notice or task is never put back to draft. A mistake is corrected by cancelling
or superseding the task, with a reason, which the history keeps.

Three layers say so:
- the pages and the admin never offer it (the admin shows a published notice read-only);
- the foreign keys from a task's history to the task are PROTECT, so deleting a task that has a
  history is refused by Django and, for a raw DELETE, by the database's own foreign keys;
- the receivers below refuse, on every path through the ORM (an instance's save or delete, a
  queryset's delete, a cascade from a meeting or a conclusion), to delete what is published or
  to save it back to draft.

Drafts stay free: their tasks have never been seen by an agency, and editing a draft replaces
them (`drafts_content_delete`).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from directives.models import Attachment, ExtensionRequest, ProgressReport, Task, TaskEvent
from meetings.models import Conclusion, ConclusionNotice

MSG_KEPT = "Văn bản đã ban hành và nhiệm vụ đã giao không thể xóa: hãy hủy hoặc thay thế nhiệm vụ, ghi rõ lý do."
MSG_NOT_UNPUBLISHED = "Văn bản đã ban hành không thể trở lại dự thảo: hãy hủy hoặc thay thế nhiệm vụ, ghi rõ lý do."

_throwaway: ContextVar[bool] = ContextVar("throwaway", default=False)


def _refuse_delete(instance) -> None:
    if not _throwaway.get():
        raise ProtectedError(MSG_KEPT, {instance})


@receiver(pre_delete, sender=ConclusionNotice, dispatch_uid="kept_notice_delete")
def _notice_delete(sender, instance: ConclusionNotice, **kwargs):
    if not instance.is_draft:
        _refuse_delete(instance)


@receiver(pre_delete, sender=Conclusion, dispatch_uid="kept_conclusion_delete")
def _conclusion_delete(sender, instance: Conclusion, **kwargs):
    if ConclusionNotice.objects.filter(pk=instance.notice_id).exclude(status=ConclusionNotice.Status.DRAFT).exists():
        _refuse_delete(instance)


@receiver(pre_delete, sender=Task, dispatch_uid="kept_task_delete")
def _task_delete(sender, instance: Task, **kwargs):
    if instance.published_at is not None:
        _refuse_delete(instance)


def _history_delete(sender, instance, **kwargs):
    if Task.objects.filter(pk=instance.task_id, published_at__isnull=False).exists():
        _refuse_delete(instance)


for _model in (TaskEvent, ProgressReport, Attachment, ExtensionRequest):
    pre_delete.connect(_history_delete, sender=_model, dispatch_uid=f"kept_{_model.__name__}_delete")


@receiver(pre_save, sender=ConclusionNotice, dispatch_uid="kept_notice_unpublish")
def _notice_unpublish(sender, instance: ConclusionNotice, raw: bool = False, **kwargs):
    # Only a draft being saved can be an un-publishing: published notices pay no query.
    if raw or instance.pk is None or not instance.is_draft:
        return
    if ConclusionNotice.objects.filter(pk=instance.pk).exclude(status=ConclusionNotice.Status.DRAFT).exists():
        raise ValidationError(MSG_NOT_UNPUBLISHED, code="published")


@receiver(pre_save, sender=Task, dispatch_uid="kept_task_unpublish")
def _task_unpublish(sender, instance: Task, raw: bool = False, **kwargs):
    if raw or instance.pk is None or instance.published_at is not None:
        return
    if Task.objects.filter(pk=instance.pk, published_at__isnull=False).exists():
        raise ValidationError(MSG_NOT_UNPUBLISHED, code="published")


def drafts_content_delete(notice: ConclusionNotice) -> None:
    """Delete a draft notice's conclusions and tasks, to write them again from the entry form.

    Refused (ValidationError) when any of its tasks was ever published, whatever the notice's
    status says: the tasks and their history are kept. Draft tasks only have the event of
    their creation, deleted with them.
    """
    tasks = Task.objects.filter(conclusion__notice=notice)
    if not notice.is_draft or tasks.filter(published_at__isnull=False).exists():
        raise ValidationError(MSG_NOT_UNPUBLISHED, code="published")
    TaskEvent.objects.filter(task__in=tasks).delete()
    tasks.delete()
    Conclusion.objects.filter(notice=notice).delete()


@contextmanager
def throwaway_data():
    """Lift the guard for data made to be thrown away: benchmark rows, a test's own rows.

    The product never calls it. The caller deletes a task's history before the task, as the
    PROTECT foreign keys require.
    """
    token = _throwaway.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _throwaway.reset(token)


def throwaway_tasks_delete(tasks) -> None:
    """Delete `tasks` (a queryset) with their history, inside `throwaway_data()`."""
    with throwaway_data():
        Attachment.objects.filter(task__in=tasks).delete()
        ProgressReport.objects.filter(task__in=tasks).delete()
        ExtensionRequest.objects.filter(task__in=tasks).delete()
        TaskEvent.objects.filter(task__in=tasks).delete()
        tasks.delete()

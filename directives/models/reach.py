"""The agencies a task reaches: one row per (task, agency), as its lead or as a coordinating agency.

"The tasks this agency leads or coordinates" is what every officer's inbox and the agency's task
list ask on every request, and as an OR over two tables (the task's lead, its coordinations) no
index serves it: at a million tasks the database reads the agency's tasks one by one from the
whole table. These rows answer it from one index in the lists' own order.

Each row repeats the task facts that the status rules and the lists read (publication, due date,
submission, completion, cancellation, the head's review, a return), under the task's own field
names, so that the rules of `directives.tasks.status` apply to these rows unchanged; and whether
the agency has put someone in charge. Nothing here is a status: only copies of facts.

The rows are derived, never edited by hand: `sync_agency_rows` rebuilds a task's rows from the
task, its coordinations and its assignments. Every write to those goes through a model save or
delete, or a queryset method, that calls it (see `KeepsAgencyRows`); the test suite checks after
every test that the table is what `sync_agency_rows` would build.
"""

from collections.abc import Iterable

from django.apps import apps
from django.db import connection, models, transaction

from agencies.models import Agency

# The task columns copied onto the rows (same names on both).
FACTS = (
    "published_at",
    "due_date",
    "submitted_at",
    "completed_on",
    "cancelled_at",
    "head_review_since",
    "returned_at",
)


SEARCH_HEAD = 1000


class TaskAgency(models.Model):
    class Role(models.IntegerChoices):
        # Numbers, so that "lead before coordinating" is an order the database knows.
        LEAD = 1, "Chủ trì"
        COORDINATING = 2, "Phối hợp"

    # No index of their own: task_agency_due starts with the agency, task_agency_unique with the task.
    task = models.ForeignKey("directives.Task", on_delete=models.CASCADE, related_name="agency_rows", db_index=False)
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", db_index=False)
    role = models.PositiveSmallIntegerField(choices=Role.choices)
    published_at = models.DateTimeField(null=True)
    due_date = models.DateField(null=True)
    submitted_at = models.DateTimeField(null=True)
    completed_on = models.DateField(null=True)
    cancelled_at = models.DateTimeField(null=True)
    head_review_since = models.DateTimeField(null=True)
    returned_at = models.DateTimeField(null=True)
    # Someone of this agency is in charge of the task now (a current "chủ trì xử lý").
    handled = models.BooleanField(default=False)
    # The start of the task's search key, and whether it was cut: a search within one agency
    # reads the agency's rows from the index, and the tasks' own rows only for those that match
    # here (or whose key is longer), where the whole key decides. An index entry has a size
    # limit, so never the whole key.
    search_head = models.CharField(max_length=SEARCH_HEAD, blank=True, default="")
    search_cut = models.BooleanField(default=False)

    class Meta:
        verbose_name = "cơ quan thực hiện nhiệm vụ"
        verbose_name_plural = "cơ quan thực hiện nhiệm vụ"
        constraints = [models.UniqueConstraint(fields=["task", "agency"], name="task_agency_unique")]
        indexes = [
            # The inbox and the agency's task list: an agency's rows in due-date order, every
            # column they read in the index itself (PostgreSQL reads it alone; SQLite ignores
            # INCLUDE and reads the rows).
            models.Index(
                fields=["agency", "due_date", "task"],
                include=[
                    "role",
                    *(name for name in FACTS if name != "due_date"),
                    "handled",
                    "search_head",
                    "search_cut",
                ],
                name="task_agency_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.task_id} · {self.get_role_display()}"


class KeepsAgencyRows(models.QuerySet):
    """The bulk writes of a model whose rows decide a task's agency rows (the task itself, its
    coordinations, its assignments) rebuild those rows in the same transaction. `task_field`
    names the task of each row."""

    task_field = "task_id"
    # The fields whose update changes the rows; None: any.
    row_fields: frozenset[str] | None = None

    def _task_ids(self) -> list[int]:
        return list(self.order_by().values_list(self.task_field, flat=True).distinct())

    def update(self, **kwargs):
        if self.row_fields is not None and not self.row_fields & kwargs.keys():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            ids = self._task_ids()
            updated = super().update(**kwargs)
            sync_agency_rows(ids)
        return updated

    def delete(self):
        with transaction.atomic(using=self.db):
            ids = self._task_ids()
            deleted = super().delete()
            sync_agency_rows(ids)
        return deleted

    def bulk_create(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            attname = "pk" if self.task_field == "pk" else self.task_field
            sync_agency_rows(pk for pk in (getattr(obj, attname) for obj in created) if pk is not None)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        with transaction.atomic(using=self.db):
            updated = super().bulk_update(objs, *args, **kwargs)
            attname = "pk" if self.task_field == "pk" else self.task_field
            sync_agency_rows(getattr(obj, attname) for obj in objs)
        return updated


class KeepsAgencyRowsModel(models.Model):
    """A model save or delete rebuilds the agency rows of the row's task, in the same transaction."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # As in KeepsAgencyRows.update: a save of columns the rows do not copy leaves them be.
        row_fields = type(self)._default_manager.get_queryset().row_fields
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and row_fields is not None and not row_fields & set(update_fields):
            return super().save(*args, **kwargs)
        with transaction.atomic():
            super().save(*args, **kwargs)
            sync_agency_rows([self._agency_rows_task_id()])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            task_id = self._agency_rows_task_id()
            deleted = super().delete(*args, **kwargs)
            sync_agency_rows([task_id])
        return deleted

    def _agency_rows_task_id(self) -> int:
        return self.task_id


def _select(where: str, role: int, agency_sql: str, join: str) -> str:
    q = connection.ops.quote_name
    task = q(apps.get_model("directives", "Task")._meta.db_table)
    assignment = apps.get_model("directives", "TaskAssignment")
    facts = ", ".join(f"t.{q(name)}" for name in FACTS)
    handled = (
        f"EXISTS (SELECT 1 FROM {q(assignment._meta.db_table)} a WHERE a.task_id = t.id "
        f"AND a.agency_id = {agency_sql} AND a.role = '{assignment.Role.IN_CHARGE.value}' AND a.ended_at IS NULL)"
    )
    search = f"SUBSTR(t.search_key, 1, {SEARCH_HEAD}), LENGTH(t.search_key) > {SEARCH_HEAD}"
    return f"SELECT t.id, {agency_sql}, {int(role)}, {facts}, {handled}, {search} FROM {task} t {join} {where}"


COLUMNS = ("task_id", "agency_id", "role", *FACTS, "handled", "search_head", "search_cut")


def sync_agency_rows(task_ids: Iterable[int] | None = None) -> None:
    """Rebuild the rows of these tasks (of every task when None) from the tasks, their
    coordinations and their assignments. Two statements per thousand tasks, whatever changed."""
    q = connection.ops.quote_name
    table = q(TaskAgency._meta.db_table)
    columns = ", ".join(q(c) for c in COLUMNS)
    coordination = q(apps.get_model("directives", "TaskCoordination")._meta.db_table)
    ids = None if task_ids is None else sorted({int(pk) for pk in task_ids})
    chunks = [None] if ids is None else [ids[i : i + 1000] for i in range(0, len(ids), 1000)]
    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in chunks:
            if chunk == []:
                continue
            where, params = "", []
            if chunk is not None:
                where = f"WHERE t.id IN ({', '.join(['%s'] * len(chunk))})"
                params = chunk
                cursor.execute(f"DELETE FROM {table} WHERE task_id IN ({', '.join(['%s'] * len(chunk))})", chunk)
            else:
                cursor.execute(f"DELETE FROM {table}")
            lead = _select(where, TaskAgency.Role.LEAD, "t.lead_id", "")
            coordinating = _select(
                where,
                TaskAgency.Role.COORDINATING,
                "c.agency_id",
                f"JOIN {coordination} c ON c.task_id = t.id",
            )
            cursor.execute(f"INSERT INTO {table} ({columns}) {lead} UNION ALL {coordinating}", params * 2)


def agency_rows_out_of_step() -> list[tuple]:
    """The rows that differ from what `sync_agency_rows` would build (empty when in step): what
    the test suite checks after every test."""
    stored = set(TaskAgency.objects.values_list(*COLUMNS))
    with transaction.atomic():
        sid = transaction.savepoint()
        sync_agency_rows()
        rebuilt = set(TaskAgency.objects.values_list(*COLUMNS))
        transaction.savepoint_rollback(sid)
    return sorted(stored ^ rebuilt, key=repr)

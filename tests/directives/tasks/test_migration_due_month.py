"""The migration that stores each task's due month fills it for the tasks already there, and a
benchmark brings its own database up to the migrations before measuring it."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from benchmarks import generate_load
from directives.models import Task
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = ("directives", "0019_task_awaiting_verification")


def test_existing_tasks_get_their_month_and_a_benchmark_database_is_migrated(back_to_latest):
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    MigrationExecutor(connection).migrate([BEFORE])
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, "directives_task")]
    assert "due_month" not in columns
    said = io.StringIO()
    generate_load.migrate(stdout=said)
    assert "Áp dụng 1 migration" in said.getvalue()
    assert Task.objects.get(pk=task.pk).due_month == dt.date(2021, 6, 1)
    again = io.StringIO()
    generate_load.migrate(stdout=again)
    assert again.getvalue() == ""

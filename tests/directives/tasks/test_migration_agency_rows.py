"""The migration that adds the agency rows builds them, and the lead agency's sort key, for the
tasks already there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from directives.models import Task
from directives.models.reach import agency_rows_out_of_step
from tests.conftest import migrate_to_latest
from tests.factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)
TARGET = ("directives", "0016_agency_rows")
BEFORE = ("directives", "0015_taskevent_kinds_merged")


def test_existing_tasks_get_their_rows_and_sort_key(back_to_latest):
    health, finance = AgencyFactory(name="Sở Y tế"), AgencyFactory(name="Sở Tài chính")
    led = TaskFactory(lead=health, coordinating=[finance])
    TaskFactory(lead=finance, published_at=None)
    MigrationExecutor(connection).migrate([BEFORE])
    MigrationExecutor(connection).migrate([TARGET])
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM directives_taskagency")
        assert cursor.fetchone()[0] == 3
    migrate_to_latest()
    assert agency_rows_out_of_step() == []
    assert Task.objects.get(pk=led.pk).lead_sort == "Sở Y tế"
    assert sorted(Task.objects.values_list("lead_sort", flat=True)) == ["Sở Tài chính", "Sở Y tế"]

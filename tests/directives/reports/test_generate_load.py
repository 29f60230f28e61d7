"""benchmarks/generate_load.py: realistic load for the benchmark, reproducible from its seed."""

import io

import pytest
from django.db.models import Count

from benchmarks.generate_load import run
from directives.models import DueDateChange, Task, TaskEvent
from directives.tasks.kept import throwaway_tasks_delete

pytestmark = pytest.mark.django_db


def load(seed=7, tasks=300):
    run(tasks=tasks, agencies=12, seed=seed, stdout=io.StringIO())


def test_creates_the_number_of_tasks_asked():
    load()
    assert Task.objects.count() == 300


def test_tasks_have_histories_completions_and_extensions():
    load()
    kinds = dict(TaskEvent.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds["published"] == 300
    assert kinds["verified"] == Task.objects.filter(completed_on__isnull=False).count() > 0
    assert kinds["extension_decided"] == DueDateChange.objects.count() > 0


def test_extended_tasks_keep_their_original_due_date():
    load()
    change = DueDateChange.objects.select_related("task").first()
    assert change.task.original_due_date == change.before
    assert change.task.due_date == change.after


def test_same_seed_same_data():
    load(seed=3, tasks=120)
    first = list(Task.objects.order_by("id").values_list("lead__name", "due_date", "completed_on"))
    throwaway_tasks_delete(Task.objects.all())
    load(seed=3, tasks=120)
    assert list(Task.objects.order_by("id").values_list("lead__name", "due_date", "completed_on")) == first


def test_prints_a_progress_bar():
    out = io.StringIO()
    run(tasks=50, agencies=5, seed=1, stdout=out)
    assert "[####" in out.getvalue()

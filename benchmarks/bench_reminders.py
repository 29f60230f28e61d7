"""Benchmark of the reminder sweep: 100,000 open tasks in 300 agencies.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/theodoi_bench .venv/bin/python benchmarks/bench_reminders.py

Runs on the configured database (PostgreSQL when DATABASE_URL says so; the database must exist,
its tables are migrated here). Creates the rows with bulk_create, then runs the sweep as the
beat would at 07:00 on a Tuesday, and prints elapsed seconds, peak Python memory (tracemalloc),
the process's peak resident memory and the number of queries. A second sweep of the same
moment shows the cost of a run with nothing new; then every claimed digest is delivered with
mail kept in memory. Options: --tasks N --agencies N.
"""

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
import tracemalloc
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from agencies.models import Agency, AgencyKind  # noqa: E402
from agencies.names import normalize  # noqa: E402
from directives.models import Digest, ReminderItem, SweepRun, Task, TaskCoordination  # noqa: E402
from directives.reminders import delivery  # noqa: E402
from directives.reminders.sweep import sweep  # noqa: E402
from directives.tasks.kept import throwaway_data, throwaway_tasks_delete  # noqa: E402
from meetings.models import Conclusion, ConclusionNotice, Meeting  # noqa: E402

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
AT = dt.datetime(2021, 6, 29, 7, 0, tzinfo=TZ)  # a Tuesday
BENCH_KIND = "bench"


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def reset():
    ReminderItem.objects.all().delete()
    Digest.objects.all().delete()
    SweepRun.objects.all().delete()
    TaskCoordination.objects.filter(agency__kind__code=BENCH_KIND).delete()
    # The benchmark's own published rows: the product never deletes published tasks.
    throwaway_tasks_delete(Task.objects.filter(lead__kind__code=BENCH_KIND))
    with throwaway_data():
        ConclusionNotice.objects.filter(title="Benchmark").delete()
    Meeting.objects.filter(title="Benchmark").delete()
    Agency.objects.filter(kind__code=BENCH_KIND).delete()


def create(tasks: int, agencies: int) -> None:
    rng = random.Random(2021)
    kind, _ = AgencyKind.objects.get_or_create(code=BENCH_KIND, defaults={"name": "Cơ quan thử tải"})
    Agency.objects.bulk_create(
        Agency(
            name=f"Cơ quan thử tải {i}",
            name_normalized=normalize(f"Cơ quan thử tải {i}"),
            kind=kind,
            email=f"bench{i}@example.gov.vn",
        )
        for i in range(agencies)
    )
    agency_ids = list(Agency.objects.filter(kind=kind).values_list("id", flat=True))
    meeting = Meeting.objects.create(title="Benchmark", held_on=dt.date(2021, 5, 1), chair_name="Chủ tịch")
    notice = ConclusionNotice.objects.create(
        meeting=meeting, title="Benchmark", status="published", published_at=dt.datetime(2021, 5, 1, tzinfo=TZ)
    )
    conclusion = Conclusion.objects.create(notice=notice, text="Benchmark", order=1)
    published = dt.datetime(2021, 5, 1, 9, 0, tzinfo=TZ)
    action = "Nhiệm vụ thử tải: triển khai kế hoạch và báo cáo kết quả"
    batch = []
    for _ in range(tasks):
        roll = rng.random()
        task = Task(
            conclusion=conclusion,
            lead_id=rng.choice(agency_ids),
            action=action,
            search_key=normalize(action),
            published_at=published,
        )
        if roll < 0.85:  # dated: due between 60 days ago and 40 days ahead
            task.due_date = task.original_due_date = AT.date() + dt.timedelta(days=rng.randint(-60, 40))
        elif roll < 0.93:
            task.deadline_kind = "ongoing"
        else:
            task.deadline_kind, task.recurrence = "recurring", rng.choice(["daily", "weekly", "monthly"])
        if roll < 0.03:
            task.submitted_at = AT - dt.timedelta(days=rng.randint(1, 10))
        batch.append(task)
        if len(batch) == 5000:
            Task.objects.bulk_create(batch)
            batch = []
    Task.objects.bulk_create(batch)
    coordinations = []
    for task_id, lead_id in Task.objects.filter(lead__kind=kind).values_list("id", "lead_id").iterator(chunk_size=5000):
        if rng.random() < 0.3:
            for agency_id in set(rng.sample(agency_ids, 2)) - {lead_id}:
                coordinations.append(TaskCoordination(task_id=task_id, agency_id=agency_id, lead_id=lead_id))
        if len(coordinations) >= 5000:
            TaskCoordination.objects.bulk_create(coordinations)
            coordinations = []
    TaskCoordination.objects.bulk_create(coordinations)


def measured(label: str, function):
    """Elapsed time and queries of one run (tracemalloc off: it slows Python several times)."""
    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = function()
    print(f"{label}: {time.perf_counter() - started:.2f} s, {counter.count} queries")
    return result


def peak_python_memory(function) -> float:
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=300)
    args = parser.parse_args()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    print(
        f"Database: {connection.vendor} {connection.settings_dict['NAME']}; batch size {settings.REMINDER_BATCH_SIZE}"
    )
    call_command("migrate", verbosity=0)
    # It wipes the reminder log when done: refuse a database that holds real tasks.
    if Task.objects.exclude(lead__kind__code=BENCH_KIND).exists():
        sys.exit("Cơ sở dữ liệu này có nhiệm vụ thật: hãy chạy benchmark trên một cơ sở dữ liệu riêng, trống.")
    reset()
    started = time.perf_counter()
    create(args.tasks, args.agencies)
    print(f"Created {args.tasks} tasks in {args.agencies} agencies in {time.perf_counter() - started:.1f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    result = measured("Sweep at 07:00 29/06/2021", lambda: sweep(at=AT))
    print(
        f"  open tasks read: {result.tasks_seen}, reminders claimed: {result.items}, "
        f"digests to deliver: {len(result.digest_ids)}"
    )
    measured("Second sweep, same moment (nothing new)", lambda: sweep(at=AT + dt.timedelta(minutes=15)))
    rss_after_sweeps = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    outcomes = measured(
        "Delivery of every digest (mail in memory)",
        lambda: [delivery.deliver(pk, now=AT).result for pk in result.digest_ids],
    )
    print(f"  delivered: {outcomes.count(delivery.SENT)} of {len(outcomes)}")
    ReminderItem.objects.all().delete()
    Digest.objects.all().delete()
    SweepRun.objects.all().delete()
    peak = peak_python_memory(lambda: sweep(at=AT))
    print(f"Peak Python memory of a full sweep (tracemalloc, separate run): {peak:.1f} MB")
    print(
        f"Peak resident memory of the process: after the sweeps {rss_after_sweeps:.0f} MB, "
        f"at the end {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    reset()


if __name__ == "__main__":
    main()

"""Benchmark: the dashboard and the filtered task list at scale, against a hand-written SQL floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/theodoi_bench \
        .venv/bin/python benchmarks/bench_dashboard.py --tasks 1000000

Loads the database with `generate_load.py` when it does not hold exactly --tasks tasks (or with
--reload), then times repeated requests through Django's test client (server time: view, ORM,
template) and prints medians, the SQL floor (the same figures computed by one hand-written
query), their ratio and the process memory before and after the repeated requests.
Targets: dashboard median < 300 ms and within 2x of the floor at 1,000,000 tasks; task
list page < 100 ms; memory flat.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The test settings: production's code paths, with static files served unhashed (no collectstatic).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from agencies.models import Membership  # noqa: E402
from agencies.roles import LEADERS_GROUP  # noqa: E402
from benchmarks import generate_load  # noqa: E402
from directives.models import Task  # noqa: E402
from directives.tasks.status import day_end, day_start, due_window_days  # noqa: E402

TABLES = [
    "directives_duedatechange",
    "directives_taskevent",
    "directives_taskcoordination",
    "directives_notification",
    "directives_task",
    "directives_assignment",
    "meetings_conclusion",
    "meetings_conclusionnotice",
    "meetings_meeting_attending_agencies",
    "meetings_meeting",
]

# The dashboard's figures for today by one hand-written query: the same scope (tasks of the
# period, not closed before it), one count per bucket, grouped by lead agency and due month.
# The floor the ORM version (view, selectors, template) is compared against.
FLOOR_SQL = """
SELECT lead_id, date_trunc('month', due_date::timestamp)::date AS month,
  count(*) FILTER (WHERE cancelled_at IS NOT NULL) AS cancelled,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NOT NULL
                   AND (due_date IS NULL OR completed_on <= due_date)) AS on_time,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on > due_date) AS late,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NULL AND submitted_at IS NOT NULL) AS awaiting,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NULL AND submitted_at IS NULL AND due_date IS NULL)
    AS no_deadline,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NULL AND submitted_at IS NULL
                   AND due_date < %(day)s) AS overdue,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NULL AND submitted_at IS NULL
                   AND due_date BETWEEN %(day)s AND %(week)s) AS due_week,
  count(*) FILTER (WHERE cancelled_at IS NULL AND completed_on IS NULL AND submitted_at IS NULL
                   AND due_date > %(week)s) AS later
FROM directives_task
WHERE published_at IS NOT NULL AND published_at < %(period_end)s
  AND COALESCE(CASE WHEN (cancelled_at IS NOT NULL AND (verified_at IS NULL OR cancelled_at < verified_at))
                    THEN cancelled_at ELSE verified_at END, '9999-12-31 00:00:00+00:00'::timestamptz) >= %(start)s
GROUP BY 1, 2
"""


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def ensure_load(tasks: int, agencies: int, seed: int, reload: bool) -> None:
    current = Task.objects.count()
    if current == tasks and not reload:
        print(f"Cơ sở dữ liệu đã có {current} nhiệm vụ: dùng lại.")
        return
    print(f"Nạp {tasks} nhiệm vụ (đang có {current})...")
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
    generate_load.run(tasks=tasks, agencies=agencies, seed=seed)
    # As autovacuum would after a while: statistics, and the visibility map index-only scans need.
    with connection.cursor() as cursor:
        for table in ("directives_task", "directives_duedatechange", "directives_taskcoordination"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=80)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reload", action="store_true", help="Nạp lại dữ liệu kể cả khi số nhiệm vụ đã đúng.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: đặt DATABASE_URL=postgres://... (ví dụ cơ sở dữ liệu theodoi_bench).")
    settings.ALLOWED_HOSTS = ["testserver"]
    ensure_load(args.tasks, args.agencies, args.seed, args.reload)

    user, _ = get_user_model().objects.get_or_create(username="bench-leader")
    user.groups.add(Group.objects.get_or_create(name=LEADERS_GROUP)[0])
    leader_client = Client()
    leader_client.force_login(user)
    today = timezone.localdate()
    busiest = Task.objects.values("lead_id").order_by().annotate(n=django.db.models.Count("id")).order_by("-n").first()
    pages = {
        "dashboard (năm nay)": "/dashboard/",
        f"dashboard (quý 1/{today.year - 1})": f"/dashboard/?period=quarter&year={today.year - 1}&quarter=1",
        "task list: overdue today, one agency": (
            f"/tasks/?status=overdue&on={today.isoformat()}&agency={busiest['lead_id']}&role=lead"
        ),
        "task list: overdue today, all": f"/tasks/?status=overdue&on={today.isoformat()}",
        # The generated actions come from ten phrases, so this matches one task in ten.
        "task list: text search (1 in 10 match)": "/tasks/?q=ke+hoach+trien+khai",
    }
    # Other combinations people use, printed for the record; the targets above are the issue's.
    agency = busiest["lead_id"]
    others = {
        "task list: one agency, lead or coordinating": f"/tasks/?agency={agency}",
        "task list: overdue, one agency, either role": f"/tasks/?status=overdue&agency={agency}",
        "task list: text search, one agency as lead": f"/tasks/?q=ke+hoach+trien+khai&agency={agency}&role=lead",
        "task list: sorted by lead agency": "/tasks/?o=lead",
        # An officer of that agency lands on its inbox (every group, up to 100 tasks each).
        "agency inbox (officer of that agency)": "/",
    }
    officer, _ = get_user_model().objects.get_or_create(username="bench-officer")
    Membership.objects.get_or_create(user=officer, agency_id=agency)
    officer_client = Client()
    officer_client.force_login(officer)
    print(f"\n{Task.objects.count():,} nhiệm vụ · PostgreSQL {connection.pg_version} · {args.repeat} lần đo mỗi trang")
    print(f"{'page':42} {'median ms':>10} {'p90 ms':>8} {'queries':>8}")
    medians = {}
    for label, url in [*pages.items(), *others.items()]:
        if label == next(iter(others)):
            print("-- beyond the targets --")
        client = officer_client if label.startswith("agency inbox") else leader_client
        for _ in range(2):
            assert client.get(url).status_code == 200, url
        queries: list[str] = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(url)
        times = timed(lambda url=url, client=client: client.get(url), args.repeat)
        medians[label] = statistics.median(times)
        p90 = sorted(times)[int(len(times) * 0.9) - 1]
        print(f"{label:42} {medians[label]:10.1f} {p90:8.1f} {len(queries):8d}")

    # The floor: the same figures (year-to-date dashboard) by one hand-written query.
    start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
    params = {
        "end": day_end(today),
        "day": today,
        "week": today + django.utils.timezone.timedelta(days=due_window_days()),
        "period_end": day_end(end),
        "start": day_start(start),
    }

    def floor():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL hash_mem_multiplier = 8")
            cursor.execute(FLOOR_SQL, params)
            cursor.fetchall()

    floor()
    # The ratio from pairs measured in turn (page, then floor), so both see the same moment of a
    # shared machine; measured minutes apart, drift alone moved it by half.
    pair_pages, pair_floors = [], []
    for _ in range(args.repeat):
        pair_pages += timed(lambda: leader_client.get("/dashboard/"), 1)
        pair_floors += timed(floor, 1)
    dash, floor_median = statistics.median(pair_pages), statistics.median(pair_floors)
    print(f"\nSQL floor (same figures, one query): {floor_median:.1f} ms; dashboard in the same turns: {dash:.1f} ms")
    print(f"dashboard / floor ratio: {dash / floor_median:.2f}x")

    before = rss_mb()
    for _ in range(args.repeat * 2):
        leader_client.get("/dashboard/")
        leader_client.get(pages["task list: overdue today, all"])
    print(f"memory: {before:.0f} MB before, {rss_mb():.0f} MB after {args.repeat * 4} more requests")
    verdict = "OK" if dash < 300 and dash <= 2 * floor_median else "MISSED"
    list_ok = all(medians[label] < 100 for label in pages if label.startswith("task list"))
    scale = "" if Task.objects.count() >= 1_000_000 else " (the issue sets them at 1,000,000 tasks)"
    print(
        f"targets{scale}: dashboard < 300 ms and <= 2x floor: {verdict}; "
        f"task list < 100 ms: {'OK' if list_ok else 'MISSED'}"
    )


if __name__ == "__main__":
    main()

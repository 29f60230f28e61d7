"""Benchmark: the product under load, 50 people at once against gunicorn on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/theodoi_load \
        .venv/bin/python benchmarks/bench_load.py --tasks 100000 --duration 60

(`make bench-load` installs requirements-bench.txt and runs it.) Applies the migrations the
database lacks, loads it with `generate_load.py` when it does not hold exactly --tasks tasks, as
bench_dashboard.py does, and creates its own accounts once: 24 agency officers (one for each of the
busiest agencies), 12 leaders and 10 office staff, password "bench-load". It collects the static
files into a temporary folder and starts gunicorn on the loopback with the production settings
(HTTPS switched off, as behind the proxy) and the worker model asked for. Locust then starts 50
people in those proportions (two may share an account, as two tabs would); once all have signed in
it runs the mix for --warmup seconds, forgets what it measured, and measures for --duration
seconds:

- everyone signs in through the login page (GET, POST, then the page it redirects to) and loads
  the page's stylesheet, script and icon once, as a browser would before caching them;
- officers open their agency's inbox (/), a task of their agency, and post a progress report on
  one: the POST, then the task page it redirects to, each counted (redirects are not followed
  by the client);
- leaders open the dashboard (/ redirects there: two requests) and a task page;
- office staff open the verification queue, the dashboard and a task page.

Each person waits 0.3-1.5 s between pages. It prints requests/s, p50/p95/p99 for each page, the
errors, and whether every report the server accepted is stored exactly once (each carries a unique
marker). Target: >= 60 requests/s, p95 <= 500 ms on every page, no error, no report lost or doubled.
With --profile DIR, every gunicorn worker profiles itself with pyinstrument for the whole run and
writes its profile there (sync workers only: the profiler follows the worker's main thread).
"""

# Locust patches the standard library with gevent: it comes before everything else.
from locust import FastHttpUser, task  # isort: skip
from locust.env import Environment  # isort: skip
from locust.exception import StopUser  # isort: skip

import argparse
import itertools
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import gevent
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# The base settings: the password hasher production uses, so the server accepts the passwords set here.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
os.environ.setdefault("SECRET_KEY", secrets.token_hex(32))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from agencies.models import Membership  # noqa: E402
from agencies.roles import LEADERS_GROUP, OFFICE_STAFF_GROUP  # noqa: E402
from benchmarks import generate_load  # noqa: E402
from directives.models import ProgressReport, Task  # noqa: E402

PASSWORD = "bench-load"
OFFICERS, LEADERS, OFFICE = 24, 12, 10
TARGET_RPS, TARGET_P95_MS = 60, 500
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
GUNICORN_CONFIG = """
import os
from pyinstrument import Profiler

def post_fork(server, worker):
    worker.profiler = Profiler(interval=0.001)
    worker.profiler.start()

def worker_exit(server, worker):
    session = worker.profiler.stop()
    folder = os.environ["BENCH_PROFILE_DIR"]
    with open(os.path.join(folder, f"worker-{worker.pid}.txt"), "w") as out:
        out.write(worker.profiler.output_text(unicode=True, show_all=False))
    worker.profiler.write_html(os.path.join(folder, f"worker-{worker.pid}.html"))
"""


def ensure_load(tasks: int, agencies: int, seed: int) -> None:
    current = Task.objects.count()
    if current == tasks:
        print(f"Cơ sở dữ liệu đã có {current:,} nhiệm vụ: dùng lại.")
        return
    if current:
        sys.exit(f"Cơ sở dữ liệu có {current:,} nhiệm vụ, không phải {tasks:,}: dùng một cơ sở dữ liệu khác.")
    generate_load.run(tasks=tasks, agencies=agencies, seed=seed)
    generate_load.vacuum()


def ensure_people() -> dict[str, list]:
    """The bench's accounts, created once: each officer in one of the busiest agencies, with the
    open tasks of that agency they may report on."""
    users = get_user_model().objects
    probe = users.filter(username="bench-load-office-0").first()
    people: dict[str, list] = {"officer": [], "leader": [], "office": []}
    busiest = list(
        Task.objects.filter(published_at__isnull=False, cancelled_at__isnull=True, completed_on__isnull=True)
        .values("lead_id")
        .annotate(n=Count("id"))
        .order_by("-n", "lead_id")
        .values_list("lead_id", flat=True)[:OFFICERS]
    )
    groups = {
        "leader": Group.objects.get_or_create(name=LEADERS_GROUP)[0],
        "office": Group.objects.get_or_create(name=OFFICE_STAFF_GROUP)[0],
    }
    for kind, count in (("officer", OFFICERS), ("leader", LEADERS), ("office", OFFICE)):
        for i in range(count):
            user, created = users.get_or_create(username=f"bench-load-{kind}-{i}")
            if created or probe is None:
                user.set_password(PASSWORD)
                user.save()
            if kind == "officer":
                Membership.objects.get_or_create(user=user, agency_id=busiest[i % len(busiest)])
            else:
                user.groups.add(groups[kind])
            people[kind].append(user.username)
    open_tasks = Task.objects.filter(published_at__isnull=False, cancelled_at__isnull=True, completed_on__isnull=True)
    people["reportable"] = [
        list(open_tasks.filter(lead_id=agency).order_by("id").values_list("id", flat=True)[:50]) for agency in busiest
    ]
    people["any_task"] = list(Task.objects.filter(published_at__isnull=False).values_list("id", flat=True)[::97])
    return people


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(args, folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "VAR_DIR": str(folder / "var"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # Behind the proxy in production; here the loopback, so no HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
    }
    if args.cache_url:
        # As docker-compose.yml runs it: one cache in Redis for every worker.
        env["CACHE_URL"] = args.cache_url
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--worker-class", args.worker_class, "--threads", str(args.threads),
    ]  # fmt: skip
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
        env["BENCH_PROFILE_DIR"] = str(Path(args.profile).resolve())
        (folder / "gunicorn_profile.py").write_text(GUNICORN_CONFIG)
        command += ["--config", str(folder / "gunicorn_profile.py")]
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 (open for the server's lifetime)
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/accounts/login/", timeout=2)
            return server, base
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn dừng khi khởi động:\n{(folder / 'gunicorn.log').read_text()[-3000:]}")
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn không trả lời sau 60 giây.")


class Person(FastHttpUser):
    """Someone signed in through the login page, as a browser: every request it makes is counted."""

    abstract = True
    people: dict = {}
    kind = ""
    numbers = itertools.count()

    def on_start(self):
        index = next(self.numbers)
        self.username = self.people[self.kind][index % len(self.people[self.kind])]
        self.index = index % len(self.people[self.kind])
        # The proxy names the client's address; one office shares one.
        self.headers = {"X-Real-IP": f"10.0.{self.index // 250}.{self.index % 250 + 1}"}
        page = self.client.get("/accounts/login/", name="login page", headers=self.headers)
        with self.client.post(
            "/accounts/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf(page), "next": ""},
            headers={**self.headers, "Referer": f"{self.host}/accounts/login/"},
            name="login POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login {self.username}: {response.status_code}")
                return
        self.follow(response, "login redirect")
        self.people["signed_in"].append(self.username)
        for asset in ("css/app.css", "js/app.js", "img/favicon.svg"):
            self.client.get(self.static_url(page.text, asset), name="static (once)", headers=self.headers)

    def wait_time(self) -> float:
        # At the end each person finishes what they were doing (a report is acknowledged or
        # refused, never cut off half-way) and stops before the next page.
        if self.people["stopping"]:
            raise StopUser()
        return random.uniform(0.3, 1.5)

    @staticmethod
    def csrf(page) -> str:
        found = CSRF.search(page.text or "")
        return found.group(1) if found else ""

    @staticmethod
    def static_url(html: str, asset: str) -> str:
        stem, suffix = asset.rsplit(".", 1)
        found = re.search(rf'"(/static/{re.escape(stem)}(?:\.[0-9a-f]+)?\.{suffix})"', html)
        return found.group(1) if found else f"/static/{asset}"

    def get(self, url: str, name: str, *, expect: int = 200):
        with self.client.get(url, name=name, headers=self.headers, allow_redirects=False, catch_response=True) as r:
            if r.status_code != expect:
                r.failure(f"{url}: {r.status_code}")
        return r

    def follow(self, response, name: str):
        """The page a redirect points to, as the browser asks for it next (a leader's / goes on to
        the dashboard: one more request)."""
        for _ in range(3):
            location = response.headers.get("Location", "")
            if response.status_code not in (301, 302) or not location:
                break
            with self.client.get(
                location.removeprefix(self.host),
                name=name,
                headers=self.headers,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code not in (200, 301, 302):
                    response.failure(f"{location}: {response.status_code}")
        return response

    def task_page(self):
        self.get(f"/tasks/{random.choice(self.people['any_task'])}/", "task page")


class Officer(Person):
    weight = OFFICERS
    kind = "officer"
    reports = itertools.count()

    @task(3)
    def inbox(self):
        self.get("/", "inbox")

    @task(2)
    def own_task(self):
        self.get(f"/tasks/{random.choice(self.people['reportable'][self.index])}/", "task page")

    @task(1)
    def report(self):
        pk = random.choice(self.people["reportable"][self.index])
        page = self.get(f"/tasks/{pk}/", "task page")
        marker = f"{self.people['run']} {next(self.reports)}"
        data = {
            "report-text": f"Báo cáo tiến độ {marker}",
            "report-percent": "50",
            "csrfmiddlewaretoken": self.csrf(page),
        }
        with self.client.post(
            f"/tasks/{pk}/report/",
            data=data,
            headers={**self.headers, "Referer": f"{self.host}/tasks/{pk}/"},
            name="report POST",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                self.people["accepted"].append(marker)
            else:
                response.failure(f"report on {pk}: {response.status_code}")
                return
        self.follow(response, "task page after report")


class Leader(Person):
    weight = LEADERS
    kind = "leader"

    @task(3)
    def dashboard(self):
        self.follow(self.get("/", "home (redirect)", expect=302), "dashboard")

    @task(1)
    def any_task(self):
        self.task_page()


class OfficeStaff(Person):
    weight = OFFICE
    kind = "office"

    @task(1)
    def verification(self):
        self.get("/tasks/verification/", "verification queue")

    @task(1)
    def dashboard(self):
        self.get("/dashboard/", "dashboard")

    @task(2)
    def any_task(self):
        self.task_page()


def cpu_seconds(server: subprocess.Popen, database: str) -> dict[int, tuple[str, float]]:
    """CPU used so far by each gunicorn worker and each PostgreSQL backend of the bench's
    database: what a request costs, whatever else the shared machine runs."""
    processes = [("gunicorn", p) for p in psutil.Process(server.pid).children()]
    processes += [
        ("postgres", p)
        for p in psutil.process_iter(["cmdline"])
        if f" {database} " in " ".join(p.info["cmdline"] or [])
    ]
    used = {}
    for kind, process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        used[process.pid] = (kind, times.user + times.system)
    return used


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds between the two readings, by kind (a process started since counts from zero)."""
    totals = {"gunicorn": 0.0, "postgres": 0.0}
    for pid, (kind, seconds) in after.items():
        totals[kind] += seconds - before.get(pid, (kind, 0.0))[1]
    return totals


def report_stats(env: Environment, seconds: float, requests: int) -> tuple[float, list[str]]:
    """Requests per second over the measured time; the figures of each page include the pages
    people were finishing when it ended."""
    stats = env.stats
    total = stats.total
    rps = requests / seconds
    print(f"\n{'page':28} {'requests':>9} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    slow = []
    for entry in sorted(stats.entries.values(), key=lambda e: -e.num_requests):
        p50, p95, p99 = (entry.get_response_time_percentile(p) for p in (0.5, 0.95, 0.99))
        print(f"{entry.name:28} {entry.num_requests:9d} {p50:7.0f} {p95:7.0f} {p99:7.0f} {entry.num_failures:7d}")
        if p95 > TARGET_P95_MS and entry.name != "static (once)":
            slow.append(f"{entry.name} p95 {p95:.0f} ms")
    print(
        f"{'all':28} {total.num_requests:9d} {total.get_response_time_percentile(0.5):7.0f} "
        f"{total.get_response_time_percentile(0.95):7.0f} {total.get_response_time_percentile(0.99):7.0f} "
        f"{total.num_failures:7d}"
    )
    for error in list(stats.errors.values())[:10]:
        print(f"  error: {error.occurrences} × {error.name}: {error.error}")
    return rps, slow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=80)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=20, help="Giây làm nóng sau khi mọi người đăng nhập.")
    parser.add_argument("--duration", type=int, default=60, help="Giây đo.")
    # The compose file's model by default.
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=1, help="Luồng mỗi worker (gthread).")
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/12"),
        help="Bộ nhớ đệm dùng chung của các worker (Redis, như docker-compose.yml); rỗng: bộ nhớ riêng mỗi tiến trình.",
    )
    parser.add_argument("--profile", metavar="DIR", help="Mỗi worker ghi hồ sơ pyinstrument của cả lượt chạy vào DIR.")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Cần PostgreSQL: đặt DATABASE_URL=postgres://... (cơ sở dữ liệu riêng cho phép đo).")
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 600 or not 0 <= args.warmup <= 120:
        sys.exit("Giới hạn: 1-200 người, đo 1-600 giây, làm nóng 0-120 giây.")
    if args.worker_class == "sync" and args.threads != 1:
        sys.exit("--worker-class sync chạy một luồng mỗi worker (gunicorn đổi sang gthread khi có nhiều luồng).")
    if args.profile and args.worker_class != "sync":
        sys.exit("--profile chỉ dùng với --worker-class sync.")
    generate_load.migrate()
    ensure_load(args.tasks, args.agencies, args.seed)
    people = ensure_people()
    run = f"bench-load-{secrets.token_hex(4)}"
    people.update(run=run, accepted=[], signed_in=[], stopping=False)
    Person.people = people
    connection.close()

    with tempfile.TemporaryDirectory(prefix="bench-load-") as folder:
        server, base = start_server(args, Path(folder))
        try:
            env = Environment(user_classes=[Officer, Leader, OfficeStaff], host=base)
            runner = env.create_local_runner()
            runner.start(args.users, spawn_rate=args.users / 5)
            # Everyone signs in first (a password hash costs a second of CPU each, a morning's
            # burst the pages below do not pay again), then the warm-up, then the measure.
            signing_in = time.monotonic()
            while len(people["signed_in"]) < args.users and time.monotonic() - signing_in < 300:
                gevent.sleep(1)
            print(f"{len(people['signed_in'])} people signed in after {time.monotonic() - signing_in:.0f} s")
            gevent.sleep(args.warmup)
            env.stats.reset_all()
            accepted_before = len(people["accepted"])
            database = connection.settings_dict["NAME"]
            cpu_before = cpu_seconds(server, database)
            started = time.monotonic()
            gevent.sleep(args.duration)
            measured = time.monotonic() - started
            cpu_after = cpu_seconds(server, database)
            requests = max(env.stats.total.num_requests, 1)
            people["stopping"] = True
            drain = time.monotonic()
            while runner.user_greenlets and time.monotonic() - drain < 60:
                gevent.sleep(0.5)
            # CONN_MAX_AGE at work: one connection per worker (per thread), opened once.
            backends = sum(kind == "postgres" for kind, _ in cpu_after.values())
            runner.quit()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        print(
            f"\n{Task.objects.count():,} nhiệm vụ · gunicorn {args.worker_class} × {args.workers} workers"
            f"{f' × {args.threads} threads' if args.worker_class == 'gthread' else ''} · {args.users} users · "
            f"{measured:.0f} s measured after {args.warmup} s warm-up · {os.cpu_count()} cores"
        )
        rps, slow = report_stats(env, measured, requests)
        print(
            "CPU per request: "
            + ", ".join(
                f"{kind} {seconds * 1000 / requests:.1f} ms"
                for kind, seconds in cpu_used(cpu_before, cpu_after).items()
            )
            + f" · {backends} database connections · machine load average {os.getloadavg()[0]:.1f}"
        )

    accepted = people["accepted"]
    stored = list(
        ProgressReport.objects.filter(text__startswith=f"Báo cáo tiến độ {run} ").values_list("text", flat=True)
    )
    stored_markers = [text.removeprefix("Báo cáo tiến độ ") for text in stored]
    lost = len(set(accepted) - set(stored_markers))
    doubled = len(stored_markers) - len(set(stored_markers))
    unexpected = len(set(stored_markers) - set(accepted))
    print(
        f"\nrequests/s: {rps:.1f} · reports accepted: {len(accepted)} ({len(accepted) - accepted_before} "
        f"while measured), stored: {len(stored)}, lost: {lost}, stored twice: {doubled}, "
        f"stored but not acknowledged: {unexpected}"
    )
    errors = env.stats.total.num_failures
    ok = rps >= TARGET_RPS and not slow and errors == 0 and lost == 0 and doubled == 0
    reasons = [f"{rps:.1f} requests/s < {TARGET_RPS}"] if rps < TARGET_RPS else []
    reasons += slow + ([f"{errors} errors"] if errors else []) + ([f"{lost} reports lost"] if lost else [])
    reasons += [f"{doubled} reports stored twice"] if doubled else []
    print(
        f"target (>= {TARGET_RPS} requests/s, p95 <= {TARGET_P95_MS} ms on every page, 0 errors, 0 lost): "
        f"{'OK' if ok else 'FAIL: ' + '; '.join(reasons)}"
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

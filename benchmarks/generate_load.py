"""python benchmarks/generate_load.py --tasks N --agencies M --seed S: fill the database for benchmarks.

The data is realistic (notices, tasks, histories, completions, extensions) and reproducible from
its seed; `load.generate` makes it. Runs on the database DATABASE_URL names (SQLite by default).
"""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO


def migrate(stdout: TextIO = sys.stdout) -> None:
    """Bring a benchmark's database up to the code's migrations first: a database loaded before
    a migration (a new column, an index) would answer every page with an error, or be measured
    without the index the migration adds."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        stdout.write(f"Áp dụng {len(pending)} migration chưa có trên cơ sở dữ liệu...\n")
        call_command("migrate", interactive=False, verbosity=0)
        # A migration may have rewritten a table (a stored column): its visibility map is gone
        # until the next vacuum, and the index-only scans would visit the table meanwhile.
        vacuum()


# The tables a benchmark reads most, vacuumed after a load as autovacuum would after a while:
# statistics, and the visibility map index-only scans need.
VACUUMED = ("directives_task", "directives_taskagency", "directives_duedatechange", "directives_taskcoordination")


def vacuum() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in VACUUMED:
            cursor.execute(f"VACUUM ANALYZE {table}")


def run(*, tasks: int, agencies: int, seed: int, stdout: TextIO = sys.stdout) -> dict:
    from benchmarks.load import generate

    if tasks < 1 or agencies < 2:
        raise SystemExit("Cần ít nhất 1 nhiệm vụ và 2 cơ quan.")
    started = time.monotonic()

    def progress(done: int, total: int):
        width = 40
        filled = width * done // total
        stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} nhiệm vụ")
        stdout.flush()

    counts = generate(tasks=tasks, agencies=agencies, seed=seed, progress=progress)
    stdout.write(
        f"\nĐã tạo {counts['tasks']} nhiệm vụ, {counts['notices']} thông báo, {counts['events']} sự kiện, "
        f"{counts['coordinations']} cơ quan phối hợp, {counts['extensions']} gia hạn "
        f"trong {time.monotonic() - started:.0f} giây.\n"
    )
    return counts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Tạo dữ liệu thử tải (để đo hiệu năng).")
    parser.add_argument("--tasks", type=int, default=100_000, help="Số nhiệm vụ cần tạo.")
    parser.add_argument("--agencies", type=int, default=60, help="Số cơ quan (tạo thêm nếu thiếu).")
    parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    run(tasks=args.tasks, agencies=args.agencies, seed=args.seed)


if __name__ == "__main__":
    main()

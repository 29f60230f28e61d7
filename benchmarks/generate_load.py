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

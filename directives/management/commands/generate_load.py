"""python manage.py generate_load --tasks N --agencies M --seed S: fill the database for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from directives.dashboard.load import generate


class Command(BaseCommand):
    help = "Tạo dữ liệu thử tải: thông báo, nhiệm vụ, lịch sử, hoàn thành và gia hạn (để đo hiệu năng)."

    def add_arguments(self, parser):
        parser.add_argument("--tasks", type=int, default=100_000, help="Số nhiệm vụ cần tạo.")
        parser.add_argument("--agencies", type=int, default=60, help="Số cơ quan (tạo thêm nếu thiếu).")
        parser.add_argument("--seed", type=int, default=1, help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")

    def handle(self, *args, tasks: int, agencies: int, seed: int, **options):
        if tasks < 1 or agencies < 2:
            raise CommandError("Cần ít nhất 1 nhiệm vụ và 2 cơ quan.")
        started = time.monotonic()

        def progress(done: int, total: int):
            width = 40
            filled = width * done // total
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} nhiệm vụ", ending="")
            self.stdout.flush()

        counts = generate(tasks=tasks, agencies=agencies, seed=seed, progress=progress)
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo {counts['tasks']} nhiệm vụ, {counts['notices']} thông báo, {counts['events']} sự kiện, "
                f"{counts['coordinations']} cơ quan phối hợp, {counts['extensions']} gia hạn "
                f"trong {time.monotonic() - started:.0f} giây."
            )
        )

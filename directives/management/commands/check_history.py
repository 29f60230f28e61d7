"""python manage.py check_history [--on DD/MM/YYYY] [--rebuild-due-date-changes]

The README promises that every outcome can be recomputed from the task history alone, and the
agencies' yearly evaluation relies on it. This replays each task's history and compares the
outcome with the status the dashboard counts on that day; it prints the tasks that differ and
fails when any does. `--rebuild-due-date-changes` first recreates, from the history, the due
date changes that the past-day figures read (after a restore or a bulk load).
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directives.models.history import due_date_changes_rebuild
from directives.tasks.status import TaskStatus, figure_label
from directives.tasks.status.history import disagreements

SHOWN = 20


class Command(BaseCommand):
    help = "Đối chiếu tình trạng nhiệm vụ tính từ lịch sử với số liệu báo cáo của một ngày."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="Ngày đối chiếu, dạng dd/mm/yyyy (mặc định: hôm nay).")
        parser.add_argument(
            "--rebuild-due-date-changes",
            action="store_true",
            help="Dựng lại bảng thay đổi hạn xử lý từ lịch sử trước khi đối chiếu.",
        )

    def handle(self, *args, on=None, rebuild_due_date_changes=False, **options):
        day = self._day(on)
        if rebuild_due_date_changes:
            self.stdout.write(f"Đã dựng lại {due_date_changes_rebuild()} thay đổi hạn xử lý từ lịch sử.")
        found = list(disagreements(day))
        for task_id, stored, replayed in found[:SHOWN]:
            self.stdout.write(
                f"Nhiệm vụ {task_id}: số liệu ghi “{figure_label(stored)}”, lịch sử cho “{TaskStatus(replayed).label}”"
            )
        if found:
            raise CommandError(f"{len(found)} nhiệm vụ có tình trạng ngày {day:%d/%m/%Y} khác với lịch sử.")
        self.stdout.write(f"Mọi nhiệm vụ đã giao đến ngày {day:%d/%m/%Y} khớp với lịch sử.")

    def _day(self, value: str | None) -> dt.date:
        if not value:
            return timezone.localdate()
        try:
            return dt.datetime.strptime(value, "%d/%m/%Y").date()
        except ValueError:
            raise CommandError("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2021.") from None

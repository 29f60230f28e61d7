"""python manage.py send_reminders [--at "YYYY-MM-DD HH:MM"] [--dry-run]

The same sweep the Celery beat runs, in the foreground: for cron users, for checks, and to see
what the reminders of a given moment are. Digests are delivered here, not queued.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directives.models import Digest
from directives.reminders import delivery
from directives.reminders.sweep import sweep


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = "Quét và gửi nhắc việc đến hạn (như tác vụ định kỳ của Celery), in ra những gì đã gửi."

    def add_arguments(self, parser):
        parser.add_argument("--at", help='Thời điểm quét, giờ Việt Nam: "YYYY-MM-DD HH:MM" (mặc định: bây giờ).')
        parser.add_argument("--dry-run", action="store_true", help="Chỉ in ra những gì sẽ gửi, không ghi, không gửi.")

    def handle(self, *args, at=None, dry_run=False, **options):
        moment = self._moment(at)
        if not dry_run:
            self._report(sweep(at=moment), moment, dry_run=False)
            return
        # The dry run decides exactly like the real one, then rolls every row back.
        try:
            with transaction.atomic():
                self._report(sweep(at=moment), moment, dry_run=True)
                raise _DryRun
        except _DryRun:
            self.stdout.write("Chạy thử: không ghi và không gửi gì.")

    def _moment(self, at: str | None) -> dt.datetime:
        if not at:
            return timezone.now()
        try:
            return timezone.make_aware(dt.datetime.strptime(at.strip(), "%Y-%m-%d %H:%M"))
        except ValueError:
            raise CommandError(f'--at phải có dạng "YYYY-MM-DD HH:MM" (giờ Việt Nam), không phải {at!r}.') from None

    def _report(self, result, moment, dry_run):
        local = timezone.localtime(moment)
        verb = "Sẽ gửi" if dry_run else "Đã gửi"
        self.stdout.write(f"Quét nhắc việc lúc {local:%H:%M %d/%m/%Y}: {result.tasks_seen} nhiệm vụ đang mở.")
        sent = 0
        for digest in Digest.objects.filter(pk__in=result.digest_ids).select_related("agency").order_by("id"):
            count = digest.items.count() if digest.kind != Digest.Kind.SUMMARY else None
            label = f"{digest.recipient_label} – {digest.get_kind_display()}"
            label += f" ({count} nhiệm vụ)" if count is not None else ""
            if dry_run:
                self.stdout.write(f"  {verb}: {label}")
                continue
            outcome = delivery.deliver(digest.pk, now=moment)
            if outcome.result == delivery.SENT:
                sent += 1
                self.stdout.write(f"  {verb}: {label}")
            elif outcome.result in (delivery.RETRY, delivery.FAILED):
                self.stdout.write(self.style.ERROR(f"  Lỗi: {label}: {outcome.error}"))
            elif outcome.result == delivery.SKIPPED:
                self.stdout.write(f"  Bỏ qua: {label} (không có kênh hoặc người nhận)")
        if result.skipped:
            self.stdout.write(f"Bỏ qua {result.skipped} nhắc việc (đã quá thời điểm, hoặc bản tin ngày đã gửi).")
        if not dry_run:
            self.stdout.write(self.style.SUCCESS(f"Xong: {sent} bản tin đã gửi."))

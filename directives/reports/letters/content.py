"""What a chasing letter says: the tasks it lists and the words around them (no Word here)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef

from agencies.models import Agency
from directives.models import Task
from directives.tasks.status import TaskStatus, days_overdue_on, status_q

RECIPIENTS_AFTER = ("Chủ tịch, các Phó Chủ tịch UBND tỉnh (b/c);", "Lưu: VT, TH.")


def chased_tasks(today: dt.date):
    """Published tasks, not superseded, overdue or soon due (Sắp đến hạn) on `today`."""
    return Task.objects.filter(published_at__isnull=False, superseded_by__isnull=True).filter(
        status_q(TaskStatus.OVERDUE, today) | status_q(TaskStatus.DUE_SOON, today)
    )


def agencies_with_overdue(today: dt.date):
    """The agencies leading at least one overdue published task, by name."""
    overdue = Task.objects.filter(
        status_q(TaskStatus.OVERDUE, today), lead=OuterRef("pk"), published_at__isnull=False, superseded_by=None
    )
    return Agency.objects.filter(Exists(overdue)).order_by("name")


@dataclass
class Row:
    task: Task
    number: int
    action: str
    source: str
    agency: str
    due: str
    status: str
    overdue: bool


@dataclass
class Letter:
    today: dt.date
    agencies: list[Agency]
    rows: list[Row] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def soon_count(self) -> int:
        return len(self.rows) - self.overdue_count

    @property
    def tasks(self) -> list[Task]:
        return [row.task for row in self.rows]

    @property
    def addressees(self) -> list[str]:
        return [agency.name for agency in self.agencies]

    @property
    def filename(self) -> str:
        who = f"co-quan-{self.agencies[0].pk}" if len(self.agencies) == 1 else "cac-co-quan"
        return f"van-ban-don-doc-{who}-{self.today:%Y%m%d}.docx"

    def context(self) -> dict:
        """The docxtpl template's variables (listed in the README, Settings)."""
        to = self.addressees[0] if len(self.agencies) == 1 else "các cơ quan, đơn vị"
        soon = f" và {self.soon_count} nhiệm vụ sắp đến hạn" if self.soon_count else ""
        return {
            "issuer": settings.LETTER_ISSUER,
            "issuer_unit": settings.LETTER_ISSUER_UNIT,
            "number_suffix": settings.LETTER_NUMBER_SUFFIX,
            "place": settings.LETTER_PLACE,
            "day": f"{self.today.day:02d}",
            "month": f"{self.today.month:02d}",
            "year": self.today.year,
            "date": f"{self.today:%d/%m/%Y}",
            "subject": "quá hạn, sắp đến hạn" if self.soon_count else "quá hạn",
            "addressees": self.addressees,
            "intro": (
                f"Qua theo dõi, tổng hợp trên hệ thống Theo dõi kết luận, đến ngày {self.today:%d/%m/%Y}, "
                f"{to} còn {self.overdue_count} nhiệm vụ quá hạn{soon} do UBND tỉnh giao, cụ thể như sau:"
            ),
            "rows": [row.__dict__ | {"task": None} for row in self.rows],
            "closing": (
                f"Để bảo đảm tiến độ thực hiện các nhiệm vụ được giao, UBND tỉnh đề nghị {to} khẩn trương "
                "chỉ đạo thực hiện dứt điểm các nhiệm vụ nêu trên, báo cáo kết quả trên hệ thống Theo dõi "
                "kết luận; trường hợp không thể hoàn thành đúng hạn, đề nghị nêu rõ lý do và đề xuất gia hạn "
                "theo quy định./."
            ),
            "recipients": ["Như trên;", *RECIPIENTS_AFTER],
            "signing_formula": settings.LETTER_SIGNING_FORMULA,
            "signer_title": settings.LETTER_SIGNER_TITLE,
            "signer_name": settings.LETTER_SIGNER_NAME,
        }


def _source(task: Task) -> str:
    notice = task.conclusion.notice
    number = f"Số {notice.number}" if notice.number else "Văn bản"
    return f"{number} ngày {notice.issued_on:%d/%m/%Y}" if notice.issued_on else number


def _status(task: Task, today: dt.date) -> tuple[str, bool]:
    late = days_overdue_on(task.due_date, today)
    if late > 0:
        return f"Quá hạn {late} ngày", True
    left = (task.due_date - today).days
    return ("Đến hạn hôm nay" if left == 0 else f"Sắp đến hạn (còn {left} ngày)"), False


def build_letter(agencies: list[Agency], today: dt.date) -> Letter:
    """The letter to `agencies`: each one's overdue tasks, then its soon-due ones, by due date."""
    letter = Letter(today=today, agencies=list(agencies))
    tasks = (
        chased_tasks(today)
        .filter(lead__in=letter.agencies)
        .select_related("lead", "conclusion__notice")
        .order_by("lead__name", "due_date", "id")
    )
    for task in tasks:
        status, overdue = _status(task, today)
        letter.rows.append(
            Row(
                task=task,
                number=len(letter.rows) + 1,
                action=task.action,
                source=_source(task),
                agency=task.lead.name,
                due=f"{task.due_date:%d/%m/%Y}",
                status=status,
                overdue=overdue,
            )
        )
    return letter

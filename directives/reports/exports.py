"""Spreadsheet exports (.xlsx): real date cells, Vietnamese headers, a frozen header row.

Workbooks are written in openpyxl's write_only mode from a database iterator into a temporary
file, so memory stays flat however many rows the filters select.

Every value a person typed (an action, an agency's or a kind's name, a notice number) is written
through `_text`: a text cell, never a formula. openpyxl writes a string starting with "=" as a
live formula, so an action like `=HYPERLINK("http://…"&D2,"Xem chi tiết")` sent the next cell
away when the file was opened; "+", "-" and "@" start formulas in Excel when a cell is edited.
"""

import tempfile

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from agencies.inputs import clean_text
from directives.models.task import DeadlineKind
from directives.tasks.periods import current_period, lead_reported_periods, period_start
from directives.tasks.status import TaskStatus, days_overdue_on

DATE_FORMAT = "DD/MM/YYYY"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet past this is unusable anyway; the last row says the list was cut.
MAX_ROWS = 200_000
# What a spreadsheet reads as the start of a formula (tab and CR too, per OWASP's CSV advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _header(sheet, titles: list[str]) -> list:
    bold = Font(bold=True)
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        cells.append(cell)
    return cells


def _text(sheet, value: str | None):
    """A text cell: never a formula, and without the control characters XML refuses."""
    cell = WriteOnlyCell(sheet, value=clean_text(value or ""))
    cell.data_type = "s"
    if cell.value.startswith(_FORMULA_START):
        # Excel's "'" prefix, kept as a style: the text stays as typed, and editing the cell
        # does not turn it into a formula either.
        cell.quotePrefix = True
    return cell


def _date(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if value is not None:
        cell.number_format = DATE_FORMAT
    return cell


def _response(workbook: Workbook, filename: str) -> FileResponse:
    # FileResponse closes the file once sent, so no context manager here.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


TASK_HEADERS = [
    "STT",
    "Mã nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Văn bản chỉ đạo",
    "Ngày giao",
    "Hạn ban đầu",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Tình trạng",
    "Số ngày quá hạn",
    "Loại văn bản",
    "Lãnh đạo chỉ đạo",
]


def _reported_this_period(rows, day) -> dict[int, set]:
    """The lead's reports in the current period of every recurring task of `rows`: one query."""
    recurring = dict(rows.filter(deadline_kind=DeadlineKind.RECURRING).order_by().values_list("id", "recurrence"))
    if not recurring:
        return {}
    return lead_reported_periods(recurring, since=min(period_start(day, r) for r in recurring.values()))


def _deadline_and_status(sheet, task, status: TaskStatus, day, reported: dict[int, set]) -> tuple:
    """The "Hạn xử lý" cell (a date, or what the task is when it has none) and the status's words:
    a recurring task says its current period and whether it is reported, an ongoing one says so."""
    if task.due_on is not None:
        return _date(sheet, task.due_on), status.label
    undated = task.get_deadline_kind_display()
    if task.recurrence:
        undated = f"{undated} – {task.get_recurrence_display()}"
    if status != TaskStatus.NO_DEADLINE:
        return _text(sheet, undated), status.label
    if task.deadline_kind == DeadlineKind.RECURRING and task.recurrence:
        return _text(sheet, undated), f"Định kỳ · {current_period(task, day, reported.get(task.pk, set()))}"
    if task.deadline_kind == DeadlineKind.ONGOING:
        return _text(sheet, undated), DeadlineKind.ONGOING.label
    return _text(sheet, undated), status.label


def tasks_workbook_response(rows, day, filename: str) -> FileResponse:
    """`rows` carry row_status and due_on (see selectors.task_list)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Nhiệm vụ")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKLMN", (6, 10, 70, 32, 40, 18, 12, 12, 12, 14, 26, 10, 22, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(_header(sheet, TASK_HEADERS))
    reported = _reported_this_period(rows, day)
    rows = rows.select_related("lead", "conclusion__notice__kind", "conclusion__notice__meeting").prefetch_related(
        "coordinating"
    )
    count = 0
    for count, task in enumerate(rows.iterator(chunk_size=2000), start=1):
        if count > MAX_ROWS:
            sheet.append([f"Danh sách đã được cắt ở {MAX_ROWS} dòng: hãy lọc hẹp hơn."])
            break
        status = TaskStatus(task.row_status)
        late = days_overdue_on(task.due_on, day) if status == TaskStatus.OVERDUE else None
        published = task.published_at.date() if task.published_at else None
        deadline, status_words = _deadline_and_status(sheet, task, status, day, reported)
        sheet.append(
            [
                count,
                task.pk,
                _text(sheet, task.action),
                _text(sheet, task.lead.name),
                _text(sheet, "; ".join(agency.name for agency in task.coordinating.all())),
                _text(sheet, task.conclusion.notice.reference),
                _date(sheet, published),
                _date(sheet, task.original_due_date),
                deadline,
                _date(sheet, task.completed_on),
                status_words,
                late,
                _text(sheet, task.conclusion.notice.kind.name),
                _text(sheet, task.conclusion.notice.leader_display),
            ]
        )
    return _response(workbook, filename)


AGENCY_HEADERS = [
    "Xếp hạng",
    "Loại cơ quan",
    "Cơ quan",
    "Tổng số nhiệm vụ",
    "Hoàn thành đúng hạn",
    "Hoàn thành quá hạn",
    "Quá hạn",
    "Đang thực hiện (trong hạn)",
    "Chờ xác nhận",
    "Định kỳ",
    "Thường xuyên",
    "Không thời hạn",
    "Tỷ lệ đúng hạn (%)",
]


def agencies_workbook_response(table, period_label: str, filename: str) -> FileResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Cơ quan")
    # The title and the period above the table, so a printed or forwarded sheet says what it is.
    sheet.freeze_panes = "A4"
    for letter, width in zip("ABCDEFGHIJKLM", (9, 28, 45, 12, 12, 12, 10, 14, 12, 10, 12, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(_header(sheet, ["Kết quả thực hiện nhiệm vụ theo cơ quan chủ trì"]))
    sheet.append([f"Kỳ báo cáo: {period_label}"])
    sheet.append(_header(sheet, AGENCY_HEADERS))
    for row in table:
        f = row.figures
        sheet.append(
            [
                row.rank,
                _text(sheet, row.kind_name),
                _text(sheet, row.name),
                f.assigned,
                f.on_time,
                f.late,
                f.overdue,
                f.within_deadline,
                f.awaiting,
                f.recurring,
                f.ongoing,
                f.undated,
                round(f.rate * 100, 1) if f.rate is not None else None,
            ]
        )
    return _response(workbook, filename)

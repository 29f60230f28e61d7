"""Tasks tables (agency | task | deadline), read row by row.

Plans and decisions often list their tasks in a table. Converted to text, it arrives as pipe
rows ("| 1 | Xây dựng ... | Sở Y tế | Quý III/2024 |"), as rows whose cells are separated by
tabs or wide spaces, or with one cell per line (a Word table saved as text). A table counts
only under a header row naming its columns: the task ("Nhiệm vụ", "Nội dung", "Công việc"),
who leads ("Cơ quan chủ trì", "Đơn vị thực hiện") and, when there is one, who coordinates and
the deadline ("Thời gian hoàn thành", "Thời hạn"). Each row below it is one task: its lead is
read from the agency cell, its deadline from the deadline cell as a bound ("Quý III/2024" is
due 30/9/2024, "Thường xuyên" is ongoing, "Hằng tháng" recurring).

The rows are blanked out of the text the sentence reader sees, so a row is never read twice.
One pass over the lines: linear time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from meetings.reader.deadlines import find_deadlines, fold
from meetings.reader.mentions import Mention, MentionParser
from meetings.reader.tokens import tokenize

_MAX_CELLS = 12
_WIDE = re.compile(r"\t+| {3,}")
_ROLES = {
    "task": ("nhiem vu", "noi dung", "cong viec", "ten nhiem vu"),
    "coord": ("phoi hop",),
    "lead": ("chu tri", "co quan", "don vi", "thuc hien", "trach nhiem"),
    "due": ("thoi gian", "thoi han", "hoan thanh", "tien do"),
}


@dataclass
class Row:
    start: int
    end: int
    cells: list[tuple[int, int]]  # offsets of each cell's text


@dataclass
class TableTask:
    leads: list[Mention]
    coordinating: list[Mention]
    action: str
    kind: str
    due: dt.date | None
    recurrence: str | None
    start: int
    end: int


def find_tables(text: str) -> tuple[list[tuple[dict[str, int], list[Row]]], list[tuple[int, int]]]:
    """The tables of `text` (column roles, rows) and the spans of their lines (header included)."""
    lines = _lines(text)
    tables: list[tuple[dict[str, int], list[Row]]] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        columns = _header(text, lines[i])
        if columns is not None:
            rows, j = _rows(text, lines, i + 1, len(lines[i].cells))
            if rows:
                tables.append((columns, rows))
                spans.append((lines[i].start, rows[-1].end))
                i = j
                continue
        stacked = _stacked_header(text, lines, i)
        if stacked is not None:
            columns, width = stacked
            rows, j = _stacked_rows(lines, i + width, width)
            if rows:
                tables.append((columns, rows))
                spans.append((lines[i].start, rows[-1].end))
                i = j
                continue
        i += 1
    return tables, spans


def table_tasks(
    text: str, tables: list[tuple[dict[str, int], list[Row]]], parser: MentionParser, year: int | None, issued
) -> list[TableTask]:
    out: list[TableTask] = []
    for columns, rows in tables:
        for row in rows:
            task = _row_task(text, columns, row, parser, year, issued)
            if task is not None:
                out.append(task)
    return out


# --- lines and headers ------------------------------------------------------------------------


def _lines(text: str) -> list[Row]:
    out: list[Row] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        out.append(Row(start, end, _cells(line, start)))
    return out


def _cells(line: str, base: int) -> list[tuple[int, int]]:
    if line.count("|") >= 2:
        parts, offset = [], 0
        for piece in line.split("|")[: _MAX_CELLS + 2]:
            parts.append((offset, offset + len(piece)))
            offset += len(piece) + 1
        if parts and not line[parts[0][0] : parts[0][1]].strip():
            parts = parts[1:]  # "| a | b |": nothing before the first pipe
        if parts and not line[parts[-1][0] : parts[-1][1]].strip():
            parts = parts[:-1]
        cells = [(base + s, base + e) for s, e in parts]
    else:
        cells, offset = [], 0
        for piece in _WIDE.split(line)[:_MAX_CELLS]:
            at = line.find(piece, offset)
            cells.append((base + at, base + at + len(piece)))
            offset = at + len(piece)
    return [(s + _lstrip(line, s - base), e - _rstrip(line, e - base)) for s, e in cells]


def _lstrip(line: str, at: int) -> int:
    n = 0
    while at + n < len(line) and line[at + n] in " \t*":
        n += 1
    return n


def _rstrip(line: str, at: int) -> int:
    n = 0
    while at - n - 1 >= 0 and line[at - n - 1] in " \t*":
        n += 1
    return n


def _role(cell_text: str) -> str | None:
    folded = " ".join(fold(cell_text).split())
    if not folded or len(folded) > 60:
        return None
    for role in ("coord", "task", "due", "lead"):
        if any(word in folded for word in _ROLES[role]):
            return role
    return None


def _columns(roles: list[str | None]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, role in enumerate(roles):
        if role is not None and role not in columns:
            columns[role] = index
    return columns if "task" in columns and "lead" in columns else None


def _header(text: str, line: Row) -> dict[str, int] | None:
    if len(line.cells) < 2:
        return None
    return _columns([_role(text[s:e]) for s, e in line.cells])


def _stacked_header(text: str, lines: list[Row], i: int) -> tuple[dict[str, int], int] | None:
    """A header written one cell per line ("TT" / "Nhiệm vụ" / "Cơ quan chủ trì" / ...)."""
    roles: list[str | None] = []
    k = i
    while k < len(lines) and k < i + 7 and len(lines[k].cells) == 1:
        s, e = lines[k].cells[0]
        cell = text[s:e].strip()
        role = _role(cell)
        if role is None and fold(cell) not in ("tt", "stt"):
            break
        roles.append(role)
        k += 1
    columns = _columns(roles) if len(roles) >= 3 else None
    return (columns, len(roles)) if columns is not None else None


# --- rows -----------------------------------------------------------------------------------


def _rows(text: str, lines: list[Row], i: int, width: int) -> tuple[list[Row], int]:
    rows: list[Row] = []
    while i < len(lines):
        line = lines[i]
        raw = text[line.start : line.end].strip()
        if not raw or set(raw) <= set("|-: "):
            i += 1  # a rule under the header or a blank line inside the table
            if not raw and rows:
                break
            continue
        if len(line.cells) < max(2, width - 1):
            break
        rows.append(line)
        i += 1
    return rows, i


def _stacked_rows(lines: list[Row], i: int, width: int) -> tuple[list[Row], int]:
    rows: list[Row] = []
    while i + width <= len(lines):
        group = lines[i : i + width]
        if any(len(line.cells) != 1 for line in group):
            break
        rows.append(Row(group[0].start, group[-1].end, [line.cells[0] for line in group]))
        i += width
    return rows, i


def _row_task(text: str, columns: dict[str, int], row: Row, parser: MentionParser, year, issued) -> TableTask | None:
    def cell(role: str) -> tuple[int, int] | None:
        index = columns.get(role)
        return row.cells[index] if index is not None and index < len(row.cells) else None

    lead_cell, task_cell = cell("lead"), cell("task")
    if lead_cell is None or task_cell is None:
        return None
    leads = _names(text, lead_cell, parser)
    action = " ".join(text[task_cell[0] : task_cell[1]].split())
    if not leads or not action:
        return None
    coord_cell = cell("coord")
    coordinating = _names(text, coord_cell, parser) if coord_cell else []
    kind, due, recurrence = "none", None, None
    due_cell = cell("due")
    if due_cell is not None:
        kind, due, recurrence = _deadline(text[due_cell[0] : due_cell[1]], year, issued)
    return TableTask(leads, coordinating, action, kind, due, recurrence, row.start, row.end)


def _names(text: str, span: tuple[int, int], parser: MentionParser) -> list[Mention]:
    toks = tokenize(parser.view, span[0], span[1], limit=80)
    names, i = [], 0
    while i < len(toks):
        found, j = parser.parse_list(toks, i)
        names.extend(found)
        i = max(j, i + 1)
    return names


def _deadline(cell: str, year: int | None, issued) -> tuple[str, dt.date | None, str | None]:
    """A deadline cell is a deadline by its place in the table: "Quý III/2024", "Tháng 7/2024",
    "Năm 2025", "31/12/2024", "Thường xuyên", "Hằng tháng"."""
    plain = " ".join(cell.split())
    for prefix in ("trước ngày ", "trong "):
        found = find_deadlines(prefix + plain.lower(), 0, year, issued)
        if found.dates and found.dates[0].due is not None:
            return "date", found.dates[0].due, None
        if found.recurring:
            return "recurring", found.first_due, found.recurrence
        if found.ongoing:
            return "ongoing", None, None
    return "none", None, None

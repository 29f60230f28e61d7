"""Synthetic load for benchmarks: realistic notices, tasks, histories, completions, extensions.

Rows are built as plain column dicts and written in batches: COPY on PostgreSQL (a million
tasks and their histories in minutes), bulk_create elsewhere. Ids are assigned here so that
events, coordinations and due date changes can point at their tasks without reading them back.
Everything derives from one random seed, so a load is reproducible.
"""

import datetime as dt
import json
import random
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from agencies.models import Agency, AgencyKind
from agencies.names import normalize
from directives.models import DueDateChange, Task, TaskCoordination, TaskEvent
from directives.models.reach import sync_agency_rows
from meetings.models import (
    CONCLUSION_NOTICE,
    DEFAULT_ISSUER,
    Conclusion,
    ConclusionNotice,
    Meeting,
    ensure_document_kinds,
)

KINDS = [
    ("department", "Sở, ngành tỉnh", 10),
    ("board", "Ban, cơ quan thuộc UBND tỉnh", 20),
    ("district", "UBND huyện, thành phố", 30),
]
CHAIRS = [
    ("Chủ tịch UBND tỉnh", "Chủ tịch"),
    ("Phó Chủ tịch Thường trực UBND tỉnh", "Phó Chủ tịch Thường trực"),
    ("Phó Chủ tịch UBND tỉnh phụ trách kinh tế", "Phó Chủ tịch"),
    ("Phó Chủ tịch UBND tỉnh phụ trách văn hóa - xã hội", "Phó Chủ tịch"),
]
ACTIONS = [
    "Xây dựng kế hoạch triển khai thực hiện",
    "Báo cáo kết quả thực hiện về UBND tỉnh",
    "Tham mưu UBND tỉnh ban hành văn bản chỉ đạo",
    "Rà soát, tổng hợp số liệu và đề xuất giải pháp",
    "Hoàn thành triển khai phần mềm quản lý",
    "Kiểm tra, đôn đốc các đơn vị thực hiện",
    "Tổ chức tuyên truyền sâu rộng đến người dân",
    "Đẩy nhanh tiến độ giải ngân vốn đầu tư công",
    "Tăng cường công tác phòng, chống dịch bệnh",
    "Chuẩn bị nội dung phục vụ hội nghị",
]
TOPICS = [
    "phòng, chống dịch COVID-19",
    "giải ngân vốn đầu tư công",
    "cải cách hành chính",
    "chuyển đổi số",
    "phát triển công nghiệp",
    "xây dựng nông thôn mới",
    "an toàn giao thông",
    "giáo dục và đào tạo",
]
TASKS_PER_NOTICE = 40
CONCLUSIONS_PER_NOTICE = 5
BATCH = 20_000


def _tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), _tz())


class Writer:
    """Buffers rows per model and flushes them with COPY (PostgreSQL) or bulk_create."""

    def __init__(self):
        self.buffers: dict[type, list[dict]] = {}
        self.postgres = connection.vendor == "postgresql"

    def add(self, model, row: dict):
        buffer = self.buffers.setdefault(model, [])
        buffer.append(row)
        if len(buffer) >= BATCH:
            self.flush(model)

    def add_searchable(self, model, row: dict):
        """A row of a model that keeps an accent-free `search_text` (meetings, notices): COPY
        bypasses save(), so the column is computed here the way the model computes it."""
        self.add(model, {**row, "search_text": model(**row).search_key()})

    def flush(self, model=None):
        for m in [model] if model else list(self.buffers):
            rows = self.buffers.get(m) or []
            if rows:
                self._write(m, rows)
            self.buffers[m] = []

    def _write(self, model, rows: list[dict]):
        if not self.postgres:
            model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
            return
        columns = list(rows[0])
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row([json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in row.values()])


class Ids:
    """Next free id per model (the load assigns ids itself)."""

    def __init__(self):
        self.next: dict[type, int] = {}

    def __call__(self, model) -> int:
        if model not in self.next:
            self.next[model] = (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _agencies(count: int) -> list[int]:
    kinds = [
        AgencyKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})[0]
        for code, name, order in KINDS
    ]
    existing = list(Agency.objects.filter(is_active=True).order_by("id").values_list("id", flat=True))
    for n in range(len(existing), count):
        kind = kinds[0] if n % 3 else kinds[n // 3 % 2 + 1]
        name = (
            f"{'Sở' if kind.code == 'department' else 'Ban' if kind.code == 'board' else 'UBND huyện'} Thử tải {n + 1}"
        )
        existing.append(Agency.objects.create(name=name, kind=kind, email=f"thutai{n + 1}@example.gov.vn").pk)
    return existing[: max(count, 1)]


def generate(
    *,
    tasks: int,
    agencies: int,
    seed: int,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    rng = random.Random(seed)
    today = today or timezone.localdate()
    agency_ids = _agencies(agencies)
    ids = Ids()
    writer = Writer()
    writer.notice_kind_id = ensure_document_kinds()[CONCLUSION_NOTICE].pk
    counts = {"notices": 0, "tasks": 0, "events": 0, "coordinations": 0, "extensions": 0}
    # Notices spread over the three years before today and the first weeks after it.
    first_day = today - dt.timedelta(days=3 * 365)
    span_days = (today - first_day).days + 30
    notices = max(1, (tasks + TASKS_PER_NOTICE - 1) // TASKS_PER_NOTICE)
    made = 0
    with transaction.atomic():
        for n in range(notices):
            issued = first_day + dt.timedelta(days=span_days * n // notices)
            made += _notice(writer, ids, rng, issued, today, min(TASKS_PER_NOTICE, tasks - made), agency_ids, counts)
            if progress and (n % 50 == 0 or made == tasks):
                progress(made, tasks)
        writer.flush()
        # What Task.save and the model writes keep in step, for rows written here without them:
        # the lead agency's sort key and the agency rows.
        Task.objects.filter(lead_sort="").update(
            lead_sort=Subquery(Agency.objects.filter(pk=OuterRef("lead_id")).values("name"))
        )
        sync_agency_rows()
        if writer.postgres:
            models = [Meeting, ConclusionNotice, Conclusion, Task, TaskCoordination, TaskEvent, DueDateChange]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), models):
                    cursor.execute(sql)
    if writer.postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    counts["tasks"] = made
    return counts


def _notice(writer, ids, rng, issued: dt.date, today: dt.date, how_many: int, agency_ids, counts) -> int:
    chair, chair_title = rng.choice(CHAIRS)
    topic = rng.choice(TOPICS)
    published = _at(issued, 16)
    meeting_id, notice_id = ids(Meeting), ids(ConclusionNotice)
    now = timezone.now()
    writer.add_searchable(
        Meeting,
        {
            "id": meeting_id,
            "title": f"Hội nghị giao ban về {topic}",
            "kind": "giao_ban",
            "held_on": issued - dt.timedelta(days=1),
            "chair_name": chair,
            "chair_title": chair_title,
            "is_online": rng.random() < 0.5,
            "place": "",
            "attendees_note": "",
            "created_at": now,
            "updated_at": now,
        },
    )
    writer.add_searchable(
        ConclusionNotice,
        {
            "id": notice_id,
            "meeting_id": meeting_id,
            "kind_id": writer.notice_kind_id,
            "issuer": DEFAULT_ISSUER,
            "leader_id": None,
            "leader_name": chair,
            "number": f"{notice_id}/TB-UBND",
            "place": "Bắc Giang",
            "issued_on": issued,
            "issued_on_text": "",
            "title": f"Kết luận của {chair} tại hội nghị giao ban về {topic}",
            "signer_name": "",
            "signing_formula": "",
            "recipients": "",
            "full_text": "",
            "status": "published",
            "published_at": published,
            "created_at": now,
            "updated_at": now,
        },
    )
    conclusion_ids = []
    for order in range(1, CONCLUSIONS_PER_NOTICE + 1):
        conclusion_ids.append(ids(Conclusion))
        writer.add(
            Conclusion,
            {
                "id": conclusion_ids[-1],
                "notice_id": notice_id,
                "label": f"{order}.",
                "text": f"Về {topic} (mục {order})",
                "order": order,
            },
        )
    counts["notices"] += 1
    for _ in range(how_many):
        _task(writer, ids, rng, rng.choice(conclusion_ids), issued, published, today, agency_ids, topic, counts)
    return how_many


def _event(writer, ids, task_id: int, kind: str, at: dt.datetime, data: dict, counts):
    event_id = ids(TaskEvent)
    writer.add(
        TaskEvent,
        {"id": event_id, "task_id": task_id, "kind": kind, "actor_agency": "", "at": at, "data": data, "note": ""},
    )
    counts["events"] += 1
    return event_id


def _task(writer, ids, rng, conclusion_id, issued, published, today, agency_ids, topic, counts):
    task_id = ids(Task)
    lead = rng.choice(agency_ids)
    roll = rng.random()
    kind, recurrence, due = "date", "", issued + dt.timedelta(days=rng.choice([2, 3, 7, 10, 15, 30, 45, 60, 90]))
    if roll > 0.92:
        kind, recurrence, due = "recurring", rng.choice(["daily", "weekly", "monthly"]), None
    elif roll > 0.85:
        kind, due = "ongoing", None
    elif roll > 0.80:
        kind, due = "none", None
    original = due
    action = f"{rng.choice(ACTIONS)} về {topic}"
    row = {
        "id": task_id,
        "conclusion_id": conclusion_id,
        "action": action,
        "search_key": normalize(action),
        "lead_id": lead,
        "lead_sort": "",  # filled from the agency names once the rows are written
        "deadline_kind": kind,
        "recurrence": recurrence,
        "due_date": due,
        "original_due_date": original,
        "due_term": "",
        "source_text": "",
        "published_at": published,
        "submitted_at": None,
        "completion_note": "",
        "returned_at": None,
        "return_reason": "",
        "completed_on": None,
        "verified_at": None,
        "cancelled_at": None,
        "cancel_reason": "",
        "created_at": published,
        "updated_at": published,
    }
    _event(writer, ids, task_id, "created", published, {"due_date": due and due.isoformat()}, counts)
    _event(writer, ids, task_id, "published", published, {"due_date": due and due.isoformat()}, counts)
    # Some tasks are extended once, decided a day or more before the original due date.
    if due and rng.random() < 0.08 and (due - issued).days > 2:
        decided = _at(due - dt.timedelta(days=rng.randint(1, (due - issued).days - 1)), 10)
        if decided.date() <= today:
            new_due = due + dt.timedelta(days=rng.choice([7, 15, 30]))
            data = {"decision": "approved", "due_date": {"before": due.isoformat(), "after": new_due.isoformat()}}
            event_id = _event(writer, ids, task_id, "extension_decided", decided, data, counts)
            writer.add(
                DueDateChange,
                {
                    "id": ids(DueDateChange),
                    "task_id": task_id,
                    "event_id": event_id,
                    "decided_at": decided,
                    "before": due,
                    "after": new_due,
                    "previous_decided_at": None,
                },
            )
            row["due_date"] = due = new_due
            counts["extensions"] += 1
    _outcome(writer, ids, rng, row, issued, today, counts)
    writer.add(Task, row)
    counts["tasks"] += 1
    for agency in rng.sample(agency_ids, k=min(len(agency_ids) - 1, rng.choice([0, 0, 1, 2, 3]))):
        if agency != lead:
            writer.add(
                TaskCoordination,
                {"id": ids(TaskCoordination), "task_id": task_id, "agency_id": agency, "lead_id": lead},
            )
            counts["coordinations"] += 1


def _outcome(writer, ids, rng, row, issued, today, counts):
    """Finish a share of the tasks: most on time, some late, some cancelled; the rest stay open."""
    due = row["due_date"]
    horizon = due or issued + dt.timedelta(days=60)
    roll = rng.random()
    if roll < 0.04:
        day = issued + dt.timedelta(days=rng.randint(1, 20))
        if day < today:
            row["cancelled_at"] = _at(day, 11)
            row["cancel_reason"] = "Đã có chỉ đạo khác thay thế"
            _event(writer, ids, row["id"], "cancelled", row["cancelled_at"], {"reason": row["cancel_reason"]}, counts)
        return
    if roll > 0.80:
        return  # stays open (overdue once the due date passes)
    completed = horizon + dt.timedelta(days=rng.randint(-10, 2) if roll < 0.6 else rng.randint(1, 25))
    completed = max(completed, issued + dt.timedelta(days=1))
    verified = completed + dt.timedelta(days=rng.randint(0, 3))
    if completed >= today:
        return
    row["submitted_at"] = _at(completed, 15)
    row["completion_note"] = "Đã hoàn thành"
    _event(
        writer,
        ids,
        row["id"],
        "submitted",
        row["submitted_at"],
        {"submitted_at": row["submitted_at"].isoformat()},
        counts,
    )
    if verified >= today:
        return  # awaiting verification
    row["completed_on"] = completed
    row["verified_at"] = _at(verified, 9)
    _event(writer, ids, row["id"], "verified", row["verified_at"], {"completed_on": completed.isoformat()}, counts)

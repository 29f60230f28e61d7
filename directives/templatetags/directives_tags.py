import unicodedata
from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from directives.models.task import DeadlineKind
from directives.tasks.status import STATUS_CSS, TaskStatus

register = template.Library()

# An open task without a due date is "Không thời hạn" for the rules; its badge says what it is.
UNDATED_LABELS = {
    DeadlineKind.RECURRING: DeadlineKind.RECURRING.label,
    DeadlineKind.ONGOING: DeadlineKind.ONGOING.label,
}


@register.filter
def status_label(value, kind=None) -> str:
    try:
        status = TaskStatus(value)
    except ValueError:
        return ""
    if status == TaskStatus.NO_DEADLINE and kind in UNDATED_LABELS:
        return UNDATED_LABELS[kind]
    return status.label


@register.filter
def status_css(value) -> str:
    try:
        return STATUS_CSS[TaskStatus(value)]
    except ValueError:
        return ""


def truncate_chars(text, length: int) -> str:
    """What |truncatechars:length gives. Its character count is a Python loop over the whole
    text; a text no longer than `length` (most actions) comes back unchanged from it, so that
    case is answered at once."""
    text = unicodedata.normalize("NFC", str(text))
    if len(text) <= length:
        return text
    return Truncator(text).chars(length)


@register.simple_tag
def options(items, current=None) -> SafeString:
    """The <option>s of a filter's menu, in one call: a menu is a loop over up to a hundred
    notices, meetings or agencies, and a template loop resolving three variables per option was
    a third of the task list's rendering. `items` are (value, label, selected) triples, or
    (value, label) pairs selected when the value is `current` (a query string's value)."""
    current = None if current in (None, "") else str(current)
    parts = []
    for item in items:
        if len(item) == 3:
            value, label, selected = item
        else:
            value, label = item
            selected = current is not None and str(value) == current
        parts.append(f'<option value="{escape(value)}"{" selected" if selected else ""}>{escape(label)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 (every value and label escaped above)


@register.simple_tag
def status_badge(status, kind=None) -> str:
    """The status badge of partials/_status.html, for long lists: one call per row instead of an
    include, which costs a template render each."""
    return format_html('<span class="badge {}">{}</span>', status_css(status), status_label(status, kind))


# An id no real row has, replaced by the real one: each address is reversed once per process.
_PLACEHOLDER_PK = 987654321


@lru_cache(maxsize=32)
def _url_pattern(script_prefix: str, name: str) -> str:
    return reverse(name, args=[_PLACEHOLDER_PK])


def url_with_pk(name: str, pk) -> str:
    """{% url name pk %} for a URL whose one argument is an id, at a fraction of reverse()'s cost,
    for the rows of long lists."""
    return _url_pattern(get_script_prefix(), name).replace(str(_PLACEHOLDER_PK), str(int(pk)))


@register.filter
def task_url(pk) -> str:
    """The task page's address, as {% url 'task_detail' pk %} gives it: an inbox lists hundreds
    of tasks, and reverse() on each row was a tenth of its rendering."""
    return url_with_pk("task_detail", pk)


@register.filter
def dmy(value) -> str:
    """A date (not a datetime) as dd/mm/yyyy, like |date:"d/m/Y" but without its format parser,
    for the rows of long lists. Empty for no date."""
    return value.strftime("%d/%m/%Y") if value else ""


@register.simple_tag
def task_list_row(task) -> SafeString:
    """One task's <tr> of the task list (task_list.html): the same markup as the loop it replaced,
    whose thirty variable lookups per row were a quarter of the page's rendering. Expects the
    list's `due_on`, `days_late` and `row_status`; every value from the data is escaped here."""
    notice = task.conclusion.notice
    due = dmy(task.due_on) if task.due_on else get_template("partials/_undated.html").render({"task": task})
    late = f'<div class="overdue-days">quá hạn {int(task.days_late)} ngày</div>' if task.days_late else ""
    assigned = timezone.localtime(task.published_at).strftime("%d/%m/%Y") if task.published_at else "Chưa giao"
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<tr><td data-label="Nội dung"><a href="{task_url(task.pk)}">{escape(truncate_chars(task.action, 160))}</a>'
        f'<div class="muted small">Mã #{int(task.pk)} · <span class="doc-kind">{escape(notice.kind.name)}</span> · '
        f"{escape(notice.reference)}</div></td>"
        f'<td data-label="Hạn xử lý">{due}{late}</td>'
        f'<td data-label="Cơ quan chủ trì">{escape(task.lead.name)}</td>'
        f'<td data-label="Ngày giao">{assigned}</td>'
        f'<td data-label="Tình trạng">{status_badge(task.row_status, task.deadline_kind)}</td></tr>'
    )


def _person(user) -> str:
    return escape(user.get_full_name() or user.username)


@register.simple_tag
def inbox_row(task, show_my_role=False) -> SafeString:
    """One task's <tr> of an inbox (work/_task_rows.html): the markup of the loop it replaced, for
    the hundred rows of an agency's inbox. Expects what directives.tasks.inbox sets on each task
    (status, days_late, agency_role, in_charge, assisting, and for recurring ones their periods)."""
    notes = ""
    missing = getattr(task, "missing_periods", None)
    if task.deadline_kind == DeadlineKind.RECURRING and missing:
        notes += f'<p class="missing-periods">Kỳ chưa báo cáo: {", ".join(escape(p) for p in missing)}</p>'
    if task.returned_at and not task.submitted_at and task.is_open:
        notes += f'<p class="muted">Lý do trả lại: {escape(truncate_chars(task.return_reason, 200))}</p>'
    notice = task.conclusion.notice
    document = f"Số {escape(notice.number)}" if notice.number else "Thông báo"
    if notice.issued_on:
        document += f" ngày {dmy(notice.issued_on)}"
    role = escape(task.agency_role)
    my_role = getattr(task, "my_role", "")
    if show_my_role and my_role:
        role += f'<br><span class="muted">Tôi: {escape(my_role.lower())}</span>'
    if task.in_charge:
        handlers = _person(task.in_charge.user)
        if task.assisting:
            names = ", ".join(_person(h.user) for h in task.assisting)
            handlers += f'<br><span class="muted">phối hợp: {names}</span>'
        if task.in_charge.internal_due_on:
            handlers += f'<br><span class="muted">hạn trong cơ quan {dmy(task.in_charge.internal_due_on)}</span>'
    else:
        handlers = '<span class="muted">Chưa phân công</span>'
    if task.due_date:
        due = dmy(task.due_date)
        if task.original_due_date and task.original_due_date != task.due_date:
            due += f'<br><span class="muted">(hạn ban đầu {dmy(task.original_due_date)})</span>'
    else:
        due = get_template("partials/_undated.html").render({"task": task})
    late = f' <span class="overdue-days">quá hạn {int(task.days_late)} ngày</span>' if task.days_late else ""
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<tr><td data-label="Nhiệm vụ"><a href="{task_url(task.pk)}">{escape(truncate_chars(task.action, 160))}</a>'
        f"{notes}</td>"
        f'<td data-label="Thông báo">{document}</td>'
        f'<td data-label="Vai trò">{role}</td>'
        f'<td data-label="Người xử lý">{handlers}</td>'
        f'<td data-label="Hạn xử lý">{due}</td>'
        f'<td data-label="Trạng thái">{status_badge(task.status, task.deadline_kind)}{late}</td></tr>'
    )

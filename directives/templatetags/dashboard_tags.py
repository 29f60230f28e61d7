from django import template
from django.template.defaultfilters import add
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from directives.tasks.status import days_overdue_on as _days_overdue_on
from directives.templatetags.directives_tags import dmy, task_url, truncate_chars, url_with_pk

register = template.Library()

# The rows of the dashboard's tables (80 agencies, two lists of tasks) are written by the tags
# below, one call per row: the same markup as a template loop, whose two thousand variable
# lookups were half of the page's CPU. Every value from the data is escaped here.

# The figures of an agency's row: (column's words, figure and link key).
AGENCY_FIGURES = (
    ("Tổng số", "assigned"),
    ("Hoàn thành đúng hạn", "on_time"),
    ("Hoàn thành quá hạn", "late"),
    ("Quá hạn", "overdue"),
    ("Đang thực hiện (trong hạn)", "within_deadline"),
)


@register.simple_tag
def agency_row(row, chase_links=False) -> SafeString:
    """One agency's <tr> of _agencies_table.html: rank, name (and the office's "Đôn đốc" link),
    its five linked figures and its on-time rate."""
    name = escape(row.name)
    chase = ""
    if chase_links:
        chase = (
            f' <a class="row-action" href="{escape(url_with_pk("chasing_letter", row.agency_id))}">Đôn đốc'
            f'<span class="visually-hidden"> {name}</span></a>'
        )
    cells = []
    for label, key in AGENCY_FIGURES:
        figure = getattr(row.figures, key)
        extra = ""
        if key == "overdue":
            extra = f' data-overdue-link aria-label="{figure} nhiệm vụ quá hạn của {name}"'
        cells.append(
            f'<td class="num" data-label="{label}"><a href="{escape(row.links.get(key, ""))}"{extra}>{figure}</a></td>'
        )
    rank = "–" if not row.rank else row.rank
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'<tr data-agency="{name}">'
        f'<td class="num" data-label="Xếp hạng">{rank}</td>'
        f'<th scope="row" data-label="Cơ quan">{name}{chase}</th>'
        + "".join(cells)
        + f'<td class="num" data-label="Tỷ lệ đúng hạn">{percent(row.figures.rate)}</td></tr>'
    )


@register.simple_tag
def task_row(task, day=None, show_late=False) -> SafeString:
    """One task's <tr> of _task_rows.html: action, lead agency, document, due date in force (and
    the days overdue on `day`)."""
    notice = task.conclusion.notice
    late = ""
    if show_late:
        late = (
            f'<td class="num" data-label="Số ngày quá hạn"><span class="nowrap">quá hạn '
            f"{days_overdue_on(task.due_on, day)} ngày</span></td>"
        )
    return mark_safe(  # noqa: S308 (every value escaped above)
        f'<tr><td data-label="Nhiệm vụ"><a href="{task_url(task.pk)}">'
        f"{escape(truncate_chars(task.action, 120))}</a></td>"
        f'<td data-label="Cơ quan chủ trì">{escape(task.lead.name)}</td>'
        f'<td data-label="Văn bản chỉ đạo"><span class="doc-kind">{escape(notice.kind.name)}</span> · '
        f"{escape(notice.reference)}</td>"
        f'<td data-label="Hạn xử lý">{dmy(task.due_on)}</td>{late}</tr>'
    )


@register.filter
def field_label(form, name: str) -> str:
    field = form.fields.get(name)
    return str(field.label) if field is not None and field.label else name


@register.filter
def percent(value) -> str:
    """An on-time rate (0..1 or None) as "87,5 %"; "–" when nothing was due."""
    if value is None:
        return "–"
    return f"{value * 100:.1f}".replace(".", ",") + " %"


@register.filter
def days_overdue_on(due, day) -> int:
    """Days overdue on the report day ("quá hạn 5 ngày"), by the rule in directives.tasks.status."""
    if day is None:
        return 0
    return _days_overdue_on(due, day)


@register.simple_tag
def trend_segments(bar) -> SafeString:
    """The linked segments of one month's bar of the trend chart (_charts.html)."""
    label = escape(bar["label"])
    return mark_safe(  # noqa: S308 (every value escaped)
        "".join(
            f'<a href="{escape(s["url"])}"><rect class="{escape(s["css"])}" x="{s["x"]}" y="{s["y"]}" '
            f'width="{s["w"]}" height="{s["h"]}"><title>{label}: {escape(s["label"])} {s["n"]}</title></rect></a>'
            for s in bar["segments"]
        )
    )


@register.simple_tag
def overdue_bar(bar, chart) -> SafeString:
    """One agency's linked bar of the overdue chart (_charts.html)."""
    name = escape(bar["name"])
    return mark_safe(  # noqa: S308 (every value escaped)
        f'<a href="{escape(bar["url"])}">'
        f'<text class="bar-label" x="{add(chart["x"], "-6")}" y="{bar["ty"]}" text-anchor="end">'
        f"{escape(truncate_chars(bar['name'], 38))}</text>"
        f'<rect class="bar-overdue" x="{chart["x"]}" y="{bar["y"]}" width="{bar["w"]}" height="{chart["bar_height"]}">'
        f"<title>{name}: quá hạn {bar['n']}</title></rect>"
        f'<text class="bar-value" x="{chart["x"]}" dx="{bar["w"]}" y="{bar["ty"]}">&#160;{bar["n"]}</text></a>'
    )

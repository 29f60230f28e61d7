"""One Vietnamese line per history event, read from its data (the contract in models/task.py)."""

import datetime as dt

from django import template

register = template.Library()


def _d(value) -> str:
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return ""


def _name(value) -> str:
    return value.get("name", "") if isinstance(value, dict) else ""


@register.filter
def event_summary(event) -> str:
    data = event.data or {}
    kind = event.kind
    if kind in ("created", "published"):
        return f"Hạn xử lý: {_d(data.get('due_date'))}" if data.get("due_date") else ""
    if kind == "reported":
        role = "chủ trì" if data.get("role") == "lead" else "phối hợp"
        parts = [f"{_name(data.get('agency'))} ({role})"]
        if data.get("percent") is not None:
            parts.append(f"{data['percent']}%")
        if data.get("attachments"):
            parts.append(f"{data['attachments']} tệp đính kèm")
        return ", ".join(parts)
    if kind == "submitted":
        return f"{data['attachments']} tệp đính kèm" if data.get("attachments") else ""
    if kind == "verified":
        return f"Ngày hoàn thành: {_d(data.get('completed_on'))}"
    if kind == "extension_requested":
        late = " (đề nghị sau hạn)" if data.get("late") else ""
        return f"Đề nghị gia hạn đến {_d(data.get('requested_date'))}{late}"
    if kind == "extension_decided":
        due = data.get("due_date") or {}
        reason = f": {data['reason']}" if data.get("reason") else ""
        if data.get("decision") == "approved":
            requested = data.get("requested_date")
            other = f" (đề nghị {_d(requested)})" if requested and requested != due.get("after") else ""
            return f"Đồng ý: hạn {_d(due.get('before'))} → {_d(due.get('after'))}{other}{reason}"
        return "Không đồng ý gia hạn" + reason
    if kind == "reassigned":
        lead = data.get("lead") or {}
        return f"{_name(lead.get('before'))} → {_name(lead.get('after'))}"
    if kind in ("returned", "cancelled", "superseded", "head_returned"):
        return f"Lý do: {data.get('reason', '')}"
    if kind == "chasing_letter":
        return f"Văn bản đôn đốc gửi {_name(data.get('agency'))} ngày {_d(data.get('letter_date'))}"
    if kind == "handlers_assigned":
        return _handlers_summary(data)
    if kind == "head_approved":
        return f"Báo cáo của {_name(data.get('submitted_by'))} được chuyển Văn phòng xác nhận"
    return ""


def _handlers_summary(data: dict) -> str:
    in_charge = data.get("in_charge") or {}
    assisting = (data.get("assisting") or {}).get("after") or []
    parts = [f"{_name(data.get('agency'))}: chủ trì xử lý {_name(in_charge.get('after'))}"]
    if assisting:
        parts.append("phối hợp " + ", ".join(_name(person) for person in assisting))
    if data.get("internal_due_on"):
        parts.append(f"hạn trong cơ quan {_d(data['internal_due_on'])}")
    summary = "; ".join(parts)
    if in_charge.get("before"):
        summary += f" (trước đó: {_name(in_charge['before'])})"
    return summary

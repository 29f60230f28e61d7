"""Importing a notice: step 1 takes the text (pasted or a file), step 2 shows what was read in the
entry form beside the source text, and only the clerk's "Lưu dự thảo" writes anything.

Between the two steps the text travels in the review form itself (the notice's "Toàn văn"
field, which the task spans index), never in the database or the session: a clerk who closes
the review page leaves nothing behind.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from agencies.roles import office_staff_required
from agencies.selectors import agency_directory
from directives.models import Task
from directives.notices.forms import NoticeEntryForm
from directives.notices.importing.convert import (
    Review,
    Unassigned,
    review_from_reading,
    text_for_saving,
    unassigned_from_reading,
)
from directives.notices.importing.files import MAX_PASTE_BYTES
from directives.notices.importing.forms import ImportForm
from meetings.reader import NotANoticeError, read_notice

STEP1_TEMPLATE = "directives/notices/importing/import_form.html"
REVIEW_TEMPLATE = "directives/notices/importing/review.html"

MSG_NOT_A_NOTICE = (
    "{reason} Hãy kiểm tra đã dán (hoặc chọn) đúng toàn văn một thông báo kết luận: có các mục "
    "kết luận đánh số (1., 2., …) giao nhiệm vụ cho cơ quan. Chưa có gì được lưu."
)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_import(request):
    """Step 1: GET shows the form; a valid POST reads the notice and answers with the review page."""
    if request.method == "GET":
        return render(request, STEP1_TEMPLATE, {"form": ImportForm()})
    if _body_too_large(request):
        # Far beyond any allowed input: one clear message, without parsing the form or its files.
        context = {"form": ImportForm(), "refusal": _too_large_message()}
        return render(request, STEP1_TEMPLATE, context, status=413)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            read = read_notice(form.cleaned_data["source"], directory=agency_directory())
        except NotANoticeError as exc:
            form.add_error(None, MSG_NOT_A_NOTICE.format(reason=str(exc).strip()))
        else:
            review = review_from_reading(read)
            return _render_review(request, NoticeEntryForm(initial=review.draft), review=review)
    return render(request, STEP1_TEMPLATE, {"form": form}, status=400)


@office_staff_required
@require_http_methods(["GET", "POST"])
def notice_import_save(request):
    """Step 2's submission: save the draft notice as corrected, or show the review again."""
    if request.method == "GET":
        return redirect("notice_import")
    entry = NoticeEntryForm(request.POST, add_row=request.POST.get("add"))
    notice = entry.save(notice=None, actor=request.user, prepare=text_for_saving)
    if notice is None:
        return _render_review(request, entry, review=None)
    rows = sum(len(c.tasks) for c in entry.draft.conclusions)
    # A group lead becomes one task per member agency: say both numbers.
    tasks = Task.objects.filter(conclusion__notice=notice).count()
    messages.success(
        request,
        f"Đã lưu dự thảo thông báo với {rows} nhiệm vụ ({tasks} nhiệm vụ cho từng cơ quan). "
        "Kiểm tra lại rồi bấm “Ban hành” để giao việc.",
    )
    return redirect("notice_detail", pk=notice.pk)


def _render_review(request, entry: NoticeEntryForm, *, review: Review | None):
    if review is not None:
        text, warnings, unresolved, unassigned = review.text, review.warnings, review.unresolved, review.unassigned
    else:
        text = _one_line_end(request.POST.get("notice-full_text", ""))[: MAX_PASTE_BYTES * 2]
        (warnings, unassigned), unresolved = _reading_again(text), []
    flags = [(item.sentence[0], item.sentence[1], index) for index, item in enumerate(unassigned, start=1)]
    context = {
        "entry": entry,
        "notice": None,
        "warnings": warnings,
        "unresolved": unresolved,
        "unassigned": unassigned,
        "segments": source_segments(text, _entry_spans(entry), flags),
        "task_count": sum(len(form.tasks.forms) for form in entry.conclusions.forms),
        "form_action": reverse("notice_import_save"),
    }
    return render(request, REVIEW_TEMPLATE, context)


def _reading_again(text: str) -> tuple[list[str], list[Unassigned]]:
    """The reader's remarks and unassigned names, shown again when the review comes back with
    errors (reading is pure and takes milliseconds, cheaper than carrying them through the form)."""
    if not text.strip():
        return [], []
    try:
        read = read_notice(text, directory=agency_directory())
    except NotANoticeError:
        return [], []
    return read.warnings, unassigned_from_reading(read)


def _entry_spans(entry: NoticeEntryForm) -> list[tuple[int, int, tuple[int, int]]]:
    """(start, end, (conclusion, task) numbered from 1 as the form's legends show them) of
    every task row that carries a span."""
    spans = []
    for ci, cform in enumerate(entry.conclusions.forms, start=1):
        for ti, tform in enumerate(cform.tasks.forms, start=1):
            start, end = _int(tform["source_start"].value()), _int(tform["source_end"].value())
            if start is not None and end is not None and 0 <= start < end:
                spans.append((start, end, (ci, ti)))
    return spans


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def source_segments(
    text: str, spans: list[tuple[int, int, tuple[int, int]]], flags: list[tuple[int, int, int]] = ()
) -> list[dict]:
    """The text cut into plain and highlighted pieces: overlapping spans (two tasks from one
    sentence) share one highlight that names every task it holds. `flags` are sentences to
    check (numbered as the "Cần kiểm tra" list numbers them), highlighted the same way."""
    marks: list[list] = []  # [start, end, [(conclusion, task)], [flag numbers]]
    items = [(start, end, where, None) for start, end, where in spans]
    items += [(start, end, None, number) for start, end, number in flags]
    for start, end, where, number in sorted(items, key=lambda item: (item[0], item[1])):
        start, end = min(start, len(text)), min(end, len(text))
        if start >= end:
            continue
        if not marks or start >= marks[-1][1]:
            marks.append([start, end, [], []])
        mark = marks[-1]
        mark[1] = max(mark[1], end)
        if where is not None:
            mark[2].append(where)
        if number is not None:
            mark[3].append(number)
    segments, position = [], 0
    for start, end, places, numbers in marks:
        if start > position:
            segments.append({"text": text[position:start]})
        segments.append(
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "tasks": _places_label(places) if places else "",
                "flags": numbers,
            }
        )
        position = end
    if position < len(text):
        segments.append({"text": text[position:]})
    return segments


def _places_label(places: list[tuple[int, int]]) -> str:
    """ "Kết luận 2, nhiệm vụ 3, 4": the words of the form's own legends."""
    by_conclusion: dict[int, list[str]] = {}
    for conclusion, task in places:
        by_conclusion.setdefault(conclusion, []).append(str(task))
    return "; ".join(f"Kết luận {c}, nhiệm vụ {', '.join(tasks)}" for c, tasks in by_conclusion.items())


def _one_line_end(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _body_too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    # One file at its limit or a pasted text at its limit, plus room for the form's framing.
    return length > settings.UPLOAD_MAX_BYTES + MAX_PASTE_BYTES + 1024 * 1024


def _too_large_message() -> str:
    return (
        f"Dữ liệu gửi lên quá lớn: tệp tối đa {filesizeformat(settings.UPLOAD_MAX_BYTES)}, văn bản dán tối đa "
        f"{filesizeformat(MAX_PASTE_BYTES)}. Hãy chọn tệp nhỏ hơn hoặc chỉ dán nội dung của một thông báo. "
        "Chưa có gì được lưu."
    )

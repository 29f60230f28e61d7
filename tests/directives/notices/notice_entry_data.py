"""Building what the notice entry page posts, as a browser without JavaScript would send it."""

from html.parser import HTMLParser

from django.http import QueryDict

_NOTICE_DEFAULTS = {
    "number": "",
    "place": "Bắc Giang",
    "issued_on": "24/06/2021",
    "issued_on_text": "",
    "title": "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban",
    "signing_formula": "",
    "signer_name": "",
    "recipients": "",
    "full_text": "",
}
_MEETING_DEFAULTS = {
    "title": "Hội nghị giao ban trực tuyến về phòng, chống dịch",
    "held_on": "24/06/2021",
    "kind": "giao_ban",
    "chair_name": "Chủ tịch UBND tỉnh",
    "chair_title": "",
    "place": "",
    "attendees_note": "",
}
_TASK_DEFAULTS = {
    "action": "Hoàn thành triển khai phần mềm quản lý",
    "lead": "",
    "co_leads": "",
    "coordinating": "",
    "deadline_kind": "date",
    "due_date": "30/06/2021",
    "recurrence": "",
}


def _put(data: QueryDict, key: str, value) -> None:
    for item in value if isinstance(value, list | tuple) else [value]:
        if item is True:
            item = "on"
        if item is False or item is None:
            continue
        data.appendlist(key, str(item))


def ref(item) -> str:
    """The picker value of an agency or a group, as the dropdown would submit it."""
    from agencies.models import AgencyGroup

    return f"g:{item.pk}" if isinstance(item, AgencyGroup) else f"a:{item.pk}"


def entry_post(*, notice=None, meeting=None, existing_meeting=None, conclusions=None, extra=None) -> dict:
    """POST data for the entry page, as a dict of lists (the test client sends every value).

    `conclusions` is a list of dicts with label, text, DELETE and tasks; task dicts override
    _TASK_DEFAULTS, and picker fields take a picked value ("a:1"), a typed name, or a list."""
    data = QueryDict(mutable=True)
    for key, value in {**_NOTICE_DEFAULTS, **(notice or {})}.items():
        _put(data, f"notice-{key}", value)
    if existing_meeting is not None:
        _put(data, "notice-meeting_mode", "existing")
        _put(data, "notice-meeting", existing_meeting.pk if hasattr(existing_meeting, "pk") else existing_meeting)
    else:
        _put(data, "notice-meeting_mode", "new")
        _put(data, "notice-meeting", "")
    for key, value in {**_MEETING_DEFAULTS, **(meeting or {})}.items():
        _put(data, f"meeting-{key}", value)
    conclusions = (
        conclusions
        if conclusions is not None
        else [{"label": "1.", "text": "Về công tác phòng, chống dịch.", "tasks": []}]
    )
    _management(data, "c", len(conclusions))
    for i, conclusion in enumerate(conclusions):
        prefix = f"c-{i}"
        for key in ("label", "text", "DELETE"):
            if key in conclusion:
                _put(data, f"{prefix}-{key}", conclusion[key])
        tasks = conclusion.get("tasks", [])
        _management(data, f"{prefix}-t", len(tasks))
        for j, task in enumerate(tasks):
            for key, value in {**_TASK_DEFAULTS, **task}.items():
                _put(data, f"{prefix}-t-{j}-{key}", value)
    for key, value in (extra or {}).items():
        _put(data, key, value)
    return dict(data.lists())


def _management(data: QueryDict, prefix: str, total: int) -> None:
    data[f"{prefix}-TOTAL_FORMS"] = str(total)
    data[f"{prefix}-INITIAL_FORMS"] = "0"
    data[f"{prefix}-MIN_NUM_FORMS"] = "0"
    data[f"{prefix}-MAX_NUM_FORMS"] = "500"


class _FormValues(HTMLParser):
    """What a browser without JavaScript would submit from a page's first POST form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._in_form = self._done = False
        self._template_depth = 0
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option: dict | None = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._template_depth += 1
        if self._done or self._template_depth:
            return
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and "data-notice-entry" in attrs:
            self._in_form = True
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(name, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs and not self._select_chosen:
                self._select_chosen = True
                self._add(self._select, value)

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
        if self._template_depth or self._done:
            return
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self._add(self._select, self._select_first)
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def handle_data(self, data):
        if self._textarea and not self._template_depth:
            # Browsers drop the newline that follows <textarea>.
            text = self.values[self._textarea][-1] + data
            self.values[self._textarea][-1] = text[1:] if text.startswith("\n") else text


def form_values(html: str) -> dict[str, list[str]]:
    parser = _FormValues()
    parser.feed(html)
    return parser.values

"""What people type, made safe before anything reads it: dates within the years the product
deals with, and text without control characters.

It lives here, at the bottom of the house (agencies knows nobody), so the meetings' forms and
every form and filter of directives share one rule instead of one copy each.

- Dates: Python, PostgreSQL and the reports all break somewhere past year 9999 or before year 1
  (a due date + 1 day, a period's end, a calendar feed's DTEND). Directives are given and
  followed up within a human lifetime, so every date a person may type is bounded to
  MIN_DATE..MAX_DATE with a message in Vietnamese, whatever the form or filter.
- Text: PostgreSQL refuses NUL in text, and a control character stored in a task's action makes
  the .xlsx export fail for everyone whose list includes it. `clean_text` removes them; tab and
  line ends stay, and the vertical tab and form feed become line ends, as the notice reader
  reads them.
"""

import calendar
import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)
DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
BAD_DATE = "Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, ví dụ 30/06/2021."
DATE_OUT_OF_RANGE = f"Ngày phải trong khoảng từ {MIN_DATE:%d/%m/%Y} đến {MAX_DATE:%d/%m/%Y}."

# C0 controls but tab and line ends, DEL, C1 controls, lone surrogates (never valid UTF-8) and
# the two non-characters XML (hence .xlsx) refuses.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c]")


def has_control_chars(text: str) -> bool:
    return bool(_CONTROL.search(text) or _LINE_BREAKS.search(text))


def clean_text(text: str) -> str:
    """`text` without control characters; vertical tab and form feed become line ends."""
    if not has_control_chars(text):
        return text
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def date_in_range(value: dt.date | None) -> bool:
    return value is None or MIN_DATE <= value <= MAX_DATE


class BoundedDateField(forms.DateField):
    """A date typed dd/mm/yyyy (ISO accepted for links), refused outside MIN_DATE..MAX_DATE."""

    default_error_messages = {"invalid": BAD_DATE, "out_of_range": DATE_OUT_OF_RANGE}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # a year of twenty digits, say
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        except ValidationError:
            # Typed in the right form but not a day of the calendar (31/02/2026): say so, rather
            # than ask for the form that was used.
            raise ValidationError(no_such_day(value) or self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if not date_in_range(value):
            raise ValidationError(self.error_messages["out_of_range"], code="out_of_range")


_DAY_MONTH_YEAR = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*")


def no_such_day(value) -> str | None:
    """ "Không có ngày 31/02/2026 …" for a dd/mm/yyyy date the calendar does not have, else None."""
    found = _DAY_MONTH_YEAR.fullmatch(value) if isinstance(value, str) else None
    if not found:
        return None
    day, month, year = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return f"Không có tháng {month}: tháng chỉ từ 1 đến 12 (ngày/tháng/năm, ví dụ 30/06/2021)."
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"Không có ngày {value.strip()}: tháng {month} năm {year} chỉ có {days} ngày."
    return None

"""The shared date field: a date that the calendar does not have is named as such."""

import pytest
from django.core.exceptions import ValidationError

from agencies.inputs import BoundedDateField
from meetings.forms import DateField


@pytest.mark.parametrize("field", [BoundedDateField(), DateField()])
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Không có ngày 31/02/2026: tháng 2 năm 2026 chỉ có 28 ngày."),
        ("29/02/2027", "Không có ngày 29/02/2027: tháng 2 năm 2027 chỉ có 28 ngày."),
        ("31/04/2026", "Không có ngày 31/04/2026: tháng 4 năm 2026 chỉ có 30 ngày."),
        ("12/13/2026", "Không có tháng 13: tháng chỉ từ 1 đến 12 (ngày/tháng/năm, ví dụ 30/06/2021)."),
    ],
)
def test_a_day_the_calendar_does_not_have_is_named(field, typed, message):
    with pytest.raises(ValidationError) as refused:
        field.clean(typed)
    assert refused.value.messages == [message]


@pytest.mark.parametrize("field", [BoundedDateField(), DateField()])
def test_a_date_in_another_form_still_asks_for_the_form(field):
    with pytest.raises(ValidationError) as refused:
        field.clean("ngày mai")
    assert "dd/mm/yyyy" in refused.value.messages[0] or "ngày/tháng/năm" in refused.value.messages[0]


def test_a_leap_day_is_a_day():
    assert str(BoundedDateField().clean("29/02/2028")) == "2028-02-29"

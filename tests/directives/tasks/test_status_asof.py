"""Status as of a past day, from facts only: boundary cases pinned by hand."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from directives.models import DueDateChange, Task, TaskEvent
from directives.tasks.services import task_event_record
from directives.tasks.status import TaskStatus, asof, compute_status
from tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=HCM)


def status_on(task, day):
    qs = asof.with_due_on(Task.objects.filter(pk=task.pk), day).filter(asof.published_as_of_q(day))
    row = qs.annotate(s=asof.status_as_of_expression(day)).values_list("s", flat=True).first()
    return row


def complete(task, on, verified):
    Task.objects.filter(pk=task.pk).update(
        submitted_at=at(on.year, on.month, on.day, 8), completed_on=on, verified_at=verified
    )


def extend(task, *, decided, before, after):
    Task.objects.filter(pk=task.pk).update(due_date=after)
    return task_event_record(
        task=task,
        kind=TaskEvent.Kind.EXTENSION_DECIDED,
        at=decided,
        data={"decision": "approved", "due_date": {"before": before, "after": after}},
    )


def test_completed_on_the_due_date_is_on_time():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    complete(task, dt.date(2021, 6, 30), at(2021, 7, 2))
    assert status_on(task, dt.date(2021, 7, 2)) == TaskStatus.COMPLETED_ON_TIME


def test_completed_the_day_after_the_due_date_is_late():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    complete(task, dt.date(2021, 7, 1), at(2021, 7, 1, 17))
    assert status_on(task, dt.date(2021, 7, 1)) == TaskStatus.COMPLETED_LATE


def test_completion_verified_later_is_not_known_on_the_day_before_verification():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    complete(task, dt.date(2021, 6, 29), at(2021, 7, 5))
    assert status_on(task, dt.date(2021, 7, 1)) == TaskStatus.AWAITING_VERIFICATION
    assert status_on(task, dt.date(2021, 7, 5)) == TaskStatus.COMPLETED_ON_TIME


def test_open_task_due_today_is_not_overdue_and_tomorrow_it_is():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    assert status_on(task, dt.date(2021, 6, 30)) == TaskStatus.DUE_SOON
    assert status_on(task, dt.date(2021, 7, 1)) == TaskStatus.OVERDUE


def test_extended_then_completed_by_the_new_date_is_on_time():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    extend(task, decided=at(2021, 6, 28), before="2021-06-30", after="2021-07-15")
    complete(task, dt.date(2021, 7, 10), at(2021, 7, 11))
    assert status_on(task, dt.date(2021, 7, 31)) == TaskStatus.COMPLETED_ON_TIME


def test_extension_decided_after_a_day_does_not_change_that_day_status():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    extend(task, decided=at(2021, 7, 3), before="2021-06-30", after="2021-07-15")
    assert status_on(task, dt.date(2021, 7, 2)) == TaskStatus.OVERDUE
    assert status_on(task, dt.date(2021, 7, 3)) == TaskStatus.IN_PROGRESS


def test_two_extensions_each_day_sees_the_due_date_then_in_force():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    extend(task, decided=at(2021, 6, 20), before="2021-06-30", after="2021-07-10")
    extend(task, decided=at(2021, 7, 5), before="2021-07-10", after="2021-07-31")
    due = {
        day: asof.with_due_on(Task.objects.filter(pk=task.pk), day).values_list("due_on", flat=True).get()
        for day in (dt.date(2021, 6, 19), dt.date(2021, 6, 20), dt.date(2021, 7, 4), dt.date(2021, 7, 5))
    }
    assert due == {
        dt.date(2021, 6, 19): dt.date(2021, 6, 30),
        dt.date(2021, 6, 20): dt.date(2021, 7, 10),
        dt.date(2021, 7, 4): dt.date(2021, 7, 10),
        dt.date(2021, 7, 5): dt.date(2021, 7, 31),
    }


def test_refused_extension_records_no_due_date_change():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    task_event_record(
        task=task,
        kind=TaskEvent.Kind.EXTENSION_DECIDED,
        data={"decision": "refused", "due_date": {"before": "2021-06-30", "after": "2021-06-30"}},
    )
    assert not DueDateChange.objects.exists()


def test_cancelled_task_is_cancelled_from_the_day_it_was_cancelled():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    Task.objects.filter(pk=task.pk).update(cancelled_at=at(2021, 7, 3))
    assert status_on(task, dt.date(2021, 7, 2)) == TaskStatus.OVERDUE
    assert status_on(task, dt.date(2021, 7, 3)) == TaskStatus.CANCELLED


def test_ongoing_task_is_never_overdue():
    task = TaskFactory(deadline_kind="ongoing", due_date=None)
    assert status_on(task, dt.date(2030, 1, 1)) == TaskStatus.NO_DEADLINE


def test_task_published_after_the_day_does_not_exist_yet():
    task = TaskFactory(published_at=at(2021, 6, 24, 16))
    assert status_on(task, dt.date(2021, 6, 23)) is None
    assert status_on(task, dt.date(2021, 6, 24)) is not None


def test_returned_completion_is_open_again():
    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    Task.objects.filter(pk=task.pk).update(submitted_at=at(2021, 6, 28), returned_at=at(2021, 6, 29))
    assert status_on(task, dt.date(2021, 6, 28)) == TaskStatus.AWAITING_VERIFICATION
    assert status_on(task, dt.date(2021, 6, 29)) == TaskStatus.DUE_SOON


@pytest.mark.parametrize("offset", range(-5, 6))
def test_as_of_today_agrees_with_the_current_status(offset):
    """With no fact dated after today, both rule sets give the same word for every task."""
    today = dt.date(2021, 6, 30)
    tasks = [
        TaskFactory(due_date=today + dt.timedelta(days=offset)),
        TaskFactory(deadline_kind="none", due_date=None),
    ]
    complete(tasks[0], today + dt.timedelta(days=offset), at(2021, 6, 20)) if offset < -3 else None
    with time_machine.travel(at(2021, 6, 30, 12), tick=False):
        for task in Task.objects.filter(pk__in=[t.pk for t in tasks]):
            assert status_on(task, today) == compute_status(task, today)


def test_rebuild_from_history_gives_the_same_changes_as_the_listener():
    from directives.models.history import due_date_changes_rebuild

    task = TaskFactory(due_date=dt.date(2021, 6, 30))
    extend(task, decided=at(2021, 7, 5), before="2021-07-10", after="2021-07-31")
    extend(task, decided=at(2021, 6, 20), before="2021-06-30", after="2021-07-10")
    fields = ("decided_at", "before", "after", "previous_decided_at")
    by_listener = list(DueDateChange.objects.order_by("decided_at").values_list(*fields))
    assert due_date_changes_rebuild() == 2
    assert list(DueDateChange.objects.order_by("decided_at").values_list(*fields)) == by_listener
    assert by_listener[1][3] == by_listener[0][0]


def test_past_day_lists_order_by_the_due_date_then_in_force_and_stop_at_the_limit(leader):
    """A past day's overdue list sorts the ids first, then reads those rows: same order, limit,
    due dates and statuses as sorting the whole rows."""
    from directives.reports import selectors

    day = dt.date(2021, 6, 30)
    early = TaskFactory(due_date=dt.date(2021, 6, 10), action="Hạn 10/6")
    # Due 5/6 on 30/6; extended on 3/7 to 31/7: its current date would sort it last.
    extended = TaskFactory(due_date=dt.date(2021, 6, 5), action="Hạn 5/6, gia hạn sau")
    extend(extended, decided=at(2021, 7, 3), before="2021-06-05", after="2021-07-31")
    middle = TaskFactory(due_date=dt.date(2021, 6, 20), action="Hạn 20/6")
    TaskFactory(due_date=dt.date(2021, 7, 20), action="Hạn sau tuần đó")
    week = TaskFactory(due_date=dt.date(2021, 7, 2), action="Hạn 2/7")
    with time_machine.travel(at(2021, 8, 1), tick=False):
        scoped = selectors.scope(leader, {"on": day.isoformat()})
        overdue = list(selectors.overdue_list(scoped, day))
        first_two = list(selectors.overdue_list(scoped, day, limit=2))
        due_week = list(selectors.due_this_week(scoped, day))
    assert [t.pk for t in overdue] == [extended.pk, early.pk, middle.pk]
    assert [t.due_on for t in overdue] == [dt.date(2021, 6, 5), dt.date(2021, 6, 10), dt.date(2021, 6, 20)]
    assert [t.pk for t in first_two] == [extended.pk, early.pk]
    assert [t.pk for t in due_week] == [week.pk]


def test_past_day_lists_read_only_the_due_dates_that_hold_them_and_find_the_extended_ones(leader):
    """On a past day the lists read only the tasks due in the months holding the first ones
    (counted by the page's scan) or in the window, plus those whose due date was extended after
    the day: the same lists as sorting every task of the scope."""
    from directives.reports import selectors

    day = dt.date(2021, 6, 30)
    march = TaskFactory(due_date=dt.date(2021, 3, 10), action="Hạn 10/3")
    # Due 5/4 on 30/6; extended on 3/7 to 30/9: its current date lies outside every span.
    april = TaskFactory(due_date=dt.date(2021, 4, 5), action="Hạn 5/4, gia hạn sau")
    extend(april, decided=at(2021, 7, 3), before="2021-04-05", after="2021-09-30")
    may = TaskFactory(due_date=dt.date(2021, 5, 20), action="Hạn 20/5")
    june = TaskFactory(due_date=dt.date(2021, 6, 15), action="Hạn 15/6")
    soon = TaskFactory(due_date=dt.date(2021, 7, 1), action="Hạn 1/7")
    # Due 3/7 on 30/6 (in the window); extended on 5/7 to 31/8.
    later = TaskFactory(due_date=dt.date(2021, 7, 3), action="Hạn 3/7, gia hạn sau")
    extend(later, decided=at(2021, 7, 5), before="2021-07-03", after="2021-08-31")
    TaskFactory(due_date=dt.date(2021, 7, 20), action="Hạn sau cửa sổ")
    with time_machine.travel(at(2021, 8, 1), tick=False):
        scoped = selectors.scope(leader, {"on": day.isoformat(), "active_from": "2021-04-01"})
        months = selectors.overdue_by_month(selectors.figures_by_agency_and_by_month(scoped, day)[1])
        assert months == {dt.date(2021, m, 1): 1 for m in (3, 4, 5, 6)}
        first_two = list(selectors.overdue_list(scoped, day, limit=2, months=months))
        every = list(selectors.overdue_list(scoped, day, months=months))
        unnarrowed = list(selectors.overdue_list(scoped, day))
        due_week = list(selectors.due_this_week(scoped, day))
        empty = list(selectors.overdue_list(scoped, day, months={}))
    assert [t.pk for t in first_two] == [march.pk, april.pk]
    assert [t.pk for t in every] == [t.pk for t in unnarrowed] == [march.pk, april.pk, may.pk, june.pk]
    assert [t.due_on for t in every][1] == dt.date(2021, 4, 5)
    assert [t.pk for t in due_week] == [soon.pk, later.pk]
    assert [t.due_on for t in due_week] == [dt.date(2021, 7, 1), dt.date(2021, 7, 3)]
    assert empty == []

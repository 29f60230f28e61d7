"""A task's status and every rule about days, derived from facts and a day, never stored.

This package is the only place where these rules are written. Each rule exists twice on
purpose: as database predicates (for lists, filters and aggregates over millions of rows) and
in Python (for one task in hand, and for recomputing an outcome from the history alone); the
tests check that both agree at every boundary.

The words, for a day D (today, or a past day):
- open: neither cancelled nor verified complete;
- cancelled (or superseded): Đã hủy;
- verified complete: on time when completed on or before the due date in force (or when there
  was no due date), else late;
- submitted, not yet verified (nor returned since): Chờ xác nhận;
- open without a due date (recurring, ongoing, none): Không thời hạn, never overdue;
- overdue: open, not submitted, and due before D (due on D is not overdue): Quá hạn;
- days overdue: whole days from the due date to D, for an open task past its due date;
- due within N days: due on D or on one of the N days after it, D through D + N inclusive.
  Sắp đến hạn is due within DUE_SOON_DAYS days; the inbox's group, the dashboard's figure and
  list, the task list filter and the reminders' "before" section all use the window of
  INBOX_DUE_WINDOW_DAYS days (7: on 01/07, a task due 08/07 is in it, one due 09/07 is not);
- otherwise: Đang thực hiện (trong hạn).

Today these read the task's columns (`today`). On a past day the facts are those known at the
end of that day and the due date is the one then in force (`asof`). A recurring task's period is
reported when its lead agency reported in it (`directives.tasks.periods.lead_reported_periods`).
"""

from directives.tasks.status.asof import (
    active_in_period_q,
    closed_at_expression,
    day_end,
    day_start,
    due_on_between_q,
    is_present,
    published_as_of_q,
    status_as_of_expression,
    status_as_of_q,
    with_due_on,
)
from directives.tasks.status.today import (
    ASSIGNED,
    COMPLETED,
    DUE_WINDOW,
    OPEN_Q,
    STATUS_CSS,
    WITHIN_DEADLINE,
    WORKING_Q,
    TaskStatus,
    compute_status,
    days_overdue,
    days_overdue_on,
    due_after_q,
    due_window_days,
    due_within_q,
    figure_label,
    is_due_within,
    is_open,
    status_expression,
    status_q,
)

__all__ = [
    "ASSIGNED",
    "COMPLETED",
    "DUE_WINDOW",
    "OPEN_Q",
    "STATUS_CSS",
    "WITHIN_DEADLINE",
    "WORKING_Q",
    "TaskStatus",
    "active_in_period_q",
    "closed_at_expression",
    "compute_status",
    "day_end",
    "day_start",
    "days_overdue",
    "days_overdue_on",
    "due_on_between_q",
    "due_after_q",
    "due_window_days",
    "due_within_q",
    "figure_label",
    "is_due_within",
    "is_open",
    "is_present",
    "published_as_of_q",
    "status_as_of_expression",
    "status_as_of_q",
    "status_expression",
    "status_q",
    "with_due_on",
]

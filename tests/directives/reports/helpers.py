"""What the dashboard tests share: a frozen day, the period filters, and the headline figures."""

import datetime as dt
import zoneinfo

import time_machine

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
Q2_2021 = {"period": "quarter", "year": "2021", "quarter": "2"}
JUNE_2021 = {"period": "month", "year": "2021", "month": "6"}


def on(y, m, d):
    """Freeze the clock at 09:00 in the office's time zone on that day."""
    return time_machine.travel(dt.datetime(y, m, d, 9, tzinfo=HCM), tick=False)


def figures(client, user, **params) -> dict:
    """The dashboard's headline figures for `user` with these filters."""
    client.force_login(user)
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    t = response.context["totals"]
    return {
        "assigned": t.assigned,
        "within_deadline": t.within_deadline,
        "due_week": t.due_week,
        "overdue": t.overdue,
        "awaiting": t.awaiting,
        "on_time": t.on_time,
        "late": t.late,
        "no_deadline": t.no_deadline,
    }

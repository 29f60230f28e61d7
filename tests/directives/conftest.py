"""A task as the office publishes it on 24/06/2021, due 30/06/2021: Sở Y tế leads, Sở TT&TT
coordinates. Made through the real service so its history starts the way production's does."""

import datetime as dt

import pytest
import time_machine

from directives.tasks.services import task_create
from tests.factories import ConclusionFactory, NoticeFactory

PUBLISHED = dt.datetime(2021, 6, 24, 9, 0, tzinfo=dt.UTC)


def at(day: int, month: int = 6, hour: int = 3):
    """time_machine at hour (UTC) of that day of 2021: 10:00 in Hà Nội by default."""
    return time_machine.travel(dt.datetime(2021, month, day, hour, 0, tzinfo=dt.UTC), tick=False)


def published_task(*, lead, coordinating=(), due_date=dt.date(2021, 6, 30), created_by=None):
    """A dated task created and published through the services, so its history is complete."""
    return task_create(
        conclusion=ConclusionFactory(notice=NoticeFactory(status="published", published_at=PUBLISHED)),
        lead=lead,
        coordinating=coordinating,
        action="Ban hành Kế hoạch khôi phục các hoạt động kinh tế - xã hội",
        deadline_kind="date",
        due_date=due_date,
        created_by=created_by,
    )


@pytest.fixture
def task(health_dept, ict_dept, office_clerk):
    with time_machine.travel(PUBLISHED, tick=False):
        return published_task(lead=health_dept, coordinating=[ict_dept], created_by=office_clerk)


@pytest.fixture
def ongoing_task(health_dept, office_clerk):
    with time_machine.travel(PUBLISHED, tick=False):
        return task_create(
            conclusion=ConclusionFactory(notice=NoticeFactory(status="published", published_at=PUBLISHED)),
            lead=health_dept,
            action="Thường xuyên kiểm tra công tác phòng, chống dịch",
            deadline_kind="ongoing",
            created_by=office_clerk,
        )

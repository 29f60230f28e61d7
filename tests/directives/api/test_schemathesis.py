"""schemathesis against the live server: for every operation of the schema the server itself
publishes, and with each kind of key, generated requests (a bounded number) get no server error
and no answer that contradicts the schema (status, content type, body). Runs on PostgreSQL in CI.

Writes really happen (reports, drafts, extension requests...): the database is the test's own.
"""

import datetime as dt

import pytest
import schemathesis
import time_machine
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from directives.tasks.workflow import extension_request, task_report_progress, task_submit_completion
from tests.directives.api.conftest import key_for
from tests.factories import ConclusionFactory, NoticeFactory, TaskFactory
from tests.files import pdf_bytes, upload

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MAX_EXAMPLES = 12
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PUBLISHED_AT = dt.datetime(2021, 6, 24, 9, tzinfo=dt.UTC)


@pytest.fixture
def world(health_dept, ict_dept, health_dept_officer, office_clerk):
    """A little of everything, so generated ids sometimes name a real task, report or extension."""
    with time_machine.travel(PUBLISHED_AT, tick=False):
        notice = NoticeFactory(status="published", published_at=PUBLISHED_AT)
        tasks = [
            TaskFactory(conclusion=ConclusionFactory(notice=notice), lead=health_dept, coordinating=[ict_dept])
            for _ in range(4)
        ]
        task_report_progress(
            task=tasks[0], actor=health_dept_officer, text="Kế hoạch", files=[upload("kh.pdf", pdf_bytes())]
        )
        task_submit_completion(task=tasks[1], actor=health_dept_officer, note="Đã xong")
        extension_request(task=tasks[2], actor=health_dept_officer, requested_date=dt.date(2021, 7, 10), reason="Chờ")
        TaskFactory(conclusion=ConclusionFactory(notice=NoticeFactory()), lead=health_dept, published_at=None)


@pytest.mark.parametrize("person", ["office_clerk", "leader", "health_dept_officer", "unrelated_officer"])
def test_the_api_keeps_to_its_schema(live_server, world, request, person):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/?format=json")
    headers = {"Authorization": f"Bearer {key_for(request.getfixturevalue(person))}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call(base_url=live_server.url, headers=headers)
            case.validate_response(response, checks=CHECKS)

        run()

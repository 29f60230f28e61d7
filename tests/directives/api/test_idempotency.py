"""Idempotency-Key: a retried POST replays the first answer and writes nothing more; the same
key for another request is a 422 in Vietnamese; without the header, every POST is its own."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from directives.models import IdempotentResponse, ProgressReport, TaskEvent
from tests.directives.api.conftest import key_for
from tests.directives.conftest import at
from tests.files import pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _report(client, task, key="bc-2021-06-27-001", text="Đã ban hành kế hoạch", **extra):
    headers = {"Idempotency-Key": key} if key is not None else {}
    with at(27):
        return client.post(f"/api/v1/tasks/{task.pk}/reports/", {"text": text, **extra}, headers=headers)


def test_a_retried_post_stores_one_report(lead_api, task):
    first = _report(lead_api, task)
    second = _report(lead_api, task)
    assert first.status_code == second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert ProgressReport.objects.count() == 1
    assert TaskEvent.objects.filter(kind=TaskEvent.Kind.REPORTED).count() == 1


def test_a_retried_upload_stores_one_attachment(lead_api, task):
    for _ in range(2):
        response = lead_api.post(
            f"/api/v1/tasks/{task.pk}/reports/",
            {"text": "Kèm kế hoạch", "files": [upload("kh.pdf", pdf_bytes())]},
            format="multipart",
            headers={"Idempotency-Key": "upload-1"},
        )
        assert response.status_code == 201
    assert ProgressReport.objects.get().attachments.count() == 1


def test_without_the_header_each_post_is_a_new_report(lead_api, task):
    _report(lead_api, task, key=None)
    _report(lead_api, task, key=None)
    assert ProgressReport.objects.count() == 2


def test_the_same_key_with_another_body_is_a_422_and_writes_nothing(lead_api, task):
    _report(lead_api, task)
    response = _report(lead_api, task, text="Một nội dung khác")
    assert response.status_code == 422
    assert "đã được dùng cho một yêu cầu khác" in response.json()["detail"]
    assert ProgressReport.objects.count() == 1


def test_the_same_key_on_another_task_is_a_422(lead_api, task, ongoing_task):
    _report(lead_api, task)
    assert _report(lead_api, ongoing_task).status_code == 422
    assert ProgressReport.objects.count() == 1


def test_keys_belong_to_their_user(lead_api, coordinating_api, task):
    assert _report(lead_api, task).status_code == 201
    assert _report(coordinating_api, task).status_code == 201
    assert ProgressReport.objects.count() == 2


def test_a_refused_write_is_not_kept_so_a_corrected_retry_is_not_blocked(lead_api, task):
    refused = _report(lead_api, task, text="", key="k-1")
    assert refused.status_code == 400
    assert not IdempotentResponse.objects.exists()
    assert _report(lead_api, task, key="k-1").status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 256])
def test_a_malformed_key_is_a_400(lead_api, task, key):
    response = _report(lead_api, task, key=key)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not ProgressReport.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_retries_at_once_store_one_report(task, health_dept_officer):
    """Two requests with the same key on two real connections: the second waits on the first's
    row, then replays its answer."""
    raw = key_for(health_dept_officer)
    answers = []
    barrier = threading.Barrier(2)

    def send():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        barrier.wait()
        try:
            answers.append(_report(client, task, key="cung-luc"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert ProgressReport.objects.count() == 1

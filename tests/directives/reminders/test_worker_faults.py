"""Reminders under faults, with the real thing: `celery worker` processes on Redis, PostgreSQL,
webhook receivers and an SMTP server on 127.0.0.1. Each test is bounded in time.

- slow webhooks hold up no e-mail: webhooks go from their own queue;
- a gateway that took the body and never answered in time gets the digest once;
- a database blip right after the SMTP server accepted a digest: the delivery is recorded on a
  new connection, the bell and the webhook still go, nothing goes twice;
- Redis loses its queue: the next sweep hands the pending digests over again at once.
"""

import datetime as dt
import time

import psycopg
import pytest
import redis
from django.db import connection
from kombu import Connection

from directives.models import Digest, Notification, ReminderChannel
from directives.reminders.sweep import sweep
from directives.reminders.tasks import deliver_digest, sweep_task
from tests.conftest import REDIS_TEST_URL
from tests.directives.reminders.gateways import Receiver
from tests.directives.reminders.smtp import SmtpServer
from tests.directives.reminders.workers import Worker, database_url, start, wait_for
from tests.factories import AgencyFactory, MembershipFactory, TaskFactory

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

AT = "2021-06-25T07:00:00+07:00"


@pytest.fixture
def broker():
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()
    with Connection(REDIS_TEST_URL) as connection_:
        yield connection_
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()


@pytest.fixture
def workers():
    started = []
    yield started
    for worker in started:
        worker.stop()


def _agency_with_task(**kwargs):
    agency = AgencyFactory(**kwargs)
    TaskFactory(lead=agency, due_date=dt.date(2021, 6, 26))
    return agency


def _webhook(agency, url):
    ReminderChannel.objects.create(agency=agency, channel="webhook", config={"url": url, "secret": "k"})


def _sent(ids) -> set[int]:
    return set(Digest.objects.filter(pk__in=ids, status=Digest.Status.SENT).values_list("pk", flat=True))


def test_slow_webhooks_hold_up_no_email(tmp_path, broker, workers):
    with Receiver("slow", delay=4) as gateway:
        slow = [_agency_with_task() for _ in range(2)]
        for agency in slow:
            _webhook(agency, gateway.url)
        quick = [_agency_with_task() for _ in range(12)]
        env = {"REMINDER_WEBHOOK_TIMEOUT": "10"}
        workers += start(
            [
                Worker("mail", tmp_path, queues="celery", env=env),
                Worker("hooks", tmp_path, queues="webhooks", env=env),
            ]
        )
        started = time.monotonic()
        sweep_task.apply_async(kwargs={"at": AT}, connection=broker)
        done: dict[int, float] = {}

        def all_sent():
            for pk in _sent(Digest.objects.values_list("pk", flat=True)):
                done.setdefault(pk, time.monotonic() - started)
            return len(done) == 14

        wait_for(all_sent, 60, "every digest sent", workers)
    quick_ids = set(Digest.objects.filter(agency__in=quick).values_list("pk", flat=True))
    slow_ids = set(Digest.objects.filter(agency__in=slow).values_list("pk", flat=True))
    last_mail = max(done[pk] for pk in quick_ids)
    first_webhook = min(done[pk] for pk in slow_ids)
    print(f"12 e-mail digests all sent after {last_mail:.1f} s; the 2 webhook digests after {first_webhook:.1f} s")
    # Each webhook takes 4 s: sharing a worker, the e-mails behind them would wait 4 to 8 s.
    assert last_mail < first_webhook and last_mail < 4
    assert len(gateway.received) == 2


def test_a_gateway_that_never_answers_in_time_gets_the_digest_once(tmp_path, broker, workers):
    with Receiver("slow", delay=4) as gateway:
        agency = _agency_with_task()
        _webhook(agency, gateway.url)
        env = {"REMINDER_WEBHOOK_TIMEOUT": "1", "REMINDER_RETRY_BACKOFF_SECONDS": "1"}
        workers += start([Worker("both", tmp_path, env=env)])
        sweep_task.apply_async(kwargs={"at": AT}, connection=broker)
        wait_for(lambda: Digest.objects.filter(status=Digest.Status.FAILED).exists(), 30, "the outcome", workers)
        # The beat keeps sweeping; a retry would come within a second (backoff 1 s).
        for moment in ("07:15", "07:30", "08:00"):
            sweep_task.apply_async(kwargs={"at": f"2021-06-25T{moment}:00+07:00"}, connection=broker)
        time.sleep(8)
    digest = Digest.objects.get()
    assert len(gateway.received) == 1
    assert digest.status == Digest.Status.FAILED and digest.channels_unknown == ["webhook"]
    assert "không rõ đã nhận" in digest.last_error


def test_a_database_blip_after_the_mail_went_out_loses_nothing_and_repeats_nothing(tmp_path, broker, workers):
    own_pid = connection.cursor().connection.info.backend_pid
    conninfo = database_url()

    def drop_other_connections():
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid NOT IN (pg_backend_pid(), %s)",
                [own_pid],
            )

    with Receiver() as gateway, SmtpServer(on_message=drop_other_connections) as smtp:
        agency = _agency_with_task(email="vanthu@soyte.example")
        officer = MembershipFactory(agency=agency).user
        _webhook(agency, gateway.url)
        env = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp.port), "EMAIL_USE_TLS": "0"}
        worker = Worker("both", tmp_path, env=env)
        workers += start([worker])
        sweep_task.apply_async(kwargs={"at": AT}, connection=broker)
        wait_for(lambda: Digest.objects.filter(status__in=["sent", "failed"]).exists(), 60, "the outcome", workers)
        time.sleep(2)  # room for a duplicate to show up, if there were one
    digest = Digest.objects.get()
    assert (digest.status, digest.last_error) == (Digest.Status.SENT, "")
    assert digest.channels_done == ["email", "notification", "webhook"]
    assert len(smtp.messages) == 1 and len(gateway.received) == 1
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert "database write failed, retrying" in worker.log.read_text()


def test_after_redis_lost_its_queue_the_next_sweep_hands_pending_digests_over_again(tmp_path, broker, workers):
    for _ in range(3):
        _agency_with_task()
    ids = sweep(at=dt.datetime.fromisoformat(AT)).digest_ids
    for digest_id in ids:
        deliver_digest.apply_async((digest_id,), {"at": AT}, connection=broker)
    redis.Redis.from_url(REDIS_TEST_URL).flushdb()  # Redis restarted without its data
    workers += start([Worker("both", tmp_path)])
    # Five minutes later: sooner than REMINDER_REQUEUE_AFTER_MINUTES (10).
    sweep_task.apply_async(kwargs={"at": "2021-06-25T07:05:00+07:00"}, connection=broker)
    wait_for(lambda: len(_sent(ids)) == 3, 30, "the three digests sent", workers)
    assert Digest.objects.filter(status=Digest.Status.SENT).count() == 3

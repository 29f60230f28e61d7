"""The people of the story, and the checks that the real services are there when CI needs them."""

import os

import pytest

from agencies.models import Membership
from tests.factories import AgencyFactory, MembershipFactory, UserFactory, leader_user, office_user

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _service_missing(reason: str):
    """In CI a missing service is a failure, never a quiet skip; on a laptop it is a skip."""
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


def using_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


# Redis for tests: CI sets REDIS_TEST_URL; by default database 10 of a local Redis.
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/10")


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("postgres") and not using_postgres():
        _service_missing("DATABASE_URL must point at PostgreSQL")
    # Added with the reminders (Celery worker on Redis): a `redis` test never passes quietly.
    if request.node.get_closest_marker("redis") and not redis_answers():
        _service_missing(f"Redis must answer at {REDIS_TEST_URL}")


_DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences", "django_db_serialized_rollback"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After every test that passed using the database, while its data is still there: the agency
    rows (directives.models.reach) are exactly what the tasks, their coordinations and their
    assignments say. Every write path of the suite thus checks that it keeps them in step."""
    result = yield
    if _DB_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("django_db"):
        from django.db import connection

        from directives.models.reach import TaskAgency, agency_rows_out_of_step

        if TaskAgency._meta.db_table not in connection.introspection.table_names():
            return result  # a migration test, its schema taken back before the table existed
        wrong = agency_rows_out_of_step()
        assert not wrong, f"Các dòng cơ quan của nhiệm vụ lệch với dữ liệu gốc: {wrong[:6]}"
    return result


def migrate_to_latest() -> None:
    """Every app's migrations applied, as the rest of the suite expects the schema."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def back_to_latest():
    """For a migration test that takes the schema back: forward to the latest again afterwards."""
    yield
    migrate_to_latest()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Attachments written by tests land in a throwaway folder, never in var/media.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_working_calendar():
    # The declared days are kept per process; a test's rolled-back days must not leak to the next.
    from directives import workdays

    workdays.forget()
    yield
    workdays.forget()


@pytest.fixture(autouse=True)
def _fresh_filter_menus():
    # The filter menus are kept per process too (directives.reports.menus).
    from directives.reports import menus

    menus.forget()
    yield
    menus.forget()


@pytest.fixture
def office_clerk(db):
    return office_user(username="office", first_name="Chuyên viên", last_name="Văn phòng")


@pytest.fixture
def leader(db):
    return leader_user(username="leader", first_name="Lãnh đạo", last_name="UBND tỉnh")


@pytest.fixture
def health_dept(db):
    return AgencyFactory(name="Sở Y tế", short_name="SYT")


@pytest.fixture
def ict_dept(db):
    return AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")


@pytest.fixture
def unrelated_dept(db):
    return AgencyFactory(name="Sở Tư pháp")


@pytest.fixture
def health_dept_officer(health_dept):
    return MembershipFactory(user=UserFactory(username="soyte"), agency=health_dept).user


@pytest.fixture
def health_dept_head(health_dept):
    return MembershipFactory(
        user=UserFactory(username="giamdoc-soyte"), agency=health_dept, role=Membership.Role.HEAD
    ).user


@pytest.fixture
def ict_dept_officer(ict_dept):
    return MembershipFactory(user=UserFactory(username="sotttt"), agency=ict_dept).user


@pytest.fixture
def unrelated_officer(unrelated_dept):
    return MembershipFactory(user=UserFactory(username="sotuphap"), agency=unrelated_dept).user

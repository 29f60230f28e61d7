"""The dashboard on the demo data (seed_demo): figures pinned on chosen days, reproducible, exact links."""

import datetime as dt
import io
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from directives.models import Task, TaskEvent
from directives.tasks.services import task_event_record
from directives.tasks.status import TaskStatus, compute_status
from tests.directives.reports.helpers import HCM, JUNE_2021, Q2_2021, figures, on

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """seed_demo once for the module (it takes seconds); each test still rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("seed_demo", password="demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def seed(_seeded, db):
    """The demo data's `leader` user."""
    return get_user_model().objects.get(username="leader")


# The office is no member of "các sở, ban, ngành tỉnh" (six of its Q2 tasks came from that name).
SEED_Q2_2021 = {
    "assigned": 452,
    "within_deadline": 34,
    "due_week": 33,
    "overdue": 73,
    "awaiting": 0,
    "on_time": 0,
    "late": 0,
    "no_deadline": 345,
}


def test_seed_figures_for_q2_2021(client, seed):
    with on(2021, 7, 1):
        assert figures(client, seed, **Q2_2021) == SEED_Q2_2021


def test_seed_figures_on_27_june_2021(client, seed):
    with on(2021, 6, 27):
        result = figures(client, seed, **JUNE_2021)
    # Departments' plans were due 26/06 (overdue now), districts' plans are due today (not yet).
    assert result["overdue"] == 63
    assert result["due_week"] == 42  # 10 due 27/06 + 32 due 30/06
    assert result["assigned"] == 452


def test_seed_figures_agree_with_the_python_rules_on_every_day_of_late_june(client, seed):
    for day in range(24, 31):
        with on(2021, 6, day):
            result = figures(client, seed, **JUNE_2021)
            today = dt.date(2021, 6, day)
            published = Task.objects.filter(published_at__date__lte=today)
            counts = Counter(compute_status(task, today) for task in published)
        assert result["overdue"] == counts[TaskStatus.OVERDUE], day
        assert result["no_deadline"] == counts[TaskStatus.NO_DEADLINE], day
        assert result["within_deadline"] == counts[TaskStatus.DUE_SOON] + counts[TaskStatus.IN_PROGRESS], day


def test_q2_report_is_the_same_a_year_later_after_completions_and_extensions(client, seed):
    software = Task.objects.get(
        lead__name="Sở Thông tin và Truyền thông", due_date=dt.date(2021, 6, 30), action__contains="phần mềm"
    )
    late_plan = Task.objects.filter(due_date=dt.date(2021, 6, 26)).first()
    with on(2021, 7, 1):
        before = figures(client, seed, **Q2_2021)
    # After the quarter: the software task is extended and done, a plan is completed late.
    task_event_record(
        task=software,
        kind=TaskEvent.Kind.EXTENSION_DECIDED,
        at=dt.datetime(2021, 7, 2, 10, tzinfo=HCM),
        data={"decision": "approved", "due_date": {"before": "2021-06-30", "after": "2021-07-31"}},
    )
    Task.objects.filter(pk=software.pk).update(
        due_date=dt.date(2021, 7, 31),
        completed_on=dt.date(2021, 7, 20),
        verified_at=dt.datetime(2021, 7, 21, tzinfo=HCM),
    )
    Task.objects.filter(pk=late_plan.pk).update(
        completed_on=dt.date(2021, 7, 5), verified_at=dt.datetime(2021, 7, 6, tzinfo=HCM)
    )
    with on(2022, 7, 1):
        after = figures(client, seed, **Q2_2021)
    assert after == before == SEED_Q2_2021


def test_q3_report_counts_the_completions_of_q3(client, seed):
    plan = Task.objects.filter(due_date=dt.date(2021, 6, 26)).first()
    Task.objects.filter(pk=plan.pk).update(
        completed_on=dt.date(2021, 7, 5), verified_at=dt.datetime(2021, 7, 6, tzinfo=HCM)
    )
    with on(2022, 1, 1):
        result = figures(client, seed, period="quarter", year="2021", quarter="3")
    assert result["late"] == 1
    # All 107 dated seed tasks are past due by 30/09, one of them completed (late).
    assert result["overdue"] == 106


def test_headline_figures_link_to_exactly_the_tasks_they_count(client, seed):
    with on(2021, 6, 28):
        client.force_login(seed)
        response = client.get("/dashboard/", JUNE_2021)
        totals, links = response.context["totals"], response.context["links"]
        for key in ("assigned", "within_deadline", "due_week", "overdue", "awaiting", "on_time", "late", "no_deadline"):
            listed = client.get(links[key]).context
            assert not listed["form"].errors, key
            assert listed["count"] == getattr(totals, key), key


def test_agency_overdue_count_links_to_exactly_its_tasks(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        response = client.get("/dashboard/", Q2_2021)
        row = next(r for r in response.context["table"] if r.name == "UBND huyện Lục Ngạn")
        listed = client.get(row.links["overdue"])
    expected = Task.objects.filter(lead__name="UBND huyện Lục Ngạn", due_date__lt=dt.date(2021, 6, 30)).count()
    assert row.figures.overdue == expected > 0
    assert listed.context["count"] == expected
    assert {t.lead.name for t in listed.context["page"].object_list} == {"UBND huyện Lục Ngạn"}


def test_agencies_table_grouped_by_kind(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        groups = dict(client.get("/dashboard/", Q2_2021).context["groups"])
    assert len(groups["UBND huyện, thành phố"]) == 10


def test_agencies_table_sorted_by_overdue(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        table = client.get("/dashboard/", {**Q2_2021, "sort": "overdue"}).context["table"]
    counts = [r.figures.overdue for r in table]
    assert counts == sorted(counts, reverse=True)


def test_overdue_list_longest_first(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        overdue = list(client.get("/dashboard/", Q2_2021).context["overdue"])
    assert overdue[0].due_on == dt.date(2021, 5, 14)
    assert [t.due_on for t in overdue] == sorted(t.due_on for t in overdue)


def test_this_week_deadlines(client, seed):
    with on(2021, 6, 28):
        client.force_login(seed)
        week = list(client.get("/dashboard/", JUNE_2021).context["due_week"])
    assert {t.due_on for t in week} <= {dt.date(2021, 6, 30), dt.date(2021, 7, 4)}
    assert week


def test_charts_are_inline_svg_with_links(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        content = client.get("/dashboard/", Q2_2021).content.decode()
    assert content.count('<svg class="chart"') == 2
    assert "status=overdue" in content
    assert "cdn" not in content.lower()


def test_printable_report(client, seed):
    with on(2021, 7, 1):
        client.force_login(seed)
        response = client.get("/dashboard/report/", Q2_2021)
    content = response.content.decode()
    assert "Báo cáo tình hình thực hiện nhiệm vụ" in content
    assert "Quý 2/2021" in content
    assert "30/06/2021" in content


def test_figures_read_on_the_day_equal_the_same_day_read_later(client, seed):
    """Today's fast path (current columns) and the history path (facts as of a past day) agree."""
    with on(2021, 6, 30):
        that_day = figures(client, seed, **JUNE_2021)
    with on(2023, 3, 1):
        later = figures(client, seed, **JUNE_2021)
    assert that_day == later

from django.db import migrations

# The dashboard counts tasks grouped by (lead agency, month of the due date). PostgreSQL assumes
# the two columns independent and multiplies their distinct values: at a million tasks it
# expected ~97,000 groups where there are ~3,300, so it sorted half a million rows on disk to
# group them. These statistics teach it how many pairs there really are; it then hashes them in
# parallel workers (measured with benchmarks/bench_dashboard.py: the figures query went from
# 133 to ~90 ms). The expression must stay the one directives.models.task.MonthStart
# writes, or the planner will not match it. SQLite has no such statistics and needs none.
STATISTICS = (
    "CREATE STATISTICS IF NOT EXISTS task_lead_due_month (ndistinct) "
    "ON lead_id, (date_trunc('month', due_date::timestamp)::date) FROM directives_task"
)


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(STATISTICS)
    # Statistics are empty until the next ANALYZE; on an existing database run it now rather
    # than wait for autovacuum (a sample of the table: seconds, even at a million tasks).
    schema_editor.execute("ANALYZE directives_task")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP STATISTICS IF EXISTS task_lead_due_month")


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0004_dashboard"),
    ]

    operations = [
        migrations.RunPython(create_statistics, drop_statistics, elidable=False),
    ]

from django.db import migrations, models

import directives.models.task

# Today's dashboard counts the tasks of the year per (lead agency, month of the due date). The
# month was computed for each of the ~500,000 rows a year's figures read at a million tasks, 15 %
# of the figures query (measured with benchmarks/bench_dashboard.py: 94 ms computing it, 79 ms
# reading it). The database now keeps it beside due_date (a stored generated column, so nothing
# in the application can let the two drift apart), task_closed_cover INCLUDEs it so the period's
# index-only scan reads it, and the planner gets the same statistics on (lead, month) as
# migration 0005 gave the expression. SQLite keeps the column and does without the rest.
CLOSED_AT = (
    "COALESCE(CASE WHEN (cancelled_at IS NOT NULL AND (verified_at IS NULL OR cancelled_at < verified_at)) "
    "THEN cancelled_at ELSE verified_at END, '9999-12-31 00:00:00+00:00'::timestamptz)"
)
COLUMNS = (
    "id, published_at, lead_id, conclusion_id, due_date, completed_on, verified_at, cancelled_at, submitted_at, "
    "returned_at, deadline_kind"
)


def _rebuild(schema_editor, columns: str) -> None:
    schema_editor.execute("DROP INDEX IF EXISTS task_closed_cover")
    schema_editor.execute(f"CREATE INDEX task_closed_cover ON directives_task (({CLOSED_AT})) INCLUDE ({columns})")


def include_due_month(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    _rebuild(schema_editor, f"{COLUMNS}, due_month")
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS task_lead_stored_month (ndistinct) ON lead_id, due_month FROM directives_task"
    )
    schema_editor.execute("ANALYZE directives_task")


def exclude_due_month(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP STATISTICS IF EXISTS task_lead_stored_month")
    _rebuild(schema_editor, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0019_task_awaiting_verification"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="due_month",
            field=models.GeneratedField(
                db_persist=True,
                expression=directives.models.task.MonthStart("due_date"),
                output_field=models.DateField(),
            ),
        ),
        migrations.RunPython(include_due_month, exclude_due_month, elidable=False),
    ]

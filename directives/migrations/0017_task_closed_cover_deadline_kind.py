from django.db import migrations

# task_closed_cover (migration 0004) serves a period's scope as one index-only scan: every column
# the dashboard's figures read is INCLUDEd. Since the open tasks without a due date are counted
# by their kind (Định kỳ, Thường xuyên, Không thời hạn), the figures also read deadline_kind,
# and without it in the index PostgreSQL scans the whole table instead (measured at a million
# tasks, this year's figures: 510 ms reading the table, 330 ms from the index, on a busy
# machine). The index is rebuilt with that column; SQLite does without it, as before.
CLOSED_AT = (
    "COALESCE(CASE WHEN (cancelled_at IS NOT NULL AND (verified_at IS NULL OR cancelled_at < verified_at)) "
    "THEN cancelled_at ELSE verified_at END, '9999-12-31 00:00:00+00:00'::timestamptz)"
)
COLUMNS = "id, published_at, lead_id, conclusion_id, due_date, completed_on, verified_at, cancelled_at, submitted_at, returned_at"


def _rebuild(schema_editor, columns: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS task_closed_cover")
    schema_editor.execute(f"CREATE INDEX task_closed_cover ON directives_task (({CLOSED_AT})) INCLUDE ({columns})")


def include_deadline_kind(apps, schema_editor):
    _rebuild(schema_editor, f"{COLUMNS}, deadline_kind")


def exclude_deadline_kind(apps, schema_editor):
    _rebuild(schema_editor, COLUMNS)


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0016_agency_rows"),
    ]

    operations = [
        migrations.RunPython(include_deadline_kind, exclude_deadline_kind, elidable=False),
    ]

"""The office's starting kinds of directive documents; every notice entered before them is a
conclusion notice, directed by its meeting's chair (their account when exactly one leader's
full name is the chair's name, else the name alone)."""

from django.db import migrations

from agencies.names import normalize

# As in meetings.models.DEFAULT_KINDS when this migration was written (a migration keeps its own copy).
KINDS = (
    ("thong_bao_ket_luan", "Thông báo kết luận", True, 10),
    ("thong_bao_y_kien_chi_dao", "Thông báo ý kiến chỉ đạo", False, 20),
    ("cong_van", "Công văn", False, 30),
    ("chi_thi", "Chỉ thị", False, 40),
    ("ke_hoach", "Kế hoạch", False, 50),
    ("quyet_dinh", "Quyết định", False, 60),
    ("y_kien_chi_dao_truc_tiep", "Ý kiến chỉ đạo trực tiếp", False, 70),
)
LEADERS_GROUP = "leaders"


def _full_name(user) -> str:
    return normalize(" ".join(part for part in (user.first_name, user.last_name) if part))


def forwards(apps, schema_editor):
    DocumentKind = apps.get_model("meetings", "DocumentKind")
    ConclusionNotice = apps.get_model("meetings", "ConclusionNotice")
    User = apps.get_model("auth", "User")
    kinds = {}
    for code, name, needs_meeting, order in KINDS:
        kinds[code], _ = DocumentKind.objects.get_or_create(
            code=code, defaults={"name": name, "needs_meeting": needs_meeting, "order": order}
        )
    by_name: dict[str, list] = {}
    for user in User.objects.filter(groups__name=LEADERS_GROUP).distinct():
        by_name.setdefault(_full_name(user), []).append(user)
    for notice in ConclusionNotice.objects.select_related("meeting").filter(kind__isnull=True).iterator():
        notice.kind = kinds["thong_bao_ket_luan"]
        chair = notice.meeting.chair_name if notice.meeting_id else ""
        if chair and not notice.leader_name:
            notice.leader_name = chair
            matches = by_name.get(normalize(chair), [])
            if len(matches) == 1:
                notice.leader = matches[0]
        # The list's search finds the leader's name too (as ConclusionNotice.search_key).
        parts = (notice.number, notice.title, notice.place, notice.issued_on_text, notice.signer_name, notice.leader_name)
        notice.search_text = normalize(" ".join(part for part in parts if part))
        notice.save(update_fields=["kind", "leader", "leader_name", "search_text"])


def backwards(apps, schema_editor):
    # 0003 going back drops the columns; the kinds table goes with it.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_document_kinds"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

"""python manage.py seed_demo [--password demo]: the demo province, its people, four real notices
of 2021 as history, and a present: notices of the last months with tasks around today.

Idempotent: running it again changes nothing but the demo users' passwords.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyKind, Membership
from agencies.names import normalize
from agencies.roles import LEADERS_GROUP, OFFICE_STAFF_GROUP, ensure_role_groups
from agencies.selectors import agency_resolve
from directives.demo import present, province
from directives.demo.notices import NOT_AN_AGENCY, NUMBERED, SEEDS, SeedNotice, body_end, find_span, paragraphs
from directives.models import ExtensionRequest, ProgressReport, Task, TaskAssignment, TaskEvent
from directives.models.history import due_date_changes_rebuild
from directives.notices.services import notice_publish
from directives.tasks import workflow
from directives.tasks.services import tasks_assign
from meetings.models import Conclusion, ConclusionNotice, Meeting, ensure_document_kinds


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: cơ quan của tỉnh, người dùng mẫu, bốn thông báo kết luận năm 2021 "
        "và các thông báo của những tháng gần đây."
    )

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo", help="Mật khẩu của các người dùng mẫu (mặc định: demo).")

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        if not password:
            raise CommandError("Mật khẩu không được để trống.")
        ensure_role_groups()
        kinds = self._kinds()
        self._agencies(kinds)
        self._groups(kinds)
        office = self._users(password)
        created = sum(self._notice(seed, office) for seed in SEEDS)
        today = timezone.localdate()
        created += sum(self._present_notice(spec, office, today) for spec in present.NOTICES)
        self._present_handlers(today)
        created += sum(self._present_document(spec, office, today) for spec in present.DOCUMENTS)
        self.stdout.write(
            self.style.SUCCESS(
                f"Dữ liệu mẫu sẵn sàng: {Agency.objects.count()} cơ quan, {AgencyGroup.objects.count()} nhóm, "
                f"{ConclusionNotice.objects.count()} thông báo ({created} mới), {Task.objects.count()} nhiệm vụ."
            )
        )

    # --- Agencies -------------------------------------------------------------------------------
    def _kinds(self) -> dict[str, AgencyKind]:
        kinds = {}
        for code, name, order in province.KINDS:
            kinds[code], _ = AgencyKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        return kinds

    def _agency(self, name, short_name, kind, aliases=(), parent=None) -> Agency:
        email_user = normalize(short_name or name).replace(" ", "")[:30]
        agency, _ = Agency.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short_name,
                "kind": kind,
                "parent": parent,
                "email": f"{email_user}@bacgiang.example",
            },
        )
        for alias in {short_name, *aliases} - {""}:
            if normalize(alias) != agency.name_normalized:
                AgencyAlias.objects.get_or_create(
                    name_normalized=normalize(alias), defaults={"name": alias, "agency": agency}
                )
        return agency

    def _agencies(self, kinds):
        for code, rows in (
            ("department", province.DEPARTMENTS),
            ("office", province.OFFICE),
            ("board", province.BOARDS),
            ("steering", province.STEERING),
            ("mass_org", province.MASS_ORGS),
            ("media", province.MEDIA),
            ("party", province.PARTY),
        ):
            for name, short_name, aliases in rows:
                self._agency(name, short_name, kinds[code], aliases)
        for name, short_name, aliases, parent in province.UNITS:
            self._agency(name, short_name, kinds["unit"], aliases, parent=Agency.objects.get(name=parent))
        for place, level in province.DISTRICTS:
            self._agency(
                f"UBND {level} {place}",
                f"UBND {'TP' if level == 'thành phố' else 'huyện'} {place}",
                kinds["district"],
                [f"{level} {place}", f"Ủy ban nhân dân {level} {place}"],
            )
            party = "Thành ủy" if level == "thành phố" else "Huyện ủy"
            self._agency(f"{party} {place}", "", kinds["party_district"], [])

    def _groups(self, kinds):
        for name, kind_code, extra_kinds, aliases in province.GROUPS:
            group, _ = AgencyGroup.objects.get_or_create(name=name, defaults={"kind": kinds.get(kind_code)})
            group.members.add(*Agency.objects.filter(kind__code__in=extra_kinds))
            for alias in aliases:
                if normalize(alias) != group.name_normalized:
                    AgencyAlias.objects.get_or_create(
                        name_normalized=normalize(alias), defaults={"name": alias, "group": group}
                    )

    # --- People ---------------------------------------------------------------------------------
    def _users(self, password: str):
        User = get_user_model()
        office = None
        for username, (first, last), role, agency_name in province.USERS:
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
            user.set_password(password)
            user.email = f"{username}@bacgiang.example"
            if role == "office":
                user.is_staff = True
                user.groups.add(Group.objects.get(name=OFFICE_STAFF_GROUP))
                office = user
            elif role == "leader":
                user.groups.add(Group.objects.get(name=LEADERS_GROUP))
            user.save()
            if agency_name and role in (Membership.Role.OFFICER, Membership.Role.HEAD):
                Membership.objects.get_or_create(
                    user=user, agency=Agency.objects.get(name=agency_name), defaults={"role": role}
                )
        return office

    # --- Notices --------------------------------------------------------------------------------
    def _resolve(self, name: str):
        """The agency or group a name in the notice means, as the entry form's picker resolves it."""
        if name.strip().lower() in NOT_AN_AGENCY:
            return None
        resolution = agency_resolve(name)
        if resolution.match is None:
            raise CommandError(f"Dữ liệu mẫu nhắc tới '{name}' nhưng chưa có cơ quan hoặc nhóm nào mang tên đó.")
        return resolution.match

    def _notice(self, seed: SeedNotice, office) -> bool:
        annotation = seed.annotation
        text = seed.text
        if ConclusionNotice.objects.filter(title=seed.title, place=seed.place).exists():
            return False
        meeting_date = dt.date.fromisoformat(annotation["meeting_date"])
        meeting = Meeting.objects.create(
            title=seed.meeting_title,
            kind=seed.meeting_kind,
            held_on=meeting_date,
            chair_name=seed.chair_name,
            chair_title=seed.chair_title,
            is_online=seed.meeting_online,
            created_by=office,
        )
        recipients = text[text.find("Nơi nhận") :].split("\n", 1)[-1] if "Nơi nhận" in text else ""
        recipients = "\n".join(line.strip() for line in recipients.splitlines() if line.strip().startswith(("-", "+")))
        notice = ConclusionNotice.objects.create(
            meeting=meeting,
            number=annotation.get("number") or "",
            place=seed.place,
            issued_on=seed.issued_on,
            issued_on_text=seed.issued_on_text,
            title=seed.title,
            signer_name=seed.signer,
            signing_formula=seed.signing_formula,
            recipients=recipients,
            full_text=text,
            created_by=office,
        )
        tasks = [(task, find_span(text, task["quote"])) for task in annotation["tasks"]]
        conclusions = self._conclusions(notice, text, [span for _, span in tasks if span])
        for task, span in tasks:
            leads = [self._resolve(name) for name in [task["lead"], *(task.get("co_leads") or [])]]
            coordinating = [self._resolve(name) for name in task.get("coordinating") or []]
            tasks_assign(
                conclusion=self._conclusion_at(conclusions, span),
                leads=[lead for lead in leads if lead],
                coordinating=[agency for agency in coordinating if agency],
                action=task["summary"],
                deadline_kind=task["deadline_kind"],
                due_date=dt.date.fromisoformat(task["deadline"]) if task["deadline"] else None,
                recurrence=task.get("recurrence") or "",
                lead_text=", ".join([task["lead"], *(task.get("co_leads") or [])]),
                source_text=task["quote"],
                span=span,
                created_by=office,
            )
        # Entered years later, its due dates are past today: the clerk confirms the warnings.
        notice_publish(notice=notice, actor=office, warnings_confirmed=True)
        # The clerk published it the day it was issued (or the day of the meeting), not today.
        published = dt.datetime.combine(
            seed.issued_on or meeting_date, dt.time(16, 0), zoneinfo.ZoneInfo(settings.TIME_ZONE)
        )
        ConclusionNotice.objects.filter(pk=notice.pk).update(published_at=published)
        Task.objects.filter(conclusion__notice=notice).update(published_at=published)
        TaskEvent.objects.filter(task__conclusion__notice=notice).update(at=published)
        return True

    def _conclusions(self, notice, text: str, spans) -> list[tuple[int, Conclusion]]:
        """Numbered items become conclusions; bullets and broken lines join the item above; an
        unnumbered paragraph that assigns a task (e.g. "Yêu cầu các sở, ban, ngành...") is one too."""
        end = body_end(text)
        parts: list[list] = []  # [start, label, [texts]]
        for paragraph in paragraphs(text[:end]):
            line = paragraph.text.replace("**", "").strip()
            numbered = NUMBERED.match(line)
            assigns = any(paragraph.start <= start < paragraph.end for start, _ in spans)
            if numbered:
                parts.append([paragraph.start, numbered.group(1), [line[numbered.end() :]]])
            elif parts and (line.startswith("-") or line[:1].islower()):
                parts[-1][2].append(line)
            elif assigns:
                parts.append([paragraph.start, "", [line]])
        rows = []
        for order, (start, label, texts) in enumerate(parts, start=1):
            rows.append(
                (start, Conclusion.objects.create(notice=notice, label=label, text="\n".join(texts), order=order))
            )
        return rows

    @staticmethod
    def _conclusion_at(conclusions, span) -> Conclusion:
        if span is None:
            return conclusions[-1][1]
        chosen = conclusions[0][1]
        for start, conclusion in conclusions:
            if start <= span[0]:
                chosen = conclusion
        return chosen

    # --- The present ----------------------------------------------------------------------------
    def _present_notice(self, spec: present.PresentNotice, office, today: dt.date) -> bool:
        title = present.notice_title(spec)
        if ConclusionNotice.objects.filter(title=title).exists():
            return False
        issued_on = today - dt.timedelta(days=spec.days_ago)
        meeting = Meeting.objects.create(
            title=present.meeting_title(spec),
            kind=Meeting.Kind.GIAO_BAN,
            held_on=issued_on,
            chair_name=spec.chair_name,
            chair_title=spec.chair_title,
            created_by=office,
        )
        notice = ConclusionNotice.objects.create(
            meeting=meeting,
            number=present.notice_number(spec, issued_on),
            place="Bắc Giang",
            issued_on=issued_on,
            issued_on_text=f"Bắc Giang, ngày {issued_on.day} tháng {issued_on.month} năm {issued_on.year}",
            title=title,
            signer_name=spec.chair_name if spec.chair_title.startswith("Chủ tịch") else "",
            signing_formula="TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG",
            created_by=office,
        )
        conclusion = Conclusion.objects.create(notice=notice, label="1", text=spec.subject.capitalize(), order=1)
        tasks = []
        for item in spec.tasks:
            # An approved extension moved the due date: the task was first given ten days less.
            due_in = item.due_in - 10 if item.outcome == present.EXTENDED else item.due_in
            tasks += tasks_assign(
                conclusion=conclusion,
                leads=[self._resolve(item.lead)],
                coordinating=[self._resolve(name) for name in item.coordinating],
                action=item.action,
                deadline_kind="date",
                due_date=today + dt.timedelta(days=due_in),
                lead_text=item.lead,
                source_text=item.action,
                created_by=office,
            )
        self._publish_on(notice, office, issued_on)
        leader = get_user_model().objects.get(username="leader")
        for item, task in zip(spec.tasks, tasks, strict=True):
            self._present_outcome(item.outcome, Task.objects.get(pk=task.pk), office, leader, today)
        return True

    def _present_document(self, spec: present.PresentDocument, office, today: dt.date) -> bool:
        """A plan, a directive or a letter without a meeting, directed and signed by the demo leader."""
        if ConclusionNotice.objects.filter(title=spec.title).exists():
            return False
        leader = get_user_model().objects.get(username="leader")
        issued_on = today - dt.timedelta(days=spec.days_ago)
        notice = ConclusionNotice.objects.create(
            kind=ensure_document_kinds()[spec.kind],
            leader=leader,
            leader_name=leader.get_full_name(),
            number=present.document_number(spec, issued_on),
            place="Bắc Giang",
            issued_on=issued_on,
            issued_on_text=f"Bắc Giang, ngày {issued_on.day} tháng {issued_on.month} năm {issued_on.year}",
            title=spec.title,
            signer_name=leader.get_full_name(),
            signing_formula="KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
            created_by=office,
        )
        conclusion = Conclusion.objects.create(notice=notice, label="1", text=spec.title, order=1)
        tasks = []
        for item in spec.tasks:
            tasks += tasks_assign(
                conclusion=conclusion,
                leads=[self._resolve(item.lead)],
                coordinating=[self._resolve(name) for name in item.coordinating],
                action=item.action,
                deadline_kind="date",
                due_date=today + dt.timedelta(days=item.due_in),
                lead_text=item.lead,
                source_text=item.action,
                created_by=office,
            )
        self._publish_on(notice, office, issued_on)
        for item, task in zip(spec.tasks, tasks, strict=True):
            self._present_outcome(item.outcome, Task.objects.get(pk=task.pk), office, leader, today)
        return True

    def _publish_on(self, notice, office, issued_on: dt.date) -> None:
        """Publish a present-day document as the clerk did on its issue day: the services run
        today, then the times move back. Some due dates are already past today: confirmed."""
        notice_publish(notice=notice, actor=office, warnings_confirmed=True)
        published = self._at(issued_on, 16)
        ConclusionNotice.objects.filter(pk=notice.pk).update(published_at=published)
        Task.objects.filter(conclusion__notice=notice).update(published_at=published)
        TaskEvent.objects.filter(task__conclusion__notice=notice).update(at=published)

    @staticmethod
    def _at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def _officer(self, agency: Agency):
        """Who acts for an agency in the present's history: its demo officer, or one who cannot log in."""
        membership = (
            Membership.objects.filter(agency=agency, role=Membership.Role.OFFICER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership:
            return membership.user
        user = get_user_model().objects.create_user(
            username=f"cv-{agency.pk}", first_name="Chuyên viên", last_name=agency.short_name or agency.name
        )  # no password: the history needs an author, not a login
        Membership.objects.create(user=user, agency=agency)
        return user

    def _present_outcome(self, outcome: str, task: Task, office, leader, today: dt.date) -> None:
        """Play what the agencies, the office and the leader did, dated when they did it."""
        officer = self._officer(task.lead)
        due = task.due_date
        if outcome == present.REPORTED:
            workflow.task_report_progress(task=task, actor=officer, text="Đang triển khai, đã hoàn thành khoảng 60%.")
            self._date_last(task, TaskEvent.Kind.REPORTED, today - dt.timedelta(days=2))
        elif outcome in (present.ON_TIME, present.LATE, present.AWAITING):
            if outcome == present.ON_TIME:
                done = max(due - dt.timedelta(days=2), timezone.localdate(task.published_at) + dt.timedelta(days=1))
            elif outcome == present.LATE:
                done = due + dt.timedelta(days=5)
            else:
                done = today - dt.timedelta(days=1)
            workflow.task_submit_completion(task=task, actor=officer, note="Đã hoàn thành; gửi kèm báo cáo kết quả.")
            submitted = self._at(done, 15)
            Task.objects.filter(pk=task.pk).update(submitted_at=submitted)
            self._date_last(task, TaskEvent.Kind.SUBMITTED, done, hour=15)
            if outcome != present.AWAITING:
                workflow.task_verify(task=task, actor=office, completed_on=done)
                verified = min(done + dt.timedelta(days=1), today)
                Task.objects.filter(pk=task.pk).update(verified_at=self._at(verified, 9))
                self._date_last(task, TaskEvent.Kind.VERIFIED, verified)
        elif outcome in (present.EXTENSION_PENDING, present.EXTENDED):
            request = workflow.extension_request(
                task=task,
                actor=officer,
                requested_date=due + dt.timedelta(days=10 if outcome == present.EXTENDED else 14),
                reason="Cần thêm thời gian phối hợp với các đơn vị liên quan.",
            )
            asked = today - dt.timedelta(days=3)
            ExtensionRequest.objects.filter(pk=request.pk).update(requested_at=self._at(asked, 10))
            self._date_last(task, TaskEvent.Kind.EXTENSION_REQUESTED, asked, hour=10)
            if outcome == present.EXTENDED:
                workflow.extension_decide(request=request, actor=leader, approve=True)
                self._date_last(task, TaskEvent.Kind.EXTENSION_DECIDED, today - dt.timedelta(days=1))
                due_date_changes_rebuild(tasks=[task])

    def _present_handlers(self, today: dt.date) -> None:
        """The head of Sở Y tế gives two of the agency's open tasks of the present to its officer,
        so `soyte` finds them under "Việc của tôi" and the inbox shows who handles them."""
        head = get_user_model().objects.filter(username="soyte_truong").first()
        if head is None or TaskAssignment.objects.filter(assigned_by=head).exists():
            return
        agency = Agency.objects.get(name="Sở Y tế")
        officer = self._officer(agency)
        open_tasks = (
            Task.objects.filter(conclusion__notice__title__in=[present.notice_title(n) for n in present.NOTICES])
            .filter(Q(lead=agency) | Q(coordinations__agency=agency))
            .filter(submitted_at__isnull=True, completed_on__isnull=True, cancelled_at__isnull=True)
            .distinct()
            .order_by("due_date", "id")
        )
        for task in open_tasks[:2]:
            due = task.due_date
            workflow.task_assign_handlers(
                task=task,
                actor=head,
                in_charge=officer,
                note="Đề nghị chủ trì tham mưu, báo cáo lãnh đạo Sở trước khi gửi Văn phòng.",
                internal_due_on=due - dt.timedelta(days=1) if due and due > today else None,
            )
            self._date_last(task, TaskEvent.Kind.HANDLERS_ASSIGNED, today - dt.timedelta(days=1), hour=8)
            TaskAssignment.objects.filter(task=task).update(assigned_at=self._at(today - dt.timedelta(days=1), 8))

    def _date_last(self, task: Task, kind: str, day: dt.date, hour: int = 9) -> None:
        event = TaskEvent.objects.filter(task=task, kind=kind).order_by("-at", "-id").first()
        TaskEvent.objects.filter(pk=event.pk).update(at=self._at(day, hour))
        if kind == TaskEvent.Kind.REPORTED:
            ProgressReport.objects.filter(pk=event.data["report_id"]).update(created_at=self._at(day, hour))

"""Rows for tests. Every factory makes a valid row with the least it needs."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from agencies.models import Agency, AgencyAlias, AgencyGroup, AgencyKind, Membership
from agencies.roles import LEADERS_GROUP, OFFICE_STAFF_GROUP
from directives.models import Task, TaskCoordination
from meetings.models import Conclusion, ConclusionNotice, Meeting


class AgencyKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyKind
        django_get_or_create = ("code",)

    code = "department"
    name = "Sở, ban, ngành tỉnh"
    order = 10


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = factory.SubFactory(AgencyKindFactory)
    email = factory.Sequence(lambda n: f"co-quan-{n}@example.gov.vn")


class AgencyAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyAlias

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Sở TN {n}")


class AgencyGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgencyGroup

    name = factory.Sequence(lambda n: f"Nhóm cơ quan {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Người dùng"
    password = factory.django.Password("matkhau-thu-nghiem")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])


def office_user(**kwargs):
    return UserFactory(groups=[OFFICE_STAFF_GROUP], **kwargs)


def leader_user(**kwargs):
    return UserFactory(groups=[LEADERS_GROUP], **kwargs)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = Membership.Role.OFFICER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    title = "Hội nghị giao ban trực tuyến về công tác phòng, chống dịch"
    held_on = dt.date(2021, 6, 24)
    chair_name = "Chủ tịch UBND tỉnh"


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConclusionNotice

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: f"{n + 1}/TB-UBND")
    place = "Bắc Giang"
    issued_on = dt.date(2021, 6, 24)
    title = "Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban"


class ConclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conclusion

    notice = factory.SubFactory(NoticeFactory)
    label = factory.Sequence(lambda n: f"{n + 1}.")
    text = "Về khôi phục các hoạt động phát triển kinh tế - xã hội."
    order = factory.Sequence(lambda n: n + 1)


class TaskFactory(factory.django.DjangoModelFactory):
    """A published task due on 30/6/2021 unless told otherwise."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    conclusion = factory.SubFactory(ConclusionFactory)
    lead = factory.SubFactory(AgencyFactory)
    action = "Hoàn thành triển khai phần mềm quản lý và truy vết"
    deadline_kind = "date"
    due_date = dt.date(2021, 6, 30)
    original_due_date = factory.SelfAttribute("due_date")
    published_at = factory.LazyFunction(lambda: dt.datetime(2021, 6, 24, 9, 0, tzinfo=dt.UTC))

    @factory.post_generation
    def coordinating(self, create, extracted, **kwargs):
        for agency in extracted or ():
            TaskCoordination.objects.create(task=self, agency=agency, lead=self.lead)

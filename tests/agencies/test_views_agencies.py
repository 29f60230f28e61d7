import pytest
from django.urls import reverse

from agencies.models import AgencyAlias, AgencyGroup
from tests.factories import AgencyFactory, AgencyKindFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    department = AgencyKindFactory(code="department", name="Sở, ban, ngành tỉnh", order=10)
    district = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    health = AgencyFactory(name="Sở Y tế", short_name="SYT", kind=department, email="syt@example.gov.vn")
    ict = AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT", kind=department)
    AgencyAlias.objects.create(name="Sở TTTT", agency=ict)
    cdc = AgencyFactory(name="Trung tâm Kiểm soát bệnh tật tỉnh", kind=department, parent=health)
    AgencyAlias.objects.create(name="CDC tỉnh", agency=cdc)
    districts = [AgencyFactory(name=f"UBND huyện {n}", kind=district) for n in ("Lục Ngạn", "Tân Yên")]
    group = AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=district)
    AgencyAlias.objects.create(name="UBND huyện, thành phố", group=group)
    return {"health": health, "ict": ict, "cdc": cdc, "districts": districts, "group": group}


@pytest.fixture
def officer_client(client, directory):
    user = MembershipFactory(user=UserFactory(username="canbo"), agency=directory["health"]).user
    client.force_login(user)
    return client


def test_directory_groups_agencies_by_kind_with_their_facts(officer_client, directory):
    response = officer_client.get(reverse("agency_list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Sở, ban, ngành tỉnh") < html.index("Sở Y tế") < html.index("UBND cấp huyện")
    assert html.index("UBND cấp huyện") < html.index("UBND huyện Lục Ngạn")
    assert "Sở TTTT" in html  # alias
    assert "syt@example.gov.vn" in html
    cdc_row = html[html.index("Trung tâm Kiểm soát bệnh tật tỉnh") :]
    assert "CDC tỉnh" in cdc_row[:600] and "Sở Y tế" in cdc_row[:600]  # alias and parent on its row
    assert "UBND các huyện, thành phố" in html  # the groups, with their member count


def test_directory_search_ignores_accents_and_case(officer_client, directory):
    response = officer_client.get(reverse("agency_list"), {"q": "TRUNG TAM kiem soat"})
    agencies = [a.name for a in response.context["agencies"]]
    assert agencies == ["Trung tâm Kiểm soát bệnh tật tỉnh"]


def test_directory_search_finds_aliases(officer_client, directory):
    response = officer_client.get(reverse("agency_list"), {"q": "so tttt"})
    assert [a.name for a in response.context["agencies"]] == ["Sở Thông tin và Truyền thông"]


def test_directory_hides_closed_agencies_unless_asked(officer_client, directory):
    AgencyFactory(name="Sở Cũ Đã Sáp Nhập", is_active=False, successor=directory["ict"])
    response = officer_client.get(reverse("agency_list"))
    assert "Sở Cũ Đã Sáp Nhập" not in response.content.decode()
    response = officer_client.get(reverse("agency_list"), {"closed": "1"})
    assert "Sở Cũ Đã Sáp Nhập" in response.content.decode()


def test_directory_needs_login(client, directory):
    response = client.get(reverse("agency_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_search_returns_agencies_with_value_label_and_hint(officer_client, directory):
    response = officer_client.get(reverse("agency_search"), {"q": "thong tin"})
    assert response.status_code == 200
    assert response.json() == [
        {"value": f"a:{directory['ict'].pk}", "label": "Sở Thông tin và Truyền thông", "hint": "Sở TT&TT, Sở TTTT"}
    ]


def test_search_returns_groups_with_member_count(officer_client, directory):
    response = officer_client.get(reverse("agency_search"), {"q": "ubnd cac huyen"})
    group = directory["group"]
    expected = {
        "value": f"g:{group.pk}",
        "label": "UBND các huyện, thành phố (nhóm: 2 cơ quan)",
        "hint": "UBND huyện, thành phố",
    }
    assert expected in response.json()


def test_search_ignores_accents_and_case(officer_client, directory):
    for query in ("SO Y TE", "sở y tế", "so y te"):
        labels = [row["label"] for row in officer_client.get(reverse("agency_search"), {"q": query}).json()]
        assert labels == ["Sở Y tế"], query


def test_search_matches_every_word_in_any_order(officer_client, directory):
    labels = [row["label"] for row in officer_client.get(reverse("agency_search"), {"q": "ngan luc"}).json()]
    assert labels == ["UBND huyện Lục Ngạn"]


def test_search_finds_an_agency_by_alias_and_short_name(officer_client, directory):
    for query in ("Sở TTTT", "so tt&tt", "CDC"):
        values = [row["value"] for row in officer_client.get(reverse("agency_search"), {"q": query}).json()]
        assert len(values) == 1, query
    assert officer_client.get(reverse("agency_search"), {"q": "cdc tinh"}).json()[0]["label"].startswith("Trung tâm")


def test_search_puts_exact_matches_first(officer_client, directory):
    AgencyFactory(name="Ban Quản lý dự án Sở Y tế")
    labels = [row["label"] for row in officer_client.get(reverse("agency_search"), {"q": "so y te"}).json()]
    assert labels[0] == "Sở Y tế"
    assert "Ban Quản lý dự án Sở Y tế" in labels


def test_search_with_blank_query_is_empty(officer_client, directory):
    assert officer_client.get(reverse("agency_search"), {"q": "  "}).json() == []
    assert officer_client.get(reverse("agency_search")).json() == []


def test_search_can_leave_groups_out(officer_client, directory):
    rows = officer_client.get(reverse("agency_search"), {"q": "ubnd", "groups": "0"}).json()
    assert rows and all(row["value"].startswith("a:") for row in rows)


def test_search_leaves_closed_agencies_out(officer_client, directory):
    AgencyFactory(name="Sở Bưu chính Viễn thông", is_active=False)
    assert officer_client.get(reverse("agency_search"), {"q": "buu chinh"}).json() == []

"""Resolving typed agency names and the picker form field (used with JavaScript off)."""

import pytest
from django.core.exceptions import ValidationError

from agencies.forms import AgencyPickerField
from agencies.models import AgencyAlias, AgencyGroup
from agencies.selectors import agency_directory, agency_resolve
from tests.factories import AgencyFactory, AgencyKindFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    district = AgencyKindFactory(code="district", name="UBND cấp huyện", order=20)
    ict = AgencyFactory(name="Sở Thông tin và Truyền thông", short_name="Sở TT&TT")
    AgencyAlias.objects.create(name="Sở TTTT", agency=ict)
    health = AgencyFactory(name="Sở Y tế")
    luc_ngan = AgencyFactory(name="UBND huyện Lục Ngạn", kind=district)
    group = AgencyGroup.objects.create(name="UBND các huyện, thành phố", kind=district)
    AgencyAlias.objects.create(name="UBND huyện, thành phố", group=group)
    return {"ict": ict, "health": health, "luc_ngan": luc_ngan, "group": group}


@pytest.mark.parametrize(
    "typed", ["Sở Thông tin và Truyền thông", "so thong tin va truyen thong", "Sở TT&TT", "sở tttt"]
)
def test_resolve_by_name_short_name_or_alias(agencies, typed):
    assert agency_resolve(typed).match == agencies["ict"]


def test_resolve_group_by_name_or_alias(agencies):
    assert agency_resolve("UBND các huyện, thành phố").match == agencies["group"]
    assert agency_resolve("ubnd huyen, thanh pho").match == agencies["group"]
    assert agency_resolve("UBND các huyện, thành phố", include_groups=False).match is None


def test_resolve_unknown_name_suggests_close_ones(agencies):
    resolution = agency_resolve("Sở Y")
    assert resolution.match is None
    assert "Sở Y tế" in resolution.suggestions
    assert "Sở Y tế" in agency_resolve("So Yte").suggestions  # spelled alike


def test_resolve_two_agencies_with_one_name_is_ambiguous(agencies):
    AgencyFactory(name="Sở Y Tế")
    resolution = agency_resolve("so y te")
    assert resolution.match is None and len(resolution.ambiguous) == 2


def test_resolve_merged_agency_gives_its_successor(agencies):
    science = AgencyFactory(name="Sở Khoa học và Công nghệ")
    agencies["ict"].is_active = False
    agencies["ict"].successor = science
    agencies["ict"].save()
    assert agency_resolve("Sở TT&TT").match == science


def _merge(agency, into):
    agency.is_active, agency.successor = False, into
    agency.save()


def test_a_chain_of_mergers_leads_the_picker_and_the_reader_to_the_same_heir(agencies):
    """Sở TT&TT merged into a department that merged again: both reads follow the whole chain."""
    science = AgencyFactory(name="Sở Khoa học và Công nghệ")
    merged_again = AgencyFactory(name="Sở Khoa học, Công nghệ và Đổi mới")
    _merge(agencies["ict"], science)
    _merge(science, merged_again)
    assert agency_resolve("Sở TT&TT").match == merged_again
    assert agency_directory().resolve("Sở TT&TT").agency_id == merged_again.pk


def test_a_loop_of_successors_resolves_to_nobody(agencies):
    science = AgencyFactory(name="Sở Khoa học và Công nghệ", is_active=False)
    _merge(agencies["ict"], science)
    _merge(science, agencies["ict"])
    assert agency_resolve("Sở TT&TT").match is None
    assert agency_directory().resolve("Sở TT&TT").agency_id is None


def test_field_takes_picked_values_and_typed_names(agencies):
    field = AgencyPickerField(multiple=True)
    value = field.clean([f"a:{agencies['health'].pk}", "Sở TT&TT; ubnd huyen luc ngan", f"g:{agencies['group'].pk}"])
    # The ticked ones first (they come first on the page), then the typed ones.
    assert value == [agencies["health"], agencies["group"], agencies["ict"], agencies["luc_ngan"]]


def test_field_drops_repeats(agencies):
    field = AgencyPickerField(multiple=True)
    assert field.clean([f"a:{agencies['ict'].pk}", "Sở TTTT"]) == [agencies["ict"]]


def test_field_refuses_a_forged_id(agencies):
    with pytest.raises(ValidationError) as exc:
        AgencyPickerField().clean(["a:999999"])
    assert exc.value.messages == ["Cơ quan đã chọn không có trong danh mục; hãy chọn lại."]


def test_field_names_an_unknown_name_and_suggests(agencies):
    with pytest.raises(ValidationError) as exc:
        AgencyPickerField().clean(["Sở Y"])
    assert exc.value.messages == ["Không tìm thấy cơ quan “Sở Y”. Có phải: Sở Y tế?"]


def test_single_field_typed_name_replaces_the_chosen_one(agencies):
    field = AgencyPickerField()
    assert field.clean([f"a:{agencies['health'].pk}", "Sở TT&TT"]) == [agencies["ict"]]


def test_single_field_refuses_two(agencies):
    with pytest.raises(ValidationError):
        AgencyPickerField().clean([f"a:{agencies['health'].pk}", f"a:{agencies['ict'].pk}"])


def test_field_without_groups_refuses_a_group(agencies):
    with pytest.raises(ValidationError):
        AgencyPickerField(allow_groups=False).clean([f"g:{agencies['group'].pk}"])


def test_field_refuses_a_closed_agency(agencies):
    agencies["health"].is_active = False
    agencies["health"].save()
    with pytest.raises(ValidationError) as exc:
        AgencyPickerField().clean([f"a:{agencies['health'].pk}"])
    assert "đã giải thể hoặc sáp nhập" in exc.value.messages[0]


def test_field_required_and_blank(agencies):
    assert AgencyPickerField(required=False).clean(["", "  "]) == []
    with pytest.raises(ValidationError) as exc:
        AgencyPickerField().clean([""])
    assert exc.value.messages == ["Chọn cơ quan."]


def test_field_has_changed_compares_choices(agencies):
    field = AgencyPickerField(multiple=True)
    assert not field.has_changed([], [""])
    assert not field.has_changed([agencies["ict"]], [f"a:{agencies['ict'].pk}"])
    assert field.has_changed([agencies["ict"]], [f"a:{agencies['health'].pk}"])


def test_widget_shows_chosen_items_as_ticked_boxes_and_names_in_the_box(agencies):
    field = AgencyPickerField(multiple=True)
    html = field.widget.render("coordinating", [agencies["ict"], f"g:{agencies['group'].pk}", "Sở Không Có"])
    assert f'value="a:{agencies["ict"].pk}" checked' in html
    assert "UBND các huyện, thành phố (nhóm: 1 cơ quan)" in html
    assert 'value="Sở Không Có"' in html

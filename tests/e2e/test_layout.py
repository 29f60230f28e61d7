"""The frame of the pages in a real browser: the top bar on a phone."""

import pytest

from tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_top_bar_stays_one_line_on_a_phone(page, login):
    agency = AgencyFactory(name="Sở Lao động - Thương binh và Xã hội")
    user = UserFactory(username="cv-ldtbxh", first_name="Nguyễn Thị Thanh", last_name="Chuyên viên Sở LĐ-TB&XH")
    MembershipFactory(user=user, agency=agency)
    page.set_viewport_size({"width": 390, "height": 844})
    login("cv-ldtbxh")
    bar = page.locator("header.topbar").bounding_box()
    assert bar["height"] <= 64, bar
    name = page.locator("header.topbar .who strong")
    assert name.get_attribute("title") == "Nguyễn Thị Thanh Chuyên viên Sở LĐ-TB&XH"

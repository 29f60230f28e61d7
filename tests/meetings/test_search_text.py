import pytest

from meetings.models import ConclusionNotice
from tests.factories import MeetingFactory, NoticeFactory

pytestmark = pytest.mark.django_db


def test_meeting_search_text_has_no_accents():
    meeting = MeetingFactory(title="Hội nghị giao ban", chair_name="Phó Chủ tịch Phan Thế Tuấn", place="Đài PT-TH")
    assert meeting.search_text == "hoi nghi giao ban pho chu tich phan the tuan dai pt th"


def test_notice_search_text_follows_a_partial_save():
    notice = NoticeFactory(number="12/TB-UBND", title="Kết luận")
    notice.title = "Thông báo ý kiến chỉ đạo"
    notice.save(update_fields=["title"])
    assert ConclusionNotice.objects.get(pk=notice.pk).search_text == "12 tb ubnd thong bao y kien chi dao bac giang"

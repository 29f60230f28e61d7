"""A believable present for the demo: conclusion notices of the last months, and a plan, a
directive and a letter without a meeting, with tasks around the day the demo is made.

The four real notices of 2021 stay as history; on their own they make every figure five years
old (everything long overdue, nothing due this week). These notices are written for the demo,
in the office's usual wording, and dated relative to today: some tasks fall due this week, a few
are overdue, most were completed (on time or late), some wait for the office's verification, one
waits for a leader's decision on an extension. Every step goes through the workflow services, so
the history, the notifications and the figures are those the product would have recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# What has happened to a task by today.
OPEN = "open"  # published, nothing reported
REPORTED = "reported"  # the lead reported progress
ON_TIME = "on_time"  # completed before its due date, verified
LATE = "late"  # completed after its due date, verified
AWAITING = "awaiting"  # completion submitted, waiting for the office
EXTENSION_PENDING = "extension_pending"  # the lead asked for a later date; no decision yet
EXTENDED = "extended"  # an extension was approved; still in progress


@dataclass(frozen=True)
class PresentTask:
    lead: str
    action: str
    due_in: int  # days from today (negative: already past)
    outcome: str = OPEN
    coordinating: tuple[str, ...] = ()


@dataclass(frozen=True)
class PresentNotice:
    days_ago: int  # meeting held and notice issued this many days before today
    subject: str  # what the meeting was about, after "hội nghị giao ban"
    chair_name: str
    chair_title: str
    tasks: tuple[PresentTask, ...] = field(default_factory=tuple)


CHAIR = ("Lê Ánh Dương", "Chủ tịch UBND tỉnh")
VICE_CHAIR = ("Mai Sơn", "Phó Chủ tịch UBND tỉnh")

NOTICES = (
    PresentNotice(
        days_ago=130,
        subject="công tác quản lý đất đai, trật tự xây dựng và bảo vệ môi trường",
        chair_name=VICE_CHAIR[0],
        chair_title=VICE_CHAIR[1],
        tasks=(
            PresentTask(
                "Sở Tài nguyên và Môi trường",
                "Kiểm tra, xử lý dứt điểm các trường hợp vi phạm về khai thác khoáng sản trái phép",
                -100,
                ON_TIME,
                ("Công an tỉnh",),
            ),
            PresentTask(
                "Sở Xây dựng",
                "Rà soát các công trình xây dựng không phép, sai phép trên địa bàn thành phố Bắc Giang",
                -95,
                ON_TIME,
                ("UBND thành phố Bắc Giang",),
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Xử lý các điểm tập kết rác thải tự phát dọc các tuyến đường tỉnh",
                -90,
                LATE,
                ("Sở Tài nguyên và Môi trường",),
            ),
            PresentTask(
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Hướng dẫn thu gom, xử lý bao gói thuốc bảo vệ thực vật sau sử dụng",
                -85,
                ON_TIME,
            ),
            PresentTask(
                "Công an tỉnh",
                "Tăng cường tuần tra, xử lý vi phạm về bảo vệ môi trường tại các khu công nghiệp",
                -80,
                ON_TIME,
                ("Sở Tài nguyên và Môi trường",),
            ),
            PresentTask(
                "Sở Tài chính",
                "Tham mưu bố trí kinh phí sự nghiệp môi trường năm tới",
                -70,
                ON_TIME,
            ),
        ),
    ),
    PresentNotice(
        days_ago=84,
        subject="đánh giá tình hình kinh tế - xã hội quý III và nhiệm vụ trọng tâm quý IV",
        chair_name=CHAIR[0],
        chair_title=CHAIR[1],
        tasks=(
            PresentTask(
                "Sở Kế hoạch và Đầu tư",
                "Tổng hợp, đánh giá tình hình thực hiện kế hoạch phát triển kinh tế - xã hội 9 tháng, "
                "báo cáo UBND tỉnh",
                -60,
                ON_TIME,
                ("Sở Tài chính",),
            ),
            PresentTask(
                "Sở Tài chính",
                "Rà soát các khoản chi chưa cấp thiết, đề xuất phương án điều hành dự toán ngân sách quý IV",
                -45,
                ON_TIME,
            ),
            PresentTask(
                "Sở Giao thông vận tải",
                "Đôn đốc nhà thầu đẩy nhanh tiến độ thi công các dự án giao thông trọng điểm, báo cáo tiến độ",
                -30,
                LATE,
                ("Sở Kế hoạch và Đầu tư",),
            ),
            PresentTask(
                "Sở Xây dựng",
                "Hướng dẫn các địa phương tháo gỡ vướng mắc về giải phóng mặt bằng các khu đô thị mới",
                -21,
                OPEN,
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Hoàn thành giải phóng mặt bằng dự án đường vành đai Đông Bắc trên địa bàn huyện",
                -14,
                LATE,
            ),
            PresentTask(
                "Sở Công Thương",
                "Xây dựng kế hoạch bảo đảm cung ứng hàng hóa dịp cuối năm và Tết Nguyên đán",
                -40,
                ON_TIME,
            ),
        ),
    ),
    PresentNotice(
        days_ago=45,
        subject="công tác chuyển đổi số và cải cách hành chính",
        chair_name=VICE_CHAIR[0],
        chair_title=VICE_CHAIR[1],
        tasks=(
            PresentTask(
                "Sở Thông tin và Truyền thông",
                "Hoàn thiện Cổng dịch vụ công của tỉnh, tích hợp thanh toán trực tuyến cho các thủ tục "
                "có phát sinh phí, lệ phí",
                -10,
                ON_TIME,
                ("Văn phòng UBND tỉnh",),
            ),
            PresentTask(
                "Sở Nội vụ",
                "Trình UBND tỉnh kế hoạch kiểm tra công tác cải cách hành chính năm tới",
                -7,
                LATE,
            ),
            PresentTask(
                "Sở Thông tin và Truyền thông",
                "Báo cáo kết quả rà soát an toàn thông tin các hệ thống dùng chung của tỉnh",
                -3,
                OPEN,
            ),
            PresentTask(
                "Sở Y tế",
                "Triển khai bệnh án điện tử tại các bệnh viện tuyến tỉnh",
                2,
                EXTENSION_PENDING,
                ("Sở Thông tin và Truyền thông",),
            ),
            PresentTask(
                "Sở Tư pháp",
                "Số hóa sổ hộ tịch, hoàn thành cập nhật vào cơ sở dữ liệu hộ tịch điện tử",
                -2,
                AWAITING,
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Hoàn thành số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực",
                5,
                REPORTED,
                ("Sở Thông tin và Truyền thông",),
            ),
        ),
    ),
    PresentNotice(
        days_ago=20,
        subject="công tác phòng, chống dịch bệnh mùa đông xuân",
        chair_name=VICE_CHAIR[0],
        chair_title=VICE_CHAIR[1],
        tasks=(
            PresentTask(
                "Sở Y tế",
                "Chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh giám sát chặt chẽ các ổ dịch sốt xuất huyết, "
                "báo cáo kết quả",
                -5,
                ON_TIME,
                ("UBND huyện Lục Ngạn",),
            ),
            PresentTask(
                "Sở Y tế",
                "Bảo đảm đủ thuốc, vật tư, hóa chất phòng, chống dịch tại các cơ sở y tế",
                1,
                AWAITING,
            ),
            PresentTask(
                "Sở Giáo dục và Đào tạo",
                "Hướng dẫn các trường học tổ chức vệ sinh phòng bệnh, theo dõi sức khỏe học sinh",
                4,
                REPORTED,
                ("Sở Y tế",),
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Tổ chức chiến dịch diệt bọ gậy tại các xã có ổ dịch",
                6,
                OPEN,
            ),
            PresentTask(
                "Sở Tài chính",
                "Thẩm định, tham mưu bố trí kinh phí phòng, chống dịch cho các địa phương",
                -1,
                OPEN,
                ("Sở Y tế",),
            ),
        ),
    ),
    PresentNotice(
        days_ago=6,
        subject="tiến độ giải ngân vốn đầu tư công",
        chair_name=CHAIR[0],
        chair_title=CHAIR[1],
        tasks=(
            PresentTask(
                "Sở Kế hoạch và Đầu tư",
                "Rà soát, đề xuất điều chuyển vốn của các dự án chậm giải ngân sang dự án có khả năng giải ngân tốt",
                3,
                REPORTED,
                ("Sở Tài chính",),
            ),
            PresentTask(
                "Sở Giao thông vận tải",
                "Báo cáo tiến độ giải ngân từng dự án do Sở làm chủ đầu tư, nêu rõ nguyên nhân chậm",
                0,
                OPEN,
            ),
            PresentTask(
                "Sở Tài nguyên và Môi trường",
                "Hoàn thành thẩm định giá đất cụ thể các dự án trọng điểm",
                12,
                EXTENDED,
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Đẩy nhanh bồi thường, hỗ trợ tái định cư, bàn giao mặt bằng cho nhà thầu",
                20,
                OPEN,
                ("Sở Tài nguyên và Môi trường",),
            ),
            PresentTask(
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Hoàn thiện hồ sơ quyết toán các dự án hoàn thành",
                30,
                OPEN,
            ),
        ),
    ),
)


@dataclass(frozen=True)
class PresentDocument:
    """A directive without a meeting (a letter, a directive, a plan), directed by the demo's
    `leader` user: what their "Chỉ đạo của tôi" shows."""

    kind: str  # a DocumentKind code
    symbol: str  # the number's type code: "UBND-KT", "CT-UBND", "KH-UBND"
    days_ago: int
    title: str
    tasks: tuple[PresentTask, ...] = field(default_factory=tuple)


DOCUMENTS = (
    PresentDocument(
        kind="ke_hoach",
        symbol="KH-UBND",
        days_ago=100,
        title="Kế hoạch triển khai thực hiện chương trình mục tiêu quốc gia xây dựng nông thôn mới năm nay",
        tasks=(
            PresentTask(
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Hướng dẫn các địa phương rà soát, đánh giá mức độ đạt tiêu chí nông thôn mới",
                -60,
                ON_TIME,
            ),
            PresentTask(
                "Sở Tài chính",
                "Thẩm định, phân bổ vốn sự nghiệp thực hiện chương trình cho các huyện",
                -40,
                ON_TIME,
                ("Sở Kế hoạch và Đầu tư",),
            ),
            PresentTask(
                "UBND huyện Lục Ngạn",
                "Hoàn thành hồ sơ đề nghị công nhận xã đạt chuẩn nông thôn mới nâng cao",
                25,
                OPEN,
            ),
        ),
    ),
    PresentDocument(
        kind="chi_thi",
        symbol="CT-UBND",
        days_ago=60,
        title="Chỉ thị về tăng cường công tác phòng cháy, chữa cháy trong mùa hanh khô",
        tasks=(
            PresentTask(
                "Công an tỉnh",
                "Kiểm tra an toàn phòng cháy, chữa cháy tại các chợ, trung tâm thương mại",
                -20,
                ON_TIME,
            ),
            PresentTask(
                "Sở Công Thương",
                "Rà soát hệ thống phòng cháy, chữa cháy tại các cụm công nghiệp, báo cáo kết quả",
                9,
                REPORTED,
                ("Công an tỉnh",),
            ),
        ),
    ),
    PresentDocument(
        kind="cong_van",
        symbol="UBND-KT",
        days_ago=25,
        title="V/v đẩy nhanh tiến độ thu hoạch, tiêu thụ nông sản vụ đông",
        tasks=(
            PresentTask(
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Hướng dẫn nông dân thu hoạch, bảo quản nông sản vụ đông",
                -8,
                ON_TIME,
            ),
            PresentTask(
                "Sở Công Thương",
                "Kết nối tiêu thụ nông sản vụ đông với các siêu thị, doanh nghiệp chế biến",
                15,
                OPEN,
                ("Sở Nông nghiệp và Phát triển nông thôn",),
            ),
        ),
    ),
)


def document_number(document: PresentDocument, issued_on: dt.date) -> str:
    return f"{issued_on.timetuple().tm_yday * 2 + 41}/{document.symbol}"


def meeting_title(notice: PresentNotice) -> str:
    return f"Hội nghị giao ban {notice.subject}"


def notice_title(notice: PresentNotice) -> str:
    return f"Kết luận của {notice.chair_title} {notice.chair_name} tại hội nghị giao ban {notice.subject}"


def notice_number(notice: PresentNotice, issued_on: dt.date) -> str:
    # Numbers grow through the year, as a register's do.
    return f"{issued_on.timetuple().tm_yday * 2 + 40}/TB-UBND"

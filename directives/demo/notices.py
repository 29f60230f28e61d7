"""The four seed notices (notices/NNN_*.txt, with the hand annotation NNN_*.json), and what a
careful clerk types for each: the meeting, the notice's header, and how each name as written
maps to an agency or a collective group of the demo province."""

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

NOTICES_DIR = Path(__file__).parent / "notices"

# Names in the notices that are not agencies the office follows up ("the government", "the
# businesses", "related agencies"): a clerk leaves them out of the task.
NOT_AN_AGENCY = {"chính quyền", "doanh nghiệp", "các cơ quan liên quan", "các địa phương, đơn vị"}


@dataclass(frozen=True)
class SeedNotice:
    stem: str
    meeting_title: str
    meeting_kind: str
    meeting_online: bool
    chair_name: str
    chair_title: str
    place: str
    issued_on: dt.date | None
    issued_on_text: str
    title: str
    signing_formula: str
    signer: str

    @property
    def text(self) -> str:
        return (NOTICES_DIR / f"{self.stem}.txt").read_text(encoding="utf-8")

    @property
    def annotation(self) -> dict:
        return json.loads((NOTICES_DIR / f"{self.stem}.json").read_text(encoding="utf-8"))


SEEDS = [
    SeedNotice(
        stem="000_d9531a614a115eee",
        meeting_title="Hội nghị giao ban trực tuyến về công tác phòng, chống dịch Covid-19",
        meeting_kind="giao_ban",
        meeting_online=True,
        chair_name="Chủ tịch UBND tỉnh",
        chair_title="Chủ tịch UBND tỉnh Bắc Giang",
        place="Bắc Giang",
        issued_on=dt.date(2021, 6, 24),
        issued_on_text="ngày 24 tháng 6 năm 2021",
        title="Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban trực tuyến về công tác phòng, chống dịch "
        "Covid-19 (ngày 24/6/2021)",
        signing_formula="TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG",
        signer="Lê Tuấn Phú",
    ),
    SeedNotice(
        stem="001_50a0dea019091d70",
        meeting_title="Hội nghị giao ban trực tuyến 3 cấp tỉnh, huyện, xã về công tác phòng, chống dịch",
        meeting_kind="giao_ban",
        meeting_online=True,
        chair_name="Bí thư Tỉnh ủy và Chủ tịch UBND tỉnh",
        chair_title="Bí thư Tỉnh ủy; Chủ tịch UBND tỉnh Bắc Giang",
        place="Bắc Giang",
        issued_on=None,
        issued_on_text="ngày tháng 5 năm 2021",
        title="Ý kiến chỉ đạo của đồng chí Bí thư Tỉnh ủy và kết luận của Chủ tịch UBND tỉnh tại Hội nghị giao ban "
        "trực tuyến về công tác phòng, chống dịch Covid-19",
        signing_formula="TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
        signer="Bùi Huy Khánh",
    ),
    SeedNotice(
        stem="002_b7a427223fb6cfea",
        meeting_title="Cuộc họp giao ban trực tuyến Ban Chỉ đạo tỉnh về công tác phòng, chống dịch Covid-19",
        meeting_kind="hop",
        meeting_online=True,
        chair_name="Tổng Thanh Hải",
        chair_title="Phó Chủ tịch Thường trực UBND tỉnh Lai Châu, Phó Trưởng ban Thường trực Ban Chỉ đạo tỉnh",
        place="Lai Châu",
        issued_on=None,
        issued_on_text="ngày tháng 6 năm 2021",
        title="Kết luận của đồng chí Tổng Thanh Hải - Phó Chủ tịch Thường trực UBND tỉnh, Phó Trưởng ban Thường trực "
        "Ban Chỉ đạo tỉnh tại cuộc họp trực tuyến về công tác phòng, chống dịch Covid-19",
        signing_formula="TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG",
        signer="Nguyễn Thị Hồng Tuyền",
    ),
    SeedNotice(
        stem="004_c04e52781ff4fa00",
        meeting_title="Cuộc họp Ban Chỉ đạo công tác phòng, chống dịch Covid-19 tỉnh",
        meeting_kind="hop",
        meeting_online=False,
        chair_name="Hoàng Duy Chinh",
        chair_title="Bí thư Tỉnh ủy Bắc Kạn, Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
        place="Bắc Kạn",
        issued_on=None,
        issued_on_text="",
        title="Nội dung cuộc họp Ban Chỉ đạo công tác phòng, chống dịch Covid-19 tỉnh",
        signing_formula="CHÁNH VĂN PHÒNG kiêm THÀNH VIÊN BAN CHỈ ĐẠO",
        signer="Lèng Văn Chiến",
    ),
]

NUMBERED = re.compile(r"^(\d+(?:\.\d+)*\.)\s+")
_END_MARKERS = ("Trên đây là", "Thừa lệnh", "thông báo để các đơn vị", "Nơi nhận")


@dataclass
class Paragraph:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    out = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        chunk = match.group(0).strip()
        if chunk:
            out.append(Paragraph(match.start(), match.end(), chunk))
    return out


def body_end(text: str) -> int:
    positions = [text.find(marker) for marker in _END_MARKERS if text.find(marker) >= 0]
    return min(positions) if positions else len(text)


def collapse(text: str) -> tuple[str, list[int]]:
    """Text with every run of white space made one space, and where each kept character was."""
    chars: list[str] = []
    where: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            chars.append(" ")
            previous_space = True
        else:
            chars.append(char)
            previous_space = False
        where.append(index)
    return "".join(chars), where


def find_span(text: str, quote: str) -> tuple[int, int] | None:
    flat, where = collapse(text)
    needle, _ = collapse(quote.strip())
    position = flat.find(needle)
    if position < 0:
        return None
    return where[position], where[position + len(needle) - 1] + 1

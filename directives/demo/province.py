"""The demo province, Bắc Giang as it was in 2021 (the seed notices' year), as plain data.

Nothing here is read by the product itself: it is what `seed_demo` types into the database, the
way an administrator would through the admin. Each agency: (name, short name, kind, aliases).
"""

KINDS = [
    # code, name, order
    ("department", "Sở, ngành tỉnh", 10),
    # Its own kind: the office follows the departments up and is no member of "các sở, ban, ngành".
    ("office", "Văn phòng UBND tỉnh", 15),
    ("board", "Ban, cơ quan thuộc UBND tỉnh", 20),
    ("district", "UBND huyện, thành phố", 30),
    ("unit", "Đơn vị trực thuộc sở", 40),
    ("steering", "Ban Chỉ đạo", 50),
    ("mass_org", "Mặt trận, đoàn thể", 60),
    ("media", "Báo, đài", 70),
    ("party", "Cơ quan Đảng", 80),
    ("party_district", "Huyện ủy, thành ủy", 90),
]

DEPARTMENTS = [
    ("Sở Y tế", "SYT", ["Ngành Y tế", "Sở Y tế tỉnh"]),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT", ["Sở TNMT", "Sở TN và MT"]),
    ("Sở Thông tin và Truyền thông", "Sở TT&TT", ["Sở TTTT", "Sở TT và TT"]),
    ("Sở Nội vụ", "SNV", []),
    ("Sở Công Thương", "SCT", ["Sở Công thương"]),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", ["Sở NNPTNT", "Sở Nông nghiệp và PTNT"]),
    ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", ["Sở Lao động, Thương binh và Xã hội", "Sở LĐTBXH"]),
    ("Sở Tài chính", "STC", []),
    ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", ["Sở KHĐT"]),
    ("Sở Giao thông vận tải", "Sở GTVT", []),
    ("Sở Xây dựng", "SXD", []),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", ["Sở GDĐT"]),
    ("Sở Tư pháp", "STP", []),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTT&DL", ["Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch"]),
    ("Sở Khoa học và Công nghệ", "Sở KH&CN", ["Sở KHCN"]),
    ("Sở Ngoại vụ", "SNgV", []),
    ("Thanh tra tỉnh", "TTr tỉnh", []),
    ("Công an tỉnh", "CA tỉnh", []),
]

OFFICE = [
    ("Văn phòng UBND tỉnh", "VP UBND tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh", "VPUBND tỉnh"]),
]

BOARDS = [
    (
        "Ban Quản lý các Khu công nghiệp tỉnh",
        "BQL các KCN",
        [
            "Ban Quản lý các khu công nghiệp",
            "Ban Quản lý Khu công nghiệp tỉnh",
            "Ban Quản lý khu công nghiệp",
            "BQL KCN tỉnh",
        ],
    ),
    ("Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh", ["Bộ Chỉ huy quân sự tỉnh"]),
]

UNITS = [
    # name, short, aliases, parent
    ("Trung tâm Kiểm soát bệnh tật tỉnh", "CDC tỉnh", ["Trung tâm Kiểm soát bệnh tật", "CDC Bắc Giang"], "Sở Y tế"),
]

STEERING = [
    (
        "Ban Chỉ đạo khôi phục hoạt động sản xuất công nghiệp, kinh doanh thương mại tỉnh",
        "BCĐ khôi phục SX-KD",
        ["Ban Chỉ đạo khôi phục hoạt động sản xuất công nghiệp, kinh doanh thương mại trên địa bàn tỉnh"],
    ),
    (
        "Ban Chỉ đạo phòng, chống dịch Covid-19 tỉnh",
        "BCĐ PCD tỉnh",
        ["Ban Chỉ đạo tỉnh", "Ban Chỉ đạo phòng, chống dịch Covid-19 các cấp", "Ban Chỉ đạo phòng, chống dịch tỉnh"],
    ),
]

MASS_ORGS = [
    ("Ủy ban MTTQ tỉnh", "UBMTTQ tỉnh", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Mặt trận Tổ quốc", "UB MTTQ tỉnh"]),
    ("Tỉnh đoàn", "", ["Tỉnh Đoàn"]),
    ("Hội Liên hiệp Phụ nữ tỉnh", "Hội LHPN tỉnh", []),
    ("Hội Nông dân tỉnh", "", []),
    ("Hội Cựu chiến binh tỉnh", "Hội CCB tỉnh", []),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ tỉnh", []),
]

MEDIA = [
    ("Báo Bắc Giang", "", []),
    ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT&TH tỉnh", ["Đài PTTH tỉnh", "Đài Phát thanh - Truyền hình tỉnh"]),
    # Named by the Bắc Kạn seed notice, kept as the clerk typed it.
    ("Báo Bắc Kạn", "", []),
]

PARTY = [
    ("Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy", ["Ban Tuyên giáo Tỉnh uỷ"]),
    ("Ban cán sự đảng UBND tỉnh", "BCSĐ UBND tỉnh", ["Ban cán sự đảng Ủy ban nhân dân tỉnh"]),
]

# The district level: (place, "thành phố" or "huyện").
DISTRICTS = [
    ("Bắc Giang", "thành phố"),
    ("Yên Thế", "huyện"),
    ("Tân Yên", "huyện"),
    ("Lạng Giang", "huyện"),
    ("Lục Nam", "huyện"),
    ("Lục Ngạn", "huyện"),
    ("Sơn Động", "huyện"),
    ("Yên Dũng", "huyện"),
    ("Việt Yên", "huyện"),
    ("Hiệp Hòa", "huyện"),
]

# Collective names: (group name, kind code whose active agencies are all members or None,
# extra member kinds, aliases).
GROUPS = [
    (
        "UBND các huyện, thành phố",
        "district",
        [],
        [
            "UBND huyện, thành phố",
            "các huyện, thành phố",
            "Ủy ban nhân dân các huyện, thành phố",
            "các địa phương",
            "Ban Chỉ đạo cấp huyện",
            "Ban Chỉ đạo các huyện, thành phố",
        ],
    ),
    (
        "Các sở, ban, ngành tỉnh",
        "department",
        ["board"],
        [
            "Các sở, ngành của tỉnh",
            "các sở, cơ quan",
            "các sở, ban, ngành",
            "các cơ quan, ban, ngành tỉnh",
            "Các thành viên Ban Chỉ đạo cấp tỉnh",
            "thành viên Ban Chỉ đạo tỉnh",
        ],
    ),
    (
        "Các cấp, các ngành",
        None,
        ["department", "office", "board", "district"],
        ["Các cấp, các ngành, đơn vị trong tỉnh", "Các cấp, các ngành, thành viên Ban Chỉ đạo"],
    ),
    ("Các tổ chức chính trị - xã hội", "mass_org", [], ["các đoàn thể tỉnh"]),
    ("Các cơ quan báo chí", "media", [], ["các cơ quan báo chí tỉnh"]),
    ("Các huyện ủy, thành ủy", "party_district", [], ["Bí thư các huyện ủy, thành ủy", "Huyện ủy, Thành ủy"]),
]

# Demo users: username → (full name, role, agency name or None).
USERS = [
    ("office", ("Nguyễn Văn", "Chuyên viên Văn phòng"), "office", "Văn phòng UBND tỉnh"),
    ("leader", ("Lê", "Phó Chủ tịch UBND tỉnh"), "leader", None),
    ("soyte", ("Trần Thị", "Chuyên viên Sở Y tế"), "officer", "Sở Y tế"),
    ("soyte_truong", ("Đỗ Văn", "Giám đốc Sở Y tế"), "head", "Sở Y tế"),
    ("sotttt", ("Phạm Văn", "Chuyên viên Sở TT&TT"), "officer", "Sở Thông tin và Truyền thông"),
    ("lucngan", ("Hoàng Văn", "Chuyên viên UBND huyện Lục Ngạn"), "officer", "UBND huyện Lục Ngạn"),
]

"""The words of conclusion notices the reader leans on.

These are words of the language of Vietnamese administration (how an agency name begins, which
verbs start a predicate, which phrases introduce a deadline), not a list of agencies: agencies
are data (`agencies.directory`). Everything is matched on syllable keys (see `tokens.key`).
"""

from __future__ import annotations

from meetings.reader.tokens import PhraseTable, phrases

# --- agency names ---------------------------------------------------------------------------

# Words that begin the name of one agency. They only count when written with a capital
# ("Ban Quản lý", but "các sở, ban, ngành" is a collective).
SPECIFIC_HEADS = PhraseTable(
    phrases("""
    Sở; Ban; Bộ; Cục; Chi cục; Tổng cục; Trung tâm; Đài; Báo; Tạp chí; Văn phòng; Thanh tra; Công an
    Viện; Viện kiểm sát; Tòa án; Kho bạc; Ngân hàng; Bảo hiểm; Quỹ; Hội; Liên đoàn; Liên minh; Tỉnh đoàn
    Đoàn; Mặt trận; Ủy ban; UBND; UB; HĐND; MTTQ; Hội đồng; Chi nhánh; Công ty; Tổng công ty; Tập đoàn
    Bệnh viện; Trường; Học viện; Đại học; Cảng vụ; Điện lực; Bưu điện; Viễn thông; Bộ đội; Bộ Chỉ huy
    BCH; BCĐ; BQL; BCHQS; CDC; VP; VPUBND; Phòng; Đội; Hạt; Cảnh sát; Huyện ủy; Thành ủy; Thị ủy; Tỉnh ủy
    Đảng ủy; Ban cán sự; Ban Thường vụ; Thường trực; Ngành; Sở TT&TT; Cơ quan; Tổ; Nhà máy; Ban Quản lý
    Ủy ban nhân dân; Hội đồng nhân dân; Trung tâm Y tế; Khu; Cụm; Xí nghiệp; Hợp tác xã; Chốt
""")
)

# Heads whose names describe a purpose and so contain verbs ("Ban Chỉ đạo khôi phục hoạt
# động sản xuất ... tỉnh"): their name runs to a place word such as "tỉnh" or "các cấp".
COMMITTEE_HEADS = PhraseTable(
    phrases("""
    Ban Chỉ đạo; Ban Chỉ huy; Tổ công tác; Tổ Công tác; Tiểu ban; Đoàn kiểm tra; Đoàn công tác; Tổ giúp việc
    Ban Tổ chức; Tổ Covid; Tổ COVID; BCĐ; Hội đồng thẩm định; Ban Quản lý dự án; Tổ thẩm định; Tổ chuyên gia
""")
)

# Collective names, any case: many agencies at once.
COLLECTIVE_HEADS = PhraseTable(
    phrases("""
    các sở; các ban; các ngành; các cấp; các cơ quan; các đơn vị; các địa phương; các huyện; các xã; các tổ chức
    các doanh nghiệp; các hội; các đoàn thể; các thành viên; các lực lượng; các trường; các bệnh viện
    các phòng; các chủ đầu tư; các nhà thầu; các Sở; các Ban; các thành phố; các quận; các thị xã; các phường
    các hội, đoàn thể; các tổ chức chính trị - xã hội; các cơ quan báo chí; các cơ sở y tế; các trung tâm
    doanh nghiệp; chính quyền; cấp ủy; thành viên; chính quyền các cấp; cấp ủy, chính quyền; các chi cục
    UBND các huyện; UBND các xã; địa phương; chủ đầu tư; nhà đầu tư; UBND cấp huyện; UBND cấp xã
    các huyện ủy; các huyện, thành ủy; các thành ủy; các đảng ủy; các Sở, ngành; Ủy ban nhân dân các huyện
    các bộ; các Bộ, ngành; các tỉnh; các tập đoàn; các tổng công ty; các cơ quan ngang bộ; các bộ quản lý
""")
)

# Titles that make a name when followed by "các" ("Chủ tịch UBND các huyện", "Bí thư các huyện
# ủy"). A title alone is a person (usually the chair), never an agency.
TITLES = PhraseTable(
    phrases("""
    Chủ tịch; Phó Chủ tịch; Giám đốc; Thủ trưởng; Bí thư; Trưởng ban; Người đứng đầu; Lãnh đạo; Trưởng
    Chánh Văn phòng; Chỉ huy trưởng; Phó Giám đốc; Phó Thủ trưởng; Trưởng phòng; Phó Trưởng phòng; Phó Trưởng ban
    Phó Chánh Văn phòng
""")
)

# Lower-case syllables that may sit inside a name ("Giao thông vận tải", "Trung tâm Kiểm soát
# bệnh tật tỉnh", "Ban Quản lý các khu công nghiệp").
NAME_PARTS = PhraseTable(
    phrases("""
    tỉnh; huyện; thành phố; thị xã; xã; phường; thị trấn; quận; cấp tỉnh; cấp huyện; cấp xã; cấp cơ sở; các cấp
    liên quan; có liên quan; khu công nghiệp; các khu công nghiệp; khu kinh tế; cụm công nghiệp; vận tải
    nông thôn; xã hội; chính trị - xã hội; chính trị; báo chí; tiền phương; thường trực; nhân dân; cán sự đảng
    của tỉnh; trong tỉnh; trên địa bàn; trên địa bàn tỉnh; nhà nước; quân sự; biên phòng; bệnh tật
    thị trường; chiến binh; thanh niên; cộng sản; công nghiệp; đô thị; dự án; đầu tư xây dựng; công trình
    chuyên ngành; kỹ thuật; y tế; trực thuộc; thuộc tỉnh; chức năng; chuyên môn; huyện ủy; thành ủy
    đảng ủy; thị ủy; tỉnh ủy; cơ sở; phát triển; truyền thông; các huyện; các xã; thành viên; kinh tế
    số 1; số 2; số 3; số 4; trung ương; quốc gia; dân sự; phòng cháy; chữa cháy; cứu nạn; cứu hộ
    giao thông; trật tự; môi trường; du lịch; hành chính công; đất đai; lao động; việc làm; thủy lợi
    hạ tầng; hạ tầng kỹ thuật; khu , cụm công nghiệp; khu , cụm
    các tỉnh; các phường; các quận; các thị xã; các thị trấn; các thành phố; ngang bộ; khác; ở trung ương
    trực thuộc trung ương; thuộc trung ương; quản lý chuyên ngành
""")
)

# After a comma inside a collective ("các sở, ban, ngành tỉnh", "UBND huyện, thành phố"), these
# words go on naming the same collective instead of starting a new agency.
JOIN_WORDS = PhraseTable(
    phrases("""
    ban; ngành; cơ quan; đơn vị; địa phương; đoàn thể; thành phố; thị xã; huyện; xã; phường; thị trấn; quận
    huyện ủy; thành ủy; đảng ủy; thị ủy; các ngành; các cấp; các đơn vị; các địa phương; các cơ quan; cấp
    thành viên; hội; sở; phòng; trường; ngành tỉnh; ban ngành; tổ chức; các tổ chức; đoàn thể tỉnh; thị
    cơ quan ngang bộ; cơ quan khác; cơ quan trung ương
    cụm; cụm công nghiệp
""")
)

# --- predicates -----------------------------------------------------------------------------

# Words that begin a predicate: where a name (or a list of names) ends. Capitalised words are
# never taken for these (they belong to names: "Ban Chỉ đạo", "Trung tâm Kiểm soát").
PREDICATE_STARTS = PhraseTable(
    phrases("""
    chủ trì; phối hợp; phải; cần; có trách nhiệm; chịu trách nhiệm; khẩn trương; tiếp tục; thường xuyên; hằng
    hàng ngày; hàng tuần; hàng tháng; hàng quý; hàng năm; định kỳ; kịp thời; sớm; ngay; chủ động; tích cực
    tập trung; tăng cường; đẩy mạnh; đẩy nhanh; thực hiện; triển khai; tổ chức; xây dựng; ban hành; rà soát
    kiểm tra; giám sát; theo dõi; đôn đốc; hướng dẫn; tham mưu; đề xuất; báo cáo; trình; nghiên cứu; hoàn thành
    hoàn thiện; chỉ đạo; quản lý; quán triệt; thông báo; cập nhật; công bố; đánh giá; phân loại; phân công
    lấy mẫu; xét nghiệm; tiêm; làm việc; làm; có; bố trí; chuẩn bị; phát huy; huy động; duy trì; rút kinh nghiệm
    giữ vững; bảo đảm; đảm bảo; xử lý; giải quyết; cung cấp; tuyên truyền; vận động; thành lập; kiện toàn
    thiết lập; áp dụng; sử dụng; lập; hỗ trợ; khắc phục; nâng cao; mở; mở rộng; dừng; tạm dừng; cho phép
    quyết định; phê duyệt; thẩm định; thẩm tra; bàn; trao đổi; thống nhất; chấn chỉnh; tăng; giảm; hạn chế
    nghiêm túc; nắm; nắm bắt; nắm chắc; tiếp nhận; giải ngân; cân đối; phân bổ; điều chỉnh; bổ sung; sửa đổi
    thu hồi; di dời; giải phóng; bàn giao; tiếp thu; hoàn chỉnh; gửi; nộp; chuyển; phát động; khuyến khích
    yêu cầu; đề nghị; giao; ưu tiên; quan tâm; tạo điều kiện; phân tích; tổng hợp; thống kê; điều tra; khảo sát
    lựa chọn; thi công; nghiệm thu; quyết toán; thanh toán; tiến hành; hoàn tất; liên hệ; làm rõ; xác minh
    xác định; vận hành; đưa; định hướng; đăng; đăng tải; phát sóng; cử; điều động; điều phối; tiếp; kiểm soát
    nghiêm cấm; cấm; không được; không để; quyết liệt; linh hoạt; nhanh chóng; khôi phục; chịu; điều hành
    ký; soạn thảo; dự thảo; lấy ý kiến; rà; sắp xếp; kiểm điểm; khen thưởng; biểu dương; cấp phát; mua sắm
    đầu tư; sửa chữa; nâng cấp; cải tạo; chống; phòng ngừa; ngăn chặn; truy vết; khoanh vùng; cách ly
    phát hiện; đánh giá lại; thu gom; thống kê; theo; trên cơ sở; căn cứ; để; nhằm; về; tại; cho; với; đối với
    từ; đến; trước; trong; khi; nếu; sau; sau khi; bằng; qua; là; đã; chưa; đang; được; vẫn; còn; không
    cũng; đều; nghiêm; cùng; thuộc; trực tiếp; hoặc; nhất là; đồng thời; tuyệt đối; hướng; tăng thời lượng
    vừa; mới; sẽ; gồm; bao gồm; như; này; đó; tham gia; dự; họp; nghe; kết luận; thừa lệnh; thay mặt
""")
)

# Words that hand a task to whoever follows: "Giao Sở Y tế ...", "yêu cầu các sở, ngành ...".
TRIGGERS = PhraseTable(phrases("giao cho; giao; yêu cầu; đề nghị; phân công; chỉ đạo giao"))

# The role words after the lead.
LEAD_ROLE = PhraseTable(phrases("chủ trì"))
# "chủ trì, cùng (với) X <action>": X carries the action with the lead (a co-lead).
TOGETHER_ROLE = PhraseTable(phrases("cùng với; cùng"))
COORD_ROLE = PhraseTable(
    phrases("phối hợp chặt chẽ với; phối hợp chặt chẽ cùng; phối hợp với; phối hợp cùng; phối hợp")
)

# Adverbs and modals that may stand between the lead and its role or action.
ADVERBS = PhraseTable(
    phrases("""
    phải; cần; khẩn trương; tích cực; tiếp tục; chủ động; kịp thời; sớm; ngay; thường xuyên; có trách nhiệm
    hằng ngày; hàng ngày; hằng tuần; hàng tuần; hằng tháng; hàng tháng; nghiêm túc; khẩn cấp; cần phải
""")
)

# --- sentence openers -----------------------------------------------------------------------

# Linking words that open a sentence without changing who does what.
LINKS = PhraseTable(
    phrases("""
    do vậy; do đó; vì vậy; vì thế; ngoài ra; bên cạnh đó; mặt khác; theo đó; trước mắt; từ nay
    trong thời gian tới; thời gian tới; tiếp theo; cuối cùng; đồng thời; trong thời gian tới đây; hiện nay cần
    trên cơ sở đó; trên cơ sở kết quả đó; sau đó; cụ thể
""")
)

# Adverbial phrases that may precede the subject up to a comma ("Tại các doanh nghiệp ..., giao").
ADVERBIAL_OPENERS = PhraseTable(
    phrases("""
    trong; tại; ở; để; sau khi; trên cơ sở; căn cứ; khi; trường hợp; nếu; theo; qua; với; riêng; từ; đến
    đối với; nhằm; về; trước; sau; cùng với; thực hiện; nhằm mục đích; dựa trên; từ nay đến
""")
)

# Sentence openers that report, agree or praise: such a sentence assigns nothing unless it
# names an agency after "giao"/"yêu cầu".
NON_DIRECTIVE_OPENERS = PhraseTable(
    phrases("""
    hiện nay; hiện tại; tuy nhiên; nhìn chung; nhất trí; đồng ý; thống nhất với; thống nhất chủ trương; biểu dương
    đánh giá cao; ghi nhận; nhờ đó; trên đây; kết quả; số; nguy cơ; tình hình; đến nay; từ đầu năm; ngày; sáng
    chiều; tối; tham dự; dự họp; đây là; đó là; như vậy; mục tiêu; theo; qua đó; cơ bản; công tác; việc
    trong đó; tuy vậy; mặc dù; bên cạnh; nhìn nhận; đánh giá; thời gian qua; trong thời gian qua; về; sau khi
    tiếp thu; thừa lệnh; thay mặt; lưu; nơi nhận; chủ tịch; phó chủ tịch; bí thư; đồng chí; hội nghị; cuộc họp
    một số; nhiều; toàn tỉnh; tỷ lệ; trong tuần; trong tháng; năm; hệ thống; người dân; nhân dân; để thực hiện
""")
)

# Evaluative openings: a numbered item starting so reports on the past (tasks only when an
# agency is named after "giao"/"yêu cầu"/"đề nghị").
ASSESSMENT_OPENERS = PhraseTable(
    phrases("""
    biểu dương; đánh giá cao; ghi nhận; nhìn chung; thời gian qua; trong thời gian qua; kết quả; tuy nhiên
    hiện nay; tình hình; năm qua; từ đầu năm; thời gian vừa qua; đánh giá chung; về kết quả; về tình hình
""")
)

# Words right after a subject that make the sentence a statement, not an order.
STATEMENT_MARKERS = PhraseTable(
    phrases("đã; chưa; đang; vừa; vẫn; còn; là; được; cũng đã; đều đã; mới; cơ bản đã; nhận được; có ý kiến")
)

# --- clause openers that decide whether a clause is a new task ------------------------------

URGENT = PhraseTable(phrases("khẩn trương; sớm; ngay; khẩn cấp; gấp"))
MODIFIERS = PhraseTable(
    phrases("""
    đối với; trong đó; nhất là; đặc biệt là; việc; trường hợp; nếu; khi; bao gồm; gồm; như; không để; tránh
    kể cả; riêng; tuyệt đối không; không được; chi phí; lưu ý; chú ý; kinh phí
""")
)
REPORTS = PhraseTable(phrases("báo cáo; trình; gửi; tổng hợp báo cáo; tổng hợp, báo cáo; báo cáo kết quả"))
DONG_THOI = PhraseTable(phrases("đồng thời"))

# Leading words dropped from an action so it starts with its verb.
ACTION_NOISE = PhraseTable(
    phrases("""
    phải; cần; có trách nhiệm; cần phải; khẩn trương; kịp thời; sớm; ngay; thường xuyên; đồng thời; và
    hằng ngày; hàng ngày; hằng tuần; hàng tuần; hằng tháng; hàng tháng; định kỳ; cũng; thì
""")
)

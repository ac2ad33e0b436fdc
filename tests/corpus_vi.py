"""Real Vietnamese text for the legacy-font tests: the plan's own lines and words, people's
names with every tone, Quảng Ngãi's districts, communes and hamlets, and the words the
workbook's categories and headers use. Written here independently of clbtool's tables."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

PLAN_TEXT = (Path(__file__).parent / "data" / "plan-quang-ngai-2018-2020.txt").read_text("utf-8")
PLAN_LINES = [line.strip() for line in PLAN_TEXT.splitlines() if line.strip()]
# what a cell holds more often than a whole paragraph: a clause of it
PLAN_PHRASES = [p.strip() for line in PLAN_LINES for p in re.split(r"[,;:.()]", line) if p.strip()]
PLAN_WORDS = sorted({w for line in PLAN_LINES for w in re.findall(r"\w+", line)})

FAMILIES = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Lương", "Trương", "Tạ", "Mai", "Lâm", "Cao",
    "Châu", "Thái", "Tô", "Hà", "Kiều", "Lưu", "Quách", "Triệu", "Từ", "Khổng", "La", "Âu",
    "Ông", "Ưng", "Vương", "Nghiêm", "Thân", "Tôn", "Phùng", "Mạc", "Giang", "Diệp",
)  # fmt: skip
MIDDLES = (
    "Thị", "Văn", "Thị Kim", "Thị Thu", "Ngọc", "Đức", "Minh", "Thị Mỹ", "Hữu", "Xuân",
    "Thị Bích", "Quốc", "Công", "Thanh", "Thị Lệ", "Bá", "Đình", "Thị Tuyết", "Kim", "Như",
)  # fmt: skip
GIVEN = (
    "Lan", "Hoa", "Huệ", "Cúc", "Đào", "Mai", "Hồng", "Nhung", "Hằng", "Hương", "Thủy", "Thuỷ",
    "Tuyết", "Xuân", "Thu", "Hạ", "Đông", "Bé", "Tám", "Chín", "Mười", "Sáu", "Bảy", "Năm",
    "Tư", "Ba", "Hai", "Một", "Ánh", "Ngọc", "Yến", "Oanh", "Nguyệt", "Phượng", "Loan", "Liên",
    "Sen", "Trinh", "Thảo", "Thắm", "Thoa", "Thơm", "Ngân", "Nga", "Nguyên", "Quyên", "Uyên",
    "Hạnh", "Hiền", "Hoà", "Hòa", "Hoè", "Khuê", "Quế", "Quý", "Quỳnh", "Thúy", "Thuý", "Tuệ",
    "Vĩnh", "Lộc", "Phúc", "Thọ", "Khánh", "Dũng", "Hùng", "Cường", "Mạnh", "Tuấn", "Tú",
    "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi", "Tý",
    "Ẩn", "Ất", "Ước", "Ửng", "Ý", "Ỷ", "Ỵ", "Ỳ", "Ỹ", "Ò", "Ổ", "Ỗ", "Ợ", "Ừ", "Ữ", "Ự",
    "Khuyên", "Huyền", "Tuyền", "Khoa", "Toàn", "Hoàn", "Ngoạn", "Quang", "Quảng", "Thuận",
    "Luyến", "Nghĩa", "Nghị", "Ngữ", "Giang", "Giàu", "Gấm", "Ghi", "Kỳ", "Kế", "Kiểm",
)  # fmt: skip


def _names() -> list[str]:
    """A few hundred names: every family with a middle and a given name, spread so that
    every given name (every tone, capitals with tone marks too) comes up."""
    combos = itertools.product(FAMILIES, MIDDLES, GIVEN)
    names = [f"{f} {m} {g}" for i, (f, m, g) in enumerate(combos) if i % 53 == 0]
    names += [f"{FAMILIES[i % len(FAMILIES)]} {g}" for i, g in enumerate(GIVEN)]
    return names


NAMES = _names()

DISTRICTS = (
    "TP Quảng Ngãi", "Thành phố Quảng Ngãi", "Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Nghĩa Hành",
    "Mộ Đức", "Đức Phổ", "Thị xã Đức Phổ", "Ba Tơ", "Minh Long", "Sơn Hà", "Sơn Tây",
    "Trà Bồng", "Tây Trà", "Lý Sơn", "Huyện Lý Sơn",
)  # fmt: skip
COMMUNES = (
    "Tịnh Khê", "Tịnh Ấn Tây", "Tịnh Ấn Đông", "Tịnh Long", "Tịnh Châu", "Tịnh Thiện",
    "Tịnh Hòa", "Tịnh Kỳ", "Tịnh Bình", "Tịnh Đông", "Tịnh Giang", "Tịnh Hiệp", "Tịnh Minh",
    "Tịnh Phong", "Tịnh Sơn", "Tịnh Thọ", "Tịnh Trà", "Nghĩa Dõng", "Nghĩa Dũng", "Nghĩa Hà",
    "Nghĩa Phú", "Nghĩa An", "Nghĩa Kỳ", "Nghĩa Thuận", "Nghĩa Điền", "Nghĩa Thắng",
    "Nghĩa Thọ", "Nghĩa Lâm", "Nghĩa Sơn", "Nghĩa Mỹ", "Nghĩa Phương", "Nghĩa Hiệp",
    "Nghĩa Trung", "Nghĩa Thương", "Bình Châu", "Bình Hải", "Bình Thạnh", "Bình Trị",
    "Bình Đông", "Bình Thuận", "Bình Chánh", "Bình Dương", "Bình Phước", "Bình Hòa",
    "Bình Trung", "Bình Minh", "Bình Khương", "Bình An", "Bình Nguyên", "Bình Tân Phú",
    "Bình Hiệp", "Bình Long", "Bình Mỹ", "Bình Chương", "Hành Thiện", "Hành Dũng",
    "Hành Minh", "Hành Phước", "Hành Thịnh", "Hành Tín Đông", "Hành Tín Tây", "Hành Nhân",
    "Hành Đức", "Hành Trung", "Hành Thuận", "Thị trấn Chợ Chùa", "Đức Tân", "Đức Lợi",
    "Đức Thạnh", "Đức Minh", "Đức Nhuận", "Đức Chánh", "Đức Hiệp", "Đức Hòa", "Đức Phú",
    "Đức Phong", "Đức Lân", "Đức Thắng", "Phổ Thạnh", "Phổ Châu", "Phổ Vinh", "Phổ Khánh",
    "Phổ Cường", "Phổ Nhơn", "Phổ Phong", "Phổ Thuận", "Phổ An", "Phổ Quang", "Phổ Hòa",
    "Phổ Minh", "Phổ Văn", "Phổ Ninh", "Ba Thành", "Ba Điền", "Ba Vinh", "Ba Động", "Ba Cung",
    "Ba Dinh", "Ba Giang", "Ba Liên", "Ba Xa", "Ba Vì", "Ba Tiêu", "Ba Ngạc", "Ba Nam",
    "Ba Lế", "Ba Trang", "Ba Khâm", "Ba Bích", "Ba Tô", "Ba Chùa", "Sơn Hạ", "Sơn Thành",
    "Sơn Nham", "Sơn Giang", "Sơn Linh", "Sơn Bao", "Sơn Thượng", "Sơn Trung", "Sơn Hải",
    "Sơn Cao", "Sơn Kỳ", "Sơn Ba", "Di Lăng", "Sơn Dung", "Sơn Mùa", "Sơn Bua", "Sơn Tân",
    "Sơn Tinh", "Sơn Lập", "Sơn Liên", "Sơn Long", "Sơn Màu", "Trà Sơn", "Trà Thủy",
    "Trà Bình", "Trà Phú", "Trà Giang", "Trà Hiệp", "Trà Lâm", "Trà Tân", "Trà Bùi",
    "Trà Xuân", "Trà Phong", "Trà Xinh", "Trà Thanh", "Trà Khê", "Trà Quân", "Trà Lãnh",
    "Trà Nham", "Long Hiệp", "Long Mai", "Long Sơn", "Long Môn", "Thanh An", "An Vĩnh",
    "An Hải", "An Bình", "Phường Trần Phú", "Phường Lê Hồng Phong", "Phường Nghĩa Chánh",
    "Phường Chánh Lộ", "Phường Nghĩa Lộ", "Phường Quảng Phú", "Phường Trương Quang Trọng",
)  # fmt: skip
HAMLETS = (
    "Thôn 1", "Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn An Lộc", "Thôn Mỹ Lai",
    "Thôn Khánh Lạc", "Thôn Phú Nhơn", "Xóm Bến", "Tổ dân phố 3", "Tổ 5", "Làng Teng",
    "Thôn Gò Da", "Thôn Nước Lăng", "Khu dân cư số 2", "Thôn Trường Thọ Đông",
)  # fmt: skip
CATEGORY_WORDS = (
    "Nghèo", "Hộ nghèo", "Cận nghèo", "Hộ cận nghèo", "Khó khăn", "Hoàn cảnh khó khăn",
    "Cô đơn", "Chủ nhiệm", "Phó chủ nhiệm", "Thư ký", "Kế toán", "Thủ quỹ", "Ủy viên",
    "Uỷ viên", "Thành viên", "Hội viên", "Chăn nuôi", "Trồng trọt", "Buôn bán",
    "Kinh doanh nhỏ", "Khác", "Quỹ CLB", "Ngân hàng CSXH", "Tổ chức, cá nhân", "Ngân sách",
    "Gây quỹ", "Quỹ NCT", "Nam", "Nữ", "Có", "Không", "Cả năm", "6 tháng", "Đã trả",
    "Tên CLB", "Mã CLB", "Thôn/Tổ", "Xã/Phường/Thị trấn", "Huyện/Thị xã/Thành phố", "Tỉnh",
    "Ngày thành lập", "Năm báo cáo", "Kỳ báo cáo", "Quỹ đầu kỳ", "Họ và tên", "Năm sinh",
    "Giới tính", "Hoàn cảnh", "Chức vụ", "Tình nguyện viên", "Tổ văn nghệ", "Khám sức khỏe",
    "Truyền thông sức khỏe", "Ngày", "Lĩnh vực", "Nội dung", "Số người tham gia",
    "Ngày vay", "Số tiền vay", "Mục đích", "Nguồn vốn", "Thời hạn (tháng)", "Người được chăm sóc",
    "Nguồn", "Thu", "Chi", "Thông tin CLB", "Thành viên", "Hoạt động", "Vay vốn",
    "Chăm sóc tại nhà", "Quỹ", "Họp bàn cho vay vốn quỹ CLB", "Tập dưỡng sinh",
    "Thăm hỏi thành viên ốm đau", "Dọn vệ sinh đường làng", "Sinh hoạt văn nghệ, giao lưu",
    "Người lập biểu", "Xác nhận của UBND xã", "Ban chủ nhiệm CLB", "Cộng", "Tổng cộng",
    "38°C", "Sốt 38,5°C", "Diện tích 500 m²", "½ buổi", "«Ngày hội»", "2 × 3 m", "§ 3",
    "Đơn giá ± 5%", "Lê", "Bé", "Cô", "Bà", "Ông", "Xã", "Thôn", "Tên", "Chú", "Dì",
)  # fmt: skip


def corpus() -> list[str]:
    """Every item, NFC, once."""
    items = (
        PLAN_LINES + PLAN_PHRASES + PLAN_WORDS + NAMES
        + list(DISTRICTS) + list(COMMUNES) + list(HAMLETS) + list(CATEGORY_WORDS)
    )  # fmt: skip
    return list(dict.fromkeys(unicodedata.normalize("NFC", item) for item in items))

"""The contract of WORKBOOK.md §1 as data: sheets, their names as offices write them,
columns, the info sheet's labels and the category values."""

from __future__ import annotations

import functools
import re

from clbtool.i18n import Txt
from clbtool.text import fold
from clbtool.workbook.layout import Column, Group, SheetSpec

INFO_FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "name": (("Tên CLB", "Tên câu lạc bộ"), True),
    "code": (("Mã CLB", "Mã câu lạc bộ"), False),
    "hamlet": (("Thôn/Tổ", "Thôn", "Địa bàn", "Thôn, tổ", "Tổ/Thôn"), False),
    "commune": (("Xã/Phường/Thị trấn", "Xã", "Phường", "Xã, phường, thị trấn", "Thị trấn"), True),
    "district": (
        ("Huyện/Thị xã/Thành phố", "Huyện", "Huyện, thị xã, thành phố", "Quận/Huyện"),
        True,
    ),
    "province": (("Tỉnh", "Tỉnh/Thành phố"), False),
    "founded": (("Ngày thành lập",), True),
    "year": (("Năm báo cáo",), True),
    "period": (("Kỳ báo cáo",), False),
    "chair": (("Chủ nhiệm", "Chủ nhiệm CLB"), False),
    "fund_opening": (("Quỹ đầu kỳ",), False),
}
INFO_LABELS = {k: v[0][0] for k, v in INFO_FIELDS.items()}

INFO = SheetSpec(
    "info", ("Thông tin CLB", "Thông tin", "Thông tin chung", "Thông tin câu lạc bộ"), required=True
)
_STT = Column("stt", ("STT", "TT", "Số TT"))
_FAMILY_NAMES = ("Họ", "Họ đệm", "Họ và tên đệm", "Họ và chữ đệm", "Họ, tên đệm")
MEMBERS = SheetSpec(
    "members",
    ("Thành viên", "Danh sách thành viên", "Hội viên", "Danh sách hội viên", "Danh sách"),
    columns=(
        _STT,
        Column("code", ("Mã TV", "Mã thành viên")),
        Column("name", ("Họ và tên", "Họ tên", "Họ và tên thành viên"), required=True),
        Column("birth", ("Năm sinh", "Ngày sinh", "Ngày tháng năm sinh"), required=True),
        Column("gender", ("Giới tính",), required=True),
        Column("circumstance", ("Hoàn cảnh", "Hoàn cảnh gia đình")),
        Column("alone", ("Cô đơn",)),
        Column("role", ("Chức vụ", "Chức vụ trong CLB")),
        Column("volunteer", ("Tình nguyện viên", "TNV")),
        Column("arts", ("Tổ văn nghệ", "Văn nghệ")),
        Column("insurance", ("BHYT", "Thẻ BHYT")),
        Column("checkup", ("Khám sức khỏe", "Khám SK định kỳ", "Khám sức khoẻ", "Khám SK")),
        Column(
            "knowledge",
            (
                "Truyền thông sức khỏe",
                "Được truyền thông CSSK",
                "Truyền thông sức khoẻ",
                "Truyền thông CSSK",
            ),
        ),
        Column("needs_capital", ("Nhu cầu vốn", "Cần vay vốn")),
        Column("connected", ("Đã kết nối vay", "Kết nối vay vốn")),
        Column("joined", ("Ngày tham gia",)),
        Column("left", ("Ngày ra", "Ngày rời CLB")),
        Column("note", ("Ghi chú",)),
        # "Nam" | "Nữ" mark columns with no "Giới tính" above them
        Column("gender_m", ("Nam",), stands_for=("gender",)),
        Column("gender_f", ("Nữ",), stands_for=("gender",)),
        # the name in two columns, "Họ và tên đệm" | "Tên", as lists sorted by given name are
        Column("name_family", _FAMILY_NAMES, stands_for=("name",)),
        Column("name_given", ("Tên",), stands_for=("name",)),
    ),
    groups=(
        Group(
            ("Họ và tên", "Họ tên"),
            {"name_family": _FAMILY_NAMES, "name_given": ("Tên",)},
            ("name",),
        ),
        Group(
            ("Năm sinh", "Ngày sinh"),
            {"birth_m": ("Nam",), "birth_f": ("Nữ",)},
            ("birth", "gender"),
        ),
        Group(("Giới tính",), {"gender_m": ("Nam",), "gender_f": ("Nữ",)}, ("gender",)),
        Group(
            ("Hoàn cảnh", "Hoàn cảnh gia đình"),
            {
                "circ_poor": ("Hộ nghèo", "Nghèo", "HN"),
                "circ_near": ("Cận nghèo", "Hộ cận nghèo", "CN"),
                "circ_difficult": ("Khó khăn", "Hoàn cảnh khó khăn", "KK"),
            },
            ("circumstance",),
        ),
    ),
    required=True,
    keys=("name", "name_family", "name_given"),
    typed=("birth", "birth_m", "birth_f"),
    noun=Txt("thành viên", "members"),
)
ACTIVITIES = SheetSpec(
    "activities",
    ("Hoạt động", "Sinh hoạt", "Nhật ký hoạt động", "Nhật ký sinh hoạt", "Hoạt động CLB"),
    columns=(
        _STT,
        Column("date", ("Ngày", "Ngày sinh hoạt", "Thời gian"), required=True),
        Column("area", ("Lĩnh vực", "Lĩnh vực hoạt động"), required=True),
        Column("content", ("Nội dung",)),
        Column("participants", ("Số người tham gia", "Số người", "Số lượt người tham gia")),
        Column("note", ("Ghi chú",)),
    ),
    keys=("date", "area", "content"),
    typed=("date",),
    noun=Txt("buổi sinh hoạt, hoạt động", "activities"),
)
LOANS = SheetSpec(
    "loans",
    ("Vay vốn", "Vốn vay", "Cho vay", "Vay"),
    columns=(
        _STT,
        Column("borrower_code", ("Mã TV", "Mã thành viên")),
        Column("borrower_name", ("Họ và tên", "Họ tên", "Người vay")),
        Column("date", ("Ngày vay",), required=True),
        Column("amount", ("Số tiền vay", "Số tiền"), required=True),
        Column("purpose", ("Mục đích", "Mục đích vay")),
        Column("source", ("Nguồn vốn",)),
        Column("months", ("Thời hạn (tháng)", "Thời hạn", "Thời hạn tháng")),
        Column("repaid", ("Đã trả", "Số tiền đã trả")),
        Column("repaid_on", ("Ngày trả hết",)),
    ),
    one_of=(("borrower_code", "borrower_name"),),
    keys=("borrower_code", "borrower_name", "amount"),
    typed=("date",),
    noun=Txt("khoản vay", "loans"),
)
VISITS = SheetSpec(
    "visits",
    ("Chăm sóc tại nhà", "Chăm sóc", "Thăm hỏi chăm sóc", "Chăm sóc NCT tại nhà"),
    columns=(
        _STT,
        Column("date", ("Ngày",), required=True),
        Column("volunteer", ("Tình nguyện viên", "TNV"), required=True),
        Column("receiver", ("Người được chăm sóc",), required=True),
        Column("content", ("Nội dung",)),
    ),
    keys=("date", "volunteer", "receiver"),
    typed=("date",),
    noun=Txt("lần chăm sóc", "visits"),
)
FUND = SheetSpec(
    "fund",
    ("Quỹ", "Thu chi quỹ", "Nguồn lực", "Thu chi", "Sổ quỹ", "Quỹ CLB"),
    columns=(
        _STT,
        Column("date", ("Ngày",), required=True),
        Column("content", ("Nội dung",)),
        Column("source", ("Nguồn",)),
        Column("income", ("Thu", "Số tiền thu")),
        Column("spending", ("Chi", "Số tiền chi")),
    ),
    one_of=(("income", "spending"),),
    keys=("date", "income", "spending"),
    typed=("date",),
    noun=Txt("khoản thu, chi", "fund entries"),
    balances=True,
)
LIST_SHEETS = (MEMBERS, ACTIVITIES, LOANS, VISITS, FUND)
SHEETS = (INFO, *LIST_SHEETS)

CIRCUMSTANCES = {
    "poor": ("Nghèo", "Hộ nghèo", "HN", "Hộ nghèo (HN)"),
    "near_poor": ("Cận nghèo", "Hộ cận nghèo", "CN", "Cận", "HCN", "Hộ CN"),
    "difficult": ("Khó khăn", "Hoàn cảnh khó khăn", "KK", "Gia đình khó khăn", "Hộ khó khăn"),
}
# in the role column offices shorten to initials: "CN", "PCN", "TK", "TQ", "UV"
ROLES = {
    "chair": ("Chủ nhiệm", "Chủ nhiệm CLB", "CN CLB", "CN"),
    "vice_chair": ("Phó chủ nhiệm", "Phó CN", "P. Chủ nhiệm", "PCN", "P.CN"),
    "secretary": ("Thư ký", "TK"),
    "accountant": ("Kế toán", "KT"),
    "treasurer": ("Thủ quỹ", "TQ"),
    "board": ("Ủy viên", "Uỷ viên", "Ủy viên BCN", "Ban chủ nhiệm", "UV", "UV BCN"),
    "": ("Thành viên", "Hội viên", "TV"),
}
LOAN_PURPOSES = {
    "livestock": ("Chăn nuôi",),
    "crops": ("Trồng trọt",),
    "trade": ("Buôn bán",),
    "small_business": ("Kinh doanh nhỏ", "Kinh doanh"),
    "other": ("Khác",),
}
LOAN_SOURCES = {
    "club_fund": ("Quỹ CLB", "Quỹ câu lạc bộ", "CLB"),
    "vbsp": ("Ngân hàng CSXH", "NHCSXH", "Ngân hàng Chính sách xã hội", "Ngân hàng chính sách"),
    "other": ("Khác",),
}
FUND_SOURCES = {
    "members": ("Hội viên", "Thành viên", "Hội viên đóng góp", "Tiết kiệm"),
    "fundraising": ("Gây quỹ",),
    "donors": ("Tổ chức, cá nhân", "Tổ chức cá nhân", "Tổ chức", "Cá nhân", "Nhà hảo tâm"),
    "budget": ("Ngân sách", "Ngân sách nhà nước"),
    "elderly_fund": ("Quỹ NCT", "Quỹ chăm sóc và phát huy vai trò NCT", "Quỹ chăm sóc NCT"),
    "international": ("Quốc tế", "Tổ chức quốc tế", "Viện trợ"),
    "other": ("Khác",),
}
PERIODS = {"year": ("Cả năm", "Năm", "12 tháng"), "h1": ("6 tháng", "6 tháng đầu năm", "Sáu tháng")}


def _table(categories: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {
        fold(name): code for code, names in categories.items() for name in (code, *names) if code
    }


def _with_blank_role(categories: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = _table(categories)
    table.update({fold(name): "" for name in categories.get("", ())})
    return table


# folded name -> code, for reading a category cell
CIRC, ROLE, PURPOSE, LOAN_SOURCE, FUND_SOURCE, PERIOD = (
    _table(CIRCUMSTANCES),
    _with_blank_role(ROLES),
    _table(LOAN_PURPOSES),
    _table(LOAN_SOURCES),
    _table(FUND_SOURCES),
    _table(PERIODS),
)


KINDS = {  # what a cell should hold, as V01 says it: "Cột "Ngày": "31/02/2020" không phải ..."
    "date": Txt("ngày hợp lệ (ghi ngày/tháng/năm)", "a valid date (day/month/year)"),
    "year": Txt("năm sinh hợp lệ (ví dụ 1952)", "a valid birth year (e.g. 1952)"),
    "number": Txt("số nguyên", "a whole number"),
    "amount": Txt("số tiền hợp lệ (ví dụ 3.000.000)", "a valid amount (e.g. 3.000.000)"),
    "gender": Txt("giới tính hợp lệ (ghi Nam hoặc Nữ)", "a valid gender (Nam or Nữ)"),
    "mark": Txt("dấu hợp lệ (đánh x hoặc để trống)", "a valid mark (x or blank)"),
    "period": Txt("kỳ báo cáo hợp lệ (Cả năm hoặc 6 tháng)", "a valid period (Cả năm or 6 tháng)"),
    "text": Txt("họ tên", "a name"),
    "area": Txt("lĩnh vực hoạt động hợp lệ (KT, SK, ...)", "a valid activity area (KT, SK, ...)"),
}
CATEGORY_KINDS = {
    "circumstance": (Txt("hoàn cảnh", "circumstance"), CIRCUMSTANCES),
    "role": (Txt("chức vụ", "role"), ROLES),
    "purpose": (Txt("mục đích vay", "loan purpose"), LOAN_PURPOSES),
    "loan_source": (Txt("nguồn vốn", "loan source"), LOAN_SOURCES),
    "fund_source": (Txt("nguồn quỹ", "fund source"), FUND_SOURCES),
    "area": (Txt("lĩnh vực hoạt động", "activity area"), None),
}


# --- sheet names as offices write them ------------------------------------------------------
# "DS TV", "DSTV 2020", "1. Thông tin CLB", "HĐ": words offices shorten, and what they add
_SHEET_WORDS = {
    "ds": "danh sach", "tt": "thong tin", "hd": "hoat dong", "tv": "thanh vien",
    "hv": "hoi vien", "cs": "cham soc", "dstv": "danh sach thanh vien",
    "dshv": "danh sach hoi vien", "ttclb": "thong tin clb", "ttc": "thong tin chung",
}  # fmt: skip
_SHEET_NUMBER = re.compile(r"^(?:\d{1,2}|[ivx]{1,4}|[a-e])\s+(?=\w)")  # "1. ", "II. ", "a) "
_SHEET_TAIL = re.compile(
    r"(?:\s+(?:nam\s+)?(?:19|20)\d{2})+$|\s+(?:cua\s+)?(?:clb|cau lac bo)$|\s+(?:6 thang|ca nam)$"
)
# what may stand before a list's name: "Danh sách vay vốn", "Sổ theo dõi quỹ"
_SHEET_PREFIX = re.compile(r"^(?:danh sach|so theo doi|theo doi|so|bang)\s+")


def sheet_key(name: str) -> str:
    """A sheet's name as matched: folded, abbreviations spelled out ("DS TV" → "danh sach thanh
    vien"), without a leading number, a trailing year or "CLB"."""
    key = _SHEET_NUMBER.sub("", fold(name))
    key = " ".join(_SHEET_WORDS.get(word, word) for word in key.split())
    while True:
        shorter = _SHEET_TAIL.sub("", key)
        if shorter == key or not shorter:
            return key
        key = shorter


@functools.lru_cache(maxsize=4096)  # the same few names in every workbook
def sheet_keys(name: str) -> tuple[str, ...]:
    """The keys a sheet's name is tried under: itself, then without a "Danh sách" or
    "Sổ theo dõi" before it."""
    key = sheet_key(name)
    bare = _SHEET_PREFIX.sub("", key)
    return (key, bare) if bare != key and bare else (key,)

"""Realistic club workbooks, in every format and layout offices send, for trying clbtool,
its tests and its benchmark. Deterministic for a given seed."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from clbtool.output.sheets import WorkbookModel, write_workbook
from clbtool.plan import Plan
from clbtool.text import TCVN3_TO_UNICODE, VNI_TO_UNICODE, fold, strip_marks

FORMATS = ("xlsx", "xls", "ods")
LAYOUTS = ("canonical", "office", "ascii", "tcvn3", "vni")
LEGACY_FONTS = {"tcvn3": ".VnTime", "vni": "VNI-Times"}

_FAMILY = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Trương",
    "Đinh",
    "Lương",
    "Tạ",
    "Cao",
    "Mai",
    "Tô",
    "Châu",
)
_WOMEN = (
    "Lan",
    "Hoa",
    "Huệ",
    "Mai",
    "Cúc",
    "Đào",
    "Hồng",
    "Liên",
    "Nga",
    "Nhung",
    "Phượng",
    "Thu",
    "Thủy",
    "Tuyết",
    "Xuân",
    "Bích",
    "Hạnh",
    "Hương",
    "Lệ",
    "Loan",
    "Nguyệt",
    "Sen",
    "Tâm",
    "Thảo",
    "Trinh",
    "Vân",
    "Yến",
    "Diệu",
    "Gấm",
    "Kim",
    "Lựu",
    "Ngọc",
    "Quyên",
    "Sương",
)
_WOMEN_MIDDLE = ("Thị", "Thị Kim", "Thị Thu", "Thị Ngọc", "Thị Xuân", "Thị Hồng", "Thị Bích")
_MEN = (
    "Ba",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hùng",
    "Khải",
    "Lộc",
    "Minh",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thành",
    "Tùng",
    "Việt",
    "Vinh",
    "Tư",
    "Sáu",
    "Chín",
    "Mười",
)
_MEN_MIDDLE = ("Văn", "Đức", "Minh", "Văn Thanh", "Ngọc", "Quốc")
_HAMLETS = ("Thôn 1", "Thôn 2", "Thôn 3", "Thôn Đông", "Thôn Tây", "Thôn Trung", "Thôn An Lộc")
_COMMUNES = {
    "TP Quảng Ngãi": "Nghĩa Dõng", "Bình Sơn": "Bình Châu", "Sơn Tịnh": "Tịnh Khê",
    "Tư Nghĩa": "Nghĩa Kỳ", "Nghĩa Hành": "Hành Thiện", "Mộ Đức": "Đức Tân", "Đức Phổ": "Phổ Thạnh",
    "Ba Tơ": "Ba Thành", "Sơn Hà": "Sơn Hạ", "Trà Bồng": "Trà Sơn", "Tây Trà": "Trà Phong",
    "Sơn Tây": "Sơn Dung", "Minh Long": "Long Hiệp", "Lý Sơn": "An Vĩnh",
}  # fmt: skip
_AREA_CONTENT = {
    "KT": "Họp bàn cho vay vốn quỹ CLB", "SK": "Tập dưỡng sinh, truyền thông chăm sóc sức khỏe",
    "CSN": "Tình nguyện viên thăm, giúp việc nhà", "TGN": "Dọn vệ sinh đường làng",
    "QL": "Phổ biến chính sách đối với người cao tuổi", "VH": "Sinh hoạt văn nghệ, giao lưu",
    "NL": "Vận động hội viên đóng góp quỹ", "HTS": "Học tập kỹ năng",
}  # fmt: skip
_CIRC_TEXT = {"poor": "Nghèo", "near_poor": "Cận nghèo", "difficult": "Khó khăn"}
_ROLE_TEXT = {"chair": "Chủ nhiệm", "vice_chair": "Phó chủ nhiệm", "secretary": "Thư ký",
              "accountant": "Kế toán", "treasurer": "Thủ quỹ", "board": "Ủy viên"}  # fmt: skip
_FUND_TEXT = {"members": "Hội viên", "donors": "Tổ chức, cá nhân", "budget": "Ngân sách",
              "elderly_fund": "Quỹ NCT", "fundraising": "Gây quỹ"}  # fmt: skip


@dataclass
class SampleMember:
    code: str
    name: str
    birth: int | dt.date
    gender: str
    circumstance: str | None = None
    alone: bool = False
    role: str | None = None
    volunteer: bool = False
    arts: bool = False
    insurance: bool = False
    checkup: bool = False
    knowledge: bool = True
    needs_capital: bool = False
    connected: bool = False
    joined: dt.date | None = None
    left: dt.date | None = None
    note: str = ""


@dataclass
class SampleClub:
    name: str
    code: str
    hamlet: str
    commune: str
    district: str
    province: str
    founded: dt.date
    year: int
    period: str = "Cả năm"
    fund_opening: int = 0
    members: list[SampleMember] = field(default_factory=list)
    activities: list[tuple] = field(
        default_factory=list
    )  # (date|text, areas text, content, participants)
    loans: list[tuple] = field(
        default_factory=list
    )  # (code, name, date, amount, purpose, source, months, repaid)
    visits: list[tuple] = field(default_factory=list)  # (date, volunteer, receiver, content)
    fund: list[tuple] = field(default_factory=list)  # (date, content, source, income, spending)

    @property
    def chair(self) -> str:
        return next((m.name for m in self.members if m.role == "chair"), "")


def _names(rng: random.Random, women: int, men: int) -> tuple[list[str], list[str]]:
    def draw(n: int, middles, givens) -> list[str]:
        seen: set[str] = set()
        out: list[str] = []
        while len(out) < n:
            name = f"{rng.choice(_FAMILY)} {rng.choice(middles)} {rng.choice(givens)}"
            if name not in seen:
                seen.add(name)
                out.append(name)
        return out

    return draw(women, _WOMEN_MIDDLE, _WOMEN), draw(men, _MEN_MIDDLE, _MEN)


def make_club(
    rng: random.Random,
    plan: Plan,
    *,
    year: int,
    district: str,
    commune: str | None = None,
    code: str,
    members: int = 60,
    older: int = 46,
    women: int = 40,
    poor: int = 39,
    volunteers: int = 7,
    arts: int = 10,
    founded: dt.date | None = None,
) -> SampleClub:
    """A club that meets the plan with the given composition (counts of active members)."""
    commune = commune or _COMMUNES.get(district, "Tịnh Khê")
    club = SampleClub(
        name=f"CLB liên thế hệ tự giúp nhau xã {commune}",
        code=code,
        hamlet=rng.choice(_HAMLETS),
        commune=commune,
        district=district,
        province=plan.province or "Quảng Ngãi",
        founded=founded or dt.date(year, 3, rng.randint(1, 28)),
        year=year,
        fund_opening=rng.randrange(5, 40) * 500_000,
    )
    women_names, men_names = _names(rng, women, members - women)
    people = [(n, "F") for n in women_names] + [(n, "M") for n in men_names]
    rng.shuffle(people)
    older_idx = set(rng.sample(range(members), older))
    poor_idx = rng.sample(range(members), poor)
    poor_kind = {i: ("poor", "near_poor", "difficult")[k % 3] for k, i in enumerate(poor_idx)}
    volunteer_idx = set(rng.sample(range(members), volunteers))
    arts_idx = set(rng.sample(range(members), arts))
    roles = ["chair", "vice_chair", "secretary", "treasurer", "board"]
    for i, (name, gender) in enumerate(people):
        birth_year = year - rng.randint(60, 88) if i in older_idx else year - rng.randint(25, 59)
        birth: int | dt.date = (
            birth_year
            if rng.random() < 0.7
            else dt.date(birth_year, rng.randint(1, 12), rng.randint(1, 28))
        )
        member = SampleMember(
            code=f"TV{i + 1:03d}",
            name=name,
            birth=birth,
            gender=gender,
            circumstance=poor_kind.get(i),
            alone=i in older_idx and rng.random() < 0.08,
            role=roles[i] if i < len(roles) else None,
            volunteer=i in volunteer_idx,
            arts=i in arts_idx,
            insurance=rng.random() < 0.85,
            checkup=rng.random() < 0.7,
            needs_capital=i in poor_kind and rng.random() < 0.35,
            joined=club.founded
            if rng.random() < 0.9
            else dt.date(year, rng.randint(1, 6), rng.randint(1, 28)),
        )
        club.members.append(member)
    _activities(rng, plan, club)
    _loans(rng, club)
    _visits(rng, club)
    _fund(rng, club)
    return club


def _activities(rng: random.Random, plan: Plan, club: SampleClub) -> None:
    codes = [a.code for a in plan.areas]
    for month in range(1, 13):
        day = dt.date(club.year, month, rng.randint(5, 25))
        chosen = sorted({codes[(month - 1) % len(codes)], rng.choice(codes)}, key=codes.index)
        content = "; ".join(_AREA_CONTENT.get(c, "Sinh hoạt") for c in chosen)
        club.activities.append(
            (
                day,
                ", ".join(chosen),
                f"Sinh hoạt định kỳ tháng {month}: {content}",
                rng.randint(35, 60),
            )
        )
    for _ in range(rng.randint(2, 5)):
        area = rng.choice(codes)
        day = dt.date(club.year, rng.randint(1, 12), rng.randint(1, 28))
        club.activities.append(
            (day, plan.area(area).short, _AREA_CONTENT.get(area, "Hoạt động"), rng.randint(10, 40))
        )
    club.activities.sort(key=lambda a: a[0])


def _loans(rng: random.Random, club: SampleClub) -> None:
    needing = [m for m in club.members if m.needs_capital]
    for m in needing:
        if rng.random() < 0.25:
            m.connected = True
            continue
        amount = rng.randint(4, 20) * 500_000
        repaid = rng.choice((0, amount // 2, amount))
        club.loans.append((
            m.code, m.name, dt.date(club.year, rng.randint(1, 11), rng.randint(1, 28)), amount,
            rng.choice(("Chăn nuôi", "Trồng trọt", "Buôn bán", "Kinh doanh nhỏ")),
            rng.choice(("Quỹ CLB", "Quỹ CLB", "Ngân hàng CSXH")), rng.choice((6, 12, 24)), repaid,
        ))  # fmt: skip


def _visits(rng: random.Random, club: SampleClub) -> None:
    volunteers = [m for m in club.members if m.volunteer]
    receivers = [m.name for m in club.members if m.alone] or ["Bà Lê Thị Sáu (thôn 2)"]
    if not volunteers:
        return
    for _ in range(rng.randint(10, 24)):
        day = dt.date(club.year, rng.randint(1, 12), rng.randint(1, 28))
        club.visits.append(
            (
                day,
                rng.choice(volunteers).name,
                rng.choice(receivers),
                rng.choice(
                    ("Trò chuyện", "Nấu cơm", "Giặt giũ", "Giúp việc nhà", "Trò chuyện, nấu cơm")
                ),
            )
        )
    club.visits.sort(key=lambda v: v[0])


def _fund(rng: random.Random, club: SampleClub) -> None:
    for month in range(1, 13):
        club.fund.append(
            (
                dt.date(club.year, month, 10),
                f"Hội viên tiết kiệm tháng {month}",
                "Hội viên",
                len(club.members) * 20_000,
                0,
            )
        )
    for source in ("Tổ chức, cá nhân", "Ngân sách", "Quỹ NCT"):
        if rng.random() < 0.8:
            club.fund.append(
                (
                    dt.date(club.year, rng.randint(1, 12), rng.randint(1, 28)),
                    f"Hỗ trợ từ {source.lower()}",
                    source,
                    rng.randint(2, 20) * 500_000,
                    0,
                )
            )
    for _ in range(rng.randint(2, 5)):
        club.fund.append(
            (
                dt.date(club.year, rng.randint(1, 12), rng.randint(1, 28)),
                "Thăm hỏi thành viên ốm đau",
                "",
                0,
                rng.randint(1, 6) * 100_000,
            )
        )
    club.fund.sort(key=lambda e: e[0])


# --- layouts -----------------------------------------------------------------------------------------
def _upper_ascii(text: str) -> str:
    return strip_marks(text).upper()


_TO_TCVN3 = {uni: code for code, uni in TCVN3_TO_UNICODE.items()}
_TO_VNI = {uni: code for code, uni in VNI_TO_UNICODE.items() if len(uni) == 1 and code != uni}


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 (as typed with .VnTime), for making test files."""
    text = unicodedata.normalize("NFC", text)
    return "".join(_TO_TCVN3.get(ch) or _TO_TCVN3.get(ch.lower(), ch) for ch in text)


def to_vni(text: str) -> str:
    """Unicode → VNI (as typed with VNI-Times), for making test files."""
    return "".join(_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def _date_text(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _money_text(amount: int, rng_pick: int) -> str:
    if amount and amount % 1_000_000 == 0 and rng_pick % 3 == 0:
        return f"{amount // 1_000_000} triệu"
    if amount and amount % 100_000 == 0 and amount < 10_000_000 and rng_pick % 3 == 1:
        return f"{amount / 1_000_000:g}".replace(".", ",") + "tr"
    return f"{amount:,}".replace(",", ".")


def to_model(club: SampleClub, layout: str = "canonical") -> WorkbookModel:
    """The club as a workbook in one of the layouts offices use (see LAYOUTS)."""
    if layout not in LAYOUTS:
        raise ValueError(layout)
    office = layout in ("office", "ascii", "tcvn3", "vni")
    enc = {"tcvn3": to_tcvn3, "vni": to_vni}.get(layout, lambda s: s)

    def head(text: str) -> str:
        return _upper_ascii(text) if layout == "ascii" else enc(text.upper() if office else text)

    def text(value):
        return enc(value) if isinstance(value, str) else value

    def date(value):
        return _date_text(value) if office and isinstance(value, dt.date) else value

    wb = WorkbookModel()
    info = wb.add("Thông tin CLB" if layout != "ascii" else "Thong tin CLB")
    info.put(0, 0, text("THÔNG TIN CÂU LẠC BỘ"))
    info.bold_rows.add(0)
    rows = [
        ("Tên CLB", club.name), ("Mã CLB", club.code), ("Thôn/Tổ", club.hamlet),
        ("Xã/Phường/Thị trấn", club.commune), ("Huyện/Thị xã/Thành phố", club.district),
        ("Tỉnh", club.province), ("Ngày thành lập", club.founded), ("Năm báo cáo", club.year),
        ("Kỳ báo cáo", club.period), ("Chủ nhiệm", club.chair), ("Quỹ đầu kỳ", club.fund_opening),
    ]  # fmt: skip
    for i, (label, value) in enumerate(rows):
        shown_label = _upper_ascii(label) if layout == "ascii" else text(label)
        info.put_row(2 + i, [shown_label, date(text(value))])
    info.widths = {0: 26, 1: 48}

    _members_sheet(wb, club, layout, office, head, text, date)
    acts = wb.add("Hoạt động" if layout != "ascii" else "Hoat dong")
    hr = 2 if office else 0
    if office:
        acts.put(0, 0, text(f"NHẬT KÝ HOẠT ĐỘNG NĂM {club.year}"))
    acts.put_row(hr, [head(h) for h in ("Ngày", "Lĩnh vực", "Nội dung", "Số người tham gia")])
    acts.bold_rows.add(hr)
    for i, (day, areas, content, n) in enumerate(club.activities):
        acts.put_row(hr + 1 + i, [date(day), text(areas), text(content), n])
    acts.widths = {0: 12, 1: 16, 2: 60, 3: 10}

    loans = wb.add("Vay vốn" if layout != "ascii" else "Vay von")
    hr = 1 if office else 0
    if office:
        loans.put(0, 0, text("THEO DÕI CHO VAY VỐN"))
    loans.put_row(
        hr,
        [
            head(h)
            for h in (
                "Mã TV",
                "Họ và tên",
                "Ngày vay",
                "Số tiền vay",
                "Mục đích",
                "Nguồn vốn",
                "Thời hạn (tháng)",
                "Đã trả",
            )
        ],
    )
    for i, (code, name, day, amount, purpose, source, months, repaid) in enumerate(club.loans):
        amount_shown = _money_text(amount, i) if office and isinstance(amount, int) else amount
        repaid_shown = _money_text(repaid, i + 1) if office and isinstance(repaid, int) else repaid
        loans.put_row(
            hr + 1 + i,
            [
                code,
                text(name),
                date(day),
                amount_shown,
                text(purpose),
                text(source),
                months,
                repaid_shown if repaid else None,
            ],
        )

    visits = wb.add("Chăm sóc tại nhà" if layout != "ascii" else "Cham soc tai nha")
    visits.put_row(
        0, [head(h) for h in ("Ngày", "Tình nguyện viên", "Người được chăm sóc", "Nội dung")]
    )
    for i, (day, volunteer, receiver, content) in enumerate(club.visits):
        visits.put_row(1 + i, [date(day), text(volunteer), text(receiver), text(content)])

    fund = wb.add("Quỹ" if layout != "ascii" else "Quy")
    fund.put_row(0, [head(h) for h in ("Ngày", "Nội dung", "Nguồn", "Thu", "Chi")])
    for i, (day, content, source, income, spending) in enumerate(club.fund):
        fund.put_row(
            1 + i, [date(day), text(content), text(source), income or None, spending or None]
        )
    if layout in LEGACY_FONTS:  # typed with the legacy font, as such a file is: every text cell
        for sheet in wb.sheets:  # and the sheets' names, typed on the same keyboard
            sheet.name = enc(sheet.name)
            sheet.fonts = {
                k: LEGACY_FONTS[layout] for k, v in sheet.cells.items() if isinstance(v, str)
            }
    return wb


def _members_sheet(wb, club, layout, office, head, text, date) -> None:
    sheet = wb.add("Thành viên" if layout != "ascii" else "Thanh vien")

    def mark(flag: bool) -> str | None:
        return "x" if flag else None

    if not office:
        sheet.put_row(
            0,
            [
                "STT",
                "Mã TV",
                "Họ và tên",
                "Năm sinh",
                "Giới tính",
                "Hoàn cảnh",
                "Cô đơn",
                "Chức vụ",
                "Tình nguyện viên",
                "Tổ văn nghệ",
                "BHYT",
                "Khám sức khỏe",
                "Truyền thông sức khỏe",
                "Nhu cầu vốn",
                "Đã kết nối vay",
                "Ngày tham gia",
                "Ngày ra",
                "Ghi chú",
            ],
        )
        sheet.bold_rows.add(0)
        sheet.freeze_row = 1
        for i, m in enumerate(club.members):
            sheet.put_row(1 + i, [
                i + 1, m.code, m.name, m.birth, "Nữ" if m.gender == "F" else "Nam", _CIRC_TEXT.get(m.circumstance),
                mark(m.alone), _ROLE_TEXT.get(m.role), mark(m.volunteer), mark(m.arts), mark(m.insurance),
                mark(m.checkup), mark(m.knowledge), mark(m.needs_capital), mark(m.connected), m.joined, m.left, m.note,
            ])  # fmt: skip
        sheet.widths = {2: 26, 5: 12, 7: 14}
        return
    # The real-office layout: title rows, "Năm sinh" over Nam | Nữ, "Hoàn cảnh" over three columns.
    sheet.put(0, 0, text(f"DANH SÁCH THÀNH VIÊN {club.name.upper()}"))
    sheet.put(1, 0, text(f"Xã {club.commune}, huyện {club.district}"))
    top = ["STT", "Mã TV", "Họ và tên", "Năm sinh", None, "Hoàn cảnh", None, None, "Cô đơn", "Chức vụ", "TNV",
           "Văn nghệ", "BHYT", "Khám SK định kỳ", "Được truyền thông CSSK", "Cần vay vốn", "Kết nối vay vốn",
           "Ngày tham gia", "Ngày ra", "Ghi chú"]  # fmt: skip
    sub = [None, None, None, "Nam", "Nữ", "Hộ nghèo", "Cận nghèo", "Khó khăn"]
    sheet.put_row(3, [head(h) if h else None for h in top])
    sheet.put_row(4, [head(h) if h else None for h in sub])
    sheet.bold_rows |= {3, 4}
    sheet.merges += [(3, 3, 3, 4), (3, 5, 3, 7)]
    sheet.merges += [(3, c, 4, c) for c in (0, 1, 2, *range(8, 20))]
    sheet.freeze_row = 5
    for i, m in enumerate(club.members):
        birth = date(m.birth)
        sheet.put_row(5 + i, [
            i + 1, m.code, text(m.name), birth if m.gender == "M" else None, birth if m.gender == "F" else None,
            mark(m.circumstance == "poor"), mark(m.circumstance == "near_poor"), mark(m.circumstance == "difficult"),
            mark(m.alone), text(_ROLE_TEXT.get(m.role)), mark(m.volunteer), mark(m.arts), mark(m.insurance),
            mark(m.checkup), mark(m.knowledge), mark(m.needs_capital), mark(m.connected), date(m.joined),
            date(m.left), text(m.note),
        ])  # fmt: skip
    sheet.widths = {2: 26}


def write_club(club: SampleClub, path: Path, layout: str = "canonical") -> Path:
    write_workbook(to_model(club, layout), path)
    return path


def file_name(club: SampleClub, suffix: str) -> str:
    return f"clb-{fold(club.commune).replace(' ', '-')}.{suffix}"


def folder_name(district: str) -> str:
    """Folder names are the district's name without accents: "Sơn Tịnh" → "Son Tinh"."""
    return strip_marks(district)


def write_random(
    out: Path, plan: Plan, *, year: int, clubs: int, seed: int = 1, formats=FORMATS, layouts=LAYOUTS
) -> list[Path]:
    """``clubs`` valid club workbooks for ``year`` spread over the plan's units, in a mix
    of formats and layouts: OUT/<year>/<unit>/<file>."""
    rng = random.Random(seed)
    units = [u.name for u in plan.units if u.exists_in(year)] or ["Don vi 1", "Don vi 2"]
    paths = []
    for i in range(clubs):
        district = units[i % len(units)]
        commune = (
            f"{_COMMUNES.get(district, 'Xã')} {i // len(units) + 1}" if clubs > len(units) else None
        )
        n = rng.randint(52, 68)
        club = make_club(
            rng,
            plan,
            year=year,
            district=district,
            commune=commune,
            code=f"QN{i + 1:05d}",
            members=n,
            older=round(n * rng.uniform(0.72, 0.85)),
            women=round(n * rng.uniform(0.61, 0.69)),
            poor=round(n * rng.uniform(0.61, 0.69)),
            volunteers=rng.randint(5, 9),
            arts=rng.randint(6, 14),
            founded=dt.date(year - rng.randint(0, 2), 3, 1),
        )
        fmt = formats[i % len(formats)]
        layout = layouts[(i // len(formats)) % len(layouts)]
        path = out / str(year) / folder_name(district) / file_name(club, fmt)
        paths.append(write_club(club, path, layout))
    return paths


__all__ = [
    "SampleClub",
    "SampleMember",
    "make_club",
    "to_model",
    "write_club",
    "write_random",
]


# --- the demo province: what sample_data/ holds ------------------------------------------------
DEMO_2018 = ("TP Quảng Ngãi", "Bình Sơn", "Sơn Tịnh", "Tư Nghĩa", "Nghĩa Hành", "Mộ Đức")
DEMO_2020_NEW = ("Đức Phổ", "Ba Tơ", "Sơn Hà", "Trà Bồng")
DEMO_MISSING_2020 = "Ba Tơ"  # expected by the plan in 2020, sends nothing: T02, T03, T04


def _demo_club(plan: Plan, district: str, year: int, **counts) -> SampleClub:
    unit = plan.unit(district)
    seed = f"{district}-{year}"
    founded = dt.date(2018 if district in DEMO_2018 else 2020, 3, 15)
    return make_club(
        random.Random(seed),
        plan,
        year=year,
        district=district,
        code=f"{unit.code}-01",
        founded=founded,
        **counts,
    )


def demo_province(plan: Plan) -> list[tuple[str, SampleClub, str, str]]:
    """The demo province's files: (relative path, club, layout, note). Faults are on purpose
    and listed in sample_data/README.md."""
    files: list[tuple[str, SampleClub, str, str]] = []

    def add(
        district: str,
        year: int,
        fmt: str,
        layout: str,
        note: str = "",
        club: SampleClub | None = None,
        **counts,
    ):
        club = club or _demo_club(plan, district, year, **counts)
        files.append((f"{year}/{folder_name(district)}/{file_name(club, fmt)}", club, layout, note))
        return club

    formats_2018 = ("xlsx", "xlsx", "xls", "xlsx", "ods", "xlsx")
    for district, fmt in zip(DEMO_2018, formats_2018, strict=True):
        add(district, 2018, fmt, "canonical")
    layouts_2019 = ("canonical", "office", "canonical", "ascii", "office", "canonical")
    formats_2019 = ("xlsx", "xls", "xlsx", "ods", "xlsx", "xlsx")
    for district, fmt, layout in zip(DEMO_2018, formats_2019, layouts_2019, strict=True):
        if district == "Mộ Đức":
            add(district, 2019, fmt, layout, "C03: phụ nữ 56,7% (34/60)", women=34)
        else:
            tinh_khe = add(district, 2019, fmt, layout)
            if district == "Sơn Tịnh":
                files.append(
                    (
                        f"2019/{folder_name(district)}/clb-tinh-khe-ban-sao.xlsx",
                        tinh_khe,
                        "canonical",
                        "T01: cùng CLB với clb-tinh-khe.xlsx",
                    )
                )
    add("TP Quảng Ngãi", 2020, "ods", "vni", "F04: chữ VNI")
    add(
        "Bình Sơn",
        2020,
        "xlsx",
        "canonical",
        "C01: 45 thành viên",
        members=45,
        older=34,
        women=30,
        poor=29,
    )
    add("Sơn Tịnh", 2020, "xlsx", "canonical")
    club = add(
        "Tư Nghĩa",
        2020,
        "xlsx",
        "office",
        "C05: 4 TNV; C07: không có tổ văn nghệ; X01: người vay ngoài CLB",
        volunteers=4,
        arts=0,
    )
    club.loans.append(
        ("", "Nguyễn Văn Ngoài", dt.date(2020, 5, 12), 5_000_000, "Chăn nuôi", "Quỹ CLB", 12, 0)
    )
    add(
        "Nghĩa Hành",
        2020,
        "xls",
        "canonical",
        "C02: người cao tuổi 62,5% (40/64)",
        members=64,
        older=40,
        women=42,
        poor=41,
    )
    add(
        "Mộ Đức",
        2020,
        "xlsx",
        "office",
        "C03 (thông tin): phụ nữ 72,6% (45/62)",
        members=62,
        older=47,
        women=45,
        poor=40,
    )
    add("Đức Phổ", 2020, "xls", "tcvn3", "F04: chữ TCVN3")
    club = add(
        "Sơn Hà",
        2020,
        "xlsx",
        "canonical",
        "V01: ngày 31/02/2020; V02: năm sinh 1890; A01: không có hoạt động NL",
    )
    club.activities = [
        (
            d,
            areas.replace("NL", "VH").replace("VH, VH", "VH"),
            content.replace("Vận động hội viên đóng góp quỹ", "Sinh hoạt văn nghệ"),
            n,
        )
        if not (isinstance(areas, str) and areas == plan.area("NL").short)
        else (d, "VH", "Giao lưu văn nghệ", n)
        for d, areas, content, n in club.activities
    ]
    club.activities.append(("31/02/2020", "SK", "Khám sức khỏe định kỳ", 50))
    club.members[-1].birth = 1890
    add("Trà Bồng", 2020, "ods", "office")
    return files


def write_demo_province(out: Path, plan: Plan) -> list[Path]:
    """Write the demo province (sample_data/) under ``out``, with a lock file and a note that
    aggregate must skip."""
    paths = []
    for rel, club, layout, _ in demo_province(plan):
        paths.append(write_club(club, out / rel, layout))
    lock = out / "2020" / "Son Tinh" / "~$clb-tinh-khe.xlsx"
    lock.write_bytes(b"\x0bclbtool\x00" + b"\x00" * 150)
    (out / "2020" / "Son Tinh" / "ghi-chu.txt").write_text(
        "Đã nhận đủ báo cáo của xã Tịnh Khê.\n", "utf-8"
    )
    return paths

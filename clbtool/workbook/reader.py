"""Read one club workbook into a :class:`Club` and the findings of the F, S and V rules."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from clbtool.findings import Finding, Place, column_letter, finding
from clbtool.i18n import Money, Txt
from clbtool.plan import Plan
from clbtool.text import (
    closest,
    convert_legacy,
    convert_legacy_text,
    fold,
    is_latin1_only,
    legacy_evidence,
    might_be_legacy,
)
from clbtool.workbook import values as V
from clbtool.workbook.layout import (
    Column,
    Group,
    Header,
    SheetSpec,
    find_header,
    missing_columns,
)
from clbtool.workbook.records import (
    Activity,
    Club,
    FundEntry,
    HomeVisit,
    Loan,
    Member,
)
from clbtool.workbook.source import (
    DEFAULT_LIMITS,
    FileProblem,
    Limits,
    is_library_error,
    open_workbook,
)

# --- the contract of WORKBOOK.md §1, as data ------------------------------------------------
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

INFO = SheetSpec("info", ("Thông tin CLB", "Thông tin", "Thông tin chung"), required=True)
MEMBERS = SheetSpec(
    "members",
    ("Thành viên", "Danh sách thành viên", "Hội viên"),
    columns=(
        Column("stt", ("STT", "TT", "Số TT")),
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
    ),
    groups=(
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
)
ACTIVITIES = SheetSpec(
    "activities",
    ("Hoạt động", "Sinh hoạt", "Nhật ký hoạt động"),
    columns=(
        Column("date", ("Ngày", "Ngày sinh hoạt", "Thời gian"), required=True),
        Column("area", ("Lĩnh vực", "Lĩnh vực hoạt động"), required=True),
        Column("content", ("Nội dung",)),
        Column("participants", ("Số người tham gia", "Số người", "Số lượt người tham gia")),
        Column("note", ("Ghi chú",)),
    ),
)
LOANS = SheetSpec(
    "loans",
    ("Vay vốn", "Vốn vay", "Cho vay"),
    columns=(
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
)
VISITS = SheetSpec(
    "visits",
    ("Chăm sóc tại nhà", "Chăm sóc", "Thăm hỏi chăm sóc"),
    columns=(
        Column("date", ("Ngày",), required=True),
        Column("volunteer", ("Tình nguyện viên", "TNV"), required=True),
        Column("receiver", ("Người được chăm sóc",), required=True),
        Column("content", ("Nội dung",)),
    ),
)
FUND = SheetSpec(
    "fund",
    ("Quỹ", "Thu chi quỹ", "Nguồn lực"),
    columns=(
        Column("date", ("Ngày",), required=True),
        Column("content", ("Nội dung",)),
        Column("source", ("Nguồn",)),
        Column("income", ("Thu", "Số tiền thu")),
        Column("spending", ("Chi", "Số tiền chi")),
    ),
    one_of=(("income", "spending"),),
)
LIST_SHEETS = (MEMBERS, ACTIVITIES, LOANS, VISITS, FUND)
SHEETS = (INFO, *LIST_SHEETS)

CIRCUMSTANCES = {
    "poor": ("Nghèo", "Hộ nghèo", "HN", "Hộ nghèo (HN)"),
    "near_poor": ("Cận nghèo", "Hộ cận nghèo", "CN", "Cận"),
    "difficult": ("Khó khăn", "Hoàn cảnh khó khăn", "KK", "Gia đình khó khăn", "Hộ khó khăn"),
}
ROLES = {
    "chair": ("Chủ nhiệm", "Chủ nhiệm CLB", "CN CLB"),
    "vice_chair": ("Phó chủ nhiệm", "Phó CN", "P. Chủ nhiệm"),
    "secretary": ("Thư ký",),
    "accountant": ("Kế toán",),
    "treasurer": ("Thủ quỹ",),
    "board": ("Ủy viên", "Uỷ viên", "Ủy viên BCN", "Ban chủ nhiệm"),
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


_CIRC, _ROLE, _PURPOSE, _LSOURCE, _FSOURCE, _PERIOD = (
    _table(CIRCUMSTANCES),
    _with_blank_role(ROLES),
    _table(LOAN_PURPOSES),
    _table(LOAN_SOURCES),
    _table(FUND_SOURCES),
    _table(PERIODS),
)

KINDS = {
    "date": Txt("ngày (ngày/tháng/năm)", "a date (day/month/year)"),
    "year": Txt("năm sinh", "a birth year"),
    "number": Txt("số nguyên", "a whole number"),
    "amount": Txt("số tiền", "an amount"),
    "gender": Txt("giới tính (Nam/Nữ)", "a gender (Nam/Nữ)"),
    "mark": Txt("dấu x (có/không)", "a mark (x or blank)"),
    "period": Txt("kỳ báo cáo (Cả năm / 6 tháng)", "a period (Cả năm / 6 tháng)"),
    "text": Txt("họ tên", "a name"),
    "area": Txt("lĩnh vực hoạt động (KT, SK, ...)", "an activity area (KT, SK, ...)"),
}
CATEGORY_KINDS = {
    "circumstance": (Txt("hoàn cảnh", "circumstance"), CIRCUMSTANCES),
    "role": (Txt("chức vụ", "role"), ROLES),
    "purpose": (Txt("mục đích vay", "loan purpose"), LOAN_PURPOSES),
    "loan_source": (Txt("nguồn vốn", "loan source"), LOAN_SOURCES),
    "fund_source": (Txt("nguồn quỹ", "fund source"), FUND_SOURCES),
    "area": (Txt("lĩnh vực hoạt động", "activity area"), None),
}
_COLUMN_NUMBER = re.compile(r"\(?\d+\)?")  # "(2)" under a header: the column's number
_SKIP_MAX_LEN = 12  # "Tổng cộng", "(12)": longer text is data
_SKIP_NAMES = {"tong", "tong cong", "cong", "tong so", "total"}
_AREA_SEPARATORS = re.compile(r"[,;\n+/]")
_MISSING = object()


@dataclass
class ReadResult:
    """What reading one file gives: the club (None when the file could not be read) and
    the findings of the F, S and V rules."""

    path: str
    club: Club | None
    findings: list[Finding] = field(default_factory=list)
    legacy_cells: int = 0


@dataclass
class _Sheet:
    name: str
    rows: list[list]
    merged: list


class _Reader:
    def __init__(self, path: str, plan: Plan, period: str | None, year: int | None) -> None:
        self.path = path
        self.plan = plan
        self.findings: list[Finding] = []
        self.club = Club(path=path)
        self.period_override = period
        self.year_override = year
        self.period = (self.club.period_start, self.club.period_end)
        self.memo: dict = {}  # (parser, type, raw) -> value, for values read without error

    def add(self, code: str, variant: str = "", **kw) -> None:
        self.findings.append(finding(code, variant, **kw))

    # -- cells -------------------------------------------------------------------------------------
    def parse(
        self, parser: Callable, raw: object, place: Place, field_name: str, kind: str, label: str
    ):
        if raw is None or raw == "":  # most cells of a list are empty: skip the parser
            return False if parser is V.parse_mark else None
        key = (parser, raw.__class__, raw)
        value = self.memo.get(key, _MISSING)  # "Nữ", "x", a founding date: the same many times
        if value is not _MISSING:
            return value
        try:
            value = parser(raw)
        except (ValueError, OverflowError, TypeError):
            self.add(
                "V01",
                place=place,
                field_name=field_name,
                value=_shown(raw),
                kind=KINDS[kind],
                column=label,
            )
            return None
        self.memo[key] = value
        return value

    def blank(self, place: Place, field_name: str, kind: str, label: str) -> None:
        """V01 for an empty cell in a column the contract requires."""
        self.add(
            "V01",
            "blank",
            place=place,
            field_name=field_name,
            value="",
            kind=KINDS[kind],
            column=label,
        )

    def required(
        self, parser: Callable, raw: object, place: Place, field_name: str, kind: str, label: str
    ):
        """Parse a value the contract requires: an empty cell is V01 too."""
        if V.is_blank(raw):
            self.blank(place, field_name, kind, label)
            return None
        return self.parse(parser, raw, place, field_name, kind, label)

    def category(
        self, raw: object, table: dict[str, str], kind: str, place: Place, field_name: str
    ) -> str | None:
        if raw is None or raw == "":
            return None
        key = (id(table), raw)
        if key in self.memo:
            return self.memo[key]
        try:
            code = V.parse_category(raw, table)
        except KeyError:
            label, names = CATEGORY_KINDS[kind]
            choices = (
                [n for ns in names.values() for n in ns] if names else self.plan.all_area_names()
            )
            self.add(
                "V05",
                place=place,
                field_name=field_name,
                value=_shown(raw),
                kind=label,
                suggest=_suggest(raw, choices),
            )
            return None
        self.memo[key] = code or None
        return code or None


def _shown(raw: object) -> str:
    if raw.__class__ is str:
        return raw
    if isinstance(raw, float) and raw == int(raw):
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw)


def _suggest(raw: object, choices) -> Txt | str:
    best = closest(str(raw), choices)
    if not best:
        return ""
    return Txt(f'; có phải "{best}"?', f'; did you mean "{best}"?')


def read_club(
    path: str | Path,
    plan: Plan,
    *,
    password: str | None = None,
    period: str | None = None,
    year: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    display_path: str | None = None,
    identity_only: bool = False,
) -> ReadResult:
    """Read one club workbook. Never raises for a bad file: problems become findings.

    ``identity_only``: the club's information sheet and every sheet's header, not the rows of
    the lists (a third of the work): who the club is, with the same F and S findings as a
    full read, for knowing which clubs reported in another year."""
    path = Path(path)
    shown = display_path or str(path)
    reader = _Reader(shown, plan, period, year)
    result = ReadResult(shown, None, reader.findings)
    try:
        workbook, _ = open_workbook(path, password, limits)
        sheets = _load_sheets(workbook, reader, limits)
    except FileProblem as problem:
        reader.add(problem.code, problem.variant, **problem.params)
        return result
    result.legacy_cells = _convert_legacy(sheets, reader)
    _read_info(sheets.get("info"), reader)
    if identity_only:
        for spec in LIST_SHEETS:
            if sheets.get(spec.role) is not None:
                _header(sheets[spec.role], spec, reader)  # S02, as the lists' readers give it
        result.club = reader.club
        return result
    _read_members(sheets.get("members"), reader)
    _read_activities(sheets.get("activities"), reader)
    _read_loans(sheets.get("loans"), reader)
    _read_visits(sheets.get("visits"), reader)
    _read_fund(sheets.get("fund"), reader)
    _check_members(reader)
    result.club = reader.club
    return result


def _load_sheets(workbook, reader: _Reader, limits: Limits) -> dict[str, _Sheet]:
    try:
        names = list(workbook.sheet_names)
    except BaseException as exc:
        if not is_library_error(exc):
            raise
        raise FileProblem(
            "F01", reason=Txt("không đọc được danh sách trang", "cannot list the sheets")
        ) from exc
    try:
        from python_calamine import SheetVisibleEnum

        hidden = {m.name for m in workbook.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    except Exception:  # metadata is a nicety; a workbook without it is read all the same
        hidden = set()
    if not names:
        raise FileProblem(
            "F01", reason=Txt("bảng tính không có trang nào", "the workbook has no sheets")
        )
    by_fold = {}
    for name in names:
        nfc_name = unicodedata.normalize("NFC", name)
        by_fold.setdefault(fold(nfc_name), name)
        for enc in ("tcvn3", "vni"):  # a sheet named with a legacy font
            if legacy_evidence(nfc_name) == enc:
                by_fold.setdefault(fold(convert_legacy(nfc_name, enc)), name)
    sheets: dict[str, _Sheet] = {}
    for spec in SHEETS:
        real = next((by_fold[fold(n)] for n in spec.names if fold(n) in by_fold), None)
        if real is None:
            if spec.required:
                reader.add("S01", missing=spec.names[0], found=", ".join(f'"{n}"' for n in names))
            continue
        try:
            sheet = workbook.get_sheet_by_name(real)
        except BaseException as exc:  # calamine: malformed XML, entities (XML bombs, XXE), panics
            if not is_library_error(exc):
                raise
            raise FileProblem(
                "F01",
                reason=Txt(
                    f'trang "{real}" bị hỏng hoặc có nội dung không cho phép ({type(exc).__name__})',
                    f'sheet "{real}" is damaged or has content that is not allowed ({type(exc).__name__})',
                ),
            ) from exc
        if sheet.height > limits.sheet_rows or sheet.height * sheet.width > limits.sheet_cells:
            raise FileProblem(
                "F03",
                what=Txt(f'số dòng của trang "{real}"', f'rows in sheet "{real}"'),
                found=sheet.height,
                limit=limits.sheet_rows,
            )
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except BaseException as exc:
            if not is_library_error(exc):
                raise
            raise FileProblem(
                "F01", reason=Txt(f'trang "{real}" bị hỏng', f'sheet "{real}" is damaged')
            ) from exc
        sheets[spec.role] = _Sheet(
            unicodedata.normalize("NFC", real), rows, list(sheet.merged_cell_ranges or [])
        )
        reader.club.sheets[spec.role] = sheets[spec.role].name
        if real in hidden:
            reader.add("F05", hidden=sheets[spec.role].name)
    if not any(sheet.rows for sheet in sheets.values()) and all(
        workbook.get_sheet_by_name(n).height == 0 for n in names
    ):
        reader.findings.clear()  # an empty workbook is one finding, not a missing sheet each
        raise FileProblem(
            "F01", reason=Txt("bảng tính trống, không có dữ liệu", "the workbook is empty")
        )
    return sheets


_SEP = "\x00"


_CLEAR_VOTE = 30


def _vote(texts: list[str]) -> str | None:
    """The legacy encoding most cells show clear signs of, if any."""
    votes = {"tcvn3": 0, "vni": 0}
    for text in texts:
        if might_be_legacy(text):
            enc = legacy_evidence(text)
            if enc:
                votes[enc] += 1
                other = votes["vni" if enc == "tcvn3" else "tcvn3"]
                if votes[enc] >= _CLEAR_VOTE and votes[enc] >= 10 * other:
                    return enc  # many cells agree, few disagree: no need to read on
    encoding = max(votes, key=votes.get)
    return encoding if votes[encoding] else None


def _converted(reader: _Reader, count: int, encoding: str) -> int:
    if count:
        reader.add("F04", count=count, encoding="TCVN3 (ABC)" if encoding == "tcvn3" else "VNI")
    return count


def _convert_cells(refs: list[tuple[list, int]], texts: list[str], reader: _Reader) -> int:
    """The cell-by-cell path of :func:`_convert_legacy`, for text holding NUL characters."""
    texts = [unicodedata.normalize("NFC", text) for text in texts]
    for (row, i), text in zip(refs, texts, strict=True):
        row[i] = text
    encoding = _vote(texts)
    if encoding is None:
        return 0
    count = 0
    for row, i in refs:
        new = convert_legacy(row[i], encoding)
        if new != row[i]:
            row[i] = new
            count += 1
    return _converted(reader, count, encoding)


def _convert_legacy(sheets: dict[str, _Sheet], reader: _Reader) -> int:
    """NFC every text cell; convert TCVN3/VNI text when the workbook shows it (F04).

    The text cells beyond ASCII (ASCII needs neither) are joined once and normalised, tested
    and converted as one string (C speed); a cell with characters beyond Latin-1 is Unicode
    already and kept. The new texts go back through one mapping, old text -> new, applied to
    every row at once."""
    texts = [
        v
        for sheet in sheets.values()
        for row in sheet.rows
        for v in row
        if v.__class__ is str and not v.isascii()
    ]
    if not texts:
        return 0
    joined = _SEP.join(texts)
    normal = unicodedata.is_normalized("NFC", joined)
    if normal and not might_be_legacy(joined):
        return 0  # the usual workbook, decided in one pass: nothing to normalise or convert
    if joined.count(_SEP) != len(texts) - 1:  # a cell holds the separator itself: one by one
        return _convert_cells(*_legacy_refs(sheets), reader)
    originals = texts
    if not normal:
        # NFC never composes across the separators, so the split gives the cells back
        joined = unicodedata.normalize("NFC", joined)
        texts = joined.split(_SEP)
    new_texts: dict[str, str] = {}
    count, encoding = 0, None
    if might_be_legacy(joined):
        encoding = _vote(texts)
    if encoding is not None:
        converted = convert_legacy_text(joined, encoding).split(_SEP)
        # when some cells go beyond Latin-1 (Unicode already), those are kept as they are
        all_latin1 = is_latin1_only(joined)
        for original, old, new in zip(originals, texts, converted, strict=True):
            if new != old and (all_latin1 or is_latin1_only(old)):
                new_texts[original] = new
                count += 1
            elif old != original:  # normalised only
                new_texts[original] = old
    elif not normal:
        new_texts = {o: t for o, t in zip(originals, texts, strict=True) if o != t}
    if new_texts:
        get = new_texts.get
        for sheet in sheets.values():
            for row in sheet.rows:
                row[:] = map(get, row, row)  # a cell's new text, or the cell as it is
    return 0 if encoding is None else _converted(reader, count, encoding)


def _legacy_refs(sheets: dict[str, _Sheet]) -> tuple[list[tuple[list, int]], list[str]]:
    """Where each text cell beyond ASCII is, and its text: for :func:`_convert_cells`."""
    refs: list[tuple[list, int]] = []
    texts: list[str] = []
    for sheet in sheets.values():
        for row in sheet.rows:
            for i, v in enumerate(row):
                if v.__class__ is str and not v.isascii():
                    refs.append((row, i))
                    texts.append(v)
    return refs, texts


# --- "Thông tin CLB" ---------------------------------------------------------------------------
_INFO_LABELS = {fold(alias): key for key, (aliases, _) in INFO_FIELDS.items() for alias in aliases}


def _read_info(sheet: _Sheet | None, reader: _Reader) -> None:
    club = reader.club
    if sheet is None:
        return
    club.info_sheet = sheet.name
    labels = _INFO_LABELS
    found: dict[str, tuple[object, Place]] = {}
    # A "Giá trị" header (as in the blank form) fixes the value column; otherwise the value
    # is the first filled cell right of the label (labels and values are often merged cells).
    fixed_col = next(
        (
            c
            for row in sheet.rows[:20]
            for c, v in enumerate(row)
            if v.__class__ is str and len(v) <= 20 and fold(v) == "gia tri"
        ),
        None,
    )
    for r, row in enumerate(sheet.rows[:200]):
        for c, v in enumerate(row):
            if not isinstance(v, str):
                continue
            label, sep, inline = v.partition(":")
            if (
                sep
                and inline.strip()
                and fold(label) in labels
                and labels[fold(label)] not in found
            ):
                key = labels[fold(label)]  # "Tên CLB: CLB Tịnh Khê" in one cell
                found[key] = (inline.strip(), Place(sheet.name, r + 1, {key: c}))
                continue
            if fold(v) not in labels:
                continue
            key = labels[fold(v)]
            if key in found:
                break
            if fixed_col is not None and fixed_col > c:
                value_col = (
                    fixed_col if fixed_col < len(row) and not V.is_blank(row[fixed_col]) else None
                )
                col = fixed_col
            else:
                value_col = next(
                    (k for k in range(c + 1, len(row)) if not V.is_blank(row[k])), None
                )
                col = value_col if value_col is not None else c + 1
            found[key] = (
                row[value_col] if value_col is not None else None,
                Place(sheet.name, r + 1, {key: col}),
            )
            break
    for key, (aliases, required) in INFO_FIELDS.items():
        if key == "district" and reader.plan.unit_level != "district":
            required = False
        raw, place = found.get(key, (None, None))
        if V.is_blank(raw):
            if required:
                reader.add("S03", place=place, field_name=key, sheet=sheet.name, label=aliases[0])
            continue
        club.info_places[key] = place.cell(key)
        if key == "founded":
            club.founded = reader.parse(V.parse_date, raw, place, key, "date", aliases[0])
        elif key == "year":
            year = reader.parse(V.parse_birth, raw, place, key, "year", aliases[0])
            club.year = year[0] if year else None
        elif key == "fund_opening":
            club.fund_opening = reader.parse(V.parse_amount, raw, place, key, "amount", aliases[0])
        elif key == "period":
            folded = fold(str(raw))
            if folded in _PERIOD:
                club.period = _PERIOD[folded]
            else:
                reader.add(
                    "V01",
                    place=place,
                    field_name=key,
                    value=_shown(raw),
                    kind=KINDS["period"],
                    column=aliases[0],
                )
        else:
            text = _shown(raw).strip()
            setattr(club, key, text)
    if reader.period_override:
        club.period = reader.period_override
    if club.year is None and reader.year_override:
        club.year = reader.year_override
    reader.period = (club.period_start, club.period_end)


# --- list sheets -------------------------------------------------------------------------------------
def _header(sheet: _Sheet, spec: SheetSpec, reader: _Reader) -> Header | None:
    """The header of a list sheet, or None after S02 findings for missing columns."""
    header = find_header(sheet.rows, spec, sheet.merged)
    missing = missing_columns(header, spec)
    if not missing:
        return header
    labels = (
        header.labels
        if header
        else [str(v) for row in sheet.rows[:3] for v in row if not V.is_blank(v)]
    )
    for col in missing:
        best = closest(col.names[0], labels)
        suggest = Txt(f' (có phải "{best}"?)', f' (did you mean "{best}"?)') if best else ""
        reader.add(
            "S02",
            sheet=sheet.name,
            column=col.names[0],
            suggest=suggest,
            found=", ".join(f'"{x}"' for x in labels[:20]) or "-",
        )
    return None


def _data_rows(sheet: _Sheet, header: Header, keys: tuple[int, ...]):
    """Yield (place, row) for each data row: some key cell filled, not a totals row nor the
    row of column numbers. Rows are padded to the header's width."""
    columns = header.columns
    width = max(columns.values()) + 1
    name = sheet.name
    for r in range(header.data_start, len(sheet.rows)):
        row = sheet.rows[r]
        for k in keys:  # skip rows whose key cells are all blank
            v = row[k] if k < len(row) else None
            if v is None or v == "" or (v.__class__ is str and not v.strip()):
                continue
            break
        else:
            continue
        first = row[keys[0]]
        if (
            first.__class__ is str
            and len(first) <= _SKIP_MAX_LEN
            and (fold(first) in _SKIP_NAMES or _COLUMN_NUMBER.fullmatch(first.strip()))
        ):
            continue  # a totals row, or the row of column numbers under the header
        if len(row) < width:
            row = [*row, *([None] * (width - len(row)))]
        yield Place(name, r + 1, columns), row


def _rows(sheet: _Sheet | None, spec: SheetSpec, reader: _Reader, key_fields: tuple[str, ...]):
    """The columns of a list sheet (field -> index) and its data rows as (place, row), after
    the S02 checks; None when the sheet is absent or lacks a required column."""
    if sheet is None:
        return None
    header = _header(sheet, spec, reader)
    if header is None:
        return None
    columns = header.columns
    keys = tuple(columns[k] for k in key_fields if k in columns)
    if not keys:
        return None
    return columns, _data_rows(sheet, header, keys)


_GENDER_FAST = {"Nữ": "F", "Nam": "M", "nữ": "F", "nam": "M", "NỮ": "F", "NAM": "M"}
_MEMBER_MARKS = (
    ("alone", "alone", "Cô đơn"),
    ("volunteer", "volunteer", "Tình nguyện viên"),
    ("arts", "arts", "Tổ văn nghệ"),
    ("insurance", "health_insurance", "BHYT"),
    ("checkup", "checkup", "Khám sức khỏe"),
    ("knowledge", "health_knowledge", "Truyền thông sức khỏe"),
    ("needs_capital", "needs_capital", "Nhu cầu vốn"),
    ("connected", "lender_connected", "Đã kết nối vay"),
)


_MARK_FAST = {None: False, "": False, "x": True, "X": True}
_MEMBER_FIELDS = (
    "place", "name", "code", "birth_year", "birth_date", "gender", "circumstance", "alone",
    "role", "volunteer", "arts", "health_insurance", "checkup", "health_knowledge",
    "needs_capital", "lender_connected", "joined", "left", "note",
)  # fmt: skip
assert tuple(f.name for f in fields(Member)) == _MEMBER_FIELDS  # members are built positionally


def _read_members(sheet: _Sheet | None, reader: _Reader) -> None:
    """The member list, read column by column: each column's common values (a year typed
    as a number, "x", "Nữ", a date cell, a blank) are taken in one pass, and only the other
    cells go through the parsers, which report what they cannot read."""
    if sheet is None:
        return
    header = _header(sheet, MEMBERS, reader)
    if header is None:
        return
    cols = header.columns
    c_name = cols["name"]
    places: list[Place] = []
    rows: list[list] = []
    names: list[str] = []
    for place, row in _data_rows(sheet, header, (c_name,)):
        name = row[c_name]
        if name.__class__ is not str:
            if isinstance(name, int | float) and not isinstance(name, bool):
                continue  # a number where the name goes: a column-number row
            name = _shown(name)
        places.append(place)
        rows.append(row)
        names.append(name.strip())
    n = len(rows)
    if not n:
        return

    def column(f: str) -> list | None:
        c = cols.get(f)
        return None if c is None else [row[c] for row in rows]

    codes = column("code")
    codes = [None] * n if codes is None else [_text(v) or None for v in codes]

    # birth year, in one column or in "Năm sinh" over Nam | Nữ (which gives the gender too)
    births: list = [None] * n
    genders: list = [None] * n
    raw = column("birth")
    if raw is not None:
        births = [
            (int(v), None) if v.__class__ is float and v.is_integer() and 1900 <= v <= 2100 else _MISSING
            for v in raw
        ]  # fmt: skip
        for i in _missing_at(births):
            if V.is_blank(raw[i]):
                reader.blank(places[i], "birth", "year", "Năm sinh")
                births[i] = None
            else:
                births[i] = reader.parse(V.parse_birth, raw[i], places[i], "birth", "year", "Năm sinh")  # fmt: skip
    else:
        by_gender = [(cols[f], f, g) for f, g in (("birth_f", "F"), ("birth_m", "M")) if f in cols]
        field_name = "birth_f" if "birth_f" in cols else "birth_m"
        for i, row in enumerate(rows):
            for c, fld, gender in by_gender:
                v = row[c]
                if v.__class__ is float and v.is_integer() and 1900 <= v <= 2100:
                    births[i] = (int(v), None)  # the common case: a year typed as a number
                    genders[i] = gender
                    break
                if not V.is_blank(v):
                    births[i] = reader.parse(V.parse_birth, v, places[i], fld, "year", "Năm sinh")
                    genders[i] = gender
                    break
            else:
                reader.blank(places[i], field_name, "year", "Năm sinh")
    _check_births(births, genders, places, reader)

    raw = column("gender")
    if raw is not None:
        genders = [_GENDER_FAST.get(v) if v.__class__ is str else None for v in raw]
        for i in [i for i, g in enumerate(genders) if g is None]:
            if V.is_blank(raw[i]):
                reader.blank(places[i], "gender", "gender", "Giới tính")
            else:
                genders[i] = reader.parse(V.parse_gender, raw[i], places[i], "gender", "gender", "Giới tính")  # fmt: skip
    else:  # "Giới tính" over Nam | Nữ with an x
        for fld, gender in (("gender_f", "F"), ("gender_m", "M")):
            marked = _mark_column(column(fld), places, fld, "Giới tính", reader)
            if marked is not None:
                genders = [g or gender if x else g for g, x in zip(genders, marked, strict=True)]

    raw = column("circumstance")
    if raw is not None:
        circumstances = [
            None if v is None or v == "" else reader.category(v, _CIRC, "circumstance", p, "circumstance")
            for v, p in zip(raw, places, strict=True)
        ]  # fmt: skip
    else:
        circumstances = [None] * n
        for fld, code in (("circ_poor", "poor"), ("circ_near", "near_poor"), ("circ_difficult", "difficult")):  # fmt: skip
            marked = _mark_column(column(fld), places, fld, "Hoàn cảnh", reader)
            if marked is not None:
                circumstances = [c or code if x else c for c, x in zip(circumstances, marked, strict=True)]  # fmt: skip

    raw = column("role")
    roles = [None] * n if raw is None else [
        None if v is None or v == "" else reader.category(v, _ROLE, "role", p, "role")
        for v, p in zip(raw, places, strict=True)
    ]  # fmt: skip
    flags = {
        attr: _mark_column(column(fld), places, fld, label, reader) or [False] * n
        for fld, attr, label in _MEMBER_MARKS
    }
    joined = _date_column(column("joined"), places, "joined", "Ngày tham gia", reader)
    left = _date_column(column("left"), places, "left", "Ngày ra", reader)
    raw = column("note")
    notes = [""] * n if raw is None else ["" if V.is_blank(v) else _shown(v) for v in raw]
    years = [b[0] if b else None for b in births]
    dates = [b[1] if b else None for b in births]
    reader.club.members.extend(
        map(
            Member, places, names, codes, years, dates, genders, circumstances, flags["alone"],
            roles, flags["volunteer"], flags["arts"], flags["health_insurance"], flags["checkup"],
            flags["health_knowledge"], flags["needs_capital"], flags["lender_connected"], joined,
            left, notes,
        )
    )  # fmt: skip


def _mark_column(
    raw: list | None, places: list[Place], fld: str, label: str, reader: _Reader
) -> list[bool] | None:
    """A column of x marks as booleans (None when the sheet has no such column)."""
    if raw is None:
        return None
    marks = [_MARK_FAST.get(v, _MISSING) for v in raw]
    for i in _missing_at(marks):
        marks[i] = bool(reader.parse(V.parse_mark, raw[i], places[i], fld, "mark", label))
    return marks


def _date_column(
    raw: list | None, places: list[Place], fld: str, label: str, reader: _Reader
) -> list:
    """A column of dates (Nones when the sheet has no such column)."""
    if raw is None:
        return [None] * len(places)
    dates = [
        v.date() if v.__class__ is dt.datetime
        else v if v.__class__ is dt.date
        else None if v is None or v == ""
        else _MISSING
        for v in raw
    ]  # fmt: skip
    for i in _missing_at(dates):
        dates[i] = reader.parse(V.parse_date, raw[i], places[i], fld, "date", label)
    return dates


def _missing_at(values: list) -> list[int]:
    """Where a column's fast pass left the cell to the parsers (``_MISSING``)."""
    return [i for i, v in enumerate(values) if v is _MISSING] if _MISSING in values else []


def _check_births(births: list, genders: list, places: list[Place], reader: _Reader) -> None:
    """V02 for an impossible birth year, which then counts toward no age group."""
    year = reader.club.year
    for i, birth in enumerate(births):
        if birth is None:
            continue
        born = birth[0]
        if not (born < 1900 or (year and (born > year or year - born > 120))):
            continue
        place = places[i]
        fld = "birth" if "birth" in place.columns else ("birth_f" if genders[i] == "F" else "birth_m")  # fmt: skip
        if born < 1900:
            reader.add("V02", "birth_early", place=place, field_name=fld, value=str(born))
        elif born > year:
            reader.add(
                "V02", "birth_late", place=place, field_name=fld, value=str(born), year=str(year)
            )
        else:
            reader.add("V02", "age", place=place, field_name=fld, value=year - born)
        births[i] = None


def _check_members(reader: _Reader) -> None:
    """V04: the same member twice, by code or by name and birth year."""
    members = reader.club.members
    codes = [fold(m.code) for m in members if m.code]
    people = {(fold(m.name), m.birth_year) for m in members}
    if len(set(codes)) == len(codes) and len(people) == len(members):
        return  # no code twice, no name with the same birth year twice: the usual list
    by_code: dict[str, Member] = {}
    by_person: dict[tuple[str, int | None], Member] = {}
    for m in members:
        if m.code:
            first = by_code.setdefault(fold(m.code), m)
            if first is not m:
                reader.add(
                    "V04",
                    "code",
                    place=m.place,
                    field_name="code",
                    value=m.code,
                    member_code=m.code,
                    other=first.place.row,
                )
                continue
        key = (fold(m.name), m.birth_year)
        first = by_person.setdefault(key, m)
        if first is not m:
            reader.add(
                "V04",
                place=m.place,
                field_name="name",
                value=m.name,
                name=m.name,
                birth=str(m.birth_year or "?"),
                other=first.place.row,
            )


def _in_period(
    d: dt.date | None, place: Place, fld: str, reader: _Reader, *, before_ok: bool = False
) -> None:
    if d is None or reader.club.year is None:
        return
    start, end = reader.period
    if d > end or (d < start and not before_ok):
        reader.add("V03", place=place, field_name=fld, value=d, start=start, end=end)


def _split_areas(text: str, plan: Plan) -> tuple[list[str], list[str]]:
    """Area codes named in ``text`` ("KT, SK", "Chăm sóc sức khỏe; VH") and the unknown parts.
    Names that contain commas (the plan's own words) are matched before splitting."""
    parts = [p.strip() for p in _AREA_SEPARATORS.split(text) if p.strip()]
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            code = plan.area_code(", ".join(parts[i:j]))
            if code:
                codes.append(code)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return codes, unknown


def _read_activities(sheet: _Sheet | None, reader: _Reader) -> None:
    found = _rows(sheet, ACTIVITIES, reader, ("date", "area", "content"))
    if found is None:
        return
    cols, rows = found
    plan = reader.plan
    c_date, c_area = cols["date"], cols["area"]
    c_content, c_participants = cols.get("content"), cols.get("participants")
    for place, row in rows:
        date = reader.required(V.parse_date, row[c_date], place, "date", "date", "Ngày")
        _in_period(date, place, "date", reader)
        codes: tuple[str, ...] = ()
        area = row[c_area]
        if V.is_blank(area):
            reader.blank(place, "area", "area", "Lĩnh vực")
        else:
            codes, unknown = _areas_of(_shown(area), reader)
            for part in unknown:
                reader.add(
                    "V05",
                    place=place,
                    field_name="area",
                    value=part,
                    kind=CATEGORY_KINDS["area"][0],
                    suggest=_suggest(part, plan.all_area_names()),
                )
        participants = None
        if c_participants is not None:
            participants = reader.parse(
                V.parse_int,
                row[c_participants],
                place,
                "participants",
                "number",
                "Số người tham gia",
            )
            if participants is not None and participants < 0:
                reader.add(
                    "V02",
                    "negative_count",
                    place=place,
                    field_name="participants",
                    value=participants,
                )
                participants = None
        content = "" if c_content is None else _text(row[c_content])
        reader.club.activities.append(Activity(place, date, codes, content, participants))


def _areas_of(text: str, reader: _Reader) -> tuple[tuple[str, ...], list[str]]:
    """The area codes ``text`` names, once each, and its unknown parts (the same text is
    split once per workbook)."""
    key = ("areas", text)
    found = reader.memo.get(key)
    if found is None:
        codes, unknown = _split_areas(text, reader.plan)
        found = reader.memo[key] = (tuple(dict.fromkeys(codes)), unknown)
    return found


def _text(raw: object) -> str:
    if raw.__class__ is str:
        return raw.strip()
    return "" if raw is None else _shown(raw).strip()


def _amount(reader: _Reader, raw: object, place: Place, fld: str, label: str) -> int | None:
    amount = reader.parse(V.parse_amount, raw, place, fld, "amount", label)
    if amount is not None and amount < 0:
        reader.add("V02", "negative", place=place, field_name=fld, value=Money(amount))
        return None
    return amount


def _read_loans(sheet: _Sheet | None, reader: _Reader) -> None:
    found = _rows(sheet, LOANS, reader, ("borrower_code", "borrower_name", "amount"))
    if found is None:
        return
    cols, rows = found
    c_code, c_name = cols.get("borrower_code"), cols.get("borrower_name")
    c_date, c_amount, c_purpose = cols["date"], cols["amount"], cols.get("purpose")
    c_source, c_months, c_repaid = cols.get("source"), cols.get("months"), cols.get("repaid")
    c_repaid_on = cols.get("repaid_on")
    for place, row in rows:
        loan = Loan(
            place,
            (None if c_code is None else _text(row[c_code])) or None,
            (None if c_name is None else _text(row[c_name])) or None,
            None,
            None,
        )
        loan.date = reader.required(V.parse_date, row[c_date], place, "date", "date", "Ngày vay")
        _in_period(
            loan.date, place, "date", reader, before_ok=True
        )  # older loans still outstanding are normal
        amount = row[c_amount]
        if V.is_blank(amount):
            reader.blank(place, "amount", "amount", "Số tiền vay")
        loan.amount = _amount(reader, amount, place, "amount", "Số tiền vay")
        if loan.amount == 0:
            reader.add("V02", "zero_loan", place=place, field_name="amount", value=0)
        if c_purpose is not None:
            loan.purpose = reader.category(row[c_purpose], _PURPOSE, "purpose", place, "purpose")
        if c_source is not None:
            loan.source = reader.category(row[c_source], _LSOURCE, "loan_source", place, "source")
        if c_months is not None:
            loan.months = reader.parse(
                V.parse_int, row[c_months], place, "months", "number", "Thời hạn (tháng)"
            )
        if c_repaid is not None:
            loan.repaid = _amount(reader, row[c_repaid], place, "repaid", "Đã trả")
            if loan.repaid and loan.amount is not None and loan.repaid > loan.amount:
                reader.add(
                    "V02",
                    "repaid",
                    place=place,
                    field_name="repaid",
                    value=Money(loan.repaid),
                    amount=Money(loan.amount),
                )
        if c_repaid_on is not None:
            loan.repaid_on = reader.parse(
                V.parse_date, row[c_repaid_on], place, "repaid_on", "date", "Ngày trả hết"
            )
        reader.club.loans.append(loan)


def _read_visits(sheet: _Sheet | None, reader: _Reader) -> None:
    found = _rows(sheet, VISITS, reader, ("date", "volunteer", "receiver"))
    if found is None:
        return
    cols, rows = found
    c_date, c_volunteer, c_receiver = cols["date"], cols["volunteer"], cols["receiver"]
    c_content = cols.get("content")
    for place, row in rows:
        date = reader.required(V.parse_date, row[c_date], place, "date", "date", "Ngày")
        volunteer, receiver = _text(row[c_volunteer]), _text(row[c_receiver])
        if not volunteer:
            reader.blank(place, "volunteer", "text", "Tình nguyện viên")
        if not receiver:
            reader.blank(place, "receiver", "text", "Người được chăm sóc")
        _in_period(date, place, "date", reader)
        content = "" if c_content is None else _text(row[c_content])
        reader.club.visits.append(HomeVisit(place, date, volunteer, receiver, content))


def _read_fund(sheet: _Sheet | None, reader: _Reader) -> None:
    found = _rows(sheet, FUND, reader, ("date", "income", "spending"))
    if found is None:
        return
    cols, rows = found
    c_date, c_content, c_source = cols["date"], cols.get("content"), cols.get("source")
    c_income, c_spending = cols.get("income"), cols.get("spending")
    for place, row in rows:
        date = reader.required(V.parse_date, row[c_date], place, "date", "date", "Ngày")
        _in_period(date, place, "date", reader)
        source = None
        if c_source is not None:
            source = reader.category(row[c_source], _FSOURCE, "fund_source", place, "source")
        income = (
            None if c_income is None else _amount(reader, row[c_income], place, "income", "Thu")
        )
        spending = (
            None
            if c_spending is None
            else _amount(reader, row[c_spending], place, "spending", "Chi")
        )
        content = "" if c_content is None else _text(row[c_content])
        reader.club.fund.append(FundEntry(place, date, content, source, income or 0, spending or 0))


__all__ = ["ReadResult", "read_club", "SHEETS", "column_letter"]

"""The table layer: between an opened sheet and the reader of its rows.

A list sheet as offices keep it is more than a header and rows of data. Under the header
may come a row of column numbers ("(1)", "1", "A"); inside the list, group headings ("I |
Thôn An Phú") and pre-numbered empty rows; under it a "Tổng cộng" row, the place-and-date
line, the signature titles, "(Ký, ghi rõ họ tên)", the signers' names, notes, even a second
table. This module gives every row below the header a kind, so that only rows of data are
read, and the others can be listed for the secretary (finding S04) instead of counted.

A row that cannot be told apart from data is kept as data, so that its faults are reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from clbtool.findings import Place
from clbtool.i18n import Txt
from clbtool.text import fold
from clbtool.workbook.layout import Header, SheetSpec

# --- the kinds of row ---------------------------------------------------------------------------
DATA = "data"
NUMBERS = "numbers"  # the row of column numbers under the header
HEADER = "header"  # the header repeated (a list printed over several pages)
TOTALS = "totals"
BALANCE = "balance"  # a fund ledger's "Tồn quỹ", "Số dư"
GROUP = "group"  # a heading inside the list: "I | Thôn An Phú"
NOTE = "note"  # a line of text that is not a record
SIGNATURE = "signature"  # the place-and-date line, the signature titles and what follows
NOTES = "notes"  # "Ghi chú:" under the table and what follows
OTHER_TABLE = "other_table"  # a second table below the list, and what follows

REASONS: dict[str, Txt] = {
    NUMBERS: Txt("dòng đánh số cột", "column-number row"),
    HEADER: Txt("dòng tiêu đề lặp lại", "repeated header"),
    TOTALS: Txt("dòng tổng cộng", "totals row"),
    BALANCE: Txt("dòng tồn quỹ, số dư", "balance row"),
    GROUP: Txt("dòng tên nhóm, thôn", "group heading"),
    NOTE: Txt("dòng ghi chú", "note line"),
    SIGNATURE: Txt("phần ký tên", "signature block"),
    NOTES: Txt("phần ghi chú cuối bảng", "notes under the table"),
    OTHER_TABLE: Txt("bảng khác bên dưới", "another table below"),
}
_ENDS = (SIGNATURE, NOTES, OTHER_TABLE)  # kinds that end the list: every row after is theirs


@dataclass
class Sheet:
    """An opened sheet: its name (NFC), its rows as python-calamine gives them, its merges."""

    name: str
    rows: list[list]
    merged: list


@dataclass
class Table:
    """A list sheet read as a table: where the header is, which rows are data, which are not."""

    sheet: str
    header: Header
    rows: list[list]
    data: list[int] = field(default_factory=list)  # 0-based indices of the rows of data
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (0-based index, kind)

    @property
    def width(self) -> int:
        return max(self.header.columns.values()) + 1

    def records(self) -> Iterator[tuple[Place, list]]:
        """(place, row) for each row of data, the row padded to the header's width."""
        columns, width, name, rows = self.header.columns, self.width, self.sheet, self.rows
        for r in self.data:
            row = rows[r]
            if len(row) < width:
                row = [*row, *([None] * (width - len(row)))]
            yield Place(name, r + 1, columns), row

    def skipped_spans(self) -> list[tuple[int, int]]:
        """The skipped rows as (first, last) Excel row numbers; blank rows between two skipped
        rows join them: a totals row, a blank row and the signature block are one span."""
        spans: list[tuple[int, int]] = []
        for r, _ in self.skipped:
            if spans and all(not _filled(self.rows[k]) for k in range(spans[-1][1], r)):
                spans[-1] = (spans[-1][0], r + 1)
            else:
                spans.append((r + 1, r + 1))
        return spans

    def reasons(self) -> list[str]:
        """The kinds of the skipped rows, each once, in the order they first come."""
        return list(dict.fromkeys(kind for _, kind in self.skipped))


def row_spans(rows: list[int]) -> list[tuple[int, int]]:
    """Row numbers as (first, last) spans, consecutive rows joined."""
    spans: list[tuple[int, int]] = []
    for r in sorted(rows):
        if spans and r == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], r)
        else:
            spans.append((r, r))
    return spans


def spans_text(spans: list[tuple[int, int]]) -> str:
    """Spans as a reader writes them: "2, 23, 65-72"."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


# --- what the cells say ---------------------------------------------------------------------------
_UNITS = r"(?:người|nguoi|thành viên|thanh vien|tv|hội viên|hoi vien|hv|buổi|buoi|lượt|luot|khoản|khoan|lần|lan|đồng|dong|đ|d|vnđ|vnd)"
_TOTALS = re.compile(
    rf"^\W*(?:tổng\s+cộng|tổng\s+số|tổng|cộng|tong\s+cong|tong\s+so|tong|cong|total)\W*"
    rf"(?:\d[\d.,\s]*{_UNITS}?\W*)?$",
    re.IGNORECASE,
)
# a subtotal inside the list: "Cộng thôn An Phú: 20 người", "Tổng số tổ 2"
_SUBTOTAL = re.compile(
    r"^\W*(?:tổng\s+cộng|tổng\s+số|cộng|tong\s+cong|tong\s+so|cong)\s+"
    r"(?:thôn|tổ|xóm|ấp|khu|nhóm|đội|thon|to|xom|ap|khu|nhom|doi)\b",
    re.IGNORECASE,
)
_BALANCE = re.compile(
    r"^\W*(?:tồn\s+quỹ|tồn\s+đầu|tồn\s+cuối|số\s+dư|luỹ\s+kế|lũy\s+kế|ton\s+quy|so\s+du)\b",
    re.IGNORECASE,
)
_TOTALS_OR_SUBTOTAL = re.compile(f"{_TOTALS.pattern}|{_SUBTOTAL.pattern}", re.IGNORECASE)
_ANY_TOTAL = re.compile(f"{_TOTALS.pattern}|{_SUBTOTAL.pattern}|{_BALANCE.pattern}", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_COLUMN_NUMBER = re.compile(r"^[(\[]?\s*(\d{1,2}|[A-Za-z])\s*[)\]]?$")
_ROMAN = re.compile(r"^(?=[ivxlc])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")
_NUMBERING = re.compile(
    r"^\s*(?:[IVXLC]+|\d{1,3}|[A-Za-z])\s*[.):\-–]?\s*$"
)  # "I", "II.", "1", "a)"
# a heading: "I. Thôn An Phú", "1. Tổ 3", "Thôn An Phú", "Tháng 1/2020"
_NUMBERED_HEADING = re.compile(r"^\s*(?:[IVXLC]+|\d{1,2}|[A-Za-z])\s*[.)\-–:]\s*\S")
_PLACE_WORDS = re.compile(
    r"^\W*(?:thôn|xóm|ấp|khu phố|khu|tổ dân phố|tổ|đội|làng|buôn|bản|khối|nhóm|chi hội|cụm|"
    r"tháng|quý|đợt)\b",
    re.IGNORECASE,
)
# the same words without accents; "To", "Lang" and "Ban" are also family names, so only
# with a number after them
_PLACE_WORDS_ASCII = re.compile(
    r"^\W*(?:thon|xom|ap|khu pho|khu|to dan pho|chi hoi|cum|thang|quy|dot|"
    r"(?:to|doi|ban|khoi|nhom)\s+\d)\b",
    re.IGNORECASE,
)
# the end of a form (folded text)
_PLACE_DATE = re.compile(
    r"\bngay(?: \d{1,2})? thang(?: \d{1,2})? nam(?: \d{4})?$"  # ngày 15 tháng 12 năm 2020
    r"|\bngay \d{1,2} \d{1,2} \d{4}$"  # ngày 15/12/2020
)
_SIGN_HINT = re.compile(r"^ky (?:ten|va|ghi|dong dau|ho ten|xac nhan)")
_TITLES = frozenset(
    {
        "nguoi lap bieu", "nguoi lap", "nguoi lap bang", "nguoi lap danh sach", "nguoi ghi so",
        "nguoi ghi", "nguoi tong hop", "nguoi duyet", "nguoi kiem tra", "nguoi viet",
        "thu ky", "ke toan", "thu quy", "chu nhiem", "pho chu nhiem", "chu nhiem clb",
        "chu nhiem cau lac bo", "ban chu nhiem", "ban chu nhiem clb", "truong ban", "chu tich",
        "thu truong don vi", "lanh dao don vi",
    }
)  # fmt: skip
_TITLE_PREFIX = re.compile(
    r"^(?:(?:tm|t m|kt|q|thay mat)\s+(?:ban|clb|cau lac bo|ubnd|uy ban|hoi|chu nhiem|chu tich|"
    r"truong|bch|bcn|bdh|thuong truc)|xac nhan|chu nhiem clb|chu tich hoi)\b"
)
_TITLE_TAIL = re.compile(r"(?:\s+(?:clb|cau lac bo|lthtgn|lien the he tu giup nhau))+$")
_NOTE_HEADS = re.compile(r"^(?:ghi chu|luu y|chu thich|noi nhan)\b")


def _filled(row: list) -> list[int]:
    """The columns of the row's non-empty cells."""
    return [
        c
        for c, v in enumerate(row)
        if v is not None and v != "" and not (v.__class__ is str and v.isspace())
    ]


_TYPED = frozenset({float, int, dt.datetime, dt.date})


def _is_number(v: object) -> bool:
    """A number cell's value, NaN left out (a file can hold one)."""
    return (v.__class__ is float or v.__class__ is int) and v == v


def _is_whole(v: object) -> bool:
    """A whole number: 12 or 12.0, never NaN or infinity."""
    return v.__class__ is int or (v.__class__ is float and v.is_integer())


def _is_numbering(v: object) -> bool:
    """A row number: 12, "12", "II.", "a)"."""
    if _is_number(v):
        return _is_whole(v) and 0 <= v < 1000
    return v.__class__ is str and _NUMBERING.match(v) is not None


def _end_marker(text: str) -> str | None:
    """SIGNATURE or NOTES when ``text`` is one of the lines that end a form."""
    folded = fold(text)
    if not folded or len(folded) > 120:
        return None
    if _NOTE_HEADS.match(folded) and (":" in text or folded in ("ghi chu", "luu y", "chu thich")):
        return NOTES
    title = _TITLE_TAIL.sub("", folded)  # "Thư ký CLB", "Chủ nhiệm CLB LTHTGN"
    if (
        _PLACE_DATE.search(folded)
        or _SIGN_HINT.match(folded)
        or title in _TITLES
        or _TITLE_PREFIX.match(folded)
    ):
        return SIGNATURE
    return None


def _column_numbers(row: list, filled: list[int]) -> bool:
    """A row of column numbers: "(1) (2) (3)", 1 2 3, or "A B 1 2 3"."""
    numbers: list[int] = []
    letters: list[int] = []
    for c in filled:
        v = row[c]
        if _is_whole(v) and 0 < v < 100:
            numbers.append(int(v))
            continue
        if v.__class__ is not str:
            return False
        m = _COLUMN_NUMBER.match(v.strip())
        if not m:
            return False
        token = m.group(1)
        (numbers if token.isdigit() else letters).append(
            int(token) if token.isdigit() else ord(token.upper())
        )
    rising = lambda xs: all(b > a for a, b in zip(xs, xs[1:], strict=False))  # noqa: E731
    return (len(numbers) >= 2 or len(letters) >= 3) and rising(numbers) and rising(letters)


def _is_heading(label: str, hamlets: frozenset[str]) -> bool:
    text = label.strip()
    return bool(
        _NUMBERED_HEADING.match(text)
        or _PLACE_WORDS.match(text)
        or (text.isascii() and _PLACE_WORDS_ASCII.match(text))
        or fold(text) in hamlets
    )


def hamlet_names(text: str | None) -> frozenset[str]:
    """The hamlets the info sheet names ("An Phú, Hòa Bình"; "Thôn An Phú - Phú Lộc"),
    folded, each with and without its "Thôn": a row holding only one of them is a heading."""
    if not text:
        return frozenset()
    names: set[str] = set()
    for part in re.split(r"[,;/\n+]|\s[-–]\s|\svà\s", text):
        folded = fold(part)
        if folded:
            names.add(folded)
            bare = re.sub(r"^(?:thon|xom|to|ap|khu|lang|buon|ban|doi)\s+", "", folded)
            names.add(bare)
    return frozenset(names)


# --- the rows' kinds ------------------------------------------------------------------------
class _Classifier:
    def __init__(self, rows, header: Header, spec: SheetSpec, merged, hamlets) -> None:
        self.rows = rows
        self.header = header
        self.spec = spec
        columns = header.columns
        self.keys = {columns[k] for k in spec.keys if k in columns}
        self.key_list = sorted(self.keys)
        self.typed = [columns[f] for f in spec.typed if f in columns]
        self.last = max(columns.values())
        # totals labels sit in the key columns or left of them ("Tổng cộng" under STT or name)
        self.label_limit = max(self.keys) if self.keys else self.last
        self.label_range = range(self.label_limit + 1)
        self.totals_label = _ANY_TOTAL.match if spec.balances else _TOTALS_OR_SUBTOTAL.match
        # where a row's number goes: the STT column, else the table's first column
        self.numbering = {columns.get("stt", min(columns.values()))}
        self.merged_across = {(r1, c1) for (r1, c1), (_r2, c2) in merged if c2 > c1}
        self.hamlets = hamlets
        self.header_fields = {fold(label) for label in header.labels}
        self.required = {col.field for col in spec.columns if col.required}

    def plain(self, row: list) -> bool:
        """The usual row, decided without looking at every cell: a key cell filled, a number
        or date where the list types one (a birth year, a session's date), and a first text
        that is no totals label.
        (Written as plain loops: it runs for every row of every workbook.)"""
        if len(row) <= self.last:
            return False  # a short row: the careful path pads it
        for c in self.typed:
            v = row[c]
            # a number, a date, or text that starts like one ("15/01/2020", "1950")
            if v.__class__ in _TYPED or (v.__class__ is str and v[:1].isdigit()):
                break
        else:
            return False
        for c in self.key_list:
            v = row[c]
            if v is not None and v != "":
                break
        else:
            return False
        for c in self.label_range:  # a totals row begins with its label: its first text
            v = row[c]
            if v.__class__ is str and v:
                return self.totals_label(v) is None
        return True

    def strong(self, row: list, filled: list[int]) -> bool:
        """A row that is plainly a record: three or more cells of the table filled, one of
        them a number, a date or text with digits (a year, an amount). Signature titles,
        headings and notes are never that."""
        cells = [row[c] for c in filled if c <= self.last]
        return len(cells) >= 3 and any(
            v.__class__ is not str or _DIGIT.search(v) is not None for v in cells
        )

    def header_like(self, row: list, filled: list[int], after_header: bool = False) -> str | None:
        """HEADER when the row repeats the header (or is the second row of a repeated two-row
        header), OTHER_TABLE when it heads another table."""
        index = self.spec.index
        if after_header and all(
            row[c].__class__ is str and fold(row[c]) in self.header_fields for c in filled
        ):
            return HEADER
        matched = [(index[fold(row[c])], c) for c in filled if row[c].__class__ is str and fold(row[c]) in index]  # fmt: skip
        required = self.required
        if len(matched) < 2 or not (len(matched) >= 3 or any(f in required for f, _ in matched)):
            return None
        same = all(self.header.columns.get(f) == c for f, c in matched)
        return HEADER if same else OTHER_TABLE

    def end_of(self, row: list, filled: list[int]) -> str | None:
        """The end kind when every filled cell is a line that ends a form, or an upper-case
        name of a body beside one ("HỘI NGƯỜI CAO TUỔI XÃ ..." | "NGƯỜI LẬP BIỂU")."""
        kind = None
        for c in filled:
            v = row[c]
            if v.__class__ is not str:
                return None
            marker = _end_marker(v)
            if marker is None and not (v.isupper() and len(v.split()) >= 2):
                return None
            kind = kind or marker
        return kind

    def later_record(self, start: int) -> bool:
        """Whether a plain record comes after ``start`` (before another table's header): then
        what looked like the end of the form was not."""
        for r in range(start + 1, len(self.rows)):
            row = self.rows[r]
            filled = _filled(row)
            if not filled:
                continue
            if self.header_like(row, filled) == OTHER_TABLE:
                return False
            if self.strong(row, filled) and any(c in self.keys for c in filled):
                return True
        return False

    def group(self, row: list, filled: list[int], r: int) -> bool:
        """A heading inside the list: one text, perhaps with a numbering cell beside it, the
        person's other cells empty."""
        if len(filled) > 2:
            return False
        numbering = [c for c in filled if _is_numbering(row[c])]
        others = [c for c in filled if c not in numbering]
        if len(filled) == 2 and (len(others) != 1 or not numbering):
            return False
        label_cols = [c for c in others if row[c].__class__ is str] or [
            c for c in numbering if row[c].__class__ is str
        ]
        if len(label_cols) != 1:
            return False  # no text to be a heading: numbers alone, or two texts
        label_col = label_cols[0]
        label = row[label_col].strip()
        roman = any(
            row[c].__class__ is str and _ROMAN.match(row[c].strip().rstrip(".):-–").lower())
            for c in numbering
        )
        if len(filled) == 2 and roman:
            return True
        if _is_heading(label, self.hamlets) or (r, label_col) in self.merged_across:
            return True
        # a heading typed in capitals with nothing beside it ("AN PHÚ")
        return len(filled) == 1 and label.isupper()

    def unlabelled_totals(self, row: list, filled: list[int], data: list[int]) -> bool:
        """Numbers alone under the columns, each the sum of the column above or the count of
        its filled cells (7 under the x marks of TNV): a totals row whose label was left out."""
        if not data or not all(_is_number(row[c]) for c in filled):
            return False
        for c in filled:
            cells = [self.rows[d][c] for d in data if c < len(self.rows[d])]
            count = sum(v is not None and v != "" for v in cells)
            total = sum(v for v in cells if _is_number(v))
            value = row[c]
            if not (value == count or (total and abs(total - value) <= 1e-6 * abs(total))):
                return False
        return True

    def classify(self) -> tuple[list[int], list[tuple[int, str]]]:
        rows = self.rows
        data: list[int] = []
        skipped: list[tuple[int, str]] = []
        end: str | None = None
        numbers_may_follow = True  # only right under the header (or a repeated one)
        plain = self.plain
        for r in range(self.header.data_start, len(rows)):
            row = rows[r]
            if end is None and not numbers_may_follow and plain(row):
                data.append(r)
                continue
            filled = _filled(row)
            if not filled:
                continue
            if end is not None:
                texts = [row[c] for c in filled if row[c].__class__ is str]
                kind = next((k for t in texts if (k := _end_marker(t))), None)
                end = kind if kind is not None and end != OTHER_TABLE else end
                skipped.append((r, end))
                continue
            kind = self.kind(row, filled, r, data, numbers_may_follow)
            if kind is None:
                continue  # an empty row numbered in advance: blank
            numbers_may_follow = kind == HEADER
            if kind == DATA:
                data.append(r)
            else:
                title = skipped[-1] if skipped else None  # the line above another table
                if (
                    kind == OTHER_TABLE
                    and title is not None
                    and title[1] in (GROUP, NOTE)
                    and (not data or title[0] > data[-1])
                ):
                    skipped[-1] = (title[0], OTHER_TABLE)
                skipped.append((r, kind))
                if kind in _ENDS:
                    end = kind
        return data, skipped

    def kind(self, row, filled, r, data, after_header) -> str | None:
        """The kind of one row that is not blank (None: an empty row with only its STT).
        ``after_header``: the row comes right under the header (or a repeated one)."""
        limit = self.label_limit
        for c in filled:
            v = row[c]
            if c <= limit and v.__class__ is str:
                if _TOTALS_OR_SUBTOTAL.match(v):
                    return TOTALS
                if self.spec.balances and _BALANCE.match(v):
                    return BALANCE
        if after_header and len(filled) >= 2 and _column_numbers(row, filled):
            return NUMBERS
        keyed = any(c in self.keys for c in filled)
        if (
            not keyed
            and all(c in self.numbering or c > self.last for c in filled)
            and all(_is_numbering(row[c]) for c in filled)
        ):
            return None  # an empty row numbered in advance
        if self.unlabelled_totals(row, filled, data):
            return TOTALS
        if self.strong(row, filled):
            return DATA
        header = self.header_like(row, filled, after_header)
        if header is not None:
            return header
        end = self.end_of(row, filled)
        if end is not None and not self.later_record(r):
            return end
        if self.group(row, filled, r):
            return GROUP
        if not keyed:
            if len(filled) == 1 and row[filled[0]].__class__ is str:
                return NOTE
        elif len(filled) == 1 and len(str(row[filled[0]]).split()) > 6:
            return NOTE  # a sentence, not a name: "Danh sách có 64 người, trong đó ..."
        return DATA


def classify(
    sheet: Sheet, header: Header, spec: SheetSpec, hamlets: frozenset[str] = frozenset()
) -> Table:
    """The sheet as a table under ``header``: every row below it given a kind."""
    table = Table(sheet.name, header, sheet.rows)
    table.data, table.skipped = _Classifier(
        sheet.rows, header, spec, sheet.merged, hamlets
    ).classify()
    return table

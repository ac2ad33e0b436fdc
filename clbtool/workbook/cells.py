"""Reading cells: the context one workbook is read in (the club so far, its findings, the
values already read), the V01/V05 findings for what cannot be read, and the tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from clbtool.findings import Finding, Place, column_letter, finding
from clbtool.i18n import Money, Txt
from clbtool.plan import Plan
from clbtool.text import closest
from clbtool.workbook import values as V
from clbtool.workbook.contract import CATEGORY_KINDS, KINDS
from clbtool.workbook.layout import SheetSpec, find_header, missing_columns, present_fields
from clbtool.workbook.records import Club
from clbtool.workbook.table import (
    REASONS,
    Sheet,
    Table,
    classify,
    hamlet_names,
    row_spans,
    spans_text,
)

MISSING = object()  # a cell the fast pass of a column left to the parsers
OUTSIDE_EACH = 3  # dates outside the period named one by one; more make one finding


@dataclass(frozen=True)
class Converted:
    """A cell read by one of the tolerances for how offices type ("1.948" as 1948, "-" as
    0, a bare serial as a date): shown in the annotated copy so the secretary can check."""

    sheet: str
    row: int  # 1-based
    column: str  # letter
    read_as: str


class Reencoded(NamedTuple):
    """A cell typed with a legacy font and read as Unicode: shown in the annotated copy, so
    the secretary can see, and undo, a wrong guess. (A NamedTuple: a legacy workbook has
    hundreds.)"""

    sheet: str
    row: int  # 1-based
    col: int  # 0-based
    encoding: str  # "TCVN3" or "VNI"
    read_as: str

    @property
    def column(self) -> str:
        return column_letter(self.col)


class ReencodedCells:
    """The cells read from a legacy encoding, as a list. Those converted through the
    text-to-text mapping are found from the rows they changed (the row before, the row
    after) only when someone asks: the annotated copy; a summary never does."""

    def __init__(self) -> None:
        self._cells: list[Reencoded] = []
        self._rows: list[tuple[str, int, list, list]] = []
        self.encodings: dict[str, str] = {}  # text converted by the mapping -> its encoding
        self._all: list[Reencoded] | None = None

    def append(self, cell: Reencoded) -> None:
        self._cells.append(cell)
        self._all = None

    def rows(self, sheet: str, r: int, before: list, after: list) -> None:
        self._rows.append((sheet, r, before, after))
        self._all = None

    def _list(self) -> list[Reencoded]:
        if self._all is None:
            cells = list(self._cells)
            for sheet, r, before, after in self._rows:
                for c, (old, new) in enumerate(zip(before, after, strict=False)):
                    if old is not new and old in self.encodings and old != new:
                        cells.append(Reencoded(sheet, r + 1, c, self.encodings[old], new))
            order = {name: i for i, name in enumerate(dict.fromkeys(c.sheet for c in cells))}
            cells.sort(key=lambda c: (order[c.sheet], c.row, c.col))
            self._all = cells
        return self._all

    def __iter__(self):
        return iter(self._list())

    def __len__(self) -> int:
        return len(self._list())

    def __getitem__(self, index):
        return self._list()[index]

    def __eq__(self, other: object) -> bool:
        return self._list() == (list(other) if isinstance(other, ReencodedCells) else other)

    __hash__ = None  # type: ignore[assignment]


class ReadContext:
    """What reading one workbook builds up: the club, the findings, the tables found."""

    def __init__(self, path: str, plan: Plan, period: str | None, year: int | None) -> None:
        self.path = path
        self.plan = plan
        self.findings: list[Finding] = []
        self.outside: list[tuple[Place, str, dt.date]] = []  # dates outside the period (V03)
        self.club = Club(path=path)
        self.period_override = period
        self.year_override = year
        self.memo: dict = {}  # (parser, type, raw) -> value, for values read without error
        self.loose: set = set()  # memo keys of values read by a tolerance
        self.tables: dict[str, Table] = {}  # role -> the list sheet as read
        self.converted: list[Converted] = []
        self.reencoded = ReencodedCells()
        self.hamlets: frozenset[str] | None = None  # the info sheet's hamlets, for headings
        self.set_period()

    def add(self, code: str, variant: str = "", **kw) -> None:
        self.findings.append(finding(code, variant, **kw))

    # -- dates of the period ---------------------------------------------------------------------
    def set_period(self) -> None:
        """The period's dates, once the info sheet has given the year."""
        club = self.club
        self.period = (club.period_start, club.period_end)
        start, end = self.period
        year = dt.timedelta(days=366)
        # a date typed as a bare number (a serial) must fall near the period; a loan's, a
        # joining or founding date may lie years back
        self.windows = {True: (start - year, end + year), False: (dt.date(1945, 1, 1), end + year)}

    def date(
        self, raw: object, place: Place, fld: str, label: str, *, required=False, recent=True
    ) -> dt.date | None:
        """A date cell (V01 when it cannot be read; with ``required``, when empty too). A bare
        number is a serial only inside the window (``recent``: around the period)."""
        cls = raw.__class__
        if cls is dt.date:  # a date cell, the usual case
            return raw
        if cls is dt.datetime:
            return raw.date()
        if V.is_blank(raw):
            if required:
                self.blank(place, fld, "date", label)
            return None
        if cls is float or cls is int:
            earliest, latest = self.windows[recent]
            try:
                day = V.parse_date(raw, earliest=earliest, latest=latest)
            except (ValueError, OverflowError):
                self.unreadable(raw, place, fld, "date", label)
                return None
            self.convert(place, fld, day)
            return day
        return self.parse(V.parse_date, raw, place, fld, "date", label)

    # -- cells -------------------------------------------------------------------------------------
    def parse(
        self, parser: Callable, raw: object, place: Place, field_name: str, kind: str, label: str
    ):
        if raw is None or raw == "":  # most cells of a list are empty: skip the parser
            return False if parser is V.parse_mark else None
        key = (parser, raw.__class__, raw)
        value = self.memo.get(key, MISSING)  # "Nữ", "x", a founding date: the same many times
        if value is not MISSING:
            if key in self.loose:
                self.convert(place, field_name, value)
            return value
        try:
            value = parser(raw)
        except (ValueError, OverflowError, TypeError):
            self.unreadable(raw, place, field_name, kind, label)
            return None
        self.memo[key] = value
        if (raw.__class__ is str or parser is V.parse_birth) and V.is_loose(parser, raw):
            self.loose.add(key)
            self.convert(place, field_name, value)
        return value

    def unreadable(self, raw: object, place: Place, field_name: str, kind: str, label: str) -> None:
        """V01 for a value that cannot be read as its kind."""
        self.add(
            "V01",
            place=place,
            field_name=field_name,
            value=shown(raw),
            kind=KINDS[kind],
            column=label,
        )

    def convert(self, place: Place, field_name: str, value: object) -> None:
        column = place.column(field_name)
        if column is not None:
            read_as = shown(value[0] if isinstance(value, tuple) else value)
            self.converted.append(Converted(place.sheet, place.row, column, read_as))

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
                value=shown(raw),
                kind=label,
                suggest=suggest(raw, choices),
            )
            return None
        self.memo[key] = code or None
        return code or None

    def in_period(
        self, d: dt.date | None, place: Place, fld: str, *, before_ok: bool = False
    ) -> None:
        """V03 for a date outside the reporting period (``before_ok``: earlier is normal)."""
        if d is None or self.club.year is None:
            return
        start, end = self.period
        if d > end or (d < start and not before_ok):
            self.outside.append((place, fld, d))

    def dates_outside(self) -> None:
        """V03 for the dates outside the period: each on its own when they are few; when many
        (a full year's workbook checked as its first half), one finding for the file, which
        says where, and that the file may be of another period."""
        if not self.outside:
            return
        start, end = self.period
        if len(self.outside) <= OUTSIDE_EACH:
            for place, fld, d in self.outside:
                self.add("V03", place=place, field_name=fld, value=d, start=start, end=end)
            return
        by_sheet: dict[str, list[int]] = {}
        for place, _, _ in self.outside:
            by_sheet.setdefault(place.sheet, []).append(place.row)
        spans = [(sheet, spans_text(row_spans(rows))) for sheet, rows in by_sheet.items()]
        where = Txt(
            "; ".join(f'trang "{sheet}" dòng {rows}' for sheet, rows in spans),
            "; ".join(f'sheet "{sheet}" rows {rows}' for sheet, rows in spans),
        )
        self.add("V03", "many", count=len(self.outside), start=start, end=end, where=where)

    def amount(self, raw: object, place: Place, fld: str, label: str) -> int | None:
        """An amount in đồng; V02 for a negative one, which then counts as nothing."""
        value = self.parse(V.parse_amount, raw, place, fld, "amount", label)
        if value is not None and value < 0:
            self.add("V02", "negative", place=place, field_name=fld, value=Money(value))
            return None
        return value

    # -- tables ------------------------------------------------------------------------------------
    def table(self, sheet: Sheet | None, spec: SheetSpec) -> Table | None:
        """The list sheet as a table: its header (S02 for each required column it lacks, then
        None) and the kind of every row below it (S04 for the rows that are not data)."""
        if sheet is None:
            return None
        header = find_header(sheet.rows, spec, sheet.merged)
        missing = missing_columns(header, spec)
        if missing:
            labels = (
                header.labels
                if header
                else [str(v) for row in sheet.rows[:3] for v in row if not V.is_blank(v)]
            )
            for col in missing:
                best = closest(col.names[0], labels)
                hint = Txt(f' (có phải "{best}"?)', f' (did you mean "{best}"?)') if best else ""
                self.add(
                    "S02",
                    sheet=sheet.name,
                    column=col.names[0],
                    suggest=hint,
                    found=", ".join(f'"{x}"' for x in labels[:20]) or "-",
                )
            return None
        if self.hamlets is None:  # the info sheet has been read by now
            self.hamlets = hamlet_names(self.club.hamlet)
        table = classify(sheet, header, spec, self.hamlets)
        self.tables[spec.role] = table
        self.club.columns[spec.role] = frozenset(present_fields(header, spec))
        if table.skipped:
            spans = table.skipped_spans()
            self.add(
                "S04",
                sheet=sheet.name,
                count=sum(last - first + 1 for first, last in spans),
                noun=spec.noun,
                rows=spans_text(spans),
                reasons=_reasons(table),
            )
        return table


def _reasons(table: Table) -> Txt:
    """Why the rows were skipped, in both languages: "dòng tổng cộng, phần ký tên"."""
    kinds = table.reasons()
    return Txt(", ".join(REASONS[k].vi for k in kinds), ", ".join(REASONS[k].en for k in kinds))


def shown(raw: object) -> str:
    """A cell's value as the user typed it, for a message."""
    if raw.__class__ is str:
        return raw
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        return raw.strftime("%d/%m/%Y %H:%M")
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return str(raw)


def text(raw: object) -> str:
    """A text cell, stripped; a number or date as the user would read it."""
    if raw.__class__ is str:
        return raw.strip()
    return "" if raw is None else shown(raw).strip()


def suggest(raw: object, choices) -> Txt | str:
    best = closest(str(raw), choices)
    if not best:
        return ""
    return Txt(f'; có phải "{best}"?', f'; did you mean "{best}"?')

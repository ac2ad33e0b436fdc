"""Read one club workbook into a :class:`Club` and the findings of the F, S and V rules.

The steps, each its own module: open the file safely (source), find the sheets by the
names offices give them (contract), convert legacy-font text (legacy), then for each sheet
its table (table: header, the kind of every row) and its records (info, members,
activities, loans, care, fund)."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from clbtool.findings import Finding
from clbtool.i18n import Txt
from clbtool.plan import Plan
from clbtool.text import ENCODINGS, convert_legacy_text, is_latin1_only
from clbtool.workbook.activities import read_activities
from clbtool.workbook.care import read_visits
from clbtool.workbook.cells import Converted, ReadContext, ReencodedCells
from clbtool.workbook.contract import LIST_SHEETS, SHEETS, sheet_keys
from clbtool.workbook.fund import read_fund
from clbtool.workbook.info import read_info
from clbtool.workbook.legacy import convert_legacy_cells
from clbtool.workbook.loans import read_loans
from clbtool.workbook.members import check_members, read_members
from clbtool.workbook.records import Club
from clbtool.workbook.source import (
    DEFAULT_LIMITS,
    FileProblem,
    Limits,
    is_library_error,
    library_quiet,
    open_workbook,
)
from clbtool.workbook.table import Sheet, Table


@dataclass
class ReadResult:
    """What reading one file gives: the club (None when the file could not be read), the
    findings of the F, S and V rules, and how each list sheet was read (its table: which
    rows are data, which were skipped and why; the cells read by a tolerance)."""

    path: str
    club: Club | None
    findings: list[Finding] = field(default_factory=list)
    legacy_cells: int = 0
    tables: dict[str, Table] = field(default_factory=dict)
    converted: list[Converted] = field(default_factory=list)
    reencoded: ReencodedCells = field(default_factory=ReencodedCells)  # from TCVN3, VNI


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

    ``identity_only``: the club's information sheet and every sheet's header and table,
    not the rows of the lists (a third of the work): who the club is, with the same F and
    S findings as a full read, for knowing which clubs reported in another year."""
    path = Path(path)
    shown = display_path or str(path)
    reader = ReadContext(shown, plan, period, year)
    result = ReadResult(
        shown,
        None,
        reader.findings,
        tables=reader.tables,
        converted=reader.converted,
        reencoded=reader.reencoded,
    )
    try:
        with library_quiet():  # a panic's own text never reaches the user; its finding does
            workbook, _, fonts = open_workbook(path, password, limits)
            sheets = _load_sheets(workbook, reader, limits)
    except FileProblem as problem:
        reader.add(problem.code, problem.variant, **problem.params)
        return result
    result.legacy_cells = convert_legacy_cells(sheets, reader, fonts)
    read_info(sheets.get("info"), reader)
    if identity_only:
        for spec in LIST_SHEETS:
            reader.table(sheets.get(spec.role), spec)  # S02 and S04, as the full read gives
        result.club = reader.club
        return result
    read_members(sheets.get("members"), reader)
    read_activities(sheets.get("activities"), reader)
    read_loans(sheets.get("loans"), reader)
    read_visits(sheets.get("visits"), reader)
    read_fund(sheets.get("fund"), reader)
    check_members(reader)
    reader.dates_outside()
    result.club = reader.club
    return result


# role -> the keys a sheet of that role may be found under, in the order of its names
_SPEC_KEYS = {
    spec.role: tuple(dict.fromkeys(key for name in spec.names for key in sheet_keys(name)))
    for spec in SHEETS
}


@functools.lru_cache(maxsize=1024)  # the same few names in every workbook
def _legacy_keys(name: str) -> tuple[tuple[str, str], ...]:
    """The keys a sheet's name is tried under as TCVN3 and VNI read it, with the reading."""
    if not is_latin1_only(name):
        return ()
    readings = (convert_legacy_text(name, encoding) for encoding in ENCODINGS.values())
    return tuple((key, reading) for reading in readings for key in sheet_keys(reading))


def _load_sheets(workbook, reader: ReadContext, limits: Limits) -> dict[str, Sheet]:
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
    by_key: dict[str, str] = {}
    # a sheet's name as written first, then as TCVN3 or VNI would read it ("Vay vèn" is
    # "Vay vốn", "Thoâng tin CLB" "Thông tin CLB"): a name as written wins a key
    nfc_names = [(name, unicodedata.normalize("NFC", name)) for name in names]
    for name, nfc_name in nfc_names:
        for key in sheet_keys(nfc_name):
            by_key.setdefault(key, name)
    read_as: dict[str, str] = {}  # key -> the legacy reading it came from
    for name, nfc_name in nfc_names:
        if not nfc_name.isascii():
            for key, reading in _legacy_keys(nfc_name):
                if key not in by_key:
                    by_key[key], read_as[key] = name, reading
    sheets: dict[str, Sheet] = {}
    for spec in SHEETS:
        key = next((k for k in _SPEC_KEYS[spec.role] if k in by_key), None)
        real = by_key[key] if key is not None else None
        if key in read_as:  # a name typed on a legacy keyboard: shown with its reading
            reader.club.sheet_readings[unicodedata.normalize("NFC", real)] = read_as[key]
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
        if sheet.height > limits.sheet_rows:
            raise FileProblem(
                "F03",
                what=Txt(f'số dòng của trang "{real}"', f'rows in sheet "{real}"'),
                found=sheet.height,
                limit=limits.sheet_rows,
            )
        if sheet.height * sheet.width > limits.sheet_cells:  # say the limit that was passed
            raise FileProblem(
                "F03",
                what=Txt(f'số ô của trang "{real}"', f'cells in sheet "{real}"'),
                found=sheet.height * sheet.width,
                limit=limits.sheet_cells,
            )
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except BaseException as exc:
            if not is_library_error(exc):
                raise
            raise FileProblem(
                "F01", reason=Txt(f'trang "{real}" bị hỏng', f'sheet "{real}" is damaged')
            ) from exc
        sheets[spec.role] = Sheet(
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


__all__ = ["ReadResult", "read_club", "SHEETS"]

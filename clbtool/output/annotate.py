"""`validate --annotate`: a copy of the workbook with each offending cell filled and
commented, and a first sheet "Kết quả kiểm tra" listing every finding with a link.
The input is only read; .xls and .ods inputs become .xlsx."""

from __future__ import annotations

from pathlib import Path

from clbtool.i18n import ui
from clbtool.output.sheets import atomic_write
from clbtool.rules.catalogue import ERROR, INFO, WARNING
from clbtool.rules.engine import ClubReport
from clbtool.text import clean_text

FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7"}
SUMMARY_SHEET = "Kết quả kiểm tra"


def set_text(cell, value: object) -> None:
    """Put ``value`` in ``cell``; text is always stored as text, so "=..." never becomes a formula."""
    if isinstance(value, str):
        value = clean_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


# openpyxl makes one object for every cell of a merged range: a range to XFD1048576 (a few
# bytes of XML) would take hours and all the memory. Past this many merged cells the copy is
# rebuilt from the values, with the merges cut to the cells that hold data.
MERGED_CELLS_MOST = 200_000


def _load_copy(path: Path, password: str | None):
    """The workbook as openpyxl objects: the .xlsx itself, or .xls/.ods (and an .xlsx with
    merged ranges beyond all reason) rebuilt cell by cell."""
    from openpyxl import Workbook, load_workbook

    from clbtool.workbook.source import open_workbook

    calamine, data = open_workbook(path, password)
    sheets = [calamine.get_sheet_by_name(name) for name in calamine.sheet_names]
    if data.startswith(b"PK\x03\x04") and _merged_cells(sheets) <= MERGED_CELLS_MOST:
        import io
        import zipfile

        if "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist():
            return load_workbook(io.BytesIO(data))  # keeps the user's formatting; macros dropped
    wb = Workbook()
    wb.remove(wb.active)
    budget = MERGED_CELLS_MOST
    for name, sheet in zip(calamine.sheet_names, sheets, strict=True):
        ws = wb.create_sheet(name[:31])
        rows = sheet.to_python(skip_empty_area=False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value not in ("", None):
                    set_text(ws.cell(row=r + 1, column=c + 1), value)
        height, width = len(rows), max(map(len, rows), default=0)
        for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []:
            r2, c2 = min(r2, height - 1), min(c2, width - 1)
            area = (r2 - r1 + 1) * (c2 - c1 + 1)
            if r2 < r1 or c2 < c1 or area < 2 or area > budget:
                continue
            budget -= area
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    return wb


def _merged_cells(sheets) -> int:
    return sum(
        (r2 - r1 + 1) * (c2 - c1 + 1)
        for sheet in sheets
        for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []
    )


def _writable(ws, ref: str):
    """The cell at ``ref``, or the top-left cell of the merged range it lies in."""
    from openpyxl.cell.cell import MergedCell

    cell = ws[ref]
    if isinstance(cell, MergedCell):
        for merged in ws.merged_cells.ranges:
            if ref in merged:
                return ws.cell(row=merged.min_row, column=merged.min_col)
    return cell


def write_annotated(
    report: ClubReport, source: Path, out: Path, lang: str = "vi", password: str | None = None
) -> Path:
    """Write the annotated copy of ``source`` to ``out`` (always .xlsx)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    wb = _load_copy(Path(source), password)
    by_cell: dict[tuple[str, str], list] = {}
    for f in report.findings:
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, ref), found in by_cell.items():
        cell = _writable(wb[sheet], ref)
        worst = (
            ERROR
            if any(f.severity == ERROR for f in found)
            else WARNING
            if any(f.severity == WARNING for f in found)
            else INFO
        )
        cell.fill = PatternFill("solid", fgColor=FILLS[worst])
        text = "\n".join(f"{f.code}: {f.message(lang)}" for f in found)
        cell.comment = Comment(text[:2000], "clbtool", width=320, height=120)
    if SUMMARY_SHEET in wb.sheetnames:
        del wb[SUMMARY_SHEET]
    ws = wb.create_sheet(SUMMARY_SHEET, 0)
    wb.active = 0
    headers = [
        "STT",
        ui("severity", lang),
        ui("code", lang),
        ui("sheet", lang),
        ui("cell", lang),
        ui("message", lang),
    ]
    for c, h in enumerate(headers, start=1):
        set_text(ws.cell(row=1, column=c), h)
        ws.cell(row=1, column=c).font = Font(bold=True)
    for i, f in enumerate(report.findings, start=2):
        values = [i - 1, ui(f.severity, lang), f.code, f.sheet or "", f.cell or "", f.message(lang)]
        for c, value in enumerate(values, start=1):
            set_text(ws.cell(row=i, column=c), value)
        ws.cell(row=i, column=2).fill = PatternFill("solid", fgColor=FILLS[f.severity])
        if f.sheet and f.cell and f.sheet in wb.sheetnames:
            link = ws.cell(row=i, column=5)
            link.hyperlink = f"#'{f.sheet}'!{f.cell}"
            link.font = Font(color="0563C1", underline="single")
    for col, width in zip("ABCDEF", (5, 11, 7, 18, 7, 100), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "clbtool"
    atomic_write(out, wb.save)
    return out

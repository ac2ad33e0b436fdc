"""`validate --annotate`: a copy of the workbook with each offending cell filled and
commented, and a first sheet "Kết quả kiểm tra" listing every finding with a link.

The copy also shows what clbtool read, so a secretary can check it against her list: a
column "clbtool đã đọc" beside each list (the member's number, or why a row was left out),
the rows left out greyed, the cells read by a tolerance ("1.948" as 1948) marked, and on the
first sheet, for each list, its header, its rows of data and the rows left out.
The input is only read; .xls and .ods inputs become .xlsx."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from clbtool.i18n import Txt, ui
from clbtool.output.sheets import atomic_write
from clbtool.rules.catalogue import ERROR, INFO, WARNING
from clbtool.rules.engine import ClubReport
from clbtool.text import workbook_text
from clbtool.workbook.table import REASONS, row_spans, spans_text

FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "DDEBF7"}
SKIPPED_FILL = "EDEDED"  # a row that is not data: grey, as if struck out
CONVERTED_FILL = "E2EFDA"  # a cell read by a tolerance: light green
SUMMARY_SHEET = "Kết quả kiểm tra"

WORDS = {
    "status": Txt("clbtool đã đọc", "Read by clbtool"),
    "member": Txt("Tính: thành viên thứ {n}", "Counted: member {n}"),
    "left": Txt("Không tính: đã ra khỏi CLB", "Not counted: left the club"),
    "row": Txt("Đã đọc: dòng dữ liệu thứ {n}", "Read: data row {n}"),
    "skipped": Txt("Bỏ qua: {reason}", "Left out: {reason}"),
    "converted": Txt("clbtool đọc ô này là {value}", "clbtool read this cell as {value}"),
    "how": Txt("CÁCH CLBTOOL ĐỌC CÁC TRANG", "HOW CLBTOOL READ THE SHEETS"),
    "header": Txt("Dòng tiêu đề", "Header rows"),
    "data": Txt("Dòng dữ liệu", "Rows of data"),
    "left_out": Txt("Dòng bỏ qua", "Rows left out"),
    "tolerated": Txt("Ô đọc theo cách ghi quen dùng", "Cells read as offices write them"),
    "none": Txt("không có", "none"),
    "legacy": Txt(
        "Ô này gõ bằng bảng mã {encoding} (phông {font}); clbtool đọc là: {value}\n"
        "Nếu đọc sai, hãy gõ lại ô này bằng Unicode.",
        "This cell was typed in {encoding} (font {font}); clbtool read it as: {value}\n"
        "If that is wrong, type the cell again in Unicode.",
    ),
    "legacy_title": Txt(
        "Ô GÕ BẰNG BẢNG MÃ CŨ ĐÃ CHUYỂN SANG UNICODE", "LEGACY-ENCODED CELLS READ AS UNICODE"
    ),
    "legacy_cells": Txt("{n} ô {encoding}: {cells}", "{n} {encoding} cells: {cells}"),
    "legacy_where": Txt("cột {column} dòng {rows}", "column {column} rows {rows}"),
}
LEGACY_FILL = "E4DFEC"  # a cell typed with a legacy font: light purple
_FONTS = {"TCVN3": ".VnTime", "VNI": "VNI-Times"}


def set_text(cell, value: object) -> None:
    """Put ``value`` in ``cell``; text is always stored as text, so "=..." never becomes a formula."""
    if isinstance(value, str):
        value = workbook_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


# openpyxl makes one object for every cell of a merged range: a range to XFD1048576 (a few
# bytes of XML) would take hours and all the memory. Past this many merged cells the copy is
# rebuilt from the values, with the merges cut to the cells that hold data.
MERGED_CELLS_MOST = 200_000
_MOST_ROWS, _MOST_COLUMNS = 1_048_576, 16_384  # an .xlsx sheet's grid


def _load_copy(path: Path, password: str | None, *, rebuild: bool = False):
    """The workbook as openpyxl objects: the .xlsx itself (formulas made their cached values),
    or, for .xls/.ods, an .xlsx with merged ranges beyond all reason, or ``rebuild``, a copy
    made cell by cell from the values clbtool read."""
    from openpyxl import Workbook

    from clbtool.workbook.source import library_quiet, open_workbook

    with library_quiet():
        calamine, data, _ = open_workbook(path, password)
        sheets = [calamine.get_sheet_by_name(name) for name in calamine.sheet_names]
    if (
        not rebuild
        and data.startswith(b"PK\x03\x04")
        and _merged_cells(sheets) <= MERGED_CELLS_MOST
    ):
        import io
        import zipfile

        if "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist():
            return _openpyxl_copy(data)
    wb = Workbook()
    wb.remove(wb.active)
    budget = MERGED_CELLS_MOST
    with library_quiet():
        values = [sheet.to_python(skip_empty_area=False) for sheet in sheets]
    read_as = {}
    titles = _titles(calamine.sheet_names)
    for name, title, sheet, rows in zip(calamine.sheet_names, titles, sheets, values, strict=True):
        ws = read_as[unicodedata.normalize("NFC", name)] = wb.create_sheet(title)
        for r, row in enumerate(rows[:_MOST_ROWS]):
            for c, value in enumerate(row[:_MOST_COLUMNS]):  # an .xls may hold more than Excel
                if value not in ("", None):
                    set_text(ws.cell(row=r + 1, column=c + 1), value)
        height = min(len(rows), _MOST_ROWS)
        width = min(max(map(len, rows), default=0), _MOST_COLUMNS)
        for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []:
            r2, c2 = min(r2, height - 1), min(c2, width - 1)
            area = (r2 - r1 + 1) * (c2 - c1 + 1)
            if r2 < r1 or c2 < c1 or area < 2 or area > budget:
                continue
            budget -= area
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    return wb, read_as


_TITLE_FORBIDDEN = str.maketrans({ch: " " for ch in "[]:*?/\\"})


def _titles(names: list[str]) -> list[str]:
    """Sheet names Excel and openpyxl accept, in order: clean, without []:*?/\\, at most 31
    characters, each once (a second "Quỹ" becomes "Quỹ (2)")."""
    titles: list[str] = []
    taken: set[str] = set()
    for name in names:
        title = " ".join(workbook_text(name).translate(_TITLE_FORBIDDEN).split())[:31] or "Trang"
        base, n = title, 2
        while title.casefold() in taken:
            suffix = f" ({n})"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        taken.add(title.casefold())
        titles.append(title)
    return titles


def _openpyxl_copy(data: bytes):
    """The .xlsx as openpyxl loads it, made safe to hand on: each formula replaced by its
    cached value (or, when it has none, its text, as text), no links to other files, every
    text, comment and sheet name cleaned. Raises when openpyxl cannot load the file."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), keep_links=False)
    cached = load_workbook(io.BytesIO(data), keep_links=False, data_only=True)
    read_as = {unicodedata.normalize("NFC", ws.title): ws for ws in wb.worksheets}
    for ws, values in zip(wb.worksheets, cached.worksheets, strict=True):
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or not isinstance(
                    cell.value, str | int | float | type(None)
                ):
                    if cell.__class__.__name__ == "MergedCell":
                        continue
                    value = values[cell.coordinate].value
                    if value is None and cell.value is not None:
                        value = str(getattr(cell.value, "text", None) or cell.value)
                    set_text(cell, value)
                elif isinstance(cell.value, str):
                    cleaned = workbook_text(cell.value)
                    if cleaned != cell.value:
                        cell.value = cleaned
                if cell.comment is not None:
                    cell.comment.text = workbook_text(cell.comment.text or "")
                    cell.comment.author = workbook_text(cell.comment.author or "")
                if cell.hyperlink is not None and cell.hyperlink.target:
                    cell.hyperlink = None  # a link out of a reading copy leads nowhere safe
    titles = _titles([ws.title for ws in wb.worksheets])
    for i, ws in enumerate(wb.worksheets):
        ws.title = f"clbtool {i}"  # free every name first: openpyxl renames a clash itself
    for ws, title in zip(wb.worksheets, titles, strict=True):
        ws.title = title
    return wb, read_as


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
    """Write the annotated copy of ``source`` to ``out`` (always .xlsx). When openpyxl cannot
    load or write the file as it is (a damaged part it insists on, a name it refuses), the
    copy is rebuilt from the values clbtool read."""
    import io

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    buffer = io.BytesIO()
    try:
        wb, read_as = _load_copy(Path(source), password)
        _annotate(wb, read_as, report, lang)
        wb.save(buffer)
    except Exception:  # openpyxl's own errors are of many types; the values are enough
        buffer = io.BytesIO()
        wb, read_as = _load_copy(Path(source), password, rebuild=True)
        _annotate(wb, read_as, report, lang)
        wb.save(buffer)
    atomic_write(out, lambda tmp: Path(tmp).write_bytes(buffer.getvalue()))
    return out


def _annotate(wb, read_as: dict, report: ClubReport, lang: str) -> None:
    """Fill and comment the cells of the findings, show what was read, and put the sheet of
    findings first. ``read_as``: the name clbtool read each sheet under → the copy's sheet."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    shown_reading = _mark_reading(read_as, report, lang)
    shown_legacy = _mark_legacy(read_as, report, lang)
    by_cell: dict[tuple[str, str], list] = {}
    for f in report.findings:
        if f.sheet and f.cell and f.sheet in read_as:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, ref), found in by_cell.items():
        cell = _writable(read_as[sheet], ref)
        worst = (
            ERROR
            if any(f.severity == ERROR for f in found)
            else WARNING
            if any(f.severity == WARNING for f in found)
            else INFO
        )
        cell.fill = PatternFill("solid", fgColor=FILLS[worst])
        fixes = dict.fromkeys(f.fix(lang) for f in found if f.severity != INFO)
        how = ui("fix", lang)
        text = workbook_text(
            "\n".join(f"{f.code}: {f.message(lang)}" for f in found)
            + "".join(f"\n{how}: {fix}" for fix in fixes)
        )
        if cell.comment is not None and cell.comment.author == "clbtool":  # how it was read
            text = f"{text}\n\n{cell.comment.text}"
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
        target = read_as.get(f.sheet) if f.sheet else None
        if target is not None and f.cell:
            link = ws.cell(row=i, column=5)
            link.hyperlink = f"#'{target.title}'!{f.cell}"
            link.font = Font(color="0563C1", underline="single")
    bottom = _reading_block(ws, len(report.findings) + 3, shown_reading, lang)
    _legacy_block(ws, bottom + 1, shown_legacy, lang)
    for col, width in zip("ABCDEF", (5, 11, 7, 18, 7, 100), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "clbtool"
    for key in ("title", "subject", "description", "keywords", "category", "lastModifiedBy"):
        value = getattr(wb.properties, key, None)
        if isinstance(value, str):
            setattr(wb.properties, key, workbook_text(value))


def _spans(rows: list[int]) -> str:
    """Excel rows as "5-64, 70" (consecutive rows joined)."""
    return spans_text(row_spans(rows))


def _mark_reading(read_as: dict, report: ClubReport, lang: str) -> list[list[str]]:
    """Write the status column beside each list, grey the rows left out, mark the cells
    read by a tolerance; the lines for the first sheet's block, one per list sheet."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    result, club = report.result, report.club
    if club is None:
        return []
    active = {id(m) for m in club.active_members()}
    members_by_row = {m.place.row: m for m in club.members}
    grey = PatternFill("solid", fgColor=SKIPPED_FILL)
    lines: list[list[str]] = []
    for role, table in result.tables.items():
        ws = read_as.get(table.sheet)
        if ws is None:
            continue
        width = max((len(row) for row in table.rows), default=0)
        status = min(width + 1, _MOST_COLUMNS)  # right of everything the sheet holds
        head = ws.cell(row=table.header.row + 1, column=status)
        set_text(head, WORDS["status"](lang))
        head.font = Font(bold=True)
        ws.column_dimensions[head.column_letter].width = 30
        n = 0
        for r in table.data:
            member = members_by_row.get(r + 1) if role == "members" else None
            if member is not None and id(member) not in active:
                text = WORDS["left"](lang)
            else:
                n += 1
                key = "member" if role == "members" else "row"
                text = WORDS[key](lang).format(n=n)
            set_text(ws.cell(row=r + 1, column=status), text)
        for r, kind in table.skipped:
            set_text(
                ws.cell(row=r + 1, column=status),
                WORDS["skipped"](lang).format(reason=REASONS[kind](lang)),
            )
            for c, value in enumerate(table.rows[r][: _MOST_COLUMNS - 1], start=1):
                if value is not None and value != "":
                    _writable(ws, f"{ws.cell(row=r + 1, column=c).coordinate}").fill = grey
        converted = [c for c in result.converted if c.sheet == table.sheet]
        for c in converted:
            cell = _writable(ws, f"{c.column}{c.row}")
            cell.fill = PatternFill("solid", fgColor=CONVERTED_FILL)
            note = WORDS["converted"](lang).format(value=c.read_as)
            cell.comment = Comment(note, "clbtool", width=240, height=60)
        header_rows = range(table.header.row + 1, table.header.data_start + 1)
        lines.append(
            [
                table.sheet,
                _spans(list(header_rows)),
                f"{len(table.data)} ({_spans([r + 1 for r in table.data]) or WORDS['none'](lang)})",
                "; ".join(
                    f"{_spans([r + 1 for r, k in table.skipped if k == kind])} ({REASONS[kind](lang)})"
                    for kind in table.reasons()
                )
                or WORDS["none"](lang),
                ", ".join(f"{c.column}{c.row}" for c in converted) or WORDS["none"](lang),
            ]
        )
    return lines


def _mark_legacy(read_as: dict, report: ClubReport, lang: str) -> list[tuple[str, str]]:
    """Mark each cell read from a legacy encoding (its fill, and a comment saying how it
    was read, so a wrong guess can be seen and undone); the lines for the first sheet."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    fill = PatternFill("solid", fgColor=LEGACY_FILL)
    by_sheet: dict[tuple[str, str], list] = {}
    for cell in report.result.reencoded:
        ws = read_as.get(cell.sheet)
        if ws is None or cell.col >= _MOST_COLUMNS or cell.row > _MOST_ROWS:
            continue  # an .xls may hold cells beyond an .xlsx's grid
        by_sheet.setdefault((cell.sheet, cell.encoding), []).append(cell)
        target = _writable(ws, f"{cell.column}{cell.row}")
        target.fill = fill
        note = WORDS["legacy"](lang).format(
            encoding=cell.encoding, font=_FONTS[cell.encoding], value=cell.read_as
        )
        target.comment = Comment(workbook_text(note)[:2000], "clbtool", width=320, height=90)
    lines = []
    for (sheet, encoding), cells in by_sheet.items():
        columns: dict[str, list[int]] = {}
        for cell in cells:
            columns.setdefault(cell.column, []).append(cell.row)
        where = "; ".join(
            WORDS["legacy_where"](lang).format(column=column, rows=_spans(rows))
            for column, rows in columns.items()
        )
        lines.append(
            (
                sheet,
                WORDS["legacy_cells"](lang).format(n=len(cells), encoding=encoding, cells=where),
            )
        )
    return lines


def _legacy_block(ws, top: int, lines: list[tuple[str, str]], lang: str) -> None:
    from openpyxl.styles import Font

    if not lines:
        return
    set_text(ws.cell(row=top, column=1), WORDS["legacy_title"](lang))
    ws.cell(row=top, column=1).font = Font(bold=True)
    for i, (sheet, text) in enumerate(lines, start=1):
        set_text(ws.cell(row=top + i, column=4), sheet)
        set_text(ws.cell(row=top + i, column=6), text)


def _reading_block(ws, top: int, lines: list[list[str]], lang: str) -> int:
    """The first sheet's block: for each list, where its header is, its rows of data, the
    rows left out and why, the cells read by a tolerance. Returns the row below it."""
    from openpyxl.styles import Font

    if not lines:
        return top
    set_text(ws.cell(row=top, column=1), WORDS["how"](lang))
    ws.cell(row=top, column=1).font = Font(bold=True)
    labels = [ui("sheet", lang), WORDS["header"](lang), WORDS["data"](lang), WORDS["left_out"](lang), WORDS["tolerated"](lang)]  # fmt: skip
    for i, line in enumerate(lines):
        row = top + 1 + i * (len(labels) + 1)
        for k, (label, value) in enumerate(zip(labels, line, strict=True)):
            set_text(ws.cell(row=row + k, column=4), label)
            ws.cell(row=row + k, column=4).font = Font(bold=k == 0)
            set_text(ws.cell(row=row + k, column=6), value)
            ws.cell(row=row + k, column=6).font = Font(bold=k == 0)
    return top + 1 + len(lines) * (len(labels) + 1)

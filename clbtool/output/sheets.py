"""A small neutral model of a workbook (cells, merges, widths) and its writers for
.xlsx (openpyxl), .xls (xlwt) and .ods (plain OpenDocument XML), so that the same club
can be written in every format offices use. Text that looks like a formula is written as
text in every format."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class SheetModel:
    name: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)  # (row, col) 0-based
    merges: list[tuple[int, int, int, int]] = field(
        default_factory=list
    )  # r1, c1, r2, c2 inclusive
    widths: dict[int, float] = field(default_factory=dict)
    bold_rows: set[int] = field(default_factory=set)
    freeze_row: int | None = None  # first data row (0-based), frozen above it
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)  # a cell's font by name

    def put(self, row: int, col: int, value: object) -> None:
        if value is not None and value != "":
            self.cells[(row, col)] = value

    def put_row(self, row: int, values: list) -> None:
        for col, value in enumerate(values):
            self.put(row, col, value)


@dataclass
class WorkbookModel:
    sheets: list[SheetModel] = field(default_factory=list)

    def add(self, name: str) -> SheetModel:
        sheet = SheetModel(name)
        self.sheets.append(sheet)
        return sheet


TEMP_PREFIX = ".clbtool-"
STALE_SECONDS = 3600  # a temporary file this old is left from a write that was killed


def atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees
    half a file, and a failed write leaves the old file as it was. Temporary files that a
    killed run left in the folder (an hour old or more) are removed first."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temp_files(folder: Path) -> None:
    """Remove clbtool's own temporary files left in ``folder`` by a run that was killed
    mid-write (SIGKILL, a power cut): hidden names that no other program writes."""
    import time

    cutoff = time.time() - STALE_SECONDS
    try:
        candidates = list(Path(folder).glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return
    for leftover in candidates:
        try:
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # another run's file, or a folder we may not change: not ours to insist


def write_workbook(model: WorkbookModel, path: Path) -> None:
    """Write ``model`` in the format the suffix of ``path`` names (.xlsx, .xls, .ods)."""
    suffix = Path(path).suffix.lower()
    writer = {
        ".xlsx": _write_xlsx,
        ".xlsm": _write_xlsx,
        ".xls": _write_xls,
        ".ods": _write_ods,
    }.get(suffix)
    if writer is None:
        raise ValueError(f"unsupported format: {suffix}")
    atomic_write(Path(path), lambda tmp: writer(model, tmp))


def _write_xlsx(model: WorkbookModel, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    named: dict[tuple[str, bool], Font] = {}
    for sheet in model.sheets:
        ws = wb.create_sheet(sheet.name)
        for (r, c), value in sheet.cells.items():
            cell = ws.cell(row=r + 1, column=c + 1)
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.value = value
                cell.data_type = "s"  # stays text: never a formula from user text
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            if (r, c) in sheet.fonts:
                key = (sheet.fonts[(r, c)], r in sheet.bold_rows)
                cell.font = named.setdefault(key, Font(name=key[0], bold=key[1]))
            elif r in sheet.bold_rows:
                cell.font = bold
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for c, width in sheet.widths.items():
            ws.column_dimensions[_letter(c)].width = width
        if sheet.freeze_row:
            ws.freeze_panes = ws.cell(row=sheet.freeze_row + 1, column=1)
    wb.save(path)


def _letter(col: int) -> str:
    from clbtool.findings import column_letter

    return column_letter(col)


def _write_xls(model: WorkbookModel, path: str) -> None:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    bold = xlwt.easyxf("font: bold on")
    named: dict[tuple[str, bool], object] = {}

    def font_style(name: str, is_bold: bool):
        if (name, is_bold) not in named:
            style = xlwt.XFStyle()
            style.font = xlwt.Font()
            style.font.name, style.font.bold = name, is_bold
            named[(name, is_bold)] = style
        return named[(name, is_bold)]

    for sheet in model.sheets:
        ws = wb.add_sheet(sheet.name[:31], cell_overwrite_ok=True)
        merged_cells = set()
        for r1, c1, r2, c2 in sheet.merges:
            ws.write_merge(
                r1,
                r2,
                c1,
                c2,
                sheet.cells.get((r1, c1), ""),
                bold if r1 in sheet.bold_rows else xlwt.Style.default_style,
            )
            merged_cells |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for (r, c), value in sheet.cells.items():
            if (r, c) in merged_cells:
                continue
            if isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            elif (r, c) in sheet.fonts:
                ws.write(r, c, value, font_style(sheet.fonts[(r, c)], r in sheet.bold_rows))
            elif r in sheet.bold_rows:
                ws.write(r, c, value, bold)
            else:
                ws.write(r, c, value)
        for c, width in sheet.widths.items():
            ws.col(c).width = int(width * 256)
    wb.save(path)


def _ods_cell(value: object, span: tuple[int, int] | None, style: str | None = None) -> str:
    attrs = ""
    if span:
        attrs = f' table:number-rows-spanned="{span[0]}" table:number-columns-spanned="{span[1]}"'
    if value is None or value == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, bool):
        return (
            f'<table:table-cell office:value-type="boolean" office:boolean-value="{str(value).lower()}"{attrs}>'
            f"<text:p>{'TRUE' if value else 'FALSE'}</text:p></table:table-cell>"
        )
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    if isinstance(value, dt.date):
        shown = f"{value.day:02d}/{value.month:02d}/{value.year}"
        return (
            f'<table:table-cell table:style-name="cedate" office:value-type="date" '
            f'office:date-value="{value.isoformat()}"{attrs}><text:p>{shown}</text:p></table:table-cell>'
        )
    if style:  # a font on a text cell
        attrs += f' table:style-name="{style}"'
    return (
        f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(str(value))}</text:p>'
        "</table:table-cell>"
    )


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2"'
)


def _write_ods(model: WorkbookModel, path: str) -> None:
    body = []
    fonts = sorted({name for sheet in model.sheets for name in sheet.fonts.values()})
    font_style = {name: f"cefont{i}" for i, name in enumerate(fonts)}
    for sheet in model.sheets:
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in sheet.merges}
        covered = {
            (r, c)
            for r1, c1, r2, c2 in sheet.merges
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
        } - set(spans)
        n_rows = max((r for r, _ in sheet.cells), default=-1) + 1
        n_cols = max((c for _, c in sheet.cells), default=-1) + 1
        for _r1, _c1, r2, c2 in sheet.merges:
            n_rows, n_cols = max(n_rows, r2 + 1), max(n_cols, c2 + 1)
        rows = []
        for r in range(n_rows):
            cells = []
            for c in range(n_cols):
                if (r, c) in covered:
                    cells.append("<table:covered-table-cell/>")
                else:
                    font = sheet.fonts.get((r, c))
                    cells.append(
                        _ods_cell(
                            sheet.cells.get((r, c)),
                            spans.get((r, c)),
                            font_style[font] if font else None,
                        )
                    )
            rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
        body.append(
            f"<table:table table:name={quoteattr(sheet.name)}>" + "".join(rows) + "</table:table>"
        )
    faces = "".join(
        f"<style:font-face style:name={quoteattr(name)} svg:font-family={quoteattr(name)}/>"
        for name in fonts
    )
    styles = "".join(
        f'<style:style style:name="{font_style[name]}" style:family="table-cell">'
        f"<style:text-properties style:font-name={quoteattr(name)}/></style:style>"
        for name in fonts
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:font-face-decls>{faces}</office:font-face-decls>"
        f"<office:automatic-styles>{styles}"
        '<number:date-style style:name="ndate"><number:day number:style="long"/>'
        '<number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text>'
        '<number:year number:style="long"/></number:date-style>'
        '<style:style style:name="cedate" style:family="table-cell" style:data-style-name="ndate"/>'
        "</office:automatic-styles><office:body><office:spreadsheet>"
        + "".join(body)
        + "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)

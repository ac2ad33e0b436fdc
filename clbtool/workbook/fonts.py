"""The fonts of a workbook's text cells, the first witness of how each was typed: a cell
in .VnTime (or .VnArial, .VnTimeH...) was typed in TCVN3, one in VNI-Times (VNI-Helve...)
in VNI, one in any other font in Unicode.

Read from the file's own records, for .xlsx (styles.xml: fonts, the cellXfs that use
them, each cell's style; sharedStrings.xml: the fonts of rich-text runs), .xls (the FONT
and XF records and each text cell's XF) and .ods (the text properties of the cell
styles). Gated: when no legacy font is named in the file, nothing is parsed.
"""

from __future__ import annotations

import html
import re
import struct
from collections.abc import Callable
from dataclasses import dataclass, field

from clbtool.findings import column_letter

# TCVN3 fonts are named ".Vn..." (.VnTime, .VnTimeH, .VnArial, .VnCentury Schoolbook), some
# copies without the dot ("VnTime"); VNI fonts "VNI-..." (VNI-Times, VNI-Helve, VNI-Aptima).
_TCVN3_FONT = re.compile(r"\.?vn(?!i[- _])[a-z]", re.IGNORECASE)
_VNI_FONT = re.compile(r"vni[- _]", re.IGNORECASE)
# Whether a file names such a font at all: bytes as the XML or the BIFF records hold them,
# in lower case (a search without IGNORECASE is ten times as fast)
_NAMED_LOWER = re.compile(rb"\.vn[a-z]|vni[- _]|vntime|vnarial")


def _names_legacy(data: bytes, utf16: bool = False) -> bool:
    low = data.lower()
    if b"vn" in low and _NAMED_LOWER.search(low) is not None:
        return True
    return utf16 and any(name in low for name in _NAMED_UTF16)


# as a BIFF8 FONT record holds a name in UTF-16 (little-endian), in lower case
_NAMED_UTF16 = tuple(name.encode("utf-16-le") for name in (".vn", "vni-", "vni ", "vntime"))


def font_reading(name: str) -> str:
    """The reading a font stands for: "t" (TCVN3), "v" (VNI) or "u" (Unicode)."""
    name = name.strip().strip("'\"")
    if _VNI_FONT.match(name):
        return "v"
    if _TCVN3_FONT.match(name):
        return "t"
    return "u"


@dataclass
class SheetFonts:
    """One sheet's fonts: the reading of each cell's font; ``default`` for cells not listed.
    An .xlsx sheet keeps its cells' style numbers by reference (``refs``: b"B5" -> b"3"),
    read into a reading only for the cells asked about (``xf``: style -> reading)."""

    default: str = "u"
    cells: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based
    refs: dict[bytes, bytes] = field(default_factory=dict)
    xf: list[str] = field(default_factory=list)

    def at(self, row: int, col: int) -> str:
        if self.refs:
            style = self.refs.get(f"{column_letter(col)}{row + 1}".encode())
            if style is not None:
                index = int(style)
                return self.xf[index] if index < len(self.xf) else "u"
        return self.cells.get((row, col), self.default)

    @property
    def says_legacy(self) -> bool:
        """Whether a legacy font was seen on the sheet: else its fonts witness nothing."""
        if self.default != "u" or any(r != "u" for r in self.cells.values()):
            return True
        legacy = {str(i).encode() for i, r in enumerate(self.xf) if r != "u"}
        return not legacy.isdisjoint(self.refs.values())


@dataclass
class FontWitness:
    """The fonts of a workbook that names a legacy font, by sheet name."""

    sheets: dict[str, SheetFonts] = field(default_factory=dict)
    # rich text with a legacy font on some runs: its text -> (run text, run font's reading)
    strings: dict[str, tuple[tuple[str, str | None], ...]] = field(default_factory=dict)

    def sheet(self, name: str) -> SheetFonts | None:
        return self.sheets.get(name)


# --- .xlsx ------------------------------------------------------------------------------------
_ATTR = r'\s(?:\w+:)?{}\s*=\s*"([^"]*)"'
# Tags read one after the other (each search stops at the next "<": linear on any input,
# however damaged; a regex spanning an element could scan to the end for each opening)
_STYLE_TAG = re.compile(rb"<(/?)(?:\w+:)?(fonts|font|name|cellXfs|xf)(?=[\s/>])([^<>]*)>")
_STRING_TAG = re.compile(rb"<(/?)(?:\w+:)?(si|is|r|rFont|t|rPh)(?=[\s/>])([^<>]*)>")
_VAL = re.compile(rb'\sval\s*=\s*"([^"]*)"')
_FONT_ID = re.compile(rb'\sfontId\s*=\s*"(\d{1,6})"')
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^<>]*)>")
_STYLED_CELL = re.compile(rb'<(?:\w+:)?c r="([A-Z]{1,3}[0-9]{1,7})" s="([0-9]{1,6})"')
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^<>]*)>")
_MOST_TAGS = 1_000_000  # a club workbook's styles and strings hold some thousands


def _attr(attrs: bytes, name: str) -> str | None:
    found = re.search(_ATTR.format(re.escape(name)).encode(), attrs)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


def _val(attrs: bytes) -> str:
    found = _VAL.search(attrs)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""


def _style_readings(styles: bytes) -> list[str]:
    """The reading of each cell style (cellXfs, in order), from the font it uses."""
    fonts: list[str] = []
    readings: list[str] = []
    where = None  # "fonts" or "cellXfs" while inside one
    for n, tag in enumerate(_STYLE_TAG.finditer(styles)):
        if n > _MOST_TAGS:
            break
        closing, name, attrs = tag.groups()
        if name in (b"fonts", b"cellXfs"):
            where = None if closing or attrs.endswith(b"/") else name
        elif where == b"fonts" and name == b"font" and not closing:
            fonts.append("u")
        elif where == b"fonts" and name == b"name" and fonts:
            fonts[-1] = font_reading(_val(attrs))
        elif where == b"cellXfs" and name == b"xf" and not closing:
            font_id = _FONT_ID.search(attrs)
            index = int(font_id.group(1)) if font_id else 0
            readings.append(fonts[index] if index < len(fonts) else "u")
    return readings


def xlsx_fonts(read: Callable[[str], bytes | None]) -> FontWitness | None:
    """The fonts of an .xlsx's cells, or None when it names no legacy font (the usual
    case: one search of styles.xml, one of the shared strings for rich text). Rich text
    written in the cells is read when the file names a legacy font elsewhere. ``read``: an
    entry's bytes by its name in lower case (None when absent)."""
    styles = read("xl/styles.xml") or b""
    strings = read("xl/sharedstrings.xml") or b""
    # rich text names its runs' fonts in the strings: looked for only where runs name one
    runs = _rich_runs(strings) if b"rFont" in strings and _names_legacy(strings) else {}
    if not runs and not _names_legacy(styles):
        return None
    xf_reading = _style_readings(styles)
    default = xf_reading[0] if xf_reading else "u"
    witness = FontWitness(strings=runs)
    for name, part in _sheet_parts(read).items():
        xml = read(part)
        if xml is None:
            continue
        # every styled cell's reference and style, at C speed: Excel, LibreOffice and
        # openpyxl write r before s
        witness.sheets[name] = SheetFonts(
            default, refs=dict(_STYLED_CELL.findall(xml)), xf=xf_reading
        )
        if b"<is>" in xml and b"rFont" in xml and _names_legacy(xml):
            witness.strings.update(_rich_runs(xml))  # rich text written in its cells
    return witness


def _rich_runs(xml: bytes) -> dict[str, tuple[tuple[str, str | None], ...]]:
    """The strings (shared, or written in their cells) with runs in a legacy font: their
    text (NFC) -> the runs, each with the reading of its font (None: the cell's font).
    Phonetic runs are not text."""
    import unicodedata

    found: dict[str, tuple[tuple[str, str | None], ...]] = {}
    runs: list[tuple[str, str | None]] = []
    font: str | None = None
    text: list[str] = []
    in_run = in_phonetic = False
    started = 0
    for n, tag in enumerate(_STRING_TAG.finditer(xml)):
        if n > _MOST_TAGS:
            break
        closing, name, attrs = tag.groups()
        if name in (b"si", b"is"):  # a shared string, or one written in its cell
            if closing and any(reading not in (None, "u") for _, reading in runs):
                found["".join(t for t, _ in runs)] = tuple(runs)
            runs = []
        elif name == b"rPh":
            in_phonetic = not closing and not attrs.endswith(b"/")
        elif name == b"r":
            if closing and in_run:
                runs.append((unicodedata.normalize("NFC", "".join(text)), font))
            in_run, font, text = not closing, None, []
        elif name == b"rFont" and in_run:
            font = font_reading(_val(attrs))
        elif name == b"t" and in_run and not in_phonetic:
            if not closing and not attrs.endswith(b"/"):
                started = tag.end()
            elif closing and started:
                text.append(html.unescape(xml[started : tag.start()].decode("utf-8", "replace")))
                started = 0
    return found


def _sheet_parts(read: Callable[[str], bytes | None]) -> dict[str, str]:
    """Sheet name -> its part, from workbook.xml and its relationships."""
    book = read("xl/workbook.xml") or b""
    rels = read("xl/_rels/workbook.xml.rels") or b""
    targets = {}
    for rel in _REL.finditer(rels):
        rid, target = _attr(rel.group(1), "Id"), _attr(rel.group(1), "Target")
        if rid and target:
            target = target.replace("\\", "/")
            targets[rid] = (
                target.lstrip("/").lower() if target.startswith("/") else ("xl/" + target).lower()
            )
    found = {}
    for sheet in _SHEET.finditer(book):
        name, rid = _attr(sheet.group(1), "name"), _attr(sheet.group(1), "id")
        if name and rid in targets:
            found[name] = targets[rid]
    return found


# --- .xls (BIFF8; BIFF5's names read as 8-bit) ---------------------------------------------------
_BOF, _FONT_REC, _XF_REC, _SHEET_REC = 0x0809, 0x0031, 0x00E0, 0x0085
_TEXT_CELLS = (0x00FD, 0x0204, 0x00D6)  # LABELSST, LABEL, RSTRING: row, col, xf first
_HEADER = struct.Struct("<HH")
_CELL = struct.Struct("<HHH")
_MOST_RECORDS = 4_000_000  # a club workbook has some thousands; a hostile one stops here


def xls_fonts(data: bytes) -> FontWitness | None:
    """The fonts of an .xls's text cells, or None when it names no legacy font."""
    if not _names_legacy(data, utf16=True):
        return None
    import olefile

    ole = olefile.OleFileIO(data)
    try:
        stream = next((s for s in ("Workbook", "Book") if ole.exists(s)), None)
        if stream is None:
            return None
        book = ole.openstream(stream).read()
    finally:
        ole.close()
    fonts: list[str] = []
    xf_reading: list[str] = []
    sheets: dict[int, str] = {}  # BOF offset -> sheet name
    witness = FontWitness()
    current: SheetFonts | None = None
    pos, end = 0, len(book) - 4
    budget = _MOST_RECORDS
    while pos <= end and budget:
        budget -= 1
        kind, size = _HEADER.unpack_from(book, pos)
        body = pos + 4
        if kind in _TEXT_CELLS and current is not None and size >= 6:
            row, col, xf = _CELL.unpack_from(book, body)
            reading = xf_reading[xf] if xf < len(xf_reading) else "u"
            if reading != "u":
                current.cells[(row, col)] = reading
        elif kind == _BOF:
            name = sheets.get(pos)
            current = witness.sheets.setdefault(name, SheetFonts()) if name else None
        elif kind == _FONT_REC and size >= 16:
            fonts.append(font_reading(_biff_text(book, body + 14, body + 4 + size - 4)))
            if len(fonts) == 4:
                fonts.append("u")  # BIFF has no font number 4
        elif kind == _XF_REC and size >= 2:
            index = struct.unpack_from("<H", book, body)[0]
            xf_reading.append(fonts[index] if index < len(fonts) else "u")
        elif kind == _SHEET_REC and size >= 8:
            offset = struct.unpack_from("<I", book, body)[0]
            sheets[offset] = _biff_text(book, body + 6, body + size)
        pos = body + size
    if not any(r != "u" for r in xf_reading):
        return None
    witness.sheets.pop(None, None)
    return witness


def _biff_text(book: bytes, at: int, end: int) -> str:
    """A short string of BIFF8 (length, flags, 8-bit or UTF-16 characters)."""
    count = book[at]
    if at + 1 < end and book[at + 1] in (0, 1):  # BIFF8: a flags byte
        flags, start = book[at + 1], at + 2
        if flags & 1:
            return book[start : start + 2 * count].decode("utf-16-le", "replace")
        return book[start : start + count].decode("latin-1")
    return book[at + 1 : at + 1 + count].decode("latin-1")


# --- .ods ----------------------------------------------------------------------------------------
_ODS_TAG = re.compile(
    rb"<(table:table|table:table-column|table:table-row|table:table-cell|table:covered-table-cell"
    rb"|style:style|style:text-properties|/style:style)(?=[\s/>])([^<>]*)>"
)


def _groups(match: re.Match) -> tuple[bytes, bytes]:
    return match.group(1), match.group(2)


def ods_fonts(read: Callable[[str], bytes | None]) -> FontWitness | None:
    """The fonts of an .ods's cells, from the text properties of their styles (and the
    styles they inherit from), or None when it names no legacy font."""
    content = read("content.xml")
    styles = read("styles.xml") or b""
    if content is None or not (_names_legacy(content) or _names_legacy(styles)):
        return None
    own: dict[str, str] = {}  # style -> the reading of the font its text properties name
    parent: dict[str, str] = {}
    for xml in (styles, content):
        style = None
        for tag, attrs in map(_groups, _ODS_TAG.finditer(xml)):
            if tag == b"style:style":
                style = _attr(attrs, "name")
                up = _attr(attrs, "parent-style-name")
                if style and up:
                    parent[style] = up
                if attrs.rstrip().endswith(b"/"):
                    style = None
            elif tag == b"/style:style":
                style = None
            elif tag == b"style:text-properties" and style:
                font = _attr(attrs, "font-name") or _attr(attrs, "font-family")
                if font:
                    own[style] = font_reading(font)

    def reading(style: str | None) -> str:
        for _ in range(10):  # a short chain of parents; a loop in a hostile file ends here
            if style is None:
                return own.get("Default", "u")
            if style in own:
                return own[style]
            style = parent.get(style)
        return "u"

    if not any(r != "u" for r in own.values()):
        return None
    witness = FontWitness()
    sheet: SheetFonts | None = None
    columns: list[str | None] = []
    row = next_row = col = 0
    for tag, attrs in map(_groups, _ODS_TAG.finditer(content)):
        if tag == b"table:table":
            name = _attr(attrs, "name") or ""
            sheet = witness.sheets[name] = SheetFonts(reading(None))
            columns, next_row = [], 0
        elif sheet is None:
            continue
        elif tag == b"table:table-column":
            repeat = min(int(_attr(attrs, "number-columns-repeated") or 1), 1024)
            columns.extend([_attr(attrs, "default-cell-style-name")] * repeat)
        elif tag == b"table:table-row":  # a repeated row's cells are marked on its first
            row, col = next_row, 0
            next_row += int(_attr(attrs, "number-rows-repeated") or 1)
        elif tag in (b"table:table-cell", b"table:covered-table-cell"):
            repeat = min(int(_attr(attrs, "number-columns-repeated") or 1), 1024)
            style = _attr(attrs, "style-name") or (columns[col] if col < len(columns) else None)
            found = reading(style)
            if found != sheet.default:
                for k in range(repeat):
                    sheet.cells[(row, col + k)] = found
            col += repeat
    return witness


__all__ = ["FontWitness", "SheetFonts", "font_reading", "ods_fonts", "xls_fonts", "xlsx_fonts"]

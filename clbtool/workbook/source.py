"""Opening a spreadsheet file safely: format sniffing, size and zip-bomb limits, passwords.

Everything here reads; nothing writes to the input. A problem becomes a
:class:`FileProblem` carrying the rule code (F01-F03) and its parameters.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import struct
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from clbtool.i18n import Txt
from clbtool.workbook.fonts import ods_fonts, xls_fonts, xlsx_fonts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_DEFLATE_MAX_RATIO = 1032  # DEFLATE cannot expand a byte of input into more than ~1032 bytes


@dataclass(frozen=True)
class Limits:
    """How big a club workbook may be before it is refused (F03)."""

    file_bytes: int = 50 * 1024 * 1024
    uncompressed_bytes: int = 200 * 1024 * 1024
    entries: int = 2000
    ratio: int = 200  # uncompressed / compressed, for entries above ratio_floor
    ratio_floor: int = 1024 * 1024
    sheet_rows: int = 50_000
    sheet_cells: int = 2_000_000
    probe_memory: int = 256 << 20  # what a .xls/.ods may take while it is tried apart


DEFAULT_LIMITS = Limits()


class FileProblem(Exception):
    """The file cannot be read; ``code`` is the rule (F01, F02, F03)."""

    def __init__(self, code: str, variant: str = "", **params: object) -> None:
        super().__init__(code, variant, params)
        self.code = code
        self.variant = variant
        self.params = params


def _f01(vi: str, en: str) -> FileProblem:
    return FileProblem("F01", reason=Txt(vi, en))


def _f03(what: Txt, found: int, limit: int) -> FileProblem:
    return FileProblem("F03", what=what, found=found, limit=limit)


def open_workbook(path: Path, password: str | None = None, limits: Limits = DEFAULT_LIMITS):
    """Open ``path`` with python-calamine after the safety checks; returns
    ``(CalamineWorkbook, data, fonts)``: ``data`` is the file's bytes (decrypted when it was
    protected), while an .xlsx is handed to the library as the stored copy the checks
    made (:func:`_stored_copy`); ``fonts`` the cells' fonts when the file names a legacy
    font (workbook.fonts), else None. Raises :class:`FileProblem`."""
    from python_calamine import CalamineWorkbook

    data = _read_bytes(path, limits.file_bytes)
    infos: list[zipfile.ZipInfo] | None = None
    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            # an encrypted .xlsx lives inside an OLE container
            data = _decrypt(data, password)
            infos = _check_zip(data, limits)
        elif password is not None and _xls_encrypted(data):
            data = _decrypt(data, password)
    elif data.startswith(ZIP_MAGIC):
        infos = _check_zip(data, limits)
    else:
        head = data[:512].lstrip().lower()
        if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
            raise _f01(
                "tệp là trang HTML/XML đặt tên như bảng tính; hãy mở bằng Excel và lưu lại thành .xlsx",
                "the file is an HTML/XML page named like a spreadsheet; open it in Excel and save as .xlsx",
            )
        raise _f01(
            "tệp không phải bảng tính Excel hay LibreOffice (có thể là CSV, văn bản hoặc tệp hỏng)",
            "not an Excel or LibreOffice spreadsheet (perhaps CSV, text, or a damaged file)",
        )
    parts = {_part(i) for i in infos or ()}
    given = data
    fonts = None
    if any(p.startswith(_SHEET_DIRS) for p in parts) and "xl/workbook.bin" not in parts:
        sheets = _check_allocations(data, infos, limits)
        fonts = _fonts(xlsx_fonts, _reader(data, infos, sheets, limits))
        try:
            given = _stored_copy(data, infos, sheets) or data
        except Exception:  # an archive this plain writing did not foresee: read it as it is
            given = data
        del sheets  # the copy holds them now; the library makes its own copy of that
    else:  # .xls, .ods, .xlsb: a damaged file can make the library abort, so it is tried apart
        _probe_in_child(data, limits)
        if infos is None:
            fonts = _fonts(xls_fonts, data)
        elif "content.xml" in parts:
            fonts = _fonts(ods_fonts, _reader(data, infos, {}, limits))
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(given)), data, fonts
    except BaseException as exc:  # calamine raises several types, and panics; all mean "unreadable"
        if not is_library_error(exc):
            raise
        name = type(exc).__name__
        if name == "PasswordError" or "password" in str(exc).lower():
            raise FileProblem("F02") from exc
        raise _f01(
            f"tệp hỏng hoặc không đúng định dạng ({_cause(exc).vi})",
            f"damaged or wrong format ({_cause(exc).en})",
        ) from exc


def _reader(data: bytes, infos: list[zipfile.ZipInfo], inflated: dict[int, bytes], limits: Limits):
    """An archive's entries by name (lower case), inflated once: for the fonts."""
    by_name = {_part(i): i for i in infos}
    done: dict[str, bytes] = {}

    def read(name: str) -> bytes | None:
        info = by_name.get(name)
        if info is None:
            return None
        if name not in done:
            body = inflated.get(info.header_offset)
            done[name] = (
                body if body is not None else _inflate(data, info, limits.uncompressed_bytes)
            )
        return done[name]

    return read


def _fonts(find, source):
    """The fonts of the cells (workbook.fonts), or None: they are a witness, and a file
    whose style records cannot be read is read without them."""
    try:
        return find(source)
    except Exception:
        return None


_SCRATCH: list = []  # one scratch file per process for what the library prints


@contextlib.contextmanager
def library_quiet():
    """While python-calamine reads: what it prints straight to the terminal (a Rust panic's
    message and backtrace, before the PanicException that becomes a finding) goes to a scratch
    file instead. Python's own stderr is the same descriptor, so nothing else may print here;
    a progress bar's frame drawn meanwhile is lost, and the next one is whole."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all: nothing to keep clean
        yield
        return
    if not _SCRATCH:
        _SCRATCH.append(tempfile.TemporaryFile())  # noqa: SIM115  (kept for the process)
    scratch = _SCRATCH[0]
    try:
        sys.stderr.flush()
        os.dup2(scratch.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        if scratch.tell() > 1 << 20:
            scratch.seek(0)
            scratch.truncate()


def is_library_error(exc: BaseException) -> bool:
    """An error of the spreadsheet library: an ordinary exception, or a Rust panic that
    python-calamine raises as pyo3's PanicException (a BaseException) on a damaged file."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


# What the reading libraries say, in the words a user reads (their English stays in --lang en).
_LIBRARY_CAUSES = (
    ("not a zip file", "không phải tệp nén hợp lệ"),
    ("truncated", "tệp bị cắt, không trọn vẹn"),
    ("bad magic", "phần đầu tệp bị hỏng"),
    ("unexpected end", "tệp bị cắt, không trọn vẹn"),
    ("eof", "tệp bị cắt, không trọn vẹn"),
    ("crc", "dữ liệu nén bị hỏng (sai mã kiểm tra)"),
    ("cannot detect file format", "không nhận ra định dạng tệp"),
    ("unsupported", "định dạng tệp chưa được hỗ trợ"),
    ("xml", "nội dung XML trong tệp bị hỏng"),
    ("cfb", "cấu trúc tệp Excel 97-2003 bị hỏng"),
    ("encoding", "bảng mã chữ trong tệp bị hỏng"),
)


def _cause(exc: BaseException) -> Txt:
    """A library's reason in Vietnamese (a known one in words, else "lỗi khi đọc"), and as it
    said it in English."""
    if isinstance(exc, OSError) and exc.errno is not None:
        from clbtool.i18n import os_error_text

        vi = os_error_text(exc, "vi").split(": ", 1)[-1].rstrip(".")
        return Txt(vi, exc.strerror or _short(exc))
    text = _short(exc)
    folded = text.lower()
    vi = next((words for key, words in _LIBRARY_CAUSES if key in folded), "lỗi khi đọc tệp")
    return Txt(vi, text)


# python-calamine (calamine 0.37) sizes two things from the file before we get control back, and
# a failed allocation aborts the whole process (no exception): each worksheet becomes one dense
# rectangle from its first to its last filled cell (tafia/calamine#693), and sharedStrings.xml's
# uniqueCount is reserved up front (#684). A 2 KB workbook can ask for hundreds of GB. The
# library finds parts case-insensitively, with backslashes read as slashes; it takes a cell's
# position from its last r attribute, in any quoting, with or without a namespace prefix on the
# element; cells without r follow the previous one. So the XML is measured here first.
_SHEET_DIRS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/", "xl/macrosheets/")
_SHARED_STRINGS = "xl/sharedstrings.xml"
_STYLES = "xl/styles.xml"
_MOST_STRINGS = 10_000_000  # what uniqueCount may declare in any case (a 240 MB reservation)

# The fast test, on a copy with whitespace and quotes made spaces and ":" made "<" (so
# <x:c ...> reads <x<c ...>): every cell starts exactly <c r= A1 > with a reference within
# ZZ9999 (the library then asks for at most ~7M cells, and the sheet size limits apply after),
# and no other r attribute appears. Anything else is measured cell by cell.
_FOLD_XML = bytes.maketrans(b"\t\n\r\"':", b"     <")
_ODD_CELL = re.compile(rb"<c(?! r= [A-Za-z]{1,2}+[0-9]{1,4}+ )(?![\w.\-])")
_OTHER_R = re.compile(rb" r *=(?<!<c r=)(?<!<row r=)")

# a tag that is never closed (or a quote never closed) runs to the end of the text: each
# search then starts after it, so a file of unclosed tags is walked once, not once per tag
_TAG = re.compile(
    rb"<(?:[^\s<>/!?:\"']+:)?(c|row)(?=[\s/>])"
    rb"((?:[^>\"']|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)"
)
_R_VALUE = re.compile(rb"(?:^|(?<=[\s\"']))r\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_REF = re.compile(rb"\s*([A-Za-z]+)([0-9]+)")
_UNIQUE_COUNT = re.compile(rb"uniqueCount\s*=\s*[\"']\s*\+?([0-9]+)")


def _part(info: zipfile.ZipInfo) -> str:
    """An entry's name as the library matches it: slashes, no case."""
    return info.filename.replace("\\", "/").lstrip("/").lower()


def _check_allocations(
    data: bytes, infos: list[zipfile.ZipInfo], limits: Limits
) -> dict[int, bytes]:
    """Refuse (F03) an .xlsx that would make the library ask for more memory than a club
    workbook can need; see the comment above. Returns the sheets' XML (and styles.xml) by
    entry offset."""
    sheets: dict[int, bytes] = {}
    try:
        for info in infos:
            part = _part(info)
            if part.startswith(_SHEET_DIRS):
                xml = sheets[info.header_offset] = _inflate(data, info, limits.uncompressed_bytes)
                folded = xml.translate(_FOLD_XML)
                if _ODD_CELL.search(folded) or _OTHER_R.search(folded):
                    _measure_cells(xml, limits)
            elif part == _STYLES:
                # inflated here for the fonts (workbook.fonts), and handed to the library
                # stored, so that it costs nothing more
                sheets[info.header_offset] = _inflate(data, info, limits.uncompressed_bytes)
            elif part.endswith(_SHARED_STRINGS):
                xml = _inflate(data, info, limits.uncompressed_bytes)
                most = max(_MOST_STRINGS, info.file_size // 5)
                for count in _UNIQUE_COUNT.findall(xml):
                    if len(count) > 12 or int(count) > most:
                        raise _f03(
                            Txt(
                                "số chuỗi chữ khai báo (uniqueCount)",
                                "strings declared (uniqueCount)",
                            ),
                            int(count[:12]),
                            most,
                        )
    except FileProblem:
        raise
    except Exception as exc:
        raise _f01(
            f"tệp nén bị hỏng ({_cause(exc).vi})", f"damaged archive ({_cause(exc).en})"
        ) from exc
    return sheets


_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")


def _stored_copy(
    data: bytes, infos: list[zipfile.ZipInfo], sheets: dict[int, bytes]
) -> bytes | None:
    """The same archive with the sheets (and styles) inflated here stored as they are, so that the
    library does not inflate them again (a tenth of its reading time). Every other entry keeps
    its compressed bytes, name, checksum and order. None (use the file as it is) when an entry
    has anything this plain writing would not carry over: extra fields, encryption, a sheet
    whose inflated size is not the declared one."""
    local: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for info in infos:
        if info.extra or info.flag_bits & 0x1 or info.compress_type not in (0, 8):
            return None
        name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
        body = sheets.get(info.header_offset)
        method, crc, size = 0, info.CRC, info.file_size
        if body is None:
            body, method = _entry_bytes(data, info), info.compress_type
        elif len(body) != info.file_size:
            return None
        elif (moved := _merges_first(body)) is not None:
            body, crc, size = moved, zlib.crc32(moved), len(moved)
        year, month, day, hour, minute, second = info.date_time
        date = max(year - 1980, 0) << 9 | month << 5 | day
        time = hour << 11 | minute << 5 | second // 2
        flags = info.flag_bits & 0x800  # UTF-8 names; sizes are known, no data descriptor
        fields = (20, flags, method, time, date, crc, len(body), size, len(name))
        local += (_LOCAL_HEADER.pack(b"PK\x03\x04", *fields, 0), name, body)
        central += (_CENTRAL_HEADER.pack(b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset), name)
        offset += _LOCAL_HEADER.size + len(name) + len(body)
    directory = b"".join(central)
    end = _END_RECORD.pack(b"PK\x05\x06", 0, 0, len(infos), len(infos), len(directory), offset, 0)
    return b"".join(local) + directory + end


_MERGE_BLOCK = re.compile(rb"<mergeCells(?: [^<>]*)?>(?:<mergeCell [^<>]*/>)*</mergeCells>")
_NO_MERGES = b'<mergeCells count="0"></mergeCells>'


def _merges_first(xml: bytes) -> bytes | None:
    """The sheet with its merged ranges ahead of its cells; None to leave it as it is.

    python-calamine walks a sheet twice, once for the cells and once for the merged ranges,
    and the second walk ends with the first mergeCells element, which writers put after all
    the cells. Ahead of them (an empty one when the sheet has none) it ends at once: a quarter
    of the library's reading time, for the same cells and ranges (a test compares them). Done
    only when nothing else can pass for that element: no "mergeCells" before the end of the
    cells, the block written plainly, and no comment between the cells and it."""
    cells_at = xml.find(b"<sheetData>")
    if cells_at < 0 or xml.find(b"mergeCells", 0, cells_at) >= 0:
        return None  # no plain cell list, or merged ranges already ahead of it
    first = xml.find(b"mergeCells", cells_at)
    if first < 0:
        return xml[:cells_at] + _NO_MERGES + xml[cells_at:]
    cells_end = xml.rfind(b"</sheetData>")
    block = _MERGE_BLOCK.match(xml, first - 1) if first > cells_end > cells_at else None
    if block is None or xml.find(b"<!", cells_end, block.end()) >= 0:
        return None
    return xml[:cells_at] + block[0] + xml[cells_at : block.start()] + xml[block.end() :]


def _measure_cells(xml: bytes, limits: Limits) -> None:
    """Walk the cells as the library would place them, counting from A1 (never less than the
    library's rectangle): a cell's every r attribute, else the column after the previous cell,
    in the row of the last <row r> or the row after. Cells written empty (<c .../>) are left
    out, as the library leaves them. Stops at the first limit passed."""
    most_tags = 8 * limits.sheet_cells  # a cell with a value is four tags: <c><v></v></c>
    tags = xml.count(b"<")
    if tags > most_tags:  # millions of empty cells would take long to walk
        raise _f03(Txt("số thẻ XML của một trang", "XML tags in a sheet"), tags, most_tags)
    row = col = -1
    bottom = right = -1
    for m in _TAG.finditer(xml):
        values = [a or b for a, b in _R_VALUE.findall(m.group(2))]
        if m.group(1) == b"row":
            # every row number counts, however many digits: the library reads them all
            numbers = [int(v[:13]) - 1 for v in (v.strip() for v in values) if v.isdigit()]
            row = max(row + 1, *numbers) if numbers else row + 1
            col = -1
            continue
        cell_row, col = max(row, 0), col + 1
        for value in values:
            ref = _REF.match(value)
            if ref:
                letters = ref.group(1)
                if len(letters) > 3:  # past XFD; the library's column count overflows
                    raise _f03(
                        Txt(
                            "số chữ cái của cột trong một tham chiếu ô",
                            "letters of a column in a cell reference",
                        ),
                        len(letters),
                        3,
                    )
                col = max(col, _col_number(letters.upper()) - 1)
                cell_row = max(cell_row, int(ref.group(2)[:12]) - 1)
        if m.group(2).endswith(b"/"):
            continue  # an empty cell (a format only): not in the library's rectangle
        bottom, right = max(bottom, cell_row), max(right, col)
        if bottom >= limits.sheet_rows:
            raise _f03(
                Txt("số dòng của một trang", "rows in a sheet"), bottom + 1, limits.sheet_rows
            )
        if (bottom + 1) * (right + 1) > limits.sheet_cells:
            raise _f03(
                Txt(
                    "số ô của một trang (từ ô A1 đến ô cuối)",
                    "cells in a sheet (A1 to the last cell)",
                ),
                (bottom + 1) * (right + 1),
                limits.sheet_cells,
            )


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, never more than ``limit`` of them (F03 past it): one open, one
    fstat and reads to the end of the file (pathlib's stat and read_bytes took ten system
    calls a file, and read all of a file that had grown since the stat)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            size = os.fstat(fd).st_size
        except OSError:
            os.close(fd)
            raise
    except OSError as exc:
        raise _f01(
            f"không mở được tệp ({_cause(exc).vi})", f"cannot open the file ({exc.strerror})"
        ) from exc
    what = Txt("dung lượng tệp (byte)", "file size (bytes)")
    parts: list[bytes] = []
    total = 0
    try:
        if size > limit:
            raise _f03(what, size, limit)
        while chunk := os.read(fd, min(max(size + 1 - total, 1 << 16), limit + 1 - total)):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:  # grown since the fstat, or a size the file system did not know
                raise _f03(what, total, limit)
    except OSError as exc:
        raise _f01(
            f"không đọc được tệp ({_cause(exc).vi})", f"cannot read the file ({exc.strerror})"
        ) from exc
    finally:
        os.close(fd)
    if not total:
        raise _f01("tệp rỗng (0 byte)", "the file is empty (0 bytes)")
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _inflate(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One entry's bytes straight from zlib (zipfile's reader costs more than the inflating
    for the small sheets of a club workbook); never more than ``limit`` bytes."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        with zipfile.ZipFile(io.BytesIO(data)).open(info) as stream:
            return stream.read(limit + 1)
    raw = _entry_bytes(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        return raw[: limit + 1]
    return zlib.decompressobj(-15).decompress(raw, limit + 1)


def _inflated(data: bytes, info: zipfile.ZipInfo, archive: zipfile.ZipFile):
    """An entry's bytes as they really inflate, in chunks of at most 1 MB, whatever size the
    archive declares: zipfile stops at the declared size (and checks the CRC of only that
    much), while the spreadsheet library inflates the whole stream. An entry that declares
    100 bytes and inflates to 200 MB is counted at 200 MB."""
    if info.compress_type == zipfile.ZIP_STORED:
        yield _entry_bytes(data, info)
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # bzip2, lzma: the library reads neither
        with archive.open(info) as stream:
            while chunk := stream.read(1 << 20):
                yield chunk
        return
    inflater = zlib.decompressobj(-15)
    pending = _entry_bytes(data, info)
    while not inflater.eof:
        chunk = inflater.decompress(pending, 1 << 20)  # never more than 1 MB at a time
        pending = inflater.unconsumed_tail
        if not chunk and not pending:
            break  # the stream ends here (truncated, or all of it read)
        yield chunk


def _entry_bytes(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes as stored in the archive (compressed or not), after its local header."""
    start = info.header_offset
    if data[start : start + 4] != ZIP_MAGIC:
        raise ValueError("bad local header")
    name_len = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_len = int.from_bytes(data[start + 28 : start + 30], "little")
    begin = start + 30 + name_len + extra_len
    return data[begin : begin + info.compress_size]


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _probe_in_child(data: bytes, limits: Limits) -> None:
    """Open the workbook in a child process first (see clbtool.workbook.probe): a corrupt
    .xls or .ods that makes the library abort kills the child, not us."""
    from clbtool.workbook.probe import TOO_BIG, ProbeDied, try_apart

    try:
        answer = try_apart(data, limits.sheet_rows, limits.sheet_cells, limits.probe_memory)
    except ProbeDied as died:
        if died.timed_out:
            raise _f01(
                "tệp hỏng: thư viện đọc bảng tính mở tệp quá lâu (hơn 30 giây)",
                "damaged file: the spreadsheet library took too long to open it (over 30 s)",
            ) from died
        said = f" (the library said: {died.text})" if died.text else ""
        raise _f01(
            "tệp hỏng: thư viện đọc bảng tính không mở được (cấu trúc bên trong sai)",
            "damaged file: the spreadsheet library cannot open it (its inner structure is wrong)"
            + said,
        ) from died
    if answer == TOO_BIG:
        raise _f03(
            Txt("số dòng hoặc số ô của một trang", "rows or cells in a sheet"),
            limits.sheet_cells + 1,
            limits.sheet_cells,
        )


def _xls_encrypted(data: bytes) -> bool:
    try:
        import msoffcrypto

        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except Exception:
        return False


def _decrypt(data: bytes, password: str | None) -> bytes:
    if password is None:
        raise FileProblem("F02")
    import msoffcrypto

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        office.load_key(password=password)
        out = io.BytesIO()
        office.decrypt(out)
    except Exception as exc:
        text = str(exc).lower()
        if "password" in text or "key" in text or "verif" in text:
            raise FileProblem("F02", "wrong") from exc
        raise FileProblem("F02", "unsupported") from exc
    return out.getvalue()


def _check_zip(data: bytes, limits: Limits) -> list[zipfile.ZipInfo]:
    """Refuse zip bombs: entry count, declared sizes and ratios, then the real inflated
    size, stopping as soon as it runs past the limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except Exception as exc:  # zipfile raises many kinds on a hostile archive (struct, version...)
        raise _f01(
            f"tệp nén bị hỏng hoặc không trọn vẹn ({_cause(exc).vi})",
            f"damaged or truncated archive ({_cause(exc).en})",
        ) from exc
    if len(infos) > limits.entries:
        raise _f03(
            Txt("số mục trong tệp nén", "entries in the archive"), len(infos), limits.entries
        )
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names and "mimetype" not in names:
        raise _f01("tệp nén nhưng không phải bảng tính", "a zip archive, but not a spreadsheet")
    declared = sum(info.file_size for info in infos)
    if declared > limits.uncompressed_bytes:
        raise _f03(
            Txt("dung lượng khi giải nén (byte)", "uncompressed size (bytes)"),
            declared,
            limits.uncompressed_bytes,
        )
    for info in infos:
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise _f03(
                Txt("tỷ lệ nén", "compression ratio"),
                info.file_size // max(info.compress_size, 1),
                limits.ratio,
            )
    if "META-INF/manifest.xml" in names:
        try:
            with archive.open("META-INF/manifest.xml") as stream:
                manifest = stream.read(1_000_000)
        except Exception as exc:
            raise _f01(
                f"tệp nén bị hỏng ({_cause(exc).vi})", f"damaged archive ({_cause(exc).en})"
            ) from exc
        if b"encryption-data" in manifest:
            raise FileProblem("F02", "unsupported")
    if len(data) * _DEFLATE_MAX_RATIO <= limits.uncompressed_bytes and all(
        info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos
    ):
        return infos  # too small to inflate past the limit whatever the sizes it declares
    total = 0
    try:
        for info in infos:
            # rows of a worksheet are counted while inflating, so a sheet of a million rows is
            # refused before the spreadsheet library builds it in memory
            row_tag = b"<row" if _part(info).startswith(_SHEET_DIRS) else None
            rows, tail = 0, b""
            for chunk in _inflated(data, info, archive):
                total += len(chunk)
                if total > limits.uncompressed_bytes:
                    raise _f03(
                        Txt("dung lượng khi giải nén (byte)", "uncompressed size (bytes)"),
                        total,
                        limits.uncompressed_bytes,
                    )
                if row_tag:
                    rows += (tail + chunk).count(row_tag)
                    tail = chunk[-(len(row_tag) - 1) :]
                    if rows > limits.sheet_rows:
                        raise _f03(
                            Txt("số dòng của một trang", "rows in a sheet"),
                            rows,
                            limits.sheet_rows,
                        )
    except FileProblem:
        raise
    except Exception as exc:  # CRC errors, unsupported methods, truncated streams
        raise _f01(
            f"tệp nén bị hỏng ({_cause(exc).vi})", f"damaged archive ({_cause(exc).en})"
        ) from exc
    return infos

"""Opening a spreadsheet file safely: format sniffing, size and zip-bomb limits, passwords.

Everything here reads; nothing writes to the input. A problem becomes a
:class:`FileProblem` carrying the rule code (F01-F03) and its parameters.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from clbtool.i18n import Txt

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_ROW_TAGS = {"xl/worksheets": b"<row"}  # xlsx worksheet XML: one <row ...> per row
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
    probe_memory: int = 1 << 30  # what a .xls/.ods may take while it is tried apart


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
    ``(CalamineWorkbook, data_or_None)``. Raises :class:`FileProblem`."""
    from python_calamine import CalamineWorkbook

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _f01(
            f"không mở được tệp ({exc.strerror})", f"cannot open the file ({exc.strerror})"
        ) from exc
    if size == 0:
        raise _f01("tệp rỗng (0 byte)", "the file is empty (0 bytes)")
    if size > limits.file_bytes:
        raise _f03(Txt("dung lượng tệp (byte)", "file size (bytes)"), size, limits.file_bytes)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _f01(
            f"không đọc được tệp ({exc.strerror})", f"cannot read the file ({exc.strerror})"
        ) from exc

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
    worksheets = [
        i
        for i in infos or ()
        if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
    ]
    if worksheets:
        _check_cell_extents(data, worksheets, limits)
    else:  # .xls and .ods: a damaged file can make the library abort, so it is tried apart first
        _probe_in_child(data, limits)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data)), data
    except BaseException as exc:  # calamine raises several types, and panics; all mean "unreadable"
        if not is_library_error(exc):
            raise
        name = type(exc).__name__
        if name == "PasswordError" or "password" in str(exc).lower():
            raise FileProblem("F02") from exc
        raise _f01(
            f"tệp hỏng hoặc không đúng định dạng ({_short(exc)})",
            f"damaged or wrong format ({_short(exc)})",
        ) from exc


def is_library_error(exc: BaseException) -> bool:
    """An error of the spreadsheet library: an ordinary exception, or a Rust panic that
    python-calamine raises as pyo3's PanicException (a BaseException) on a damaged file."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_FAR_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{5})')  # column AAA+ or row 10000+


def _check_cell_extents(data: bytes, sheets: list[zipfile.ZipInfo], limits: Limits) -> None:
    """The library builds each sheet as one rectangle from its first to its last cell: a
    single stray cell at XFD1048576 would ask for hundreds of GB. Measure the rectangle
    from the cell references before the library sees the file."""
    try:
        for info in sheets:
            xml = _inflate(data, info, limits.uncompressed_bytes)
            if not _FAR_CELL.search(xml):
                continue  # every cell within A1:ZZ9999: at most ~7M cells, no need to measure
            refs = _CELL_REF.findall(xml)
            if not refs:
                continue
            rows = [int(r) for _, r in refs]
            cols = [_col_number(c) for c in {c for c, _ in refs}]
            cells = (max(rows) - min(rows) + 1) * (max(cols) - min(cols) + 1)
            if cells > limits.sheet_cells:
                raise _f03(
                    Txt(
                        "số ô của một trang (từ ô đầu đến ô cuối)",
                        "cells in a sheet (first to last cell)",
                    ),
                    cells,
                    limits.sheet_cells,
                )
    except FileProblem:
        raise
    except Exception as exc:
        raise _f01(f"tệp nén bị hỏng ({_short(exc)})", f"damaged archive ({_short(exc)})") from exc


def _inflate(data: bytes, info: zipfile.ZipInfo, limit: int) -> bytes:
    """One entry's bytes straight from zlib (zipfile's reader costs more than the inflating
    for the small sheets of a club workbook); never more than ``limit`` bytes."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        with zipfile.ZipFile(io.BytesIO(data)).open(info) as stream:
            return stream.read(limit + 1)
    start = info.header_offset
    if data[start : start + 4] != ZIP_MAGIC:
        raise ValueError("bad local header")
    name_len = int.from_bytes(data[start + 26 : start + 28], "little")
    extra_len = int.from_bytes(data[start + 28 : start + 30], "little")
    begin = start + 30 + name_len + extra_len
    raw = data[begin : begin + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return raw[: limit + 1]
    return zlib.decompressobj(-15).decompress(raw, limit + 1)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _probe_in_child(data: bytes, limits: Limits) -> None:
    """Open the workbook in a forked child with a memory cap: a corrupt .xls or .ods that
    makes the library abort (it asks for terabytes, or panics) kills the child, not us."""
    if not hasattr(os, "fork"):
        return
    # imported here, before the fork: the child must not take the import lock, which another
    # thread of the parent (a progress bar) might hold at the moment of the fork
    import faulthandler
    import resource

    from python_calamine import CalamineWorkbook

    cap = _virtual_size() + limits.probe_memory
    pid = os.fork()
    if pid == 0:  # the child: open every sheet, report by exit status only
        code = 1
        try:
            faulthandler.disable()  # an abort here is expected: no dump from a test runner's handler
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 2)  # the library's own abort message is not for the user
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            code = 0
            for name in workbook.sheet_names:
                sheet = workbook.get_sheet_by_name(name)
                if (
                    sheet.height > limits.sheet_rows
                    or sheet.height * sheet.width > limits.sheet_cells
                ):
                    code = 3
                    break
        except BaseException:
            code = 2  # an ordinary error: the parent meets it again and reports it
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 2):
        return
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 3:
        raise _f03(
            Txt("số dòng hoặc số ô của một trang", "rows or cells in a sheet"),
            limits.sheet_cells + 1,
            limits.sheet_cells,
        )
    raise _f01(
        "tệp hỏng: thư viện đọc bảng tính không mở được (cấu trúc bên trong sai)",
        "damaged file: the spreadsheet library cannot open it (its inner structure is wrong)",
    )


def _virtual_size() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 2 << 30


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
            f"tệp nén bị hỏng hoặc không trọn vẹn ({_short(exc)})",
            f"damaged or truncated archive ({_short(exc)})",
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
                f"tệp nén bị hỏng ({_short(exc)})", f"damaged archive ({_short(exc)})"
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
            row_tag = (
                _ROW_TAGS.get(info.filename.rsplit("/", 1)[0]) if "/" in info.filename else None
            )
            rows, tail = 0, b""
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
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
        raise _f01(f"tệp nén bị hỏng ({_short(exc)})", f"damaged archive ({_short(exc)})") from exc
    return infos

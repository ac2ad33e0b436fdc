"""Opening a spreadsheet file safely: format sniffing, size and zip-bomb limits, passwords.

Everything here reads; nothing writes to the input. A problem becomes a
:class:`FileProblem` carrying the rule code (F01-F03) and its parameters.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from clbtool.i18n import Txt

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

    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            # an encrypted .xlsx lives inside an OLE container
            data = _decrypt(data, password)
            _check_zip(data, limits)
        elif password is not None and _xls_encrypted(data):
            data = _decrypt(data, password)
    elif data.startswith(ZIP_MAGIC):
        _check_zip(data, limits)
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
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data)), data
    except Exception as exc:  # calamine raises several types; all mean "unreadable"
        name = type(exc).__name__
        if name == "PasswordError" or "password" in str(exc).lower():
            raise FileProblem("F02") from exc
        raise _f01(
            f"tệp hỏng hoặc không đúng định dạng ({_short(exc)})",
            f"damaged or wrong format ({_short(exc)})",
        ) from exc


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


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


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse zip bombs: entry count, declared sizes and ratios, then the real inflated
    size, stopping as soon as it runs past the limit."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
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
        manifest = archive.read("META-INF/manifest.xml")[:1_000_000]
        if b"encryption-data" in manifest:
            raise FileProblem("F02", "unsupported")
    if len(data) * _DEFLATE_MAX_RATIO <= limits.uncompressed_bytes and all(
        info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos
    ):
        return  # too small to inflate past the limit whatever the sizes it declares
    total = 0
    try:
        for info in infos:
            with archive.open(info) as stream:
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    if total > limits.uncompressed_bytes:
                        raise _f03(
                            Txt("dung lượng khi giải nén (byte)", "uncompressed size (bytes)"),
                            total,
                            limits.uncompressed_bytes,
                        )
    except FileProblem:
        raise
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise _f01(f"tệp nén bị hỏng ({_short(exc)})", f"damaged archive ({_short(exc)})") from exc

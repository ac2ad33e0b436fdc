"""The user's language: Vietnamese (default) or English; Vietnamese number and date formats."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

LANGS = ("vi", "en")


class Txt(NamedTuple):
    """A phrase in both languages, rendered when the language is known."""

    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


class Pct(float):
    """A share 0..1, shown as a percentage (72,5% in Vietnamese)."""


class Money(int):
    """An amount in đồng."""


def fmt_int(n: int, lang: str = "vi") -> str:
    """1234567 → "1.234.567" (vi) or "1,234,567" (en)."""
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang != "en" else text


def fmt_pct(share: float, lang: str = "vi", digits: int = 1) -> str:
    """0.725 → "72,5%" (vi) or "72.5%" (en); whole percentages without decimals.

    Rounded once, half up, from the exact ratio: a share is one division of two counts, and
    its shortest decimal form (repr) is the ratio itself wherever it ends within a float's
    digits, so 1/16 = 6,25% gives "6,3%" and 407/538 = 75,65...% gives "75,7%"."""
    value = (Decimal(repr(float(share))) * 100).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP
    )
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"
    if lang != "en":  # 1.400,5%: thousands with a dot, the decimal with a comma
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text + "%"


def fmt_money(n: int, lang: str = "vi") -> str:
    return f"{fmt_int(n, lang)} đ" if lang != "en" else f"{fmt_int(n, lang)} VND"


def fmt_date(d: dt.date, lang: str = "vi") -> str:
    """Day first, always: 15/12/2020."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def render(value: object, lang: str) -> str:
    """A message parameter as the user reads it."""
    if isinstance(value, Txt):
        return value(lang)
    if isinstance(value, Pct):
        return fmt_pct(value, lang)
    if isinstance(value, Money):
        return fmt_money(value, lang)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return fmt_int(value, lang)  # years are passed as text, never as int
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",") if lang != "en" else f"{value:g}"
    if isinstance(value, dt.datetime):
        return fmt_date(value.date(), lang)
    if isinstance(value, dt.date):
        return fmt_date(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(render(v, lang) for v in value)
    return "" if value is None else str(value)


# Words of the interface (not of the rules, which live in the rule catalogue).
UI = {
    "error": Txt("lỗi", "error"),
    "warning": Txt("cảnh báo", "warning"),
    "info": Txt("thông tin", "info"),
    "verdict_ok": Txt("ĐẠT", "PASS"),
    "verdict_fail": Txt("CHƯA ĐẠT", "FAIL"),
    "counts": Txt(
        "{errors} lỗi, {warnings} cảnh báo, {infos} thông tin",
        "{errors} errors, {warnings} warnings, {infos} notes",
    ),
    "sheet": Txt("Trang", "Sheet"),
    "read_as": Txt("đọc là", "read as"),
    "cell": Txt("Ô", "Cell"),
    "code": Txt("Mã", "Code"),
    "severity": Txt("Mức", "Severity"),
    "message": Txt("Nội dung", "Message"),
    "whole_file": Txt("(cả tệp)", "(whole file)"),
    "members": Txt("Thành viên", "Members"),
    "older": Txt("Người cao tuổi", "Older people"),
    "women": Txt("Phụ nữ", "Women"),
    "poor": Txt("Nghèo, cận nghèo, khó khăn", "Poor, near-poor, difficult"),
    "volunteers": Txt("Tình nguyện viên", "Volunteers"),
    "plan": Txt("Kế hoạch", "Plan"),
    "figure": Txt("Chỉ số", "Figure"),
    "value": Txt("Giá trị", "Value"),
    "counts_short": Txt(
        "{errors} lỗi, {warnings} cảnh báo", "{errors} errors, {warnings} warnings"
    ),
    "summary": Txt(
        "Tổng cộng {files} tệp: {passed} đạt, {failed} chưa đạt{unreadable}; {errors} lỗi, "
        "{warnings} cảnh báo",
        "In all {files} files: {passed} pass, {failed} fail{unreadable}; {errors} errors, "
        "{warnings} warnings",
    ),
    "unreadable_part": Txt(
        " (trong đó {count} tệp không đọc được)", " (of which {count} files cannot be read)"
    ),
    "no_input": Txt(
        "Không tìm thấy tệp bảng tính nào trong: {paths}", "No spreadsheet file found in: {paths}"
    ),
    "not_found": Txt("Không tìm thấy: {path}", "Not found: {path}"),
    "written": Txt("Đã ghi {path}", "Wrote {path}"),
    "skipped": Txt("Bỏ qua {path}: {reason}", "Skipped {path}: {reason}"),
    "fix": Txt("Cách khắc phục", "How to fix"),
    "more": Txt("xem thêm: clbtool rules {code}", "more: clbtool rules {code}"),
}


_ONE = re.compile(r"(?<![\d.,])1 (error|warning|note|file|club|workbook|row|member)s\b")


def ui(key: str, lang: str, **params: object) -> str:
    """An interface phrase in ``lang`` with its parameters filled in ("1 error", not
    "1 errors", in English)."""
    text = UI[key](lang).format(**{k: render(v, lang) for k, v in params.items()})
    return _ONE.sub(r"1 \1", text) if lang == "en" else text


def os_error_text(exc: OSError, lang: str, path: object = None) -> str:
    """An operating-system error as one line a user can act on, in ``lang``: the cause in
    words (permission, disk full, path too long...), never the system's English."""
    import errno

    where = str(path or exc.filename or "")
    vi = lang != "en"
    causes = {
        errno.EACCES: ("không có quyền ghi hoặc đọc", "permission denied"),
        errno.EPERM: ("không có quyền ghi hoặc đọc", "permission denied"),
        errno.ENOSPC: ("ổ đĩa đã đầy", "the disk is full"),
        errno.EDQUOT: ("đã hết dung lượng được cấp", "the disk quota is used up"),
        errno.ENAMETOOLONG: ("đường dẫn quá dài", "the path is too long"),
        errno.EROFS: ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        errno.ENOTDIR: ("một phần của đường dẫn là tệp, không phải thư mục", "part of the path is a file, not a folder"),
        errno.EISDIR: ("đây là thư mục, cần một tên tệp", "this is a folder; a file name is needed"),
        errno.EEXIST: ("đã có một tệp hoặc thư mục cùng tên", "a file or folder of that name exists"),
        errno.ENOENT: ("không có thư mục hoặc tệp này", "no such file or folder"),
        errno.EBUSY: ("tệp đang được chương trình khác dùng", "the file is in use by another program"),
    }  # fmt: skip
    code = exc.errno
    if path is not None and code in (errno.EEXIST, errno.ENOTDIR):
        from pathlib import Path

        if any(parent.is_file() for parent in Path(path).parents):
            code = errno.ENOTDIR  # "a-file/out.xlsx": a file where a folder should be
    cause = causes.get(code)
    if cause is None:
        cause = (f"lỗi hệ thống số {exc.errno}", f"system error {exc.errno}")
    text = cause[0] if vi else cause[1]
    if vi:
        return f"Không thực hiện được với {where}: {text}." if where else f"Lỗi: {text}."
    return f"Cannot use {where}: {text}." if where else f"Error: {text}."

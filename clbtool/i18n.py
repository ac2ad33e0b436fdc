"""The user's language: Vietnamese (default) or English; Vietnamese number and date formats."""

from __future__ import annotations

import datetime as dt
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
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return (text.replace(".", ",") if lang != "en" else text) + "%"


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
    "summary": Txt(
        "Tổng cộng {files} tệp: {valid} đạt, {errors} lỗi, {warnings} cảnh báo",
        "In all {files} files: {valid} pass, {errors} errors, {warnings} warnings",
    ),
    "no_input": Txt(
        "Không tìm thấy tệp bảng tính nào trong: {paths}", "No spreadsheet file found in: {paths}"
    ),
    "not_found": Txt("Không tìm thấy: {path}", "Not found: {path}"),
    "written": Txt("Đã ghi {path}", "Wrote {path}"),
    "skipped": Txt("Bỏ qua {path}: {reason}", "Skipped {path}: {reason}"),
}


def ui(key: str, lang: str, **params: object) -> str:
    """An interface phrase in ``lang`` with its parameters filled in."""
    return UI[key](lang).format(**{k: render(v, lang) for k, v in params.items()})

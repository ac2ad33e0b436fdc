"""Jinja filters for Vietnamese documents: numbers 1.234.567, shares 72,5%, dates as the
decree writes them ("ngày 05 tháng 01 năm 2020")."""

from __future__ import annotations

import datetime as dt

from clbtool.i18n import fmt_int, fmt_pct


def so(value: object) -> str:
    """1234567 → "1.234.567"."""
    if value is None or value == "":
        return ""
    return fmt_int(int(value), "vi")


def pct(value: object, digits: int = 1) -> str:
    """0.725 → "72,5%"."""
    if value is None or value == "":
        return ""
    return fmt_pct(float(value), "vi", digits)


def ngay(value: dt.date) -> str:
    """The decree's date line: day below 10 and months 1 and 2 padded with a zero
    (Nghị định 30/2020/NĐ-CP): "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019"."""
    month = f"{value.month:02d}" if value.month <= 2 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def dmy(value: dt.date) -> str:
    """15/12/2020."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


FILTERS = {"so": so, "pct": pct, "ngay": ngay, "dmy": dmy}

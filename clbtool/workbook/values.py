"""Parsers for the values club secretaries type: day-first dates, years, amounts, marks.

Each parser takes a raw cell value (str, int, float, bool, date, datetime, time or
timedelta, as python-calamine gives them) and returns the typed value, ``None`` for an
empty cell, or raises :class:`ValueError` when the value cannot be read as its type.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from clbtool.text import fold, strip_marks

_EXCEL_EPOCH_1900 = dt.date(1899, 12, 30)  # serial 60 is the fictitious 29/02/1900
_EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 31/12/9999

_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_WORDS_DATE = re.compile(r"^(?:ngay\s+)?(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{4})$")
# "1.948", "1 948", "1952.", "1950,": a year with a stray thousands dot, space or full stop
_LOOSE_YEAR = re.compile(r"^(\d)[.,\s](\d{3})[.,]?$|^(\d{4})[.,]$")
# what offices write for zero in an amount or count column
ZERO_WORDS = frozenset({"-", "--", "---", "–", "—", "không", "khong", "ko", "0đ", "0 đ"})


def is_blank(value: object) -> bool:
    """True for an empty cell: None, "" or only spaces."""
    return value is None or (value.__class__ is str and not value.strip())


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def serial_to_date(serial: float, date1904: bool = False) -> dt.date:
    """An Excel serial day number as a date (1900 or 1904 system)."""
    if not math.isfinite(serial) or serial < 1 or serial > _MAX_SERIAL:
        raise ValueError("serial out of range")
    if date1904:
        return _EXCEL_EPOCH_1904 + dt.timedelta(days=int(serial))
    return _EXCEL_EPOCH_1900 + dt.timedelta(days=int(serial))


def parse_date(
    value: object,
    *,
    date1904: bool = False,
    earliest: dt.date | None = None,
    latest: dt.date | None = None,
) -> dt.date | None:
    """A date from a date cell, an Excel serial, or day-first text (15/12/2020, 15-12-2020,
    15.12.2020, 2020-12-15, "ngày 15 tháng 12 năm 2020").

    A plain number is taken for a serial only when it falls between ``earliest`` and
    ``latest`` (when given): a 1 in a date column is a column number or a slip, not
    31/12/1899."""
    cls = value.__class__
    if cls is dt.datetime:  # a date cell, the usual case
        return value.date()
    if cls is dt.date:
        return value
    if cls is str and len(value) == 10 and value[2] == "/" == value[5]:
        day, month, year = value[:2], value[3:5], value[6:]  # "15/12/2020", typed as text
        if day.isdecimal() and month.isdecimal() and year.isdecimal():
            return dt.date(int(year), int(month), int(day))
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if _is_number(value):
        day = serial_to_date(float(value), date1904)
        if (earliest is not None and day < earliest) or (latest is not None and day > latest):
            raise ValueError(f"not a date of the period: {value!r}")
        return day
    if isinstance(value, str):
        text = value.strip()
        m = _DATE_TEXT.match(text)
        if m:
            day, month, year = map(int, m.groups())
            return dt.date(year, month, day)
        m = _ISO_DATE.match(text)
        if m:
            year, month, day = map(int, m.groups())
            return dt.date(year, month, day)
        m = _WORDS_DATE.match(fold(text))
        if m:
            day, month, year = map(int, m.groups())
            return dt.date(year, month, day)
    raise ValueError(f"not a date: {value!r}")


def parse_birth(value: object, *, date1904: bool = False) -> tuple[int, dt.date | None] | None:
    """A birth year, with the full date when one is given: 1950, "1950", a date, "12/05/1950",
    and a year with a stray dot, space or full stop ("1.948", "1952.", " 1950").

    A number between 1000 and 2999 is a year; a larger one is an Excel date serial; 1.948
    (typed where the dot is the decimal mark) is 1948.
    """
    if is_blank(value):
        return None
    if _is_number(value):
        if not math.isfinite(value):
            raise ValueError(f"not a year: {value!r}")
        if float(value) == int(value) and 1000 <= value <= 2999:
            return int(value), None
        if value >= 3000:
            born = serial_to_date(float(value), date1904)
            return born.year, born
        thousandths = value * 1000
        if 1900 <= thousandths <= 2100 and abs(thousandths - round(thousandths)) < 1e-6:
            return round(thousandths), None
        raise ValueError(f"not a year: {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 4 and text.isdigit():
            return int(text), None
        m = _LOOSE_YEAR.match(text)
        if m:
            return int(m.group(3) or m.group(1) + m.group(2)), None
        m = _MONTH_YEAR.match(text)
        if m:
            month, year = map(int, m.groups())
            if 1 <= month <= 12:
                return year, None
    born = parse_date(value, date1904=date1904)
    assert born is not None
    return born.year, born


def parse_int(value: object) -> int | None:
    """A whole number ≥ 0 such as a count of participants: 12, "12", "12 người"; "-" and
    "không" are 0."""
    if value.__class__ is float and value.is_integer():
        return int(value)  # a number cell, the usual case
    if is_blank(value):
        return None
    if value.__class__ is str and value.strip().casefold() in ZERO_WORDS:
        return 0
    if _is_number(value):
        if math.isfinite(value) and float(value) == int(value):
            return int(value)
        raise ValueError(f"not a whole number: {value!r}")
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,9})\s*(?:nguoi|tv|thanh vien|luot)?\s*", fold(value))
        if m:
            return int(m.group(1))
    raise ValueError(f"not a whole number: {value!r}")


_MULTIPLIERS = {
    "tr": 1_000_000, "trieu": 1_000_000, "m": 1_000_000,
    "k": 1_000, "nghin": 1_000, "ngan": 1_000, "ng": 1_000,
    "ty": 1_000_000_000, "ti": 1_000_000_000,
}  # fmt: skip
_CURRENCY = re.compile(r"(?:vnd|dong|d)$")
_AMOUNT = re.compile(r"^([+-]?)(\d[\d.,]*)([a-z]*)$")


def parse_amount(value: object) -> int | None:
    """An amount in đồng: a number cell or text such as 3.000.000, 3,000,000 đ, 3tr,
    3 triệu, 1,5 triệu, 500k; "-", "--" and "không" are 0. Negative amounts are returned as
    read (the range check is the caller's)."""
    if value.__class__ is str:
        groups = value.strip().split(".")  # "3.500.000", the usual way to type an amount
        if groups[0].isdecimal() and (
            len(groups) == 1
            or (len(groups[0]) <= 3 and all(len(g) == 3 and g.isdecimal() for g in groups[1:]))
        ):
            return int("".join(groups))
    if is_blank(value):
        return None
    if _is_number(value):
        if not math.isfinite(value):
            raise ValueError("not finite")
        return round(value)
    if not isinstance(value, str):
        raise ValueError(f"not an amount: {value!r}")
    if value.strip().casefold() in ZERO_WORDS:
        return 0
    text = "".join(strip_marks(value.casefold()).split())
    text = _CURRENCY.sub("", text)
    m = _AMOUNT.match(text)
    if not m:
        raise ValueError(f"not an amount: {value!r}")
    sign, digits, unit = m.groups()
    if unit and unit not in _MULTIPLIERS:
        raise ValueError(f"unknown unit in amount: {value!r}")
    if unit:
        # "1,5 triệu" / "1.5tr": one separator is the decimal mark; "1.500 k" groups thousands
        number = _decimal_with_multiplier(digits)
        amount = number * _MULTIPLIERS[unit]
    else:
        amount = _grouped_integer(digits)
    result = round(amount)
    return -result if sign == "-" else result


def _grouped_integer(digits: str) -> int:
    if digits.isdigit():
        return int(digits)
    # 3.000.000 or 3,000,000: every separator is followed by exactly three digits
    if re.fullmatch(r"\d{1,3}([.,])\d{3}(?:\1\d{3})*", digits):
        return int(re.sub(r"[.,]", "", digits))
    # 3.000.000,00 or 3,000,000.00: zero cents
    m = re.fullmatch(r"(\d{1,3}(?:([.,])\d{3})*)([.,])(0{1,2})", digits)
    if m and m.group(2) != m.group(3):
        return int(re.sub(r"[.,]", "", m.group(1)))
    raise ValueError(f"ambiguous amount: {digits!r}")


def _decimal_with_multiplier(digits: str) -> float:
    if digits.isdigit():
        return float(digits)
    m = re.fullmatch(r"(\d+)[.,](\d+)", digits)
    if m:
        return float(f"{m.group(1)}.{m.group(2)}")
    return float(_grouped_integer(digits))


_YES = {"x", "v", "✓", "✔", "co", "1", "true", "yes", "y", "dung", "roi", "da"}
_NO = {"", "0", "khong", "-", "false", "no", "n", "k", "chua"}


def parse_mark(value: object) -> bool:
    """A yes/no mark: x, X, ✓, ✔, √ (the check offices type), có, 1, TRUE are yes; blank, 0,
    không, -, FALSE are no."""
    if value is None or value == "":
        return False
    if value == "x" or value == "X":
        return True
    if isinstance(value, bool):
        return value
    if _is_number(value):
        if value == 1:
            return True
        if value == 0:
            return False
        raise ValueError(f"not a mark: {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if text in ("✓", "✔", "√", "☑", "+", "-"):  # marks fold would wipe out
            return text != "-"
        folded = fold(text)
        if folded in _YES:
            return True
        if folded in _NO:
            return False
    raise ValueError(f"not a mark: {value!r}")


_GENDER = {
    "nu": "F", "f": "F", "female": "F", "ba": "F", "gioi nu": "F",
    "nam": "M", "m": "M", "male": "M", "ong": "M", "gioi nam": "M",
}  # fmt: skip


def parse_gender(value: object) -> str | None:
    """ "F" for Nữ (nữ, nu, NỮ, F), "M" for Nam (nam, M)."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        code = _GENDER.get(fold(value))
        if code:
            return code
    raise ValueError(f"not a gender: {value!r}")


def parse_category(value: object, table: dict[str, str]) -> str | None:
    """The category code of ``value`` in ``table`` (folded name → code); KeyError if unknown."""
    if is_blank(value):
        return None
    text = value if isinstance(value, str) else str(value)
    return table[fold(text)]


def is_loose(parser, raw: object) -> bool:
    """True when ``parser`` read ``raw`` by one of the tolerances for how offices type (a
    stray dot in a year, "-" for zero), so the annotated copy can show the secretary what
    the cell was read as."""
    if parser is parse_birth:
        if isinstance(raw, float):
            return not raw.is_integer()
        return isinstance(raw, str) and _LOOSE_YEAR.match(raw.strip()) is not None
    if parser is parse_amount or parser is parse_int:
        return isinstance(raw, str) and raw.strip().casefold() in ZERO_WORDS
    return False

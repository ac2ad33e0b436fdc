"""The sheet "Thành viên": one row per member, read column by column."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from clbtool.findings import Place
from clbtool.text import fold
from clbtool.workbook import values as V
from clbtool.workbook.cells import MISSING, ReadContext, shown, text
from clbtool.workbook.contract import CIRC, MEMBERS, ROLE
from clbtool.workbook.records import Member
from clbtool.workbook.table import Sheet

_GENDER_FAST = {"Nữ": "F", "Nam": "M", "nữ": "F", "nam": "M", "NỮ": "F", "NAM": "M"}
_MEMBER_MARKS = (
    ("alone", "alone", "Cô đơn"),
    ("volunteer", "volunteer", "Tình nguyện viên"),
    ("arts", "arts", "Tổ văn nghệ"),
    ("insurance", "health_insurance", "BHYT"),
    ("checkup", "checkup", "Khám sức khỏe"),
    ("knowledge", "health_knowledge", "Truyền thông sức khỏe"),
    ("needs_capital", "needs_capital", "Nhu cầu vốn"),
    ("connected", "lender_connected", "Đã kết nối vay"),
)


_MARK_FAST = {None: False, "": False, "x": True, "X": True}
_MEMBER_FIELDS = (
    "place", "name", "code", "birth_year", "birth_date", "gender", "circumstance", "alone",
    "role", "volunteer", "arts", "health_insurance", "checkup", "health_knowledge",
    "needs_capital", "lender_connected", "joined", "left", "note",
)  # fmt: skip
assert tuple(f.name for f in fields(Member)) == _MEMBER_FIELDS  # members are built positionally


def read_members(sheet: Sheet | None, reader: ReadContext) -> None:
    """The member list, read column by column: each column's common values (a year typed
    as a number, "x", "Nữ", a date cell, a blank) are taken in one pass, and only the other
    cells go through the parsers, which report what they cannot read."""
    table = reader.table(sheet, MEMBERS)
    if table is None:
        return
    cols = table.header.columns
    split = "name" not in cols  # "Họ và tên đệm" | "Tên": the name in two cells
    if split:
        parts = [cols[f] for f in ("name_family", "name_given") if f in cols]
        cols["name"] = parts[-1]  # findings about the name point at the given name
    c_name = cols["name"]
    places: list[Place] = []
    rows: list[list] = []
    names: list[str] = []
    for place, row in table.records():
        if split:
            name = " ".join(filter(None, (text(row[c]) for c in parts)))
        else:
            name = row[c_name]
            name = name.strip() if name.__class__ is str else text(name)
        if not name:  # a person's row without the name: counted, and said
            reader.blank(place, "name", "text", "Họ và tên")
        places.append(place)
        rows.append(row)
        names.append(name)
    n = len(rows)
    if not n:
        return

    def column(f: str) -> list | None:
        c = cols.get(f)
        return None if c is None else [row[c] for row in rows]

    codes = column("code")
    codes = [None] * n if codes is None else [text(v) or None for v in codes]

    # birth year, in one column or in "Năm sinh" over Nam | Nữ (which gives the gender too)
    births: list = [None] * n
    genders: list = [None] * n
    raw = column("birth")
    if raw is not None:
        births = [
            (int(v), None) if v.__class__ is float and v.is_integer() and 1900 <= v <= 2100 else MISSING
            for v in raw
        ]  # fmt: skip
        for i in _missing_at(births):
            if V.is_blank(raw[i]):
                reader.blank(places[i], "birth", "year", "Năm sinh")
                births[i] = None
            else:
                births[i] = reader.parse(V.parse_birth, raw[i], places[i], "birth", "year", "Năm sinh")  # fmt: skip
    else:
        by_gender = [(cols[f], f, g) for f, g in (("birth_f", "F"), ("birth_m", "M")) if f in cols]
        field_name = "birth_f" if "birth_f" in cols else "birth_m"
        for i, row in enumerate(rows):
            for c, fld, gender in by_gender:
                v = row[c]
                if v.__class__ is float and v.is_integer() and 1900 <= v <= 2100:
                    births[i] = (int(v), None)  # the common case: a year typed as a number
                    genders[i] = gender
                    break
                if not V.is_blank(v):
                    births[i] = reader.parse(V.parse_birth, v, places[i], fld, "year", "Năm sinh")
                    genders[i] = gender
                    break
            else:
                reader.blank(places[i], field_name, "year", "Năm sinh")
    _check_births(births, genders, places, reader)

    raw = column("gender")
    if raw is not None:
        genders = [_GENDER_FAST.get(v) if v.__class__ is str else None for v in raw]
        for i in [i for i, g in enumerate(genders) if g is None]:
            if V.is_blank(raw[i]):
                reader.blank(places[i], "gender", "gender", "Giới tính")
            else:
                genders[i] = reader.parse(V.parse_gender, raw[i], places[i], "gender", "gender", "Giới tính")  # fmt: skip
    else:  # "Giới tính" over Nam | Nữ with an x
        for fld, gender in (("gender_f", "F"), ("gender_m", "M")):
            marked = _mark_column(column(fld), places, fld, "Giới tính", reader)
            if marked is not None:
                genders = [g or gender if x else g for g, x in zip(genders, marked, strict=True)]

    raw = column("circumstance")
    if raw is not None:
        circumstances = [
            None if v is None or v == "" else reader.category(v, CIRC, "circumstance", p, "circumstance")
            for v, p in zip(raw, places, strict=True)
        ]  # fmt: skip
    else:
        circumstances = [None] * n
        for fld, code in (("circ_poor", "poor"), ("circ_near", "near_poor"), ("circ_difficult", "difficult")):  # fmt: skip
            marked = _mark_column(column(fld), places, fld, "Hoàn cảnh", reader)
            if marked is not None:
                circumstances = [c or code if x else c for c, x in zip(circumstances, marked, strict=True)]  # fmt: skip

    raw = column("role")
    roles = [None] * n if raw is None else [
        None if v is None or v == "" else reader.category(v, ROLE, "role", p, "role")
        for v, p in zip(raw, places, strict=True)
    ]  # fmt: skip
    flags = {
        attr: _mark_column(column(fld), places, fld, label, reader) or [False] * n
        for fld, attr, label in _MEMBER_MARKS
    }
    joined = _date_column(column("joined"), places, "joined", "Ngày tham gia", reader)
    left = _date_column(column("left"), places, "left", "Ngày ra", reader)
    raw = column("note")
    notes = [""] * n if raw is None else ["" if V.is_blank(v) else shown(v) for v in raw]
    years = [b[0] if b else None for b in births]
    dates = [b[1] if b else None for b in births]
    reader.club.members.extend(
        map(
            Member, places, names, codes, years, dates, genders, circumstances, flags["alone"],
            roles, flags["volunteer"], flags["arts"], flags["health_insurance"], flags["checkup"],
            flags["health_knowledge"], flags["needs_capital"], flags["lender_connected"], joined,
            left, notes,
        )
    )  # fmt: skip


def _mark_column(
    raw: list | None, places: list[Place], fld: str, label: str, reader: ReadContext
) -> list[bool] | None:
    """A column of x marks as booleans (None when the sheet has no such column)."""
    if raw is None:
        return None
    marks = [_MARK_FAST.get(v, MISSING) for v in raw]
    for i in _missing_at(marks):
        marks[i] = bool(reader.parse(V.parse_mark, raw[i], places[i], fld, "mark", label))
    return marks


def _date_column(
    raw: list | None, places: list[Place], fld: str, label: str, reader: ReadContext
) -> list:
    """A column of dates (Nones when the sheet has no such column)."""
    if raw is None:
        return [None] * len(places)
    dates = [
        v.date() if v.__class__ is dt.datetime
        else v if v.__class__ is dt.date
        else None if v is None or v == ""
        else MISSING
        for v in raw
    ]  # fmt: skip
    for i in _missing_at(dates):
        dates[i] = reader.date(raw[i], places[i], fld, label, recent=False)
    return dates


def _missing_at(values: list) -> list[int]:
    """Where a column's fast pass left the cell to the parsers (``MISSING``)."""
    return [i for i, v in enumerate(values) if v is MISSING] if MISSING in values else []


def _check_births(births: list, genders: list, places: list[Place], reader: ReadContext) -> None:
    """V02 for an impossible birth year, which then counts toward no age group."""
    year = reader.club.year
    for i, birth in enumerate(births):
        if birth is None:
            continue
        born = birth[0]
        if not (born < 1900 or (year and (born > year or year - born > 120))):
            continue
        place = places[i]
        fld = "birth" if "birth" in place.columns else ("birth_f" if genders[i] == "F" else "birth_m")  # fmt: skip
        if born < 1900:
            reader.add("V02", "birth_early", place=place, field_name=fld, value=str(born))
        elif born > year:
            reader.add(
                "V02", "birth_late", place=place, field_name=fld, value=str(born), year=str(year)
            )
        else:
            reader.add("V02", "age", place=place, field_name=fld, value=year - born)
        births[i] = None


def check_members(reader: ReadContext) -> None:
    """V04: the same member twice, by code or by name and birth year."""
    members = reader.club.members
    codes = [fold(m.code) for m in members if m.code]
    people = {(fold(m.name), m.birth_year) for m in members}
    if len(set(codes)) == len(codes) and len(people) == len(members):
        return  # no code twice, no name with the same birth year twice: the usual list
    by_code: dict[str, Member] = {}
    by_person: dict[tuple[str, int | None], Member] = {}
    for m in members:
        if m.code:
            first = by_code.setdefault(fold(m.code), m)
            if first is not m:
                reader.add(
                    "V04",
                    "code",
                    place=m.place,
                    field_name="code",
                    value=m.code,
                    member_code=m.code,
                    other=first.place.row,
                )
                continue
        key = (fold(m.name), m.birth_year)
        first = by_person.setdefault(key, m)
        if first is not m:
            reader.add(
                "V04",
                place=m.place,
                field_name="name",
                value=m.name,
                name=m.name,
                birth=str(m.birth_year or "?"),
                other=first.place.row,
            )

"""The sheet "Hoạt động": one row per session or activity, with its areas."""

from __future__ import annotations

import re

from clbtool.plan import Plan
from clbtool.workbook import values as V
from clbtool.workbook.cells import ReadContext, shown, suggest, text
from clbtool.workbook.contract import ACTIVITIES, CATEGORY_KINDS
from clbtool.workbook.records import Activity
from clbtool.workbook.table import Sheet

_AREA_SEPARATORS = re.compile(r"[,;\n+/]")


def _split_areas(cell: str, plan: Plan) -> tuple[list[str], list[str]]:
    """Area codes named in ``cell`` ("KT, SK", "Chăm sóc sức khỏe; VH") and the unknown parts.
    Names that contain commas (the plan's own words) are matched before splitting."""
    parts = [p.strip() for p in _AREA_SEPARATORS.split(cell) if p.strip()]
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            code = plan.area_code(", ".join(parts[i:j]))
            if code:
                codes.append(code)
                i = j
                break
        else:
            unknown.append(parts[i])
            i += 1
    return codes, unknown


def read_activities(sheet: Sheet | None, reader: ReadContext) -> None:
    table = reader.table(sheet, ACTIVITIES)
    if table is None:
        return
    cols, rows = table.header.columns, table.records()
    plan = reader.plan
    c_date, c_area = cols["date"], cols["area"]
    c_content, c_participants = cols.get("content"), cols.get("participants")
    for place, row in rows:
        date = reader.date(row[c_date], place, "date", "Ngày", required=True)
        reader.in_period(date, place, "date")
        codes: tuple[str, ...] = ()
        area = row[c_area]
        if V.is_blank(area):
            reader.blank(place, "area", "area", "Lĩnh vực")
        else:
            codes, unknown = _areas_of(shown(area), reader)
            for part in unknown:
                reader.add(
                    "V05",
                    place=place,
                    field_name="area",
                    value=part,
                    kind=CATEGORY_KINDS["area"][0],
                    suggest=suggest(part, plan.all_area_names()),
                )
        participants = None
        if c_participants is not None:
            participants = reader.parse(
                V.parse_int,
                row[c_participants],
                place,
                "participants",
                "number",
                "Số người tham gia",
            )
            if participants is not None and participants < 0:
                reader.add(
                    "V02",
                    "negative_count",
                    place=place,
                    field_name="participants",
                    value=participants,
                )
                participants = None
        content = "" if c_content is None else text(row[c_content])
        reader.club.activities.append(Activity(place, date, codes, content, participants))


def _areas_of(text: str, reader: ReadContext) -> tuple[tuple[str, ...], list[str]]:
    """The area codes ``text`` names, once each, and its unknown parts (the same text is
    split once per workbook)."""
    key = ("areas", text)
    found = reader.memo.get(key)
    if found is None:
        codes, unknown = _split_areas(text, reader.plan)
        found = reader.memo[key] = (tuple(dict.fromkeys(codes)), unknown)
    return found

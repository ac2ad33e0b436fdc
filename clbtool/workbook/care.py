"""The sheet "Chăm sóc tại nhà": one row per home-care visit."""

from __future__ import annotations

from clbtool.workbook.cells import ReadContext, text
from clbtool.workbook.contract import VISITS
from clbtool.workbook.records import HomeVisit
from clbtool.workbook.table import Sheet


def read_visits(sheet: Sheet | None, reader: ReadContext) -> None:
    table = reader.table(sheet, VISITS)
    if table is None:
        return
    cols, rows = table.header.columns, table.records()
    c_date, c_volunteer, c_receiver = cols["date"], cols["volunteer"], cols["receiver"]
    c_content = cols.get("content")
    for place, row in rows:
        date = reader.date(row[c_date], place, "date", "Ngày", required=True)
        volunteer, receiver = text(row[c_volunteer]), text(row[c_receiver])
        if not volunteer:
            reader.blank(place, "volunteer", "text", "Tình nguyện viên")
        if not receiver:
            reader.blank(place, "receiver", "text", "Người được chăm sóc")
        reader.in_period(date, place, "date")
        content = "" if c_content is None else text(row[c_content])
        reader.club.visits.append(HomeVisit(place, date, volunteer, receiver, content))

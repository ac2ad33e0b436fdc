"""The sheet "Quỹ": the fund ledger, one row per entry."""

from __future__ import annotations

from clbtool.workbook.cells import ReadContext, text
from clbtool.workbook.contract import FUND, FUND_SOURCE
from clbtool.workbook.records import FundEntry
from clbtool.workbook.table import Sheet


def read_fund(sheet: Sheet | None, reader: ReadContext) -> None:
    table = reader.table(sheet, FUND)
    if table is None:
        return
    cols, rows = table.header.columns, table.records()
    c_date, c_content, c_source = cols["date"], cols.get("content"), cols.get("source")
    c_income, c_spending = cols.get("income"), cols.get("spending")
    for place, row in rows:
        date = reader.date(row[c_date], place, "date", "Ngày", required=True)
        reader.in_period(date, place, "date")
        source = None
        if c_source is not None:
            source = reader.category(row[c_source], FUND_SOURCE, "fund_source", place, "source")
        income = None if c_income is None else reader.amount(row[c_income], place, "income", "Thu")
        spending = (
            None if c_spending is None else reader.amount(row[c_spending], place, "spending", "Chi")
        )
        content = "" if c_content is None else text(row[c_content])
        reader.club.fund.append(FundEntry(place, date, content, source, income or 0, spending or 0))

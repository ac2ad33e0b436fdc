"""The sheet "Vay vốn": one row per loan."""

from __future__ import annotations

from clbtool.i18n import Money
from clbtool.workbook import values as V
from clbtool.workbook.cells import ReadContext, text
from clbtool.workbook.contract import LOAN_SOURCE, LOANS, PURPOSE
from clbtool.workbook.records import Loan
from clbtool.workbook.table import Sheet


def read_loans(sheet: Sheet | None, reader: ReadContext) -> None:
    table = reader.table(sheet, LOANS)
    if table is None:
        return
    cols, rows = table.header.columns, table.records()
    c_code, c_name = cols.get("borrower_code"), cols.get("borrower_name")
    c_date, c_amount, c_purpose = cols["date"], cols["amount"], cols.get("purpose")
    c_source, c_months, c_repaid = cols.get("source"), cols.get("months"), cols.get("repaid")
    c_repaid_on = cols.get("repaid_on")
    for place, row in rows:
        loan = Loan(
            place,
            (None if c_code is None else text(row[c_code])) or None,
            (None if c_name is None else text(row[c_name])) or None,
            None,
            None,
        )
        loan.date = reader.date(row[c_date], place, "date", "Ngày vay", required=True, recent=False)
        reader.in_period(
            loan.date, place, "date", before_ok=True
        )  # older loans still outstanding are normal
        amount = row[c_amount]
        if V.is_blank(amount):
            reader.blank(place, "amount", "amount", "Số tiền vay")
        loan.amount = reader.amount(amount, place, "amount", "Số tiền vay")
        if loan.amount == 0:
            reader.add("V02", "zero_loan", place=place, field_name="amount", value=0)
        if c_purpose is not None:
            loan.purpose = reader.category(row[c_purpose], PURPOSE, "purpose", place, "purpose")
        if c_source is not None:
            loan.source = reader.category(
                row[c_source], LOAN_SOURCE, "loan_source", place, "source"
            )
        if c_months is not None:
            loan.months = reader.parse(
                V.parse_int, row[c_months], place, "months", "number", "Thời hạn (tháng)"
            )
        if c_repaid is not None:
            loan.repaid = reader.amount(row[c_repaid], place, "repaid", "Đã trả")
            if loan.repaid and loan.amount is not None and loan.repaid > loan.amount:
                reader.add(
                    "V02",
                    "repaid",
                    place=place,
                    field_name="repaid",
                    value=Money(loan.repaid),
                    amount=Money(loan.amount),
                )
        if c_repaid_on is not None:
            loan.repaid_on = reader.date(
                row[c_repaid_on], place, "repaid_on", "Ngày trả hết", recent=False
            )
        reader.club.loans.append(loan)

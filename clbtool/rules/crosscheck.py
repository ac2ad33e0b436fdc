"""X01-X04: across sheets (borrowers, volunteers) and against the folder and the plan."""

from __future__ import annotations

from clbtool.i18n import Txt
from clbtool.plan import Plan
from clbtool.rules.findings import Finding, finding
from clbtool.text import closest, fold
from clbtool.workbook.records import Club, Place


def check_crosssheet(club: Club, plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    codes = {fold(m.code): m for m in club.members if m.code}
    names = {fold(m.name): m for m in club.members}
    for loan in club.loans:
        member = codes.get(fold(loan.borrower_code)) if loan.borrower_code else None
        if member is None and loan.borrower_name:
            member = names.get(fold(loan.borrower_name))
        if member is None:
            fld = "borrower_code" if loan.borrower_code else "borrower_name"
            who = loan.borrower_code or loan.borrower_name or ""
            out.append(finding("X01", place=loan.place, field_name=fld, value=who, who=who))
    for visit in club.visits:
        member = names.get(fold(visit.volunteer)) or codes.get(fold(visit.volunteer))
        if member is None or not member.volunteer:
            out.append(
                finding(
                    "X02",
                    place=visit.place,
                    field_name="volunteer",
                    value=visit.volunteer,
                    who=visit.volunteer,
                )
            )
    return out


def check_context(
    club: Club, plan: Plan, expected_year: int | None, year_source: Txt | str | None
) -> list[Finding]:
    """X03 (the year against the folder or --year) and X04 (units the plan does not know)."""
    out: list[Finding] = []
    info = club.info_sheet
    if expected_year and club.year and club.year != expected_year:
        place = _info_place(club, "year")
        out.append(
            finding(
                "X03",
                place=place,
                field_name="year",
                sheet=info,
                value=str(club.year),
                found=str(club.year),
                expected=str(expected_year),
                source=year_source or "",
            )
        )
    if plan.units:
        key, label = (
            ("district", Txt("Huyện", "District"))
            if plan.unit_level == "district"
            else ("commune", Txt("Xã", "Commune"))
        )
        value = getattr(club, key)
        if value and plan.unit(value) is None:
            best = closest(value, [u.name for u in plan.units])
            suggest = Txt(f'; có phải "{best}"?', f'; did you mean "{best}"?') if best else ""
            out.append(
                finding(
                    "X04",
                    place=_info_place(club, key),
                    field_name=key,
                    sheet=info,
                    value=value,
                    kind=label,
                    suggest=suggest,
                )
            )
    return out


def _info_place(club: Club, key: str) -> Place | None:
    cell = club.info_places.get(key)
    if not cell or not club.info_sheet:
        return None
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return Place(club.info_sheet, int(cell[len(letters) :]), {key: col - 1})

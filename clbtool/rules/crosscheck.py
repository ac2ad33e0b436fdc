"""X01-X04: across sheets (borrowers, volunteers) and against the folder and the plan."""

from __future__ import annotations

from clbtool.findings import Finding, Place, finding
from clbtool.i18n import Txt
from clbtool.rules.registry import Context, check
from clbtool.text import closest, fold
from clbtool.workbook.records import Club


def _members_by_key(club: Club):
    return {fold(m.code): m for m in club.members if m.code}, {
        fold(m.name): m for m in club.members
    }


@check("X01")
def borrowers_are_members(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    codes, names = _members_by_key(ctx.club)
    for loan in ctx.club.loans:
        member = codes.get(fold(loan.borrower_code)) if loan.borrower_code else None
        if member is None and loan.borrower_name:
            member = names.get(fold(loan.borrower_name))
        if member is None:
            fld = "borrower_code" if loan.borrower_code else "borrower_name"
            who = loan.borrower_code or loan.borrower_name or ""
            out.append(finding("X01", place=loan.place, field_name=fld, value=who, who=who))
    return out


@check("X02")
def visits_by_volunteers(ctx: Context) -> list[Finding]:
    out: list[Finding] = []
    codes, names = _members_by_key(ctx.club)
    for visit in ctx.club.visits:
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


@check("X03", needs_members=False)
def year_matches(ctx: Context) -> list[Finding]:
    """The workbook's year against the folder's year or --year."""
    club, expected = ctx.club, ctx.expected_year
    if not (expected and club.year and club.year != expected):
        return []
    return [
        finding(
            "X03",
            place=_info_place(club, "year"),
            field_name="year",
            sheet=club.info_sheet,
            value=str(club.year),
            found=str(club.year),
            expected=str(expected),
            source=ctx.year_source or "",
        )
    ]


@check("X04", needs_members=False)
def known_unit(ctx: Context) -> list[Finding]:
    """The district (or the commune, for a province → commune plan) is one the plan knows."""
    club, plan = ctx.club, ctx.plan
    if not plan.units:
        return []
    key, label = (
        ("district", Txt("Huyện", "District"))
        if plan.unit_level == "district"
        else ("commune", Txt("Xã", "Commune"))
    )
    value = getattr(club, key)
    if not value or plan.unit(value) is not None:
        return []
    best = closest(value, [u.name for u in plan.units])
    suggest = Txt(f'; có phải "{best}"?', f'; did you mean "{best}"?') if best else ""
    return [
        finding(
            "X04",
            place=_info_place(club, key),
            field_name=key,
            sheet=club.info_sheet,
            value=value,
            kind=label,
            suggest=suggest,
        )
    ]


def _info_place(club: Club, key: str) -> Place | None:
    cell = club.info_places.get(key)
    if not cell or not club.info_sheet:
        return None
    letters = "".join(ch for ch in cell if ch.isalpha())
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - 64
    return Place(club.info_sheet, int(cell[len(letters) :]), {key: col - 1})

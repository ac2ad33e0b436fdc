"""A01-A05: the club's activities against the plan (I.2.a, III.3)."""

from __future__ import annotations

from clbtool.i18n import Pct, Txt
from clbtool.plan import Plan
from clbtool.rules.catalogue import WARNING
from clbtool.rules.findings import Finding, finding
from clbtool.workbook.records import Club


def row_ranges(rows: list[int]) -> str:
    """[5, 6, 7, 9] → "5-7, 9": the rows a user should look at, short."""
    out: list[str] = []
    rows = sorted(set(rows))
    i = 0
    while i < len(rows):
        j = i
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        out.append(str(rows[i]) if i == j else f"{rows[i]}-{rows[j]}")
        i = j + 1
    return ", ".join(out)


def check_activities(club: Club, plan: Plan, metrics: dict) -> list[Finding]:
    out: list[Finding] = []
    sheet = club.sheets.get("activities", "Hoạt động")
    half_year = club.period == "h1"
    for area in plan.areas:
        if not metrics["sessions_by_area"].get(area.code):
            out.append(
                finding(
                    "A01",
                    sheet=sheet,
                    severity=WARNING if half_year else None,
                    area=Txt(area.short, area.en),
                    area_code=area.code,
                )
            )
    start, end = club.period_start, club.period_end
    months_with = {a.date.month for a in club.activities if a.date and start <= a.date <= end}
    missing = [m for m in range(start.month, end.month + 1) if m not in months_with]
    if missing:
        out.append(
            finding(
                "A02",
                sheet=sheet,
                count=len(missing),
                months=Txt(
                    ", ".join(f"tháng {m}" for m in missing),
                    ", ".join(f"month {m}" for m in missing),
                ),
            )
        )
    active = club.active_members()
    members_sheet = club.sheets.get("members")
    target = Pct(plan.health_knowledge_share)
    if active:
        has_column = "knowledge" in active[0].place.columns
        lacking = [m for m in active if not m.health_knowledge]
        if not has_column:
            out.append(
                finding(
                    "A03",
                    "no_column",
                    sheet=members_sheet,
                    target=target,
                    section=plan.health_section,
                )
            )
        elif len(active) - len(lacking) < plan.health_knowledge_share * len(active) - 1e-9:
            out.append(
                finding(
                    "A03",
                    sheet=members_sheet,
                    count=len(lacking),
                    total=len(active),
                    target=target,
                    rows=row_ranges([m.place.row for m in lacking]),
                    section=plan.health_section,
                )
            )
    borrowers = {(loan.borrower_code or "").casefold() for loan in club.loans} | {
        (loan.borrower_name or "").casefold() for loan in club.loans
    }
    unmet = [
        m for m in active
        if m.needs_capital and not m.lender_connected
        and (m.code or "").casefold() not in borrowers and m.name.casefold() not in borrowers
    ]  # fmt: skip
    if unmet:
        out.append(
            finding(
                "A04",
                sheet=members_sheet,
                count=len(unmet),
                rows=row_ranges([m.place.row for m in unmet]),
                section=plan.health_section,
            )
        )
    if metrics["volunteers"] and not metrics["home_visits"]:
        out.append(
            finding(
                "A05",
                sheet=club.sheets.get("visits", "Chăm sóc tại nhà"),
                count=metrics["volunteers"],
            )
        )
    return out

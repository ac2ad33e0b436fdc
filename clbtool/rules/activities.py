"""A01-A05: the club's activities against the plan (I.2.a, III.3)."""

from __future__ import annotations

from clbtool.findings import Finding, finding
from clbtool.i18n import Pct, Txt
from clbtool.rules.catalogue import WARNING
from clbtool.rules.registry import Context, check


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


@check("A01")
def every_area(ctx: Context) -> list[Finding]:
    """One finding per area of the plan with no activity; a warning in a 6-month report."""
    club = ctx.club
    severity = WARNING if club.period == "h1" else None
    sheet = club.sheets.get("activities", "Hoạt động")
    return [
        finding(
            "A01",
            sheet=sheet,
            severity=severity,
            area=Txt(area.short, area.en),
            area_code=area.code,
        )
        for area in ctx.plan.areas
        if not ctx.metrics["sessions_by_area"].get(area.code)
    ]


@check("A02")
def monthly_sessions(ctx: Context) -> list[Finding]:
    club = ctx.club
    start, end = club.period_start, club.period_end
    months_with = {a.date.month for a in club.activities if a.date and start <= a.date <= end}
    missing = [m for m in range(start.month, end.month + 1) if m not in months_with]
    if not missing:
        return []
    months = Txt(", ".join(f"tháng {m}" for m in missing), ", ".join(f"month {m}" for m in missing))
    return [
        finding(
            "A02",
            sheet=club.sheets.get("activities", "Hoạt động"),
            count=len(missing),
            months=months,
        )
    ]


@check("A03")
def health_knowledge(ctx: Context) -> list[Finding]:
    active, plan = ctx.active, ctx.plan
    if not active:
        return []
    sheet = ctx.club.sheets.get("members")
    target = Pct(plan.health_knowledge_share)
    if "knowledge" not in active[0].place.columns:
        return [
            finding("A03", "no_column", sheet=sheet, target=target, section=plan.health_section)
        ]
    lacking = [m for m in active if not m.health_knowledge]
    if len(active) - len(lacking) >= plan.health_knowledge_share * len(active) - 1e-9:
        return []
    return [
        finding(
            "A03",
            sheet=sheet,
            count=len(lacking),
            total=len(active),
            target=target,
            rows=row_ranges([m.place.row for m in lacking]),
            section=plan.health_section,
        )
    ]


@check("A04")
def capital_needs(ctx: Context) -> list[Finding]:
    club = ctx.club
    borrowers = {
        (x or "").casefold()
        for loan in club.loans
        for x in (loan.borrower_code, loan.borrower_name)
    }
    unmet = [
        m for m in ctx.active
        if m.needs_capital and not m.lender_connected
        and (m.code or "").casefold() not in borrowers and m.name.casefold() not in borrowers
    ]  # fmt: skip
    if not unmet:
        return []
    return [
        finding(
            "A04",
            sheet=club.sheets.get("members"),
            count=len(unmet),
            rows=row_ranges([m.place.row for m in unmet]),
            section=ctx.plan.health_section,
        )
    ]


@check("A05")
def home_visits(ctx: Context) -> list[Finding]:
    if ctx.metrics["volunteers"] and not ctx.metrics["home_visits"]:
        return [
            finding(
                "A05",
                sheet=ctx.club.sheets.get("visits", "Chăm sóc tại nhà"),
                count=ctx.metrics["volunteers"],
            )
        ]
    return []

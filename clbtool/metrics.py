"""A club's figures as the plan counts them (WORKBOOK.md §4 names): counts, never names."""

from __future__ import annotations

from clbtool.plan import Plan
from clbtool.workbook.records import Club, Member

COUNT_KEYS = (
    "members", "older", "women", "poor", "poor_households", "near_poor", "difficult", "alone",
    "volunteers", "arts", "health_insurance", "checkups", "health_knowledge", "needs_capital",
    "capital_met", "sessions", "participants", "loans", "loan_amount", "loans_outstanding",
    "borrowers", "home_visits", "fund_in", "fund_out",
)  # fmt: skip
SHARE_KEYS = ("older_share", "women_share", "poor_share", "volunteer_share")
# The list and column each figure is counted from: a workbook without them did not record
# the figure, and it is unknown (never zero). Members, older people and women always are:
# their columns are required.
RECORDED_FROM = {
    "poor": ("members", "circumstance"), "poor_households": ("members", "circumstance"),
    "near_poor": ("members", "circumstance"), "difficult": ("members", "circumstance"),
    "alone": ("members", "alone"), "volunteers": ("members", "volunteer"), "arts": ("members", "arts"),
    "health_insurance": ("members", "insurance"), "checkups": ("members", "checkup"),
    "health_knowledge": ("members", "knowledge"), "needs_capital": ("members", "needs_capital"),
    "capital_met": ("members", "needs_capital"), "sessions": ("activities", None),
    "participants": ("activities", "participants"), "sessions_by_area": ("activities", None),
    "loans": ("loans", None), "loan_amount": ("loans", None), "loans_outstanding": ("loans", None),
    "borrowers": ("loans", None), "home_visits": ("visits", None), "fund_in": ("fund", "income"),
    "fund_out": ("fund", "spending"), "fund_in_by_source": ("fund", "income"),
}  # fmt: skip


def unrecorded(columns: dict[str, frozenset[str]]) -> list[str]:
    """The figures a workbook with these lists and columns did not record."""
    return [
        key
        for key, (role, column) in RECORDED_FROM.items()
        if role not in columns or (column is not None and column not in columns[role])
    ]


def share(part: int, whole: int) -> float:
    """The exact ratio; it is rounded once, where it is shown (``i18n.fmt_pct``)."""
    return part / whole if whole else 0.0


def club_metrics(club: Club, plan: Plan, active: list[Member] | None = None) -> dict:
    """The figures of one club for its period: members active at the period's end, shares
    of the plan's groups, sessions by area, loans, home visits, health, fund by source.
    ``active`` is ``club.active_members()`` when the caller has it already."""
    end = club.period_end
    if active is None:
        active = club.active_members()
    n = len(active)
    older = sum(m.is_older(end, plan.older_age) for m in active)
    women = sum(m.is_woman for m in active)
    poor = sum(m.is_poor for m in active)
    volunteers = sum(m.volunteer for m in active)
    start = club.period_start
    in_period = [a for a in club.activities if a.date is None or start <= a.date <= end]
    by_area = {area.code: 0 for area in plan.areas}
    for activity in in_period:
        for code in activity.areas:
            by_area[code] = by_area.get(code, 0) + 1
    # The ledger may carry earlier years' loans: they count in the balance still owed and
    # for who has had capital, not among the loans made in this period.
    ledger = [loan for loan in club.loans if loan.date is None or loan.date <= end]
    loans = [loan for loan in ledger if loan.date is None or loan.date >= start]
    ever = {loan.borrower_code or (loan.borrower_name or "").casefold() for loan in ledger}
    borrowers = {loan.borrower_code or (loan.borrower_name or "").casefold() for loan in loans}
    capital_met = sum(
        m.needs_capital
        and (
            m.lender_connected or (m.code in ever if m.code else False) or m.name.casefold() in ever
        )
        for m in active
    )
    fund = [e for e in club.fund if e.date is None or start <= e.date <= end]
    fund_by_source: dict[str, int] = {}
    for entry in fund:
        if entry.income:
            key = entry.source or "other"
            fund_by_source[key] = fund_by_source.get(key, 0) + entry.income
    visits = [v for v in club.visits if v.date is None or start <= v.date <= end]
    metrics = {
        "members": n,
        "older": older,
        "women": women,
        "poor": poor,
        "poor_households": sum(m.circumstance == "poor" for m in active),
        "near_poor": sum(m.circumstance == "near_poor" for m in active),
        "difficult": sum(m.circumstance == "difficult" for m in active),
        "alone": sum(m.alone for m in active),
        "volunteers": volunteers,
        "arts": sum(m.arts for m in active),
        "health_insurance": sum(m.health_insurance for m in active),
        "checkups": sum(m.checkup for m in active),
        "health_knowledge": sum(m.health_knowledge for m in active),
        "needs_capital": sum(m.needs_capital for m in active),
        "capital_met": capital_met,
        "sessions": len(in_period),
        "participants": sum(a.participants or 0 for a in in_period),
        "sessions_by_area": by_area,
        "loans": len(loans),
        "loan_amount": sum(loan.amount or 0 for loan in loans),
        "loans_outstanding": sum(loan.outstanding for loan in ledger),
        "borrowers": len(borrowers - {""}),
        "home_visits": len(visits),
        "fund_in": sum(e.income for e in fund),
        "fund_out": sum(e.spending for e in fund),
        "fund_in_by_source": fund_by_source,
        "older_share": share(older, n),
        "women_share": share(women, n),
        "poor_share": share(poor, n),
        "volunteer_share": share(volunteers, n),
        "unrecorded": unrecorded(club.columns),
    }
    metrics["meets"] = compliance(metrics, plan)
    return metrics


def compliance(metrics: dict, plan: Plan) -> dict[str, bool]:
    """Which composition rules of the plan the club meets (C01-C05) and all of them."""
    n, shares = metrics["members"], plan.shares
    flags = {
        "C01": plan.size_ok(n),
        "C02": shares["older"].meets_min(metrics["older"], n),
        "C03": shares["women"].meets_min(metrics["women"], n),
        "C04": shares["poor"].meets_min(metrics["poor"], n),
        "C05": plan.volunteers_ok(metrics["volunteers"]),
    }
    flags["all"] = all(flags.values())
    return flags

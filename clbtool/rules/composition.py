"""C01-C07: the club's composition against the plan (II.3, III.3)."""

from __future__ import annotations

from clbtool.i18n import Pct
from clbtool.plan import Plan
from clbtool.rules.catalogue import INFO
from clbtool.rules.findings import Finding, finding
from clbtool.workbook.records import Club


def check_composition(club: Club, plan: Plan, metrics: dict) -> list[Finding]:
    out: list[Finding] = []
    sheet = club.sheets.get("members")
    n = metrics["members"]
    if n < plan.members_min:
        out.append(
            finding(
                "C01",
                "low",
                sheet=sheet,
                count=n,
                min=plan.members_min,
                section=plan.members_section,
            )
        )
    elif n > plan.members_max:
        out.append(
            finding(
                "C01",
                "high",
                sheet=sheet,
                count=n,
                max=plan.members_max,
                section=plan.members_section,
            )
        )
    if n:
        for code, key in (("C02", "older"), ("C03", "women"), ("C04", "poor")):
            target = plan.shares[key]
            count = metrics[key]
            value = count / n
            params = dict(
                share=Pct(value), count=count, total=n, min=Pct(target.min), section=target.section
            )
            if value < target.min - 1e-9:
                out.append(finding(code, "low", sheet=sheet, **params))
            elif target.aim is not None and value > target.aim + 1e-9:
                out.append(
                    finding(code, "high", severity=INFO, sheet=sheet, aim=Pct(target.aim), **params)
                )
    if metrics["volunteers"] < plan.volunteers_min:
        out.append(
            finding(
                "C05",
                sheet=sheet,
                count=metrics["volunteers"],
                min=plan.volunteers_min,
                section=plan.volunteers_section,
            )
        )
    active = club.active_members()
    chairs = [m for m in active if m.role == "chair"]
    if not chairs and not club.chair:
        out.append(finding("C06", "none", sheet=sheet))
    elif len(chairs) > 1:
        out.append(
            finding(
                "C06",
                "many",
                place=chairs[1].place,
                field_name="role",
                count=len(chairs),
                rows=[m.place.row for m in chairs],
            )
        )
    if active and not any(m.arts for m in active):
        out.append(finding("C07", sheet=sheet))
    return out

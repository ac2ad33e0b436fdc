"""C01-C07: the club's composition against the plan (II.3, III.3)."""

from __future__ import annotations

from clbtool.findings import Finding, finding
from clbtool.i18n import Pct
from clbtool.rules.catalogue import INFO
from clbtool.rules.registry import Context, check


@check("C01")
def club_size(ctx: Context) -> list[Finding]:
    n, plan, sheet = ctx.metrics["members"], ctx.plan, ctx.club.sheets.get("members")
    if plan.size_ok(n):
        return []
    if n < plan.members_min:
        return [
            finding(
                "C01",
                "low",
                sheet=sheet,
                count=n,
                min=plan.members_min,
                section=plan.members_section,
            )
        ]
    return [
        finding(
            "C01", "high", sheet=sheet, count=n, max=plan.members_max, section=plan.members_section
        )
    ]


def _share(ctx: Context, code: str, key: str) -> list[Finding]:
    """Below the plan's minimum share: an error; above its aim: information, not a fault."""
    n = ctx.metrics["members"]
    if not n:
        return []
    target = ctx.plan.shares[key]
    count = ctx.metrics[key]
    value = count / n
    params = dict(
        share=Pct(value), count=count, total=n, min=Pct(target.min), section=target.section
    )
    sheet = ctx.club.sheets.get("members")
    if not target.meets_min(count, n):
        return [finding(code, "low", sheet=sheet, **params)]
    if target.above_aim(count, n):
        return [finding(code, "high", severity=INFO, sheet=sheet, aim=Pct(target.aim), **params)]
    return []


@check("C02")
def older_share(ctx: Context) -> list[Finding]:
    return _share(ctx, "C02", "older")


@check("C03")
def women_share(ctx: Context) -> list[Finding]:
    return _share(ctx, "C03", "women")


@check("C04")
def poor_share(ctx: Context) -> list[Finding]:
    return _share(ctx, "C04", "poor")


@check("C05")
def volunteer_team(ctx: Context) -> list[Finding]:
    plan, count = ctx.plan, ctx.metrics["volunteers"]
    if plan.volunteers_ok(count):
        return []
    return [
        finding(
            "C05",
            sheet=ctx.club.sheets.get("members"),
            count=count,
            min=plan.volunteers_min,
            section=plan.volunteers_section,
        )
    ]


@check("C06")
def one_chair(ctx: Context) -> list[Finding]:
    chairs = [m for m in ctx.active if m.role == "chair"]
    if not chairs and not ctx.club.chair:
        return [finding("C06", "none", sheet=ctx.club.sheets.get("members"))]
    if len(chairs) > 1:
        return [
            finding(
                "C06",
                "many",
                place=chairs[1].place,
                field_name="role",
                count=len(chairs),
                rows=[m.place.row for m in chairs],
            )
        ]
    return []


@check("C07")
def arts_team(ctx: Context) -> list[Finding]:
    active = ctx.active
    if active and not any(m.arts for m in active):
        return [finding("C07", sheet=ctx.club.sheets.get("members"))]
    return []

"""The terminal view of `validate`: per file a verdict, the key figures against the plan,
and the findings grouped by sheet, coloured by severity."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from clbtool.i18n import fmt_int, fmt_pct, ui
from clbtool.plan import Plan
from clbtool.rules.catalogue import ERROR, INFO, WARNING
from clbtool.rules.engine import ClubReport

STYLE = {ERROR: "bold red", WARNING: "yellow", INFO: "cyan"}


def _figures(report: ClubReport, plan: Plan, lang: str) -> Table:
    m = report.metrics or {}
    n = m.get("members", 0)
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column(ui("figure", lang))
    table.add_column(ui("value", lang), justify="right")
    table.add_column(ui("plan", lang), justify="right")
    ok = "green"
    bad = "red"
    size_ok = plan.members_min <= n <= plan.members_max
    table.add_row(
        ui("members", lang),
        Text(fmt_int(n, lang), style=ok if size_ok else bad),
        f"{plan.members_min}-{plan.members_max}",
    )
    for key in ("older", "women", "poor"):
        target = plan.shares[key]
        value = m.get(f"{key}_share", 0.0)
        shown = f"{fmt_pct(value, lang)} ({m.get(key, 0)}/{n})"
        want = f"≥ {fmt_pct(target.min, lang)}" + (
            f", {fmt_pct(target.aim, lang)}" if target.aim else ""
        )
        table.add_row(
            ui(key, lang), Text(shown, style=ok if n and value >= target.min - 1e-9 else bad), want
        )
    vols = m.get("volunteers", 0)
    table.add_row(
        ui("volunteers", lang),
        Text(str(vols), style=ok if vols >= plan.volunteers_min else bad),
        f"≥ {plan.volunteers_min}",
    )
    return table


def render_report(report: ClubReport, plan: Plan, lang: str, console: Console) -> None:
    club = report.club
    title = Text(report.path, style="bold")
    if club is not None and club.name:
        where = ", ".join(x for x in (club.commune, club.district) if x)
        title.append(
            f"  {club.name}"
            + (f" ({where})" if where else "")
            + (f", {club.year}" if club.year else "")
        )
    errors, warnings, infos = report.count(ERROR), report.count(WARNING), report.count(INFO)
    verdict = (
        Text(ui("verdict_ok", lang), style="bold green")
        if errors == 0
        else Text(ui("verdict_fail", lang), style="bold red")
    )
    verdict.append(
        "  " + ui("counts", lang, errors=errors, warnings=warnings, infos=infos), style="dim"
    )
    parts: list = [verdict]
    if report.metrics is not None and club is not None and "members" in club.sheets:
        parts.append(_figures(report, plan, lang))
    if report.findings:
        parts.append(_findings_table(report, lang))
    console.print(
        Panel(
            Group(*parts),
            title=title,
            title_align="left",
            border_style="red" if errors else "green",
        )
    )


def _findings_table(report: ClubReport, lang: str) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    table.add_column(ui("severity", lang), no_wrap=True)
    table.add_column(ui("code", lang), no_wrap=True)
    table.add_column(ui("cell", lang), no_wrap=True)
    table.add_column(ui("message", lang), ratio=1)
    current = object()
    for f in report.findings:
        if f.sheet != current:
            current = f.sheet
            label = f"{ui('sheet', lang)}: {f.sheet}" if f.sheet else ui("whole_file", lang)
            table.add_row("", "", "", Text(label, style="bold underline"))
        table.add_row(
            Text(ui(f.severity, lang), style=STYLE[f.severity]),
            f.code,
            f.cell or "",
            Text(f.message(lang)),
        )
    return table

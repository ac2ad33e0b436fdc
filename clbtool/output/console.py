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
from clbtool.text import CLUB_PREFIX

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
    table.add_row(
        ui("members", lang),
        Text(fmt_int(n, lang), style=ok if plan.size_ok(n) else bad),
        f"{plan.members_min}-{plan.members_max}",
    )
    for key in ("older", "women", "poor"):
        target = plan.shares[key]
        value = m.get(f"{key}_share", 0.0)
        shown = f"{fmt_pct(value, lang)} ({m.get(key, 0)}/{n})"
        want = f"≥ {fmt_pct(target.min, lang)}" + (
            f", {fmt_pct(target.aim, lang)}" if target.aim else ""
        )
        meets = target.meets_min(m.get(key, 0), n)  # the counts, as the rules judge them
        table.add_row(ui(key, lang), Text(shown, style=ok if meets else bad), want)
    vols = m.get("volunteers", 0)
    table.add_row(
        ui("volunteers", lang),
        Text(str(vols), style=ok if plan.volunteers_ok(vols) else bad),
        f"≥ {plan.volunteers_min}",
    )
    return table


def render_report(
    report: ClubReport, plan: Plan, lang: str, console: Console, strict: bool = False
) -> None:
    """One file in full: its verdict (with ``strict``, a warning fails it, as the exit code
    says), the figures against the plan, the findings by sheet, and for a file that fails,
    how to fix each kind of finding."""
    club = report.club
    title = Text(report.path, style="bold")  # the file alone: a title is cut, not wrapped
    errors, warnings, infos = report.count(ERROR), report.count(WARNING), report.count(INFO)
    passes = report.passes(strict)
    verdict = (
        Text(ui("verdict_ok", lang), style="bold green")
        if passes
        else Text(ui("verdict_fail", lang), style="bold red")
    )
    verdict.append(
        "  " + ui("counts", lang, errors=errors, warnings=warnings, infos=infos), style="dim"
    )
    parts: list = [verdict]
    if club is not None and club.name:  # who the club is, on a line that wraps
        where = ", ".join(x for x in (club.commune, club.district) if x)
        parts.insert(
            0,
            Text(
                club.name
                + (f" ({where})" if where else "")
                + (f", {club.year}" if club.year else ""),
                style="bold",
            ),
        )
    if report.metrics is not None and club is not None and "members" in club.sheets:
        parts.append(_figures(report, plan, lang))
    if report.findings:
        parts.append(_findings_table(report, lang))
    if not passes:
        parts.append(_fixes(report, lang))
    console.print(
        Panel(
            Group(*parts),
            title=title,
            title_align="left",
            border_style="green" if passes else "red",
        )
    )


def _fixes(report: ClubReport, lang: str) -> Text:
    """A line per kind of finding: how to put it right, and where to read more."""
    text = Text(ui("fix", lang) + ":", style="bold")
    seen = dict.fromkeys(f.code for f in report.findings if f.severity != INFO)
    for code in seen:
        f = next(f for f in report.findings if f.code == code)
        text.append(f"\n{code}: ", style=STYLE[f.severity])
        text.append(f.fix(lang))
        text.append(f" ({ui('more', lang, code=code)})", style="dim")
    return text


def render_line(report: ClubReport, lang: str, strict: bool = False) -> Text:
    """One file on one line, for a folder at a glance: verdict, errors, warnings, file, club."""
    passes = report.passes(strict)
    mark = "✓ " + ui("verdict_ok", lang) if passes else "✗ " + ui("verdict_fail", lang)
    line = Text(f"{mark:<11}", style="green" if passes else "bold red")
    counts = ui("counts_short", lang, errors=report.count(ERROR), warnings=report.count(WARNING))
    line.append(f"{counts:<19} ", style="dim" if passes else "")
    line.append(report.path)
    club = report.club
    if club is not None and club.name:
        line.append(f"  ({CLUB_PREFIX.sub('', club.name)})", style="dim")
    return line


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
            reading = report.club.sheet_readings.get(f.sheet) if report.club else None
            if reading:  # a name typed on a legacy keyboard, as its tab shows it
                label += f" ({ui('read_as', lang)} {reading})"
            table.add_row("", "", "", Text(label, style="bold underline"))
        table.add_row(
            Text(ui(f.severity, lang), style=STYLE[f.severity]),
            f.code,
            f.cell or "",
            Text(f.message(lang)),
        )
    return table


def render_aggregate(agg, plan: Plan, lang: str, console: Console) -> None:
    """The roll-up on screen: a row per unit and the total, targets, T findings, skipped files."""
    from clbtool.aggregate import reporting_label  # not on one file's path: only here

    vi = lang != "en"
    title = ("Tổng hợp CLB liên thế hệ" if vi else "Club totals") + (
        f" {agg.label}" if agg.label else ""
    )
    total = agg.totals
    # in the order they are given up when the terminal is narrow: never a digit cut
    cols = [
        ("Đơn vị" if vi else "Unit", None, "Tổng cộng" if vi else "Total"),
        ("CLB" if vi else "Clubs", "clubs", None),
        ("Đạt" if vi else "Pass", "clubs_valid", None),
        (ui("members", lang), "members", None),
        ("NCT" if vi else "Older", "older_share", None),
        ("Phụ nữ" if vi else "Women", "women_share", None),
        ("Nghèo" if vi else "Poor", "poor_share", None),
        ("TNV" if vi else "Volun- teers", "volunteers", None),
        ("Đạt cả 5" if vi else "Meets all 5", "clubs_meeting", None),
        ("Buổi HĐ" if vi else "Sessions", "sessions", None),
        ("Cho vay (đ)" if vi else "Lent (VND)", "loan_amount", None),
    ]
    drop_order = ("loan_amount", "sessions", "clubs_meeting", "volunteers", "clubs_valid")

    def cell(totals: dict, key: str) -> str:
        value = totals[key]
        if key == "clubs_meeting":
            return fmt_int(value["all"], lang)
        if key.endswith("_share"):
            return fmt_pct(value, lang)
        return fmt_int(value, lang)

    rows = [[unit.name, *[cell(unit.totals, key) for _, key, _ in cols[1:]]] for unit in agg.units]
    footer = [cols[0][2], *[cell(total, key) for _, key, _ in cols[1:]]]

    def width(i: int) -> int:
        """A numeric column's width: its longest number or its longest header word."""
        words = max(len(w) for w in cols[i][0].split())
        return max([words, len(footer[i]), *(len(r[i]) for r in rows)])

    keep = list(range(len(cols)))
    longest_name = max([len(r[0]) for r in rows] + [len(footer[0])])

    def name_room() -> int:  # what is left for the unit's name: 1 border + 3 per column
        return console.width - 1 - sum(width(i) + 3 for i in keep[1:]) - 3

    for key in drop_order:
        if name_room() >= min(12, longest_name):
            break
        keep.remove(next(i for i in keep if cols[i][1] == key))
    dropped = [cols[i][0] for i in range(len(cols)) if i not in keep]
    table = Table(title=title, show_footer=True, header_style="bold")
    for i in keep:
        label, key, _ = cols[i]
        if key is None:
            table.add_column(label, footer=footer[i], width=max(4, min(longest_name, name_room())))
        else:  # exactly as wide as its longest number: the header wraps, digits never
            table.add_column(label, footer=footer[i], justify="right", width=width(i))
    for row in rows:
        table.add_row(*[row[i] for i in keep])
    console.print(table)
    if dropped:
        console.print(
            Text(
                ("Không đủ chỗ cho các cột: " if vi else "No room for the columns: ")
                + ", ".join(dropped)
                + (" (cửa sổ rộng hơn, hoặc --out tong-hop.xlsx)" if vi
                   else " (a wider window, or --out summary.xlsx)"),
                style="dim",
            )
        )  # fmt: skip
    for key, label in (
        ("clubs", "Số CLB so với chỉ tiêu" if vi else "Clubs against the target"),
        ("units", "Số đơn vị có CLB so với chỉ tiêu" if vi else "Units with a club, against the target"),
    ):  # fmt: skip
        if key in agg.targets:
            t = agg.targets[key]
            ok = t["actual"] >= t["target"]
            console.print(
                f"{label}: {fmt_int(t['actual'], lang)}/{fmt_int(t['target'], lang)} "
                + ("[green]✓[/]" if ok else "[yellow]✗[/]")
            )
    reporting = agg.targets.get("reporting")
    if reporting:
        ok = reporting["received"] >= reporting["expected"]
        console.print(
            f"{reporting_label(reporting, lang)}: {fmt_int(reporting['received'], lang)}/{fmt_int(reporting['expected'], lang)} "
            + ("[green]✓[/]" if ok else "[yellow]✗[/]")
        )
    for f in agg.findings:
        console.print(
            Text(f"{ui(f.severity, lang)} {f.code}: ", style=STYLE[f.severity])
            + Text(f.message(lang))
        )
    for path, reason in agg.skipped:
        console.print(Text(ui("skipped", lang, path=path, reason=reason(lang)), style="dim"))

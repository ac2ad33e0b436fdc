"""`clbtool rules [CODE]` and `clbtool plan`: the catalogue and the active plan on screen."""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table

from clbtool.i18n import Txt, fmt_pct, ui
from clbtool.output.console import STYLE
from clbtool.plan import Plan
from clbtool.rules.catalogue import RULES, Rule

_FAMILIES = {
    "F": Txt("Tệp", "File"), "S": Txt("Cấu trúc", "Structure"), "V": Txt("Giá trị", "Values"),
    "C": Txt("Thành phần CLB", "Composition"), "A": Txt("Hoạt động", "Activities"),
    "X": Txt("Đối chiếu", "Across sheets and files"), "T": Txt("Tổng hợp", "Totals"),
}  # fmt: skip


def threshold(rule: Rule, plan: Plan, lang: str) -> str:
    """The value of the active plan that the rule applies, as the user reads it."""
    vi = lang != "en"
    s = plan.shares

    def share_text(key: str) -> str:
        text = f"≥ {fmt_pct(s[key].min, lang)}"
        if s[key].aim is not None:
            text += (
                f", mức phấn đấu {fmt_pct(s[key].aim, lang)}"
                if vi
                else f", aim {fmt_pct(s[key].aim, lang)}"
            )
        return text

    older = f" (từ {plan.older_age} tuổi)" if vi else f" (aged {plan.older_age}+)"
    texts = {
        "C01": f"{plan.members_min}-{plan.members_max}" + (" thành viên" if vi else " members"),
        "C02": share_text("older") + older,
        "C03": share_text("women"),
        "C04": share_text("poor"),
        "C05": f"≥ {plan.volunteers_min}",
        "A01": ", ".join(f"{a.code} ({a.short if vi else a.en})" for a in plan.areas),
        "A03": fmt_pct(plan.health_knowledge_share, lang),
        "T03": "; ".join(f"{t.year}: {t.clubs}" for t in plan.targets.values()),
        "T04": "; ".join(f"{t.year}: {t.units}" for t in plan.targets.values()),
    }
    return texts.get(rule.code, "")


def show_rules(plan: Plan, lang: str, console: Console) -> None:
    table = Table(
        title=("Danh mục quy tắc" if lang != "en" else "Rule catalogue") + f" ({plan.id})"
    )
    table.add_column(ui("code", lang), no_wrap=True)
    table.add_column(ui("severity", lang), no_wrap=True)
    table.add_column("Mục KH" if lang != "en" else "Plan §", no_wrap=True)
    table.add_column("Quy tắc" if lang != "en" else "Rule")
    table.add_column("Ngưỡng" if lang != "en" else "Threshold")
    family = None
    for rule in RULES.values():
        if rule.family != family:
            family = rule.family
            table.add_row("", "", "", f"[bold]{_FAMILIES[family](lang)}[/]", "")
        table.add_row(
            rule.code,
            f"[{STYLE[rule.severity]}]{ui(rule.severity, lang)}[/]",
            rule.section,
            rule.title(lang),
            threshold(rule, plan, lang),
        )
    console.print(table)
    console.print(
        "clbtool rules C02: " + ("giải thích một quy tắc" if lang != "en" else "explain one rule")
    )


def show_rule(rule: Rule, plan: Plan, lang: str, console: Console) -> None:
    vi = lang != "en"
    console.print(f"[bold]{rule.code}[/]: {rule.title(lang)}")
    console.print(
        f"{'Mức' if vi else 'Severity'}: [{STYLE[rule.severity]}]{ui(rule.severity, lang)}[/]"
        + (
            f"   {'Kế hoạch, mục' if vi else 'Plan, section'} {rule.section}"
            if rule.section
            else ""
        )
    )
    console.print()
    console.print(f"[bold]{'Nội dung kiểm tra' if vi else 'What it checks'}[/]")
    for template in rule.messages.values():
        text = template(lang).replace("{section}", rule.section)
        console.print("  " + re.sub(r"\{\w+\}", "…", text), markup=False)
    console.print(f"\n[bold]{'Căn cứ' if vi else 'Why'}[/]\n  {rule.why(lang)}")
    limit = threshold(rule, plan, lang)
    if limit:
        console.print(
            f"\n[bold]{'Ngưỡng đang áp dụng' if vi else 'Active threshold'}[/] ({plan.id})\n  {limit}"
        )
        if rule.threshold:
            keys = "khóa trong tệp kế hoạch" if vi else "plan file keys"
            console.print(f"  ({keys}: {rule.threshold})", markup=False)
    console.print(f"\n[bold]{'Cách khắc phục' if vi else 'How to fix'}[/]\n  {rule.fix(lang)}")


def _table(title: str, headers: tuple[str, ...], rows) -> Table:
    table = Table(title=title)
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(*row)
    return table


def show_plan(plan: Plan, lang: str, console: Console) -> None:
    vi = lang != "en"
    console.print(f"[bold]{plan.title}[/]")
    console.print(f"{plan.id}  ({plan.source}), {plan.first_year}-{plan.last_year}")
    rows = Table(show_header=False, box=None)
    rows.add_row(
        "Quy mô CLB" if vi else "Club size",
        f"{plan.members_min}-{plan.members_max}",
        plan.members_section,
    )
    rows.add_row(
        "Người cao tuổi" if vi else "Older people",
        threshold(RULES["C02"], plan, lang),
        plan.shares["older"].section,
    )
    rows.add_row(
        "Phụ nữ" if vi else "Women",
        threshold(RULES["C03"], plan, lang),
        plan.shares["women"].section,
    )
    rows.add_row(
        "Nghèo, cận nghèo, khó khăn" if vi else "Poor, near-poor, difficult",
        threshold(RULES["C04"], plan, lang),
        plan.shares["poor"].section,
    )
    rows.add_row(
        "Tình nguyện viên" if vi else "Volunteers",
        f"≥ {plan.volunteers_min}",
        plan.volunteers_section,
    )
    rows.add_row(
        "Truyền thông sức khỏe" if vi else "Health knowledge",
        fmt_pct(plan.health_knowledge_share, lang),
        plan.health_section,
    )
    console.print(rows)
    console.print(_table(
        "Lĩnh vực hoạt động" if vi else "Activity areas",
        ("Mã", "Tên", "Tên ngắn") if vi else ("Code", "Name", "Short name"),
        ((a.code, a.name if vi else a.en, a.short) for a in plan.areas),
    ))  # fmt: skip
    if plan.targets:
        console.print(_table(
            "Chỉ tiêu" if vi else "Targets",
            ("Năm", "CLB", "Đơn vị", "Mục") if vi else ("Year", "Clubs", "Units", "§"),
            ((str(t.year), str(t.clubs), str(t.units), t.section) for t in plan.targets.values()),
        ))  # fmt: skip
    if plan.units:
        console.print(_table(
            "Đơn vị" if vi else "Units",
            ("Tên", "Mã", "Triển khai từ", "Ghi chú") if vi else ("Name", "Code", "Rollout", "Note"),
            ((u.name, u.code, str(u.rollout or "-"), _unit_note(u, vi)) for u in plan.units),
        ))  # fmt: skip


def _unit_note(unit, vi: bool) -> str:
    if not unit.until:
        return ""
    if vi:
        return f"đến {unit.until:%d/%m/%Y}, nhập vào {unit.merged_into}"
    return f"until {unit.until:%d/%m/%Y}, merged into {unit.merged_into}"

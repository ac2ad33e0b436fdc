"""`aggregate --out`: the summary workbook a district sends up, ready to print.

Sheets: "Tổng hợp" (per unit), "Chi tiết CLB" (per club, with compliance flags and every
count, so a province can add summaries and club files alike), "Chỉ tiêu" (targets and
the T findings), "Tệp bỏ qua" (skipped files). Numbers are numbers with Vietnamese-style
formats; no formulas; text stays text; no member names."""

from __future__ import annotations

from pathlib import Path

from clbtool.aggregate import (
    COMPOSITION_RULES,
    DETAIL_SHEET,
    IDENTITY_HEADERS,
    SKIPPED_SHEET,
    SUMMARY_SHEET,
    TARGET_SHEET,
    Aggregate,
    _detail_columns,
)
from clbtool.i18n import ui
from clbtool.output.annotate import set_text
from clbtool.output.sheets import atomic_write
from clbtool.plan import Plan

INT_FORMAT = "#,##0"
PCT_FORMAT = "0.0%"
RULE_NAMES = {
    "C01": "quy mô",
    "C02": "người cao tuổi",
    "C03": "phụ nữ",
    "C04": "nghèo",
    "C05": "tình nguyện viên",
}


def _value(metrics: dict, key: str) -> int:
    if "." in key:
        group, sub = key.split(".", 1)
        return metrics.get(group, {}).get(sub, 0)
    return metrics.get(key, 0)


def write_summary(agg: Aggregate, plan: Plan, out: Path, lang: str = "vi") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wb = Workbook()

    def header(ws, row: int, labels: list[str]) -> None:
        for c, label in enumerate(labels, start=1):
            cell = ws.cell(row=row, column=c)
            set_text(cell, label)
            cell.font, cell.fill, cell.alignment = bold, head_fill, wrap
        ws.row_dimensions[row].height = 45
        ws.freeze_panes = ws.cell(row=row + 1, column=3)

    def put(ws, row: int, col: int, value, fmt: str | None = None) -> None:
        cell = ws.cell(row=row, column=col)
        set_text(cell, value)
        if fmt:
            cell.number_format = fmt

    def landscape(ws) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True

    year = agg.year or ""
    ws = wb.active
    ws.title = SUMMARY_SHEET
    set_text(
        ws["A1"],
        f"TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU NĂM {year}".strip(),
    )
    ws["A1"].font = Font(bold=True, size=13)
    set_text(ws["A2"], f"({plan.short_title})")
    columns = [
        ("STT", None, None), ("Đơn vị", None, None), ("Số CLB", "clubs", INT_FORMAT),
        ("CLB không có lỗi", "clubs_valid", INT_FORMAT), ("Thành viên", "members", INT_FORMAT),
        ("Người cao tuổi", "older", INT_FORMAT), ("Tỷ lệ NCT", "older_share", PCT_FORMAT),
        ("Phụ nữ", "women", INT_FORMAT), ("Tỷ lệ phụ nữ", "women_share", PCT_FORMAT),
        ("Nghèo, cận nghèo, khó khăn", "poor", INT_FORMAT), ("Tỷ lệ nghèo...", "poor_share", PCT_FORMAT),
        ("Tình nguyện viên", "volunteers", INT_FORMAT),
        *[(f"CLB đạt {RULE_NAMES[c]} ({c})", f"clubs_meeting.{c}", INT_FORMAT) for c in COMPOSITION_RULES],
        ("CLB đạt cả 5 tiêu chí", "clubs_meeting.all", INT_FORMAT),
        ("Số buổi hoạt động", "sessions", INT_FORMAT), ("Số khoản vay", "loans", INT_FORMAT),
        ("Số tiền cho vay (đ)", "loan_amount", INT_FORMAT), ("Dư nợ (đ)", "loans_outstanding", INT_FORMAT),
        ("Lượt chăm sóc tại nhà", "home_visits", INT_FORMAT), ("Khám sức khỏe", "checkups", INT_FORMAT),
        ("Có thẻ BHYT", "health_insurance", INT_FORMAT), ("Tổng thu quỹ (đ)", "fund_in", INT_FORMAT),
        ("Tổng chi quỹ (đ)", "fund_out", INT_FORMAT),
    ]  # fmt: skip
    header(ws, 4, [c[0] for c in columns])
    rows = [(str(i), u.name, u.totals) for i, u in enumerate(agg.units, start=1)]
    rows.append(("", "Tổng cộng", agg.totals))
    for r, (number, name, totals) in enumerate(rows, start=5):
        put(ws, r, 1, number)
        put(ws, r, 2, name)
        for c, (_, key, fmt) in enumerate(columns[2:], start=3):
            put(ws, r, c, _value(totals, key), fmt)
        if not number:
            for c in range(1, len(columns) + 1):
                ws.cell(row=r, column=c).font = bold
    ws.column_dimensions["B"].width = 20
    landscape(ws)

    detail = wb.create_sheet(DETAIL_SHEET)
    metric_cols = _detail_columns(plan)
    flags = [(c, f"Đạt {RULE_NAMES[c]} ({c})") for c in COMPOSITION_RULES] + [
        ("all", "Đạt cả 5 tiêu chí")
    ]
    labels = [
        "STT",
        *IDENTITY_HEADERS.values(),
        *[h for _, h in metric_cols],
        *[h for _, h in flags],
    ]
    header(detail, 1, labels)
    r = 2
    for unit in agg.units:
        for entry in unit.clubs:
            values = [
                r - 1,
                unit.name,
                entry.commune or "",
                entry.name or "",
                entry.code or "",
                entry.year or "",
                "6 tháng" if entry.period == "h1" else "Cả năm",
                entry.path,
                "x" if entry.valid else "",
                entry.errors,
                entry.warnings,
                ", ".join(entry.failed),
            ]
            values += [_value(entry.metrics, key) for key, _ in metric_cols]
            values += ["x" if entry.metrics.get("meets", {}).get(code) else "" for code, _ in flags]
            for c, value in enumerate(values, start=1):
                put(detail, r, c, value, INT_FORMAT if isinstance(value, int) and c > 12 else None)
            r += 1
    for col, width in (("D", 36), ("I", 40)):
        detail.column_dimensions[col].width = width
    landscape(detail)

    targets = wb.create_sheet(TARGET_SHEET)
    header(targets, 1, ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đạt"])
    target_rows = []
    for key, label in (("clubs", "Số CLB"), ("units", "Số đơn vị có CLB")):
        if key in agg.targets:
            t = agg.targets[key]
            target_rows.append(
                (label, t["target"], t["actual"], "x" if t["actual"] >= t["target"] else "")
            )
    if "reporting" in agg.targets:
        t = agg.targets["reporting"]
        target_rows.append(
            (
                "Đơn vị đã báo cáo",
                t["expected"],
                t["received"],
                "x" if t["received"] >= t["expected"] else "",
            )
        )
    for r, row in enumerate(target_rows, start=2):
        for c, value in enumerate(row, start=1):
            put(targets, r, c, value, INT_FORMAT if isinstance(value, int) else None)
    r = len(target_rows) + 3
    header_row = r
    for c, label in enumerate(["Mã", "Mức", "Nội dung"], start=1):
        put(targets, header_row, c, label)
        targets.cell(row=header_row, column=c).font = bold
    for i, f in enumerate(agg.findings, start=header_row + 1):
        put(targets, i, 1, f.code)
        put(targets, i, 2, ui(f.severity, lang))
        put(targets, i, 3, f.message(lang))
    targets.column_dimensions["A"].width = 22
    targets.column_dimensions["C"].width = 110
    targets.freeze_panes = None

    skipped = wb.create_sheet(SKIPPED_SHEET)
    header(skipped, 1, ["Tệp", "Lý do"])
    skipped.freeze_panes = None
    for r, (path, reason) in enumerate(agg.skipped, start=2):
        put(skipped, r, 1, path)
        put(skipped, r, 2, reason(lang))
    skipped.column_dimensions["A"].width = 50
    skipped.column_dimensions["B"].width = 90

    wb.properties.creator = "clbtool"
    wb.properties.title = f"Tổng hợp CLB liên thế hệ {year}".strip()
    out = Path(out)
    atomic_write(out, wb.save)
    return out

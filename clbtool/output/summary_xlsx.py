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
    reporting_label,
)
from clbtool.i18n import ui
from clbtool.output.sheets import atomic_write
from clbtool.plan import Plan
from clbtool.text import workbook_text

INT_FORMAT = "#,##0"
# Amounts in đồng: a province's loans run into billions ("12,345,678,900"); a column of the
# default width shows "###" for them, on screen and on paper.
MONEY_KEYS = frozenset({"loan_amount", "loans_outstanding", "fund_in", "fund_out"})
MONEY_WIDTH = 17
HEADER_HEIGHT = 60  # four lines of a wrapped header ("CLB đạt tình nguyện viên (C05)")
PCT_FORMAT = "0.0%"
RULE_NAMES = {
    "C01": "quy mô",
    "C02": "người cao tuổi",
    "C03": "phụ nữ",
    "C04": "nghèo",
    "C05": "tình nguyện viên",
}


def _value(metrics: dict, key: str) -> int | None:
    """The figure, or None (a blank cell) when the workbook did not record it."""
    group, _, sub = key.partition(".")
    if group in metrics.get("unrecorded", ()):
        return None
    if sub:
        return metrics.get(group, {}).get(sub, 0)
    return metrics.get(key, 0)


def _verdict(totals: dict) -> str:
    """A unit (or the whole) in words: every club without an error, or how many have one."""
    short = totals["clubs"] - totals["clubs_valid"]
    if not totals["clubs"]:
        return "Chưa có CLB"
    return "Đạt" if not short else f"{short:,} CLB chưa đạt".replace(",", ".")


def write_summary(agg: Aggregate, plan: Plan, out: Path, lang: str = "vi") -> Path:
    """Write the summary workbook. It is streamed (openpyxl's write-only mode): a province
    of 20,000 clubs is 900,000 cells, which as cell objects took 20 s and 500 MB."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    Path(out).parent.mkdir(parents=True, exist_ok=True)  # a folder that cannot be: before any sheet
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wb = Workbook(write_only=True)

    def cell(ws, value, fmt: str | None = None, font: Font | None = None):
        """A value as written: text stays text (openpyxl would make "=..." a formula),
        numbers get ``fmt``; a plain value goes as it is (most of the 900,000)."""
        text = isinstance(value, str)
        if text:
            value = workbook_text(value)
        if fmt is None and font is None and not (text and value.startswith("=")):
            return value
        c = WriteOnlyCell(ws, value)
        if text:
            c.data_type = "s"
        if fmt:
            c.number_format = fmt
        if font is not None:
            c.font = font
        return c

    def header_row(ws, labels: list[str]) -> list:
        cells = [cell(ws, label, font=bold) for label in labels]
        for c in cells:
            c.fill, c.alignment = head_fill, wrap
        return cells

    def landscape(ws, one_page: bool = False) -> None:
        """A4 landscape, as wide as the page; ``one_page``: the whole sheet on one page."""
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1 if one_page else 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.5

    # Row heights, widths and frozen panes go into the sheet before its first row is written.
    year = agg.label
    ws = wb.create_sheet(SUMMARY_SHEET)
    # What a district officer prints and sends up, on one page: the figures the province
    # adds up, and a verdict per unit; every other figure is in the per-club sheet.
    columns = [
        ("STT", None, None), ("Đơn vị", None, None), ("Số CLB", "clubs", INT_FORMAT),
        ("CLB không có lỗi", "clubs_valid", INT_FORMAT), ("Thành viên", "members", INT_FORMAT),
        ("Tỷ lệ người cao tuổi", "older_share", PCT_FORMAT), ("Tỷ lệ phụ nữ", "women_share", PCT_FORMAT),
        ("Tỷ lệ nghèo, cận nghèo, khó khăn", "poor_share", PCT_FORMAT),
        ("Tình nguyện viên", "volunteers", INT_FORMAT),
        ("CLB đạt cả 5 tiêu chí", "clubs_meeting.all", INT_FORMAT),
        ("Số buổi hoạt động", "sessions", INT_FORMAT), ("Số khoản vay", "loans", INT_FORMAT),
        ("Số tiền cho vay (đ)", "loan_amount", INT_FORMAT), ("Dư nợ (đ)", "loans_outstanding", INT_FORMAT),
        ("Lượt chăm sóc tại nhà", "home_visits", INT_FORMAT), ("Tổng thu quỹ (đ)", "fund_in", INT_FORMAT),
    ]  # fmt: skip
    ws.column_dimensions["B"].width = 20
    for c, (_, key, _) in enumerate(columns, start=1):
        if key in MONEY_KEYS:
            ws.column_dimensions[get_column_letter(c)].width = MONEY_WIDTH
    ws.column_dimensions[get_column_letter(len(columns) + 1)].width = 24
    ws.row_dimensions[4].height = HEADER_HEIGHT
    ws.freeze_panes = "C5"
    landscape(ws, one_page=True)
    ws.print_title_rows = "4:4"
    when = f"GIAI ĐOẠN {year}" if len(agg.years) > 1 else (f"NĂM {year}" if year else "")
    title = f"TỔNG HỢP KẾT QUẢ HOẠT ĐỘNG CÂU LẠC BỘ LIÊN THẾ HỆ TỰ GIÚP NHAU {when}".strip()
    ws.append([cell(ws, title, font=Font(bold=True, size=13))])
    ws.append([cell(ws, f"({plan.short_title})")])
    ws.append([])
    ws.append(header_row(ws, [c[0] for c in columns] + ["Đánh giá"]))
    rows = [(str(i), u.name, u.totals) for i, u in enumerate(agg.units, start=1)]
    rows.append(("", "Tổng cộng", agg.totals))
    for number, name, totals in rows:
        font = None if number else bold  # the total row in bold
        ws.append(
            [cell(ws, number, font=font), cell(ws, name, font=font)]
            + [cell(ws, _value(totals, key), fmt, font) for _, key, fmt in columns[2:]]
            + [cell(ws, _verdict(totals), font=font)]
        )

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
    for col, width in (("D", 36), ("I", 40)):
        detail.column_dimensions[col].width = width
    first_metric = len(labels) - len(metric_cols) - len(flags) + 1
    for c, (key, _) in enumerate(metric_cols, start=first_metric):
        if key in MONEY_KEYS or key.startswith("fund_in_by_source."):
            detail.column_dimensions[get_column_letter(c)].width = MONEY_WIDTH
    detail.row_dimensions[1].height = HEADER_HEIGHT
    detail.freeze_panes = "C2"
    landscape(detail)
    detail.print_title_rows = "1:1"  # the header on every printed page
    detail.append(header_row(detail, labels))
    number = 0
    for unit in agg.units:
        for entry in unit.clubs:
            number += 1
            values = [
                number,
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
            detail.append(
                [
                    cell(detail, v, INT_FORMAT if isinstance(v, int) and c > 12 else None)
                    for c, v in enumerate(values, start=1)
                ]
            )

    targets = wb.create_sheet(TARGET_SHEET)
    targets.column_dimensions["A"].width = 22
    targets.column_dimensions["C"].width = 110
    targets.row_dimensions[1].height = 45
    targets.append(header_row(targets, ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "Đạt"]))
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
                reporting_label(t),
                t["expected"],
                t["received"],
                "x" if t["received"] >= t["expected"] else "",
            )
        )
    for row in target_rows:
        targets.append([cell(targets, v, INT_FORMAT if isinstance(v, int) else None) for v in row])
    if not target_rows:  # said, rather than an empty table
        targets.append(
            [
                cell(
                    targets,
                    "Kế hoạch không đặt chỉ tiêu cho phạm vi và năm này"
                    + (f" (năm {agg.year})" if agg.year else " (chưa rõ năm: dùng --year)"),
                )
            ]
        )
    targets.append([])
    targets.append([cell(targets, label, font=bold) for label in ("Mã", "Mức", "Nội dung")])
    for f in agg.findings:
        targets.append(
            [
                cell(targets, f.code),
                cell(targets, ui(f.severity, lang)),
                cell(targets, f.message(lang)),
            ]
        )

    skipped = wb.create_sheet(SKIPPED_SHEET)
    skipped.column_dimensions["A"].width = 50
    skipped.column_dimensions["B"].width = 90
    skipped.row_dimensions[1].height = 45
    skipped.append(header_row(skipped, ["Tệp", "Lý do"]))
    for path, reason in agg.skipped:
        skipped.append([cell(skipped, path), cell(skipped, reason(lang))])

    wb.properties.creator = "clbtool"
    wb.properties.title = f"Tổng hợp CLB liên thế hệ {year}".strip()
    out = Path(out)
    atomic_write(out, wb.save)
    return out

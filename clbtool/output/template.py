"""`clbtool template`: the canonical blank club workbook, with styled frozen headers,
drop-downs and a "Hướng dẫn" sheet. Its headers come from the reader's own contract, so
the form and the reader cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from clbtool.output.sheets import atomic_write
from clbtool.plan import Plan
from clbtool.workbook import contract as R

FORM_ROWS = 200  # rows of drop-downs prepared under each header
HEADER_FILL = "DDEBF7"
MARK_FIELDS = (
    "alone",
    "volunteer",
    "arts",
    "insurance",
    "checkup",
    "knowledge",
    "needs_capital",
    "connected",
)
DATE_FIELDS = ("joined", "left", "date", "repaid_on")
MONEY_FIELDS = ("amount", "repaid", "income", "spending")

LISTS_SHEET = "Danh mục"  # the drop-downs' items, one list per column (hidden)


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


class _Choices:
    """The lists of the drop-downs, written once each in a column of the hidden sheet."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.ranges: dict[tuple[str, ...], str] = {}

    def range(self, options: list[str]) -> str:
        from openpyxl.utils import get_column_letter

        key = tuple(options)
        if key not in self.ranges:
            letter = get_column_letter(len(self.ranges) + 1)
            for row, option in enumerate(options, start=1):
                self.sheet.cell(row=row, column=len(self.ranges) + 1, value=option)
            self.ranges[key] = f"{_quoted(LISTS_SHEET)}!${letter}$1:${letter}${len(options)}"
        return self.ranges[key]


_GUIDE = [
    ("HƯỚNG DẪN ĐIỀN SỔ THEO DÕI CLB LIÊN THẾ HỆ TỰ GIÚP NHAU", True),
    ("", False),
    (
        "1. Mỗi CLB một tệp cho mỗi kỳ báo cáo (cả năm hoặc 6 tháng). Giữ nguyên tên các trang và tiêu đề cột.",
        False,
    ),
    ('2. Trang "Thông tin CLB": điền cột Giá trị. Các ô ghi "Bắt buộc" phải có.', False),
    (
        '3. Trang "Thành viên": mỗi người một dòng. Năm sinh ghi 4 chữ số (1950) hoặc ngày sinh (12/05/1950).',
        False,
    ),
    (
        "   Giới tính chọn Nam/Nữ. Hoàn cảnh chọn Nghèo / Cận nghèo / Khó khăn, để trống nếu không thuộc diện nào.",
        False,
    ),
    (
        "   Các cột Cô đơn, Tình nguyện viên, Tổ văn nghệ, BHYT, Khám sức khỏe, Truyền thông sức khỏe, Nhu cầu vốn,",
        False,
    ),
    ("   Đã kết nối vay: đánh dấu x nếu có, để trống nếu không.", False),
    ("   Người đã rời CLB: ghi Ngày ra (không xóa dòng). Chức vụ để trống là thành viên.", False),
    (
        '4. Trang "Hoạt động": mỗi buổi sinh hoạt/hoạt động một dòng. Lĩnh vực ghi mã, nhiều lĩnh vực cách nhau dấu phẩy:',
        False,
    ),
    ("{areas}", False),
    (
        '5. Trang "Vay vốn": mỗi khoản vay một dòng; người vay phải là thành viên (ghi Mã TV hoặc họ tên như trang Thành viên).',
        False,
    ),
    ("   Số tiền ghi số đồng (3000000), hoặc 3.000.000, hoặc 3 triệu.", False),
    (
        '6. Trang "Chăm sóc tại nhà": mỗi lần tình nguyện viên đến chăm sóc một dòng; tên tình nguyện viên chọn trong danh sách thả xuống (lấy từ trang Thành viên).',
        False,
    ),
    ('7. Trang "Quỹ": mỗi khoản thu hoặc chi một dòng; khoản thu ghi rõ Nguồn.', False),
    ("8. Ngày luôn ghi ngày/tháng/năm: 15/12/2020.", False),
    ("", False),
    ("Kiểm tra trước khi gửi: clbtool validate ten-tep.xlsx", True),
    ("Yêu cầu của kế hoạch ({plan}): {rules}", False),
]


# columns the reader accepts but the blank form does not offer: the form has one way to
# write each thing (gender in "Giới tính", a row's number only on the member list)
_NOT_IN_FORM = {
    "members": ("gender_m", "gender_f"),
    "activities": ("stt", "note"),
    "loans": ("stt",),
    "visits": ("stt",),
    "fund": ("stt",),
}


def write_template(out: Path, plan: Plan) -> Path:
    """Write the blank form to ``out`` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    areas = "   " + "; ".join(f"{a.code} = {a.short}" for a in plan.areas)
    rules = (
        f"{plan.members_min}-{plan.members_max} thành viên; người cao tuổi (từ {plan.older_age} tuổi) ≥ "
        f"{plan.shares['older'].min:.0%}; phụ nữ ≥ {plan.shares['women'].min:.0%}; nghèo, cận nghèo, khó khăn ≥ "
        f"{plan.shares['poor'].min:.0%}; ít nhất {plan.volunteers_min} tình nguyện viên; có tổ văn nghệ."
    )
    for i, (line, bold) in enumerate(_GUIDE, start=1):
        cell = guide.cell(
            row=i, column=1, value=line.format(areas=areas, plan=plan.short_title, rules=rules)
        )
        cell.font = Font(bold=bold, size=13 if i == 1 else 11)
    guide.column_dimensions["A"].width = 120

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(bold=True)
    head_fill = PatternFill("solid", fgColor=HEADER_FILL)

    info = wb.create_sheet("Thông tin CLB")
    info["A1"] = "THÔNG TIN CÂU LẠC BỘ"
    info["A1"].font = Font(bold=True, size=13)
    for c, h in enumerate(("Nội dung", "Giá trị", "Ghi chú"), start=1):
        cell = info.cell(row=2, column=c, value=h)
        cell.font, cell.fill, cell.border = head_font, head_fill, border
    notes = {
        "founded": "ngày/tháng/năm", "year": "ví dụ 2020", "period": "Cả năm hoặc 6 tháng",
        "fund_opening": "đồng", "code": "mã do huyện/tỉnh cấp, duy nhất trong tỉnh",
    }  # fmt: skip
    period_list = DataValidation(type="list", formula1='"Cả năm,6 tháng"', allow_blank=True)
    info.add_data_validation(period_list)
    for r, (key, (aliases, required)) in enumerate(R.INFO_FIELDS.items(), start=3):
        info.cell(row=r, column=1, value=aliases[0]).border = border
        value = info.cell(row=r, column=2)
        value.border = border
        note = ("Bắt buộc. " if required else "") + notes.get(key, "")
        info.cell(row=r, column=3, value=note.strip()).border = border
        if key == "founded":
            value.number_format = "DD/MM/YYYY"
        if key == "period":
            value.value = "Cả năm"
            period_list.add(value)
        if key == "province" and plan.province:
            value.value = plan.province
    info.column_dimensions["A"].width = 26
    info.column_dimensions["B"].width = 48
    info.column_dimensions["C"].width = 44

    lists = {
        "gender": ["Nam", "Nữ"],
        "circumstance": [names[0] for names in R.CIRCUMSTANCES.values()],
        "role": [names[0] for key, names in R.ROLES.items() if key],
        "purpose": [names[0] for names in R.LOAN_PURPOSES.values()],
        "source": None,  # per sheet below
        "mark": ["x"],
    }
    choices = _Choices(wb.create_sheet(LISTS_SHEET))
    choices.sheet.sheet_state = "hidden"
    members_sheet = R.MEMBERS.names[0]
    member_columns = [
        c for c in R.MEMBERS.columns if c.field not in _NOT_IN_FORM.get("members", ())
    ]
    name_column = next(
        (get_column_letter(i) for i, c in enumerate(member_columns, start=1) if c.field == "name"),
        None,
    )
    for spec in R.LIST_SHEETS:
        ws = wb.create_sheet(spec.names[0])
        columns = [c for c in spec.columns if c.field not in _NOT_IN_FORM.get(spec.role, ())]
        for c, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=c, value=col.names[0])
            cell.font, cell.fill, cell.border = head_font, head_fill, border
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            letter = cell.column_letter
            ws.column_dimensions[letter].width = (
                28
                if col.field in ("name", "borrower_name", "volunteer", "receiver")
                else (48 if col.field == "content" else 14)
            )
            options = None
            if col.field in MARK_FIELDS:
                options = lists["mark"]
            elif col.field in ("gender", "circumstance", "role", "purpose"):
                options = lists[col.field]
            elif col.field == "source":
                source_table = R.LOAN_SOURCES if spec is R.LOANS else R.FUND_SOURCES
                options = [names[0] for names in source_table.values()]
            elif col.field == "area":
                options = [a.code for a in plan.areas]
            rng = f"{letter}2:{letter}{FORM_ROWS + 1}"
            names_here = (spec is R.VISITS and col.field == "volunteer") or (
                spec is R.LOANS and col.field == "borrower_name"
            )
            if names_here and name_column:
                # the members' own names, as typed on the member list: pick, or type another
                dv = DataValidation(
                    type="list", formula1=f"{_quoted(members_sheet)}!${name_column}$2:${name_column}${FORM_ROWS + 1}",
                    allow_blank=True,
                )  # fmt: skip
                dv.errorStyle = "warning"
                dv.error = "Tên này không có trong trang Thành viên; vẫn ghi nếu đúng."
                ws.add_data_validation(dv)
                dv.add(rng)
            elif options:
                # from a range of the hidden list sheet: a list written in the formula is split
                # on every comma by Excel ("Tổ chức, cá nhân" would become two items)
                dv = DataValidation(type="list", formula1=choices.range(options), allow_blank=True)
                if col.field == "area":  # several areas may be written "KT, SK": warn, do not block
                    dv.errorStyle = "warning"
                    dv.error = "Nhiều lĩnh vực ghi cách nhau dấu phẩy: KT, SK"
                ws.add_data_validation(dv)
                dv.add(rng)
            if col.field in DATE_FIELDS:
                for row in range(2, FORM_ROWS + 2):
                    ws.cell(row=row, column=c).number_format = "DD/MM/YYYY"
            elif col.field in MONEY_FIELDS:
                for row in range(2, FORM_ROWS + 2):
                    ws.cell(row=row, column=c).number_format = "#,##0"
        ws.row_dimensions[1].height = 32
        ws.freeze_panes = "A2"
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))  # the hidden lists last
    wb.properties.creator = "clbtool"
    wb.properties.title = "Sổ theo dõi CLB liên thế hệ tự giúp nhau"
    out = Path(out)
    atomic_write(out, wb.save)
    return out

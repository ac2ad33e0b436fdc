"""Build clbtool/templates/report.docx: the report in the national administrative format
(Nghị định 30/2020/NĐ-CP, Phụ lục I), with Jinja tags that docxtpl fills in.

Run after editing:  python templates/build_docx_template.py
The .docx is committed; this script is how it is made, so the layout can be reviewed and
reproduced. Users who want other wording copy the .docx, edit it in Word, and pass its
folder with `clbtool report --templates DIR`.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

OUT = Path(__file__).resolve().parent.parent / "clbtool" / "templates" / "report.docx"
FONT = "Times New Roman"
BODY_PT = 14


def _font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    size: float = BODY_PT,
    bold=False,
    italic=False,
    align=None,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
    keep_with_next: bool = False,
):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.first_line_indent = Cm(1.27) if indent else Cm(0)
    fmt.keep_with_next = keep_with_next
    p.alignment = (
        align
        if align is not None
        else (WD_ALIGN_PARAGRAPH.JUSTIFY if indent else WD_ALIGN_PARAGRAPH.LEFT)
    )
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _rule(container, width_cm: float, cell_width_cm: float) -> None:
    """A short centred line under a heading: a bottom border on an empty, indented paragraph."""
    p = container.add_paragraph()
    side = max((cell_width_cm - width_cm) / 2, 0)
    p.paragraph_format.left_indent = Cm(side)
    p.paragraph_format.right_indent = Cm(side)
    p.paragraph_format.space_after = Pt(6)
    p.paragraph_format.space_before = Pt(0)
    p.paragraph_format.line_spacing = Pt(4)
    ppr = p._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, none on page 1 (a different first page)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 13)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._element.append(el)


def _cell_width(table, widths_cm) -> None:
    """Fixed column widths that Word and LibreOffice both keep (grid, columns and cells)."""
    table.autofit = False
    tbl_pr = table._element.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def build(out: Path = OUT) -> Path:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    _page_number_header(section)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    body_width = 21.0 - 3.0 - 1.5

    # --- header: bodies on the left, national name and motto on the right -------------------
    head = doc.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    widths = (6.3, body_width - 6.3)
    _cell_width(head, widths)
    left, right = head.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(left.paragraphs[0].add_run("{{ doc.parent_body|upper }}"), 13)
    _para(
        left,
        "{{ doc.issuing_body|upper }}",
        13,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=2,
    )
    _rule(left, 2.0, widths[0])
    _para(left, "{{ doc.number }}", 13, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(right.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), 12, bold=True)
    _para(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        13,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=2,
    )
    _rule(right, 5.5, widths[1])
    _para(
        right,
        "{{ doc.place }}, {{ date|ngay }}",
        14,
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )

    # --- title and subject -----------------------------------------------------------------------
    _para(doc, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18, after=0)
    _para(doc, "{{ subject }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2)
    _rule(doc, 4.0, body_width)

    def body(text: str) -> None:
        _para(doc, text, BODY_PT, indent=True)

    def heading(text: str) -> None:
        _para(doc, text, BODY_PT, bold=True, indent=True, before=6, keep_with_next=True)

    def loop(tag: str) -> None:
        _para(doc, tag, BODY_PT)

    body(
        "Thực hiện {{ plan.title }}, {{ doc.issuer_name }} báo cáo kết quả {{ period_label }} như sau:"
    )
    heading("I. KẾT QUẢ THỰC HIỆN")
    heading("1. Thành lập và duy trì các Câu lạc bộ")
    body(
        "{% if t.clubs %}Đến thời điểm báo cáo, toàn tỉnh có {{ t.clubs|so }} CLB liên thế hệ tự giúp nhau đang hoạt "
        "động tại {{ t.units|so }} huyện, thị xã, thành phố{% if plan.target_clubs %} (chỉ tiêu kế hoạch năm {{ year }}: "
        "{{ plan.target_clubs|so }} CLB tại {{ plan.target_units|so }} đơn vị; đạt "
        "{{ (t.clubs / plan.target_clubs)|pct }}){% endif %}.{% else %}Chưa có CLB nào gửi báo cáo.{% endif %}"
    )
    loop("{%p for y in years %}")
    body(
        "- Năm {{ y.year }}: {{ y.clubs|so }} CLB tại {{ y.units|so }} đơn vị, {{ y.members|so }} thành viên"
        "{% if y.target_clubs %} (chỉ tiêu {{ y.target_clubs|so }} CLB){% endif %};"
    )
    loop("{%p endfor %}")
    body("{{ chart_clubs }}")
    heading("2. Thành viên và cơ cấu thành viên")
    body(
        "Tổng số thành viên là {{ t.members|so }} người; trong đó người cao tuổi {{ t.older|so }} người "
        "({{ t.older_share|pct }}, kế hoạch ít nhất {{ plan.older_min|pct }}); phụ nữ {{ t.women|so }} người "
        "({{ t.women_share|pct }}, kế hoạch {{ plan.women_min|pct }}{% if plan.women_aim %} - {{ plan.women_aim|pct }}"
        "{% endif %}); người thuộc hộ nghèo, cận nghèo, có hoàn cảnh khó khăn {{ t.poor|so }} người "
        "({{ t.poor_share|pct }}, kế hoạch {{ plan.poor_min|pct }}{% if plan.poor_aim %} - {{ plan.poor_aim|pct }}"
        "{% endif %}); người cao tuổi cô đơn {{ t.alone|so }} người."
    )
    body(
        "Số CLB đạt từng tiêu chí cơ cấu của kế hoạch (mục II.3, III.3): quy mô {{ plan.members_min }}-"
        "{{ plan.members_max }} thành viên {{ t.meeting.C01 }}/{{ t.clubs }}; người cao tuổi {{ t.meeting.C02 }}/"
        "{{ t.clubs }}; phụ nữ {{ t.meeting.C03 }}/{{ t.clubs }}; nghèo, cận nghèo, khó khăn {{ t.meeting.C04 }}/"
        "{{ t.clubs }}; đội tình nguyện viên từ {{ plan.volunteers_min }} người {{ t.meeting.C05 }}/{{ t.clubs }}. "
        "Có {{ t.meeting.all }}/{{ t.clubs }} CLB đạt đủ cả năm tiêu chí."
    )
    body("{{ chart_composition }}")
    heading("3. Kết quả hoạt động theo các nội dung của kế hoạch")
    body(
        "Trong kỳ, các CLB đã tổ chức {{ t.sessions|so }} buổi sinh hoạt, hoạt động với "
        "{{ t.participants|so }} lượt người tham gia, theo các nội dung:"
    )
    loop("{%p for a in t.areas %}")
    body("- {{ a.name }}: {{ a.sessions|so }} buổi, hoạt động;")
    loop("{%p endfor %}")
    body(
        "Về phát triển kinh tế: các CLB đã cho {{ t.borrowers|so }} thành viên vay {{ t.loans|so }} lượt với "
        "tổng số tiền {{ t.loan_amount|so }} đồng, dư nợ {{ t.loans_outstanding|so }} đồng; {{ t.capital_met|so }}/"
        "{{ t.needs_capital|so }} thành viên có nhu cầu vốn đã được vay hoặc kết nối vay."
    )
    body(
        "Về chăm sóc sức khỏe: {{ t.health_knowledge|so }}/{{ t.members|so }} thành viên được truyền thông kiến "
        "thức chăm sóc sức khỏe ({{ (t.health_knowledge / t.members if t.members else 0)|pct }}, kế hoạch 100%); "
        "{{ t.checkups|so }} thành viên được khám sức khỏe định kỳ; {{ t.health_insurance|so }} thành viên có thẻ "
        "bảo hiểm y tế."
    )
    body(
        "Về chăm sóc tại nhà: đội tình nguyện viên gồm {{ t.volunteers|so }} người đã thực hiện "
        "{{ t.home_visits|so }} lượt chăm sóc tại nhà (trò chuyện, nấu cơm, giặt giũ, giúp việc nhà)."
    )
    body(
        "Về vận động nguồn lực: tổng số tiền huy động vào quỹ các CLB là {{ t.fund_in|so }} đồng, đã chi "
        "{{ t.fund_out|so }} đồng cho các hoạt động. Nguồn huy động:"
    )
    loop("{%p for s in t.fund_sources %}")
    body("- Từ {{ s.label }}: {{ s.amount|so }} đồng;")
    loop("{%p endfor %}")
    heading("4. Kết quả theo từng đơn vị")
    table = doc.add_table(rows=3, cols=8)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = [
        "TT",
        "Đơn vị",
        "Số CLB",
        "Thành viên",
        "NCT",
        "Phụ nữ",
        "Nghèo, CN, KK",
        "CLB đạt cả 5 tiêu chí",
    ]
    rows = [
        ["{%tr for u in units %}", "", "", "", "", "", "", ""],
        [
            "{{ loop.index }}",
            "{{ u.name }}",
            "{{ u.clubs|so }}",
            "{{ u.members|so }}",
            "{{ u.older_share|pct }}",
            "{{ u.women_share|pct }}",
            "{{ u.poor_share|pct }}",
            "{{ u.meets_all|so }}",
        ],
    ]
    for c, text in enumerate(headers):
        cell = table.rows[0].cells[c]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            cell = table.rows[r].cells[c]
            cell.paragraphs[0].alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if c == 1 else WD_ALIGN_PARAGRAPH.CENTER
            )
            _font(cell.paragraphs[0].add_run(text), 12)
    end_row = table.add_row()
    _font(end_row.cells[0].paragraphs[0].add_run("{%tr endfor %}"), 12)
    total = table.add_row()
    for c, text in enumerate(
        [
            "",
            "Tổng cộng",
            "{{ t.clubs|so }}",
            "{{ t.members|so }}",
            "{{ t.older_share|pct }}",
            "{{ t.women_share|pct }}",
            "{{ t.poor_share|pct }}",
            "{{ t.meeting.all|so }}",
        ]
    ):
        cell = total.cells[c]
        cell.paragraphs[0].alignment = (
            WD_ALIGN_PARAGRAPH.LEFT if c == 1 else WD_ALIGN_PARAGRAPH.CENTER
        )
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    _cell_width(table, (1.0, 3.6, 1.5, 2.0, 1.8, 1.8, 2.0, 2.3))

    heading("II. TỒN TẠI, HẠN CHẾ")
    body(
        "{% if failing %}Các CLB chưa đạt yêu cầu của kế hoạch:{% else %}Các CLB đã báo cáo đều đạt các yêu cầu "
        "của kế hoạch.{% endif %}"
    )
    loop("{%p for f in failing %}")
    body("- {{ f.name }} ({{ f.unit }}): {{ f.reasons|join('; ') }};")
    loop("{%p endfor %}")
    loop("{%p for m in missing + reporting_rate + targets_missed %}")
    body("- {{ m }}.")
    loop("{%p endfor %}")
    loop("{%p if duplicates or unreadable %}")
    body(
        "Về số liệu: {% for d in duplicates %}{{ d }}; {% endfor %}{% if unreadable %}{{ unreadable|length }} "
        "tệp không đọc được, chưa được tổng hợp.{% endif %}"
    )
    loop("{%p endif %}")
    heading("III. KIẾN NGHỊ, ĐỀ XUẤT")
    body("(Phần này do cơ quan báo cáo bổ sung.)")
    body(
        "Trên đây là báo cáo kết quả thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau {{ period_label }} "
        "của {{ doc.issuer_name }}./."
    )

    # --- "Nơi nhận" and the signature block ----------------------------------------------------------
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _cell_width(sign, (8.0, body_width - 8.0))
    row_pr = sign.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))  # "Nơi nhận" and the signature stay on one page
    recv, signer = sign.rows[0].cells
    recv.paragraphs[0].paragraph_format.space_before = Pt(12)
    _font(recv.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for text in (
        "{%p for r in doc.recipients %}",
        "- {{ r }};",
        "{%p endfor %}",
        "- {{ doc.archive }}.",
    ):
        p = _para(recv, text, 11, after=0)
        p.paragraph_format.space_after = Pt(0)
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    signer.paragraphs[0].paragraph_format.space_before = Pt(12)
    _font(signer.paragraphs[0].add_run("{{ doc.signer_title|upper }}"), 14, bold=True)
    _para(
        signer,
        "{{ doc.signer_role|upper }}",
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )
    for _ in range(4):
        _para(signer, "", 14, after=0)
    _para(signer, "{{ doc.signer_name }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)

    doc.core_properties.title = "Báo cáo CLB liên thế hệ tự giúp nhau"
    doc.core_properties.author = "clbtool"
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(build())

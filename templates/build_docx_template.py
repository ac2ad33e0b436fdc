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


def _language(doc, lang: str = "vi-VN") -> None:
    """The document's language, so Word checks the spelling as Vietnamese."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for container in (rpr, doc.styles["Normal"].element.get_or_add_rPr()):
        el = container.find(qn("w:lang"))
        if el is None:
            el = OxmlElement("w:lang")
            container.append(el)
        el.set(qn("w:val"), lang)
        el.set(qn("w:eastAsia"), lang)


def _repeat_header(row) -> None:
    """A table's header row printed again at the top of each page it runs onto."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _data_table(doc, headers, cells, widths, total=None, loop="", left=(1,)):
    """A bordered table: a bold header row, one row per item of ``loop`` (a docxtpl row
    loop), an optional bold total row. Numbers are centred, names left."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    def fill(row, texts, bold=False):
        for c, text in enumerate(texts):
            p = row.cells[c].paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if c in left else WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            if text:
                _font(p.add_run(text), 11, bold=bold)

    fill(table.rows[0], headers, bold=True)
    _repeat_header(table.rows[0])
    fill(table.add_row(), [f"{{%tr for {loop} %}}"] + [""] * (len(headers) - 1))
    fill(table.add_row(), cells)
    fill(table.add_row(), ["{%tr endfor %}"] + [""] * (len(headers) - 1))
    if total:
        fill(table.add_row(), total, bold=True)
    _cell_width(table, widths)
    return table


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
    _language(doc)
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

    def tag(text: str) -> None:
        _para(doc, text, BODY_PT)

    def lines(name: str, prefix: str = "") -> None:
        """Each sentence of a generated list, a paragraph of its own."""
        tag(f"{{%p for line in {name} %}}")
        body(prefix + "{{ line }}")
        tag("{%p endfor %}")

    def notes(key: str) -> None:
        """The office's paragraphs of a section, or the highlighted placeholder."""
        tag(f"{{%p for p in notes.{key} %}}")
        body("{{r p.rt }}")
        tag("{%p endfor %}")

    def caption(text: str, above: bool) -> None:
        _para(doc, text, 13, bold=above, italic=not above, align=WD_ALIGN_PARAGRAPH.CENTER,
              before=6 if above else 0, keep_with_next=above)  # fmt: skip

    def picture(name: str, text: str) -> None:
        tag(f"{{%p if {name} %}}")
        p = _para(doc, f"{{{{ {name} }}}}", BODY_PT, align=WD_ALIGN_PARAGRAPH.CENTER, after=2,
                  keep_with_next=True)  # fmt: skip
        p.paragraph_format.first_line_indent = Cm(0)
        caption(text, above=False)
        tag("{%p endif %}")

    _para(doc, "{{r opening_rt }}", BODY_PT, indent=True)
    heading("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI")
    notes("chi_dao")

    heading("II. KẾT QUẢ THỰC HIỆN")
    heading("1. Kết quả thực hiện các chỉ tiêu của Kế hoạch")
    lines("text.targets")
    caption("{{ captions.targets }}", above=True)
    _data_table(
        doc,
        ["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ đạt"],
        ["{{ r.no }}", "{{ r.label }}", "{{ r.planned }}", "{{ r.done }}", "{{ r.rate }}"],
        (1.0, 8.5, 2.2, 2.2, 2.6),
        loop="r in targets_table",
    )
    heading("2. Thành viên và cơ cấu thành viên")
    lines("text.members")
    lines("text.criteria")
    picture("chart_composition", "{{ captions.chart_composition }}")

    heading("3. Kết quả các nội dung hoạt động")
    lines("text.activities")
    lines("text.areas", "- ")
    body("a) {{ text.economy }}")
    body("b) {{ text.health }}")
    body("c) {{ text.care }}")
    body("d) {{ text.fund }}")

    heading("4. Kết quả theo từng {{ units_word }}")
    lines("text.by_unit")
    caption("{{ captions.members }}", above=True)
    unit_cells = ["{{ u.no }}", "{{ u.name }}", "{{ u.clubs }}", "{{ u.members }}", "{{ u.older }}",
                  "{{ u.women }}", "{{ u.poor }}", "{{ u.volunteers }}", "{{ u.meets_all }}"]  # fmt: skip
    _data_table(
        doc,
        [
            "TT",
            "Đơn vị",
            "Số CLB",
            "Thành viên",
            "NCT (%)",
            "Phụ nữ (%)",
            "Nghèo, cận nghèo, khó khăn (%)",
            "Tình nguyện viên",
            "CLB đạt đủ 05 yêu cầu",
        ],  # fmt: skip
        unit_cells,
        (0.9, 3.6, 1.3, 1.8, 1.7, 1.7, 2.0, 1.6, 1.9),
        total=["", *(c.replace("u.", "units_total.") for c in unit_cells[1:])],
        loop="u in units",
    )
    caption("{{ captions.activity }}", above=True)
    activity_cells = ["{{ u.no }}", "{{ u.name }}", "{{ u.sessions }}", "{{ u.participants }}",
                      "{{ u.loans }}", "{{ u.loan_amount }}", "{{ u.home_visits }}", "{{ u.fund_in }}"]  # fmt: skip
    _data_table(
        doc,
        [
            "TT",
            "Đơn vị",
            "Buổi sinh hoạt",
            "Lượt người tham gia",
            "Lượt vay",
            "Số tiền cho vay",
            "Lượt chăm sóc tại nhà",
            "Huy động quỹ",
        ],  # fmt: skip
        activity_cells,
        (0.9, 3.4, 1.6, 1.8, 1.4, 2.8, 1.7, 2.8),
        total=["", *(c.replace("u.", "units_total.") for c in activity_cells[1:])],
        loop="u in units",
    )
    tag("{%p if text.by_year %}")
    heading("5. Kết quả qua các năm")
    lines("text.by_year")
    caption("{{ captions.years }}", above=True)
    _data_table(
        doc,
        [
            "Năm",
            "Số CLB",
            "Chỉ tiêu",
            "Thành viên",
            "Buổi sinh hoạt",
            "Lượt vay",
            "Số tiền cho vay",
            "Lượt chăm sóc tại nhà",
            "Huy động quỹ",
        ],  # fmt: skip
        [
            "{{ y.year }}",
            "{{ y.clubs }}",
            "{{ y.target_clubs }}",
            "{{ y.members }}",
            "{{ y.sessions }}",
            "{{ y.loans }}",
            "{{ y.loan_amount }}",
            "{{ y.home_visits }}",
            "{{ y.fund_in }}",
        ],  # fmt: skip
        (1.3, 1.4, 1.5, 1.8, 1.8, 1.5, 2.8, 1.6, 2.8),
        loop="y in years",
        left=(),
    )
    picture("chart_years", "{{ captions.chart_years }}")
    tag("{%p endif %}")

    heading("III. ĐÁNH GIÁ CHUNG")
    heading("1. Ưu điểm")
    notes("uu_diem")
    heading("2. Tồn tại, hạn chế")
    lines("text.shortfalls", "- ")
    notes("ton_tai")
    heading("3. Nguyên nhân")
    notes("nguyen_nhan")
    tag("{%p if headings.reviews %}")
    heading("4. Bài học kinh nghiệm")
    notes("bai_hoc")
    tag("{%p endif %}")
    heading("{{ headings.ahead }}")
    notes("phuong_huong")
    heading("V. ĐỀ XUẤT, KIẾN NGHỊ")
    notes("kien_nghi")
    tag("{%p if headings.awards %}")
    heading("VI. KHEN THƯỞNG")
    notes("khen_thuong")
    tag("{%p endif %}")
    _para(doc, "{{ text.closing }}", BODY_PT, indent=True, keep_with_next=True)

    # --- "Nơi nhận" and the signature block ----------------------------------------------------------
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    _cell_width(sign, (9.0, body_width - 9.0))
    row_pr = sign.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))  # "Nơi nhận" and the signature stay on one page
    recv, signer = sign.rows[0].cells
    recv.paragraphs[0].paragraph_format.space_before = Pt(12)
    recv.paragraphs[0].paragraph_format.keep_with_next = True
    _font(recv.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for text in (
        "{%p for r in doc.recipients %}",
        "- {{ r }}",
        "{%p endfor %}",
        "- {{ doc.archive }}",
    ):
        p = _para(recv, text, 11, after=0, keep_with_next=True)
        p.paragraph_format.space_after = Pt(0)
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    signer.paragraphs[0].paragraph_format.space_before = Pt(12)
    signer.paragraphs[0].paragraph_format.keep_with_next = True
    _font(signer.paragraphs[0].add_run("{{ doc.signer_title|upper }}"), 14, bold=True)
    _para(
        signer,
        "{{ doc.signer_role|upper }}",
        14,
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
        keep_with_next=True,
    )
    for _ in range(4):
        _para(signer, "", 14, after=0, keep_with_next=True)
    _para(signer, "{{ doc.signer_name }}", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)

    # Word's File > Properties: rendered with the report (docxtpl fills these tags too)
    doc.core_properties.title = "{{ subject }}"
    doc.core_properties.subject = "{{ subject }}"
    doc.core_properties.author = "{{ doc.issuer_name }}"
    doc.core_properties.language = "vi-VN"
    doc.core_properties.comments = ""
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    print(build())

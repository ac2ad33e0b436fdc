"""The report read as the officer who signs it: shares rounded once, figures no workbook
recorded said to be unknown, no file or rule code in the body, the office's own paragraphs,
the Word details, and the pages as LibreOffice lays them out."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import tempfile
import zipfile

import pytest
from conftest import HAS_LIBREOFFICE, SAMPLE_DATA
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from test_report import _text, vi_pct
from typer.testing import CliRunner

from clbtool.cli import app
from clbtool.sample import make_club, write_club

runner = CliRunner()
ISSUER = "Ban Đại diện Hội Người cao tuổi tỉnh Quảng Ngãi"


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    out = tmp_path_factory.mktemp("annual")
    result = runner.invoke(
        app,
        ["report", "--year", "2020", "--data", str(SAMPLE_DATA), "--out", str(out),
         "--format", "docx", "--jobs", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out / "bao-cao-clb-annual-2020.docx"


def _run_report(data, out, *args):
    return runner.invoke(
        app,
        ["report", "--year", "2020", "--data", str(data), "--out", str(out), "--jobs", "1", *args],
    )


def _club(plan, seed, district, code, **counts):
    club = make_club(random.Random(seed), plan, year=2020, district=district, code=code, **counts)
    return club


def _drop_columns(path, names):
    """The member list without some optional columns, as an office's own form may be."""
    wb = load_workbook(path)
    ws = wb["Thành viên"]
    header = next(r for r in range(1, 10) if any(c.value == "Họ và tên" for c in ws[r]))
    for col in sorted((c.column for c in ws[header] if c.value in names), reverse=True):
        ws.delete_cols(col)
    wb.save(path)


def test_shares_are_rounded_once_half_up(tmp_path, plan):
    """57/80 = 71,25% is "71,3%" (rounding 0.7125 twice, or half to even, gave "71,2%")."""
    data = tmp_path / "data"
    club = _club(plan, 5, "Sơn Tịnh", "STI-9", members=80, older=57, women=49, poor=51)
    write_club(club, data / "2020" / "Son Tinh" / "clb.xlsx")
    out = tmp_path / "out"
    assert _run_report(data, out, "--format", "docx").exit_code == 0
    doc = Document(out / "bao-cao-clb-annual-2020.docx")
    text = _text(doc)
    assert vi_pct(57, 80) == "71,3%" and vi_pct(49, 80) == "61,3%" and vi_pct(51, 80) == "63,8%"
    assert "người cao tuổi 57 người, chiếm 71,3%" in text
    assert "phụ nữ 49 người, chiếm 61,3%" in text
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "CLB đạt đủ 05 yêu cầu")
    assert [c.text for c in table.rows[1].cells][4:7] == ["71,3%", "61,3%", "63,8%"]
    # the terminal says the same; JSON keeps the exact ratio
    result = runner.invoke(app, ["aggregate", str(data), "--year", "2020", "--format", "json"])
    totals = json.loads(result.stdout)["totals"]
    assert totals["older_share"] == 57 / 80
    shown = runner.invoke(app, ["aggregate", str(data), "--year", "2020"], env={"COLUMNS": "200"})
    assert "71,3%" in shown.stdout and "71,2%" not in shown.stdout


def test_figures_no_workbook_recorded_are_unknown_not_zero(tmp_path, plan):
    """No "Cô đơn" column in any workbook: the lonely older people are unknown, never 0;
    "BHYT" in one workbook of two: the figure says whose it is."""
    data = tmp_path / "data"
    a = write_club(_club(plan, 1, "Sơn Tịnh", "STI-1"), data / "2020" / "Son Tinh" / "a.xlsx")
    b = write_club(_club(plan, 2, "Bình Sơn", "BSO-1"), data / "2020" / "Binh Son" / "b.xlsx")
    _drop_columns(a, {"Cô đơn", "BHYT"})
    _drop_columns(b, {"Cô đơn"})
    out = tmp_path / "out"
    assert _run_report(data, out, "--format", "docx").exit_code == 0
    text = _text(Document(out / "bao-cao-clb-annual-2020.docx"))
    assert "số người cao tuổi cô đơn: chưa có số liệu" in text
    assert "người cao tuổi cô đơn 0" not in text and "cô đơn 00" not in text
    assert re.search(r"\d+ thành viên có thẻ bảo hiểm y tế \(số liệu của 01/02 CLB có ghi\)", text)
    result = runner.invoke(app, ["aggregate", str(data), "--year", "2020", "--format", "json"])
    totals = json.loads(result.stdout)["totals"]
    assert totals["recorded"]["alone"] == 0 and totals["recorded"]["health_insurance"] == 1
    summary = tmp_path / "tong-hop.xlsx"
    res = runner.invoke(app, ["aggregate", str(data), "--year", "2020", "--out", str(summary)])
    assert res.exit_code == 0, res.output
    ws = load_workbook(summary)["Chi tiết CLB"]
    header_row = next(
        r for r in ws.iter_rows(max_row=20) if any(c.value == "NCT cô đơn" for c in r)
    )
    col = next(c.column for c in header_row if c.value == "NCT cô đơn")
    cells = [ws.cell(r, col).value for r in range(header_row[0].row + 1, ws.max_row + 1)]
    assert [v for v in cells if v not in (None, "")] == []  # blank, not 0
    # and read back by the province, still unknown
    again = runner.invoke(app, ["aggregate", str(summary), "--year", "2020", "--format", "json"])
    assert json.loads(again.stdout)["totals"]["recorded"]["alone"] == 0


def test_the_body_names_no_file_no_rule_code_no_validator_words(annual):
    doc = Document(annual)
    body = "\n".join(p.text for p in doc.paragraphs)
    tables = _text(doc)
    for text in (body, tables):
        assert not re.search(r"\.(xlsx|xlsm|xls|ods)\b", text)
        assert not re.search(r"\b[FSVCAXT]0\d\b", text)  # no rule code
        assert "Son Tinh" not in text and "Son Ha" not in text  # no folder name
    for phrase in (
        "dữ liệu không đọc được",
        "ngoài khoảng hợp lệ",
        "đủ các lĩnh vực hoạt động",
        "Trong kỳ",
        "đủ cả năm",
        'Đơn vị "',
        "buổi, hoạt động;",
        "60% - 70%",
        "Tỷ lệ báo cáo",
    ):
        assert phrase not in tables, phrase
    assert "Thực hiện Kế hoạch số" in body and "của Ủy ban nhân dân tỉnh Quảng Ngãi" in body


def test_each_shortfall_is_named_against_the_plan(annual):
    text = _text(Document(annual))
    assert (
        "01 CLB chưa đủ 50 thành viên theo mục II.3 của Kế hoạch: "
        "CLB xã Bình Châu, huyện Bình Sơn (45 thành viên);" in text
    )
    assert (
        "01 CLB có đội tình nguyện viên chưa đủ 05 người theo mục III.3 của Kế hoạch: "
        "CLB xã Nghĩa Kỳ, huyện Tư Nghĩa (04 người);" in text
    )
    assert "CLB xã Sơn Hạ, huyện Sơn Hà (chưa có hoạt động vận động nguồn lực)" in text
    # the clubs meeting all five: 9 less the three short of size, share or volunteers
    assert "Có 06/09 CLB đạt cả 05 yêu cầu này." in text
    assert "Một buổi sinh hoạt thường gồm nhiều nội dung" in text


def test_lists_end_as_the_decree_writes_them(annual):
    doc = Document(annual)
    areas = [p.text for p in doc.paragraphs if re.match(r"- .*: \d+ buổi[;.]$", p.text)]
    assert len(areas) == 7
    assert all(a.endswith(";") for a in areas[:-1]) and areas[-1].endswith(".")
    shortfalls = [p.text for p in doc.paragraphs if p.text.startswith("- 0")]
    assert shortfalls and shortfalls[-1][-1] in ".;"
    recv = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    lines = [p.text for p in recv.rows[0].cells[0].paragraphs[1:] if p.text]
    assert all(line.endswith(";") for line in lines[:-1]) and lines[-1] == "- Lưu: VT, VP."


def test_a_unit_outside_the_plans_list_is_named(tmp_path, plan):
    """A club in Lý Sơn, which the plan does not expect: said, not silently off the rate."""
    data = tmp_path / "data"
    write_club(_club(plan, 3, "Lý Sơn", "LSO-1"), data / "2020" / "Ly Son" / "a.xlsx")
    write_club(_club(plan, 4, "Sơn Tịnh", "STI-1"), data / "2020" / "Son Tinh" / "b.xlsx")
    out = tmp_path / "out"
    assert _run_report(data, out, "--format", "docx").exit_code == 0
    text = _text(Document(out / "bao-cao-clb-annual-2020.docx"))
    assert "huyện Lý Sơn cũng đã thành lập CLB và gửi báo cáo" in text
    assert "toàn tỉnh có 02 CLB liên thế hệ tự giúp nhau đang hoạt động tại 02 huyện" in text


def test_word_details(annual):
    doc = Document(annual)
    styles = doc.styles.element
    langs = [el.get(qn("w:val")) for el in styles.iter(qn("w:lang"))]
    assert langs and set(langs) == {"vi-VN"}
    props = doc.core_properties
    assert props.title == "Kết quả thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau năm 2020"
    assert props.author == ISSUER and props.language == "vi-VN"
    assert abs(props.created.replace(tzinfo=None) - dt.datetime.now()) < dt.timedelta(hours=1)
    closing = next(p for p in doc.paragraphs if p.text.endswith("./."))
    assert closing.paragraph_format.keep_with_next
    sign = doc.tables[-1]
    assert sign.rows[0].cells[0].width.cm == pytest.approx(9, abs=0.01)
    recipients = sign.rows[0].cells[0].text
    assert "Việt Nam\u00a0(b/c);" in recipients  # "(b/c);" never alone on a line
    section = doc.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert doc.inline_shapes and all(s.width <= text_width for s in doc.inline_shapes)


def test_the_offices_paragraphs_from_a_notes_file(tmp_path):
    notes = tmp_path / "ghi chú.md"
    notes.write_text(
        "# I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI\n"
        "Ban Đại diện đã ban hành Hướng dẫn số 12/HD-BĐD\n"
        "ngày 20/3/2020.\n\n"
        "+ Tổ chức 02 lớp tập huấn;\n"
        "+ Kiểm tra 09 CLB.\n\n"
        "## 1. Ưu điểm\n"
        "Các CLB sinh hoạt đều {{ 7*7 }} <b>đặn</b>.\n\n"
        "### tồn tại, hạn chế\n"
        "- Kinh phí hỗ trợ còn ít.\n",
        "utf-8",
    )
    out = tmp_path / "out"
    result = _run_report(SAMPLE_DATA, out, "--format", "docx,html", "--notes", str(notes))
    assert result.exit_code == 0, result.output
    doc = Document(out / "bao-cao-clb-annual-2020.docx")
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI")
    assert paragraphs[start + 1 : start + 4] == [
        "Ban Đại diện đã ban hành Hướng dẫn số 12/HD-BĐD ngày 20/3/2020.",
        "- Tổ chức 02 lớp tập huấn;",
        "- Kiểm tra 09 CLB.",
    ]
    assert "Các CLB sinh hoạt đều {{ 7*7 }} <b>đặn</b>." in paragraphs  # text, never a template
    assert "- Kinh phí hỗ trợ còn ít." in paragraphs
    # the sections left out stay visible for the office, highlighted in Word
    placeholders = [p for p in doc.paragraphs if p.text == "[Nội dung do cơ quan bổ sung]"]
    assert len(placeholders) == 3  # nguyên nhân, phương hướng, kiến nghị (annual)
    assert all(
        any(r.font.highlight_color is not None for r in p.runs if r.text) for p in placeholders
    )
    html = (out / "bao-cao-clb-annual-2020.html").read_text("utf-8")
    assert "&lt;b&gt;đặn&lt;/b&gt;" in html and "<mark>[Nội dung do cơ quan bổ sung]</mark>" in html


def test_notes_in_toml_and_a_blank_notes_file(tmp_path):
    blank = tmp_path / "ghi-chu.md"
    result = runner.invoke(app, ["report", "--notes-template", str(blank)])
    assert result.exit_code == 0 and blank.exists()
    text = blank.read_text("utf-8")
    for heading in ("## Công tác chỉ đạo, triển khai", "## Ưu điểm", "## Tồn tại, hạn chế",
                    "## Nguyên nhân", "## Bài học kinh nghiệm", "## Phương hướng, nhiệm vụ",
                    "## Đề xuất, kiến nghị", "## Khen thưởng"):  # fmt: skip
        assert heading in text
    again = runner.invoke(app, ["report", "--notes-template", str(blank)])
    assert again.exit_code == 2 and "đã có" in " ".join(again.output.split())
    # the blank file, given back as it is, fills nothing: every section a placeholder
    out = tmp_path / "out"
    assert _run_report(SAMPLE_DATA, out, "--format", "md", "--notes", str(blank)).exit_code == 0
    md = (out / "bao-cao-clb-annual-2020.md").read_text("utf-8")
    assert md.count("<mark>[Nội dung do cơ quan bổ sung]</mark>") == 6
    toml = tmp_path / "ghi-chu.toml"
    toml.write_text(
        'uu_diem = """Các CLB hoạt động đều.\n\nNhiều CLB làm tốt."""\n'
        'kien_nghi = ["Đề nghị Ủy ban nhân dân tỉnh hỗ trợ kinh phí."]\n'
        '"Khen thưởng" = "Đề nghị khen thưởng 02 CLB."\n',
        "utf-8",
    )
    out2 = tmp_path / "out2"
    result = runner.invoke(
        app,
        ["report", "--year", "2020", "--data", str(SAMPLE_DATA), "--out", str(out2), "--jobs",
         "1", "--format", "docx", "--notes", str(toml)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(out2 / "bao-cao-clb-annual-2020.docx").paragraphs]
    assert "Các CLB hoạt động đều." in paragraphs and "Nhiều CLB làm tốt." in paragraphs
    assert "Đề nghị Ủy ban nhân dân tỉnh hỗ trợ kinh phí." in paragraphs
    assert "VI. KHEN THƯỞNG" in paragraphs  # an annual report has it when the office writes it


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"## M\xe1\xbb\xa5c l\xe1 ngo\xc3\xa0i\nabc\n", "UTF-8"),
        ("## Thành tích nổi bật\nabc\n".encode(), 'không có mục "Thành tích nổi bật"'),
        ("Chữ trước tiêu đề\n## Ưu điểm\n".encode(), "dòng 1"),
    ],
)
def test_a_bad_notes_file_is_one_clear_line(tmp_path, content, says):
    """Said before any workbook is read, in Vietnamese, exit 2, nothing written."""
    notes = tmp_path / "ghi-chu.md"
    notes.write_bytes(content)
    result = _run_report(SAMPLE_DATA, tmp_path / "out", "--notes", str(notes))
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def test_a_notes_file_that_is_not_there(tmp_path):
    result = _run_report(SAMPLE_DATA, tmp_path / "out", "--notes", str(tmp_path / "khong-co.md"))
    assert result.exit_code == 2 and "Không có tệp ghi chú" in result.output
    assert "No such file" not in result.output


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed")
@pytest.mark.parametrize("kind", ["annual", "final"])
def test_pages_as_libreoffice_lays_them_out(tmp_path, kind):
    """Through LibreOffice: a handful of pages, and every picture within the text width."""
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["report", "--year", "2020", "--kind", kind, "--data", str(SAMPLE_DATA), "--out",
         str(out), "--format", "docx", "--jobs", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    docx = out / f"bao-cao-clb-{kind}-2020.docx"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
             "odt", "--outdir", str(tmp_path), str(docx)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    with zipfile.ZipFile(tmp_path / f"bao-cao-clb-{kind}-2020.odt") as zf:
        meta = zf.read("meta.xml").decode()
        content = zf.read("content.xml").decode()
        styles = zf.read("styles.xml").decode()
    pages = int(re.search(r'meta:page-count="(\d+)"', meta).group(1))
    assert (4 if kind == "annual" else 5) <= pages <= 8
    layout = re.search(r"<style:page-layout-properties[^>]*fo:page-width[^>]*>", styles).group(0)

    def cm(attr):
        value = re.search(rf'{attr}="([\d.]+)(cm|mm|in)"', layout)
        number, unit = float(value.group(1)), value.group(2)
        return number * {"cm": 1, "mm": 0.1, "in": 2.54}[unit]

    text_width = cm("fo:page-width") - cm("fo:margin-left") - cm("fo:margin-right")
    assert text_width == pytest.approx(16.5, abs=0.05)
    frames = re.findall(r'<draw:frame[^>]*svg:width="([\d.]+)(cm|mm|in)"', content)
    assert len(frames) == (1 if kind == "annual" else 2)
    for number, unit in frames:
        assert float(number) * {"cm": 1, "mm": 0.1, "in": 2.54}[unit] <= text_width + 0.01


def test_the_period_in_the_report_is_the_period_aggregate_gives(tmp_path):
    """Every number of the final review traceable: `aggregate --years 2018-2020` says the
    same totals the report's tables print."""
    result = runner.invoke(
        app, ["aggregate", str(SAMPLE_DATA), "--years", "2018-2020", "--format", "json"]
    )
    assert result.exit_code == 1  # 2019's copy of Tịnh Khê's workbook, counted once (T01)
    data = json.loads(result.stdout)
    totals = data["totals"]
    assert data["years"] == [2018, 2019, 2020] and totals["clubs"] == 9
    out = tmp_path / "out"
    report = runner.invoke(
        app,
        ["report", "--year", "2020", "--kind", "final", "--data", str(SAMPLE_DATA), "--out",
         str(out), "--format", "docx", "--jobs", "1"],
    )  # fmt: skip
    assert report.exit_code == 0, report.output
    doc = Document(out / "bao-cao-clb-final-2020.docx")
    activity = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Huy động quỹ")
    printed = [c.text for c in activity.rows[-1].cells]

    def vi(n):
        return f"{n:,}".replace(",", ".")

    assert printed[2:] == [
        vi(totals["sessions"]), vi(totals["participants"]), vi(totals["loans"]),
        vi(totals["loan_amount"]), vi(totals["home_visits"]), vi(totals["fund_in"]),
    ]  # fmt: skip
    members = next(t for t in doc.tables if t.rows[0].cells[-1].text == "CLB đạt đủ 05 yêu cầu")
    assert members.rows[-1].cells[3].text == vi(totals["members"])
    bad = runner.invoke(app, ["aggregate", str(SAMPLE_DATA), "--years", "hai nghìn"])
    assert bad.exit_code == 2 and "2018-2020" in bad.output


def test_notes_as_a_secretary_saves_them(tmp_path):
    """Notepad's "Unicode" (UTF-16), headings numbered as the report numbers them, bold, and
    ending in a colon: the same sections."""
    notes = tmp_path / "ghi-chu.md"
    text = "## III.1. Ưu điểm:\nCác CLB sinh hoạt đều.\n\n## **2. Tồn tại, hạn chế**\n- Thiếu kinh phí.\n"
    notes.write_bytes(text.encode("utf-16"))
    out = tmp_path / "out"
    result = _run_report(SAMPLE_DATA, out, "--format", "docx", "--notes", str(notes))
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(out / "bao-cao-clb-annual-2020.docx").paragraphs]
    assert paragraphs[paragraphs.index("1. Ưu điểm") + 1] == "Các CLB sinh hoạt đều."
    assert "- Thiếu kinh phí." in paragraphs


@given(st.integers(min_value=1, max_value=20_000), st.data())
@settings(max_examples=400, deadline=None)
def test_every_share_is_rounded_once_half_up_from_its_counts(whole, data):
    """For any counts, the percentage shown is the exact ratio rounded once, half up, to a
    tenth: worked out here with fractions, not floats."""
    from clbtool.i18n import fmt_pct

    part = data.draw(st.integers(min_value=0, max_value=whole))
    assert fmt_pct(part / whole) == vi_pct(part, whole)

"""report: the Word document in the national format, checked with python-docx."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import HAS_LIBREOFFICE, ROOT, SAMPLE_DATA
from docx import Document
from typer.testing import CliRunner

from clbtool.cli import app
from clbtool.report.filters import ngay
from clbtool.sample import demo_province, make_club, write_club

runner = CliRunner()


@pytest.fixture(scope="module")
def annual(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    result = runner.invoke(
        app,
        [
            "report",
            "--year",
            "2020",
            "--data",
            str(SAMPLE_DATA),
            "--format",
            "docx,md,html",
            "--out",
            str(out),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(
    ("day", "text"),
    [
        ((2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        ((2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        ((2020, 12, 15), "ngày 15 tháng 12 năm 2020"),
        ((2021, 2, 1), "ngày 01 tháng 02 năm 2021"),
        ((2020, 3, 9), "ngày 09 tháng 3 năm 2020"),
    ],
)
def test_dates_as_the_decree_writes_them(day, text):
    import datetime as dt

    assert ngay(dt.date(*day)) == text


def test_page_margins_and_font(annual):
    doc = Document(annual / "bao-cao-clb-annual-2020.docx")
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    mm = {
        k: round(getattr(section, f"{k}_margin").mm, 1) for k in ("top", "bottom", "left", "right")
    }
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20
    assert doc.styles["Normal"].font.name == "Times New Roman"
    sizes = set()
    for p in doc.paragraphs:
        for run in p.runs:
            if run.text.strip():
                assert run.font.name == "Times New Roman"
                sizes.add(run.font.size.pt)
    assert sizes <= {11, 12, 13, 14}


def test_header_title_and_date_line(annual):
    doc = Document(annual / "bao-cao-clb-annual-2020.docx")
    head = doc.tables[0]
    left, right = head.rows[0].cells
    assert left.paragraphs[0].text == "HỘI NGƯỜI CAO TUỔI TỈNH QUẢNG NGÃI"
    assert left.paragraphs[1].text == "BAN ĐẠI DIỆN" and left.paragraphs[1].runs[0].bold
    assert left.paragraphs[-1].text.startswith("Số:") and left.paragraphs[-1].text.endswith(
        "/BC-BĐD"
    )
    assert (
        right.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        and right.paragraphs[0].runs[0].bold
    )
    assert right.paragraphs[1].text == "Độc lập - Tự do - Hạnh phúc"
    date_line = right.paragraphs[-1]
    assert date_line.text == "Quảng Ngãi, ngày 15 tháng 12 năm 2020" and date_line.runs[0].italic
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.alignment == 1  # centred
    assert any(
        p.text == "Kết quả thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau năm 2020"
        for p in doc.paragraphs
    )


def test_body_justified_with_first_line_indent_and_ending(annual):
    doc = Document(annual / "bao-cao-clb-annual-2020.docx")
    body = [p for p in doc.paragraphs if p.text.startswith("Đến 31/12/2020, tổng số thành viên")]
    assert (
        body
        and body[0].alignment == 3
        and round(body[0].paragraph_format.first_line_indent.cm, 2) == 1.27
    )
    assert any(p.text.endswith("./.") for p in doc.paragraphs)
    assert any(p.text.startswith("I. CÔNG TÁC CHỈ ĐẠO") and p.runs[0].bold for p in doc.paragraphs)


def test_page_numbers_from_page_two(annual):
    with zipfile.ZipFile(annual / "bao-cao-clb-annual-2020.docx") as zf:
        document = zf.read("word/document.xml").decode()
        headers = [zf.read(n).decode() for n in zf.namelist() if n.startswith("word/header")]
    assert "<w:titlePg/>" in document or "w:titlePg" in document
    assert any("PAGE" in h for h in headers)


def independent(plan, year=2020):
    from test_aggregate import independent_totals

    return independent_totals(plan, year)


def vi_pct(part: int, whole: int) -> str:
    """The share as a reader works it out: tenths of a percent, half up, from the counts."""
    from fractions import Fraction
    from math import floor

    tenths = floor(Fraction(part * 1000, whole) + Fraction(1, 2))
    whole_part, tenth = divmod(tenths, 10)
    return f"{whole_part},{tenth}%" if tenth else f"{whole_part}%"


def count(n: int) -> str:
    """A count as the report writes it: "09" below ten, "1.234" above a thousand."""
    return f"{n:02d}" if n < 10 else f"{n:,}".replace(",", ".")


def test_numbers_match_independent_totals(annual, plan):
    t = independent(plan)
    text = _text(Document(annual / "bao-cao-clb-annual-2020.docx"))
    assert f"toàn tỉnh có {count(t['clubs'])} CLB" in text
    assert f"tại {count(t['units'])} huyện, thị xã, thành phố" in text
    assert f"tổng số thành viên các CLB là {count(t['members'])} người" in text
    older = vi_pct(t["older"], t["members"])
    assert (
        f"người cao tuổi {count(t['older'])} người, chiếm {older} (Kế hoạch: ít nhất 70%)" in text
    )
    assert f"phụ nữ {count(t['women'])} người" in text
    assert "(Kế hoạch: tối thiểu 60%, phấn đấu 70%)" in text
    lent = f"{t['loan_amount']:,}".replace(",", ".")
    assert f"tổng số tiền {lent} đồng" in text
    assert f"thực hiện {count(t['home_visits'])} lượt chăm sóc tại nhà" in text
    assert "đạt 90% chỉ tiêu Kế hoạch năm 2020 (10 CLB tại 10 huyện" in text


def test_district_table_and_problems(annual):
    doc = Document(annual / "bao-cao-clb-annual-2020.docx")
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Đơn vị")
    names = [row.cells[1].text for row in table.rows[1:-1]]
    assert len(names) == 9 and names[0] == "Thành phố Quảng Ngãi"
    assert "Thị xã Đức Phổ" in names and not [n for n in names if "Ba Tơ" in n]
    assert table.rows[-1].cells[1].text == "Tổng cộng" and table.rows[-1].cells[3].text == "531"
    nghia_hanh = next(row for row in table.rows if row.cells[1].text == "Huyện Nghĩa Hành")
    assert nghia_hanh.cells[4].text == vi_pct(40, 64) == "62,5%"
    text = _text(doc)
    assert (
        "01 CLB có tỷ lệ người cao tuổi chưa đạt mức tối thiểu 70% theo mục II.3 của Kế hoạch: "
        "CLB xã Hành Thiện, huyện Nghĩa Hành (62,5%);" in text
    )
    assert "Huyện Ba Tơ chưa có báo cáo năm 2020." in text
    assert "Nơi nhận:" in text and "TM. BAN ĐẠI DIỆN" in text
    recv = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")
    run = recv.rows[0].cells[0].paragraphs[0].runs[0]
    assert run.bold and run.italic and run.font.size.pt == 12


def test_charts_are_embedded(annual):
    with zipfile.ZipFile(annual / "bao-cao-clb-annual-2020.docx") as zf:
        assert len([n for n in zf.namelist() if n.startswith("word/media/")]) == 1
    html = (annual / "bao-cao-clb-annual-2020.html").read_text("utf-8")
    assert html.count("data:image/png;base64,") == 1  # one year: no chart by year
    assert (annual / "bao-cao-clb-annual-2020-co-cau.png").exists()
    doc = Document(annual / "bao-cao-clb-annual-2020.docx")
    assert any(p.text.startswith("Biểu đồ 1: Cơ cấu thành viên") for p in doc.paragraphs)


def test_no_member_name_in_any_report(annual, plan):
    names = {m.name for _, club, _, _ in demo_province(plan) for m in club.members}
    for path in annual.glob("bao-cao-*"):
        if path.suffix in (".md", ".html"):
            text = path.read_text("utf-8")
        elif path.suffix == ".docx":
            text = _text(Document(path))
        else:
            continue
        assert not [n for n in names if n in text]


def _report(tmp_path, *args) -> str:
    """Run `clbtool report` on sample_data into tmp_path; the Word document's text."""
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", "--data", str(SAMPLE_DATA), "--out", str(out), "--jobs", "1", *args]
    )
    assert result.exit_code == 0, result.output
    (docx,) = out.glob("*.docx")
    return Document(docx)


def _period_clubs(plan, years):
    """Each club of the period once (the generator's own objects, no reader): its years."""
    clubs: dict[str, dict[int, object]] = {}
    for rel, club, _, _ in demo_province(plan):
        year = int(rel.split("/")[0])
        if year in years:
            clubs.setdefault(club.code, {})[year] = club
    return clubs


@pytest.mark.parametrize(("kind", "year", "years"), [("review", 2019, (2018, 2019)),
                                                      ("final", 2020, (2018, 2019, 2020))])  # fmt: skip
def test_review_and_final_add_up_their_years(tmp_path, plan, kind, year, years):
    """A club counted once, with its latest members; its sessions, loans and visits summed
    over every year it reported (the final review printed 2020's 139 sessions of 327)."""
    clubs = _period_clubs(plan, years)
    sessions = sum(len(c.activities) for by_year in clubs.values() for c in by_year.values())
    loans = sum(len(c.loans) for by_year in clubs.values() for c in by_year.values())
    lent = sum(loan[3] for by_year in clubs.values() for c in by_year.values() for loan in c.loans)
    visits = sum(len(c.visits) for by_year in clubs.values() for c in by_year.values())
    members = sum(len(by_year[max(by_year)].members) for by_year in clubs.values())
    doc = _report(tmp_path, "--year", str(year), "--kind", kind, "--format", "docx")
    text = _text(doc)
    label = "02 năm 2018-2019" if kind == "review" else "giai đoạn 2018-2020"
    assert f"Trong {label}, các CLB đã tổ chức {count(sessions)} buổi sinh hoạt" in text
    assert f"vay {count(loans)} lượt với tổng số tiền {lent:,} đồng".replace(",", ".") in text
    assert f"thực hiện {count(visits)} lượt chăm sóc tại nhà" in text
    assert f"Đến 31/12/{year}, tổng số thành viên các CLB là {count(members)} người" in text
    if kind == "final":
        assert (sessions, loans, lent) == (327, 204, 1_234_500_000)  # the figures
    # the table by year: one row per year, each that year's own figures
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Năm")
    rows = {int(r.cells[0].text): [c.text for c in r.cells] for r in table.rows[1:]}
    assert sorted(rows) == list(years)
    for y in years:
        own = independent(plan, y)
        assert rows[y][1] == str(own["clubs"]) and rows[y][3] == f"{own['members']:,}".replace(
            ",", "."
        )
        assert rows[y][6] == f"{own['loan_amount']:,}".replace(",", ".")
    # the activity table by district adds up to the period, not to the last year
    activity = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Huy động quỹ")
    assert activity.rows[-1].cells[2].text == f"{sessions:,}".replace(",", ".")
    with zipfile.ZipFile(next((tmp_path / "out").glob("*.docx"))) as zf:
        assert len([n for n in zf.namelist() if n.startswith("word/media/")]) == 2
    assert any(p.text.startswith("Biểu đồ 2: Số CLB qua các năm") for p in doc.paragraphs)
    assert any(p.text == "4. Bài học kinh nghiệm" for p in doc.paragraphs)


def test_a_year_without_data_is_said_not_refused(tmp_path, plan):
    """A province that began collecting in 2019: the final review says 2018 has no data."""
    data = tmp_path / "data"
    for year in ("2019", "2020"):
        shutil.copytree(SAMPLE_DATA / year, data / year)
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["report", "--year", "2020", "--kind", "final", "--data", str(data),
              "--out", str(out), "--format", "docx", "--jobs", "1"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    doc = Document(out / "bao-cao-clb-final-2020.docx")
    text = _text(doc)
    assert "Chưa có số liệu năm 2018" in text and "năm 2018 chưa có số liệu" in text
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Năm")
    row_2018 = [c.text for c in table.rows[1].cells]
    assert row_2018[0] == "2018" and row_2018[1] == "-" and row_2018[2] == "6"
    sessions = sum(
        len(c.activities) for by_year in _period_clubs(plan, (2019, 2020)).values()
        for c in by_year.values()
    )  # fmt: skip
    assert f"các CLB đã tổ chức {sessions} buổi sinh hoạt" in text


def test_semiannual_uses_the_first_half(tmp_path):
    result = runner.invoke(
        app,
        [
            "report",
            "--year",
            "2020",
            "--kind",
            "semiannual",
            "--data",
            str(SAMPLE_DATA),
            "--format",
            "md",
            "--out",
            str(tmp_path),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0
    text = (tmp_path / "bao-cao-clb-semiannual-2020.md").read_text("utf-8")
    assert "6 tháng đầu năm 2020" in text and "ngày 15 tháng 7 năm 2020" in text


def test_html_is_escaped_and_docx_stays_valid(tmp_path, plan):
    import random

    data = tmp_path / "data"
    club = make_club(
        random.Random(3),
        plan,
        year=2020,
        district="Sơn Tịnh",
        code="X-1",
        members=45,
        older=34,
        women=30,
        poor=29,
    )
    club.name = 'CLB <b>Tịnh Khê</b> & "Hạnh phúc"'
    write_club(club, data / "2020" / "Son Tinh" / "clb.xlsx")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "report",
            "--year",
            "2020",
            "--data",
            str(data),
            "--format",
            "docx,html",
            "--out",
            str(out),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    html = (out / "bao-cao-clb-annual-2020.html").read_text("utf-8")
    assert "CLB &lt;b&gt;Tịnh Khê&lt;/b&gt; &amp;" in html and "<b>Tịnh Khê</b>" not in html
    assert 'CLB <b>Tịnh Khê</b> & "Hạnh phúc"' in _text(
        Document(out / "bao-cao-clb-annual-2020.docx")
    )


def test_user_templates_are_used_and_sandboxed(tmp_path):
    mine = tmp_path / "mau"
    mine.mkdir()
    (mine / "report.md.j2").write_text(
        "Tổng số thành viên: {{ t.members|so }} ({{ date|ngay }})\n", "utf-8"
    )
    out = tmp_path / "out"
    args = ["report", "--year", "2020", "--data", str(SAMPLE_DATA), "--format", "md", "--templates", str(mine),
            "--out", str(out), "--jobs", "1"]  # fmt: skip
    ok = runner.invoke(app, args)
    assert ok.exit_code == 0
    written = (out / "bao-cao-clb-annual-2020.md").read_text("utf-8")
    assert written == "Tổng số thành viên: 531 (ngày 15 tháng 12 năm 2020)\n"
    (mine / "report.md.j2").write_text("{{ t.__class__.__mro__[1].__subclasses__() }}", "utf-8")
    bad = runner.invoke(app, [*args, "--force"])  # last run's report replaced only when asked
    assert bad.exit_code == 2 and "Mẫu báo cáo có lỗi" in bad.output


def test_bad_arguments_exit_2(tmp_path):
    args = ["report", "--data", str(SAMPLE_DATA), "--out", str(tmp_path)]
    assert runner.invoke(app, [*args, "--year", "2031"]).exit_code == 2
    assert runner.invoke(app, [*args, "--year", "2020", "--format", "odt"]).exit_code == 2
    assert runner.invoke(app, [*args, "--year", "2020", "--date", "31/02/2020"]).exit_code == 2
    inside = runner.invoke(
        app,
        ["report", "--year", "2020", "--data", str(SAMPLE_DATA), "--out", str(SAMPLE_DATA / "bc")],
    )
    assert inside.exit_code == 2 and not (SAMPLE_DATA / "bc").exists()


def _pdf_report(out):
    args = [
        "report",
        "--year",
        "2020",
        "--data",
        SAMPLE_DATA,
        "--format",
        "pdf",
        "--out",
        out,
        "--jobs",
        "1",
    ]
    return runner.invoke(app, [str(a) for a in args])


def test_pdf_without_libreoffice_says_so(tmp_path, monkeypatch):
    import clbtool.report.render as render

    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    result = _pdf_report(tmp_path)
    assert result.exit_code == 2 and "LibreOffice" in result.output


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice not installed")
def test_pdf_through_libreoffice(tmp_path):
    result = _pdf_report(tmp_path)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "bao-cao-clb-annual-2020.pdf"
    assert (
        pdf.read_bytes()[:5] == b"%PDF-"
        and not (tmp_path / "bao-cao-clb-annual-2020.docx").exists()
    )


def test_the_built_wheel_carries_the_templates(tmp_path):
    """The installed package (not only an editable install) finds its templates."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("clbtool-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "clbtool/templates/report.docx",
        "clbtool/templates/report.md.j2",
        "clbtool/templates/report.html.j2",
        "clbtool/plans/quang-ngai-2018-2020.toml",
    } <= names


def test_template_builder_is_reproducible(tmp_path):
    """templates/build_docx_template.py makes the committed template's text."""
    sys.path.insert(0, str(ROOT / "templates"))
    try:
        import build_docx_template
    finally:
        sys.path.pop(0)
    built = build_docx_template.build(tmp_path / "report.docx")
    committed = ROOT / "clbtool" / "templates" / "report.docx"
    assert _text(Document(built)) == _text(Document(committed))
    assert round(Document(built).sections[0].left_margin.mm) == 30


def test_report_leaves_inputs_untouched(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    runner.invoke(
        app,
        [
            "report",
            "--year",
            "2020",
            "--data",
            str(copy),
            "--format",
            "md",
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "1",
        ],
    )
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before


def test_copy_templates_then_render_with_them(tmp_path):
    copied = runner.invoke(app, ["report", "--copy-templates", str(tmp_path / "mine")])
    assert copied.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [
        "report.docx",
        "report.html.j2",
        "report.md.j2",
    ]
    md = tmp_path / "mine" / "report.md.j2"
    md.write_text(md.read_text("utf-8").replace("# BÁO CÁO", "# BÁO CÁO NHANH"), "utf-8")
    again = runner.invoke(app, ["report", "--copy-templates", str(tmp_path / "mine")])
    assert again.exit_code == 2 and "--force" in again.output  # the office's edits are kept
    assert "BÁO CÁO NHANH" in md.read_text("utf-8")
    result = runner.invoke(
        app,
        [
            "report",
            "--year",
            "2020",
            "--data",
            str(SAMPLE_DATA),
            "--format",
            "md",
            "--templates",
            str(tmp_path / "mine"),
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0
    assert "# BÁO CÁO NHANH" in (tmp_path / "out" / "bao-cao-clb-annual-2020.md").read_text("utf-8")
    assert runner.invoke(app, ["report", "--data", str(SAMPLE_DATA)]).exit_code == 2  # no --year


def _chart_context(plan_shares, clubs: int, units: int) -> dict:
    import random

    rnd = random.Random(7)
    return {
        "plan": plan_shares,
        "clubs": [
            {
                "name": f"CLB {i}",
                "commune": f"Xã {i}",
                "unit": f"Huyện {i % units}",
                "older_share": round(rnd.random(), 4),
                "women_share": 0.6 if i % 5 == 0 else round(rnd.random(), 4),
                "poor_share": 1.0 if i % 7 == 0 else round(rnd.random(), 4),
            }
            for i in range(clubs)
        ],  # fmt: skip
        "unit_shares": [
            {"name": f"Huyện {j}", "older_share": 0.71, "women_share": 0.65, "poor_share": 0.6}
            for j in range(units)
        ],
    }


def test_composition_chart_shows_what_a_page_can_hold(tmp_path):
    """A bar per club for a few clubs, per unit for a province, and for thousands of clubs
    how many fall in each tenth of each share (a bar per club could not be read, and 20,000
    of them took minutes and a gigabyte to draw)."""
    from clbtool.report.charts import composition, composition_data

    shares = {"older_min": 0.7, "women_min": 0.6, "poor_min": 0.6}
    few = composition_data(_chart_context(shares, 9, 3))
    assert few["by"] == "club" and few["labels"] == [f"Xã {i}" for i in range(9)]
    province = composition_data(_chart_context(shares, 400, 13))
    assert province["by"] == "unit" and len(province["labels"]) == 13
    assert province["values"]["older_share"][0] == pytest.approx(71)
    for clubs, units in ((20_000, 63), (500, 1)):
        context = _chart_context(shares, clubs, units)
        data = composition_data(context)
        assert data["by"] == "share" and data["labels"][0] == "0-10%"
        for key in ("older_share", "women_share", "poor_share"):
            expected = [0] * 10
            for club in context["clubs"]:
                expected[min(9, round(club[key] * 10_000) // 1000)] += 1
            assert data["values"][key] == expected
        # a share of exactly 60% counts with 60-70%, 100% with 90-100%
        assert data["values"]["women_share"][6] >= clubs // 5
        assert data["values"]["poor_share"][9] >= clubs // 7
        out = composition(context, tmp_path / f"co-cau-{clubs}.png")
        assert out.read_bytes().startswith(b"\x89PNG")

"""The district officer's and the secretary's day, through the real CLI: a folder at a
glance, one rule for every file written, verdicts that agree with the exit code, how to fix
each finding, Typer's own words in Vietnamese, tables for analysts."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from conftest import SAMPLE_DATA
from openpyxl import load_workbook
from typer.testing import CliRunner

from clbtool import __version__
from clbtool.cli import app

runner = CliRunner()
FAILING = {  # sample_data/README.md: the 2020 files with an error
    "Binh Son/clb-binh-chau.xlsx",
    "Nghia Hanh/clb-hanh-thien.xls",
    "Son Ha/clb-son-ha.xlsx",
    "Tu Nghia/clb-nghia-ky.xlsx",
}


def run(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "80", **(env or {})})


def test_a_folder_at_a_glance():
    result = run("validate", SAMPLE_DATA / "2020", "--jobs", "2")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    per_file = [line for line in lines if line.startswith(("✓ ĐẠT", "✗ CHƯA ĐẠT"))]
    assert len(per_file) == 9  # one line per workbook
    shown = [re.search(r"cảnh báo\s+(.+?)  \((.+)\)?$", line) for line in per_file]
    assert all(shown)  # verdict, counts, the file, the club's commune
    assert {m.group(1) for m, line in zip(shown, per_file, strict=True) if "✗" in line} == FAILING
    assert "Binh Son/clb-binh-chau.xlsx  (xã Bình Châu)" in result.stdout
    assert all(len(line) <= 80 for line in per_file)
    # in full: only the failing files (their panels carry the figures and the fix)
    assert result.stdout.count("╭─") == 4 and result.stdout.count("Cách khắc phục:") == 4
    assert "Tổng cộng 9 tệp: 5 đạt, 4 chưa đạt; 7 lỗi, 1 cảnh báo" in result.stdout
    # the same lines, in the same order, read in one process or two
    one = run("validate", SAMPLE_DATA / "2020", "--jobs", "1")
    assert one.stdout == result.stdout
    every = run("validate", SAMPLE_DATA / "2020", "--details", "all")
    assert every.stdout.count("╭─") == 9  # a panel for each file
    none = run("validate", SAMPLE_DATA / "2020", "--details", "none")
    assert "Cách khắc phục" not in none.stdout and none.exit_code == 1


def test_the_closing_line_counts_files_that_cannot_be_read(tmp_path):
    shutil.copytree(SAMPLE_DATA / "2020" / "Binh Son", tmp_path / "d")
    (tmp_path / "d" / "hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    result = run("validate", tmp_path / "d")
    assert "2 tệp: 0 đạt, 2 chưa đạt (trong đó 1 tệp không đọc được)" in result.stdout


def test_strict_verdict_json_and_exit_code_agree(tmp_path):
    tu_nghia = SAMPLE_DATA / "2020" / "Mo Duc" / "clb-duc-tan.xlsx"  # passes, with an info only
    warned = SAMPLE_DATA / "2019" / "Mo Duc" / "clb-duc-tan.xlsx"
    plain = run("validate", tu_nghia, "--format", "json")
    assert plain.exit_code == 0 and json.loads(plain.stdout)["summary"]["valid"] is True
    # a file whose only problem is a warning: passes, and fails under --strict, everywhere
    doc = json.loads(run("validate", warned, "--format", "json").stdout)
    if doc["summary"]["warnings"] and not doc["summary"]["errors"]:
        strict = run("validate", warned, "--strict")
        assert strict.exit_code == 1 and "CHƯA ĐẠT" in strict.stdout and "ĐẠT " not in strict.stdout
        sdoc = json.loads(run("validate", warned, "--strict", "--format", "json").stdout)
        assert sdoc["files"][0]["valid"] is False and sdoc["summary"]["valid"] is False
    folder = json.loads(run("validate", SAMPLE_DATA / "2020", "--format", "json").stdout)
    assert folder["summary"]["valid"] is False
    assert (folder["summary"]["passed"], folder["summary"]["failed"]) == (5, 4)
    assert all(isinstance(f["valid"], bool) for f in folder["files"])


def test_each_finding_says_how_to_fix_it(tmp_path):
    son_ha = SAMPLE_DATA / "2020" / "Son Ha" / "clb-son-ha.xlsx"
    shown = run("validate", son_ha)
    assert "Cách khắc phục:" in shown.stdout and "clbtool rules V01" in shown.stdout
    doc = json.loads(run("validate", son_ha, "--format", "json").stdout)
    v01 = next(f for f in doc["files"][0]["findings"] if f["code"] == "V01")
    from clbtool.rules.catalogue import RULES

    assert v01["fix"] == RULES["V01"].fix("vi") and v01["fix"]
    out = tmp_path / "da-kiem-tra.xlsx"
    assert run("validate", son_ha, "--annotate", out).exit_code == 1
    wb = load_workbook(out)
    comments = [c.comment.text for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    assert any("Cách khắc phục: " + RULES["V01"].fix("vi") in text for text in comments)


def test_one_rule_for_every_file_written(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2020", data / "2020")
    summary = tmp_path / "tong-hop.xlsx"
    assert run("aggregate", data, "--out", summary).exit_code == 0
    again = run("aggregate", data, "--out", summary)
    assert again.exit_code == 2 and "--force" in again.output and "Traceback" not in again.output
    assert run("aggregate", data, "--out", summary, "--force").exit_code == 0
    # the report, the annotated copy, the sample, the blank form: the same rule
    out = tmp_path / "bc"
    args = [
        "report",
        "--year",
        "2020",
        "--data",
        data,
        "--out",
        out,
        "--format",
        "md",
        "--jobs",
        "1",
    ]
    assert run(*args).exit_code == 0
    assert run(*args).exit_code == 2 and run(*args, "--force").exit_code == 0
    form = tmp_path / "mau.xlsx"
    assert run("template", form).exit_code == 0 and run("template", form).exit_code == 2
    samples = tmp_path / "mau-du-lieu"
    assert run("sample", samples, "--clubs", "1").exit_code == 0
    assert run("sample", samples, "--clubs", "1").exit_code == 2
    assert run("sample", samples, "--clubs", "1", "--force").exit_code == 0
    # nothing written into an input folder: the next aggregate would count it
    inside = run("validate", data / "2020", "--annotate", data / "2020" / "annot")
    assert inside.exit_code == 2 and "đầu vào" in inside.output
    assert not (data / "2020" / "annot").exists()
    assert run("aggregate", data, "--out", data / "th.xlsx").exit_code == 2


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("a-file/tong-hop.xlsx", "một phần của đường dẫn là tệp"),
        ("x" * 300 + ".xlsx", "đường dẫn quá dài"),
    ],
)
def test_a_system_error_is_one_vietnamese_line(tmp_path, target, says):
    (tmp_path / "a-file").write_text("")
    result = run("aggregate", SAMPLE_DATA / "2020" / "Binh Son", "--out", tmp_path / target)
    assert result.exit_code == 2 and says in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output


def test_version_and_plural_and_thousands():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"clbtool {__version__}"
    en = run("validate", SAMPLE_DATA / "2020" / "Binh Son", "--lang", "en")
    assert "1 error," in en.stdout and "1 errors" not in en.stdout
    from clbtool.i18n import fmt_int, fmt_pct

    assert fmt_pct(14) == "1.400%" and fmt_pct(14, "en") == "1,400%" and fmt_int(3000) == "3.000"


def test_typers_own_words_in_vietnamese():
    help_text = run("aggregate", "--help").stdout
    for words in ("Cách dùng:", "Tùy chọn", "Đối số", "[mặc định:", "[bắt buộc]",
                  "Xem hướng dẫn này rồi thoát."):  # fmt: skip
        assert words in help_text, words
    for english in ("Usage:", "Options", "[default:", "[required]", "Show this message"):
        assert english not in help_text, english
    missing = run("validate")
    assert missing.exit_code == 2 and "Thiếu đối số" in missing.output
    bad_year = run("aggregate", SAMPLE_DATA, "--year", "hai")
    assert (
        '"hai" không phải là số nguyên' in bad_year.output
        and "Giá trị của --year" in bad_year.output
    )
    no_option = run("aggregate", SAMPLE_DATA, "--khong-co")
    assert "Không có tùy chọn --khong-co" in no_option.output
    # English when asked
    en = run("aggregate", "--help", "--lang", "en")
    assert "Options" in en.stdout and "Usage:" in en.stdout
    assert "No such option" in run("aggregate", SAMPLE_DATA, "--khong-co", "--lang", "en").output


def test_tables_for_analysts(tmp_path):
    import pandas as pd

    from clbtool.aggregate import aggregate
    from clbtool.frames import clubs_frame, units_frame
    from clbtool.plan import load_plan

    plan = load_plan()
    agg = aggregate([SAMPLE_DATA], plan, year=2020, jobs=1)
    clubs = clubs_frame(agg, plan)
    assert len(clubs) == 9 and int(clubs["members"].sum()) == 531
    assert clubs.loc[clubs["commune"].str.contains("Bình Châu"), "members"].item() == 45
    assert "name" not in clubs.columns  # clubs, not members: no person's name anywhere
    units = units_frame(agg)
    assert list(units["unit"])[0] == "TP Quảng Ngãi" and int(units["clubs"].sum()) == 9
    csv = tmp_path / "tong-hop.csv"
    assert run("aggregate", SAMPLE_DATA, "--year", "2020", "--out", csv).exit_code == 0
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel shows the Vietnamese right
    back = pd.read_csv(csv, encoding="utf-8-sig")
    assert int(back["members"].sum()) == 531 and "xã Bình Châu" in " ".join(back["club"])
    pytest.importorskip("pyarrow")
    parquet = tmp_path / "tong-hop.parquet"
    assert run("aggregate", SAMPLE_DATA, "--year", "2020", "--out", parquet).exit_code == 0
    table = pd.read_parquet(parquet)
    assert table["members"].tolist() == clubs["members"].tolist()


def test_a_districts_folder_is_judged_as_that_district(tmp_path):
    """`aggregate DATA/2020/Son Tinh`: Sơn Tịnh's own completeness (its club of 2019 is
    there), not the province's 9 missing districts and targets."""
    son_tinh = SAMPLE_DATA / "2020" / "Son Tinh"
    result = run("aggregate", son_tinh, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["year"] == 2020  # from the folder, without --year
    assert [f["code"] for f in doc["findings"]] == []  # no T02 for other units, no T03/T04
    assert doc["targets"]["reporting"] == {
        "expected": 1, "received": 1, "of": "clubs", "previous": 2019
    }  # fmt: skip
    shown = run("aggregate", son_tinh)
    assert "CLB đã báo cáo (so với năm 2019): 1/1" in shown.stdout
    assert "Ba Tơ" not in shown.stdout and "chỉ tiêu" not in shown.stdout
    # a district whose club of last year sent nothing: named, as the district's own gap
    data = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2019" / "Son Tinh", data / "2019" / "Son Tinh")
    (data / "2020" / "Son Tinh").mkdir(parents=True)
    shutil.copy(
        SAMPLE_DATA / "2020" / "Binh Son" / "clb-binh-chau.xlsx", data / "2020" / "Son Tinh"
    )
    gap = json.loads(run("aggregate", data / "2020" / "Son Tinh", "--format", "json").stdout)
    assert [f["code"] for f in gap["findings"]] == ["T02"]
    assert "Tịnh Khê" in gap["findings"][0]["message"]
    # the whole province still gets the province's view
    province = json.loads(
        run("aggregate", SAMPLE_DATA, "--year", "2020", "--format", "json").stdout
    )
    assert {"T02", "T03", "T04"} <= {f["code"] for f in province["findings"]}


def test_no_such_year_and_no_workbook_are_errors_alike(tmp_path):
    no_year = run("aggregate", SAMPLE_DATA, "--year", "2031")
    assert no_year.exit_code == 2
    assert "không có số liệu năm 2031 (có các năm: 2018, 2019, 2020)" in " ".join(
        no_year.output.split()
    )
    notes = tmp_path / "ghi-chu"
    notes.mkdir()
    (notes / "a.txt").write_text("ghi chú", "utf-8")
    for command in ("aggregate", "validate"):
        result = run(command, notes)
        assert result.exit_code == 2 and "Không tìm thấy tệp bảng tính nào" in result.output
    report = run("report", "--year", "2031", "--data", SAMPLE_DATA, "--out", tmp_path / "bc")
    assert report.exit_code == 2 and "2031" in report.output


def test_the_summary_prints_on_a4(tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    assert run("aggregate", SAMPLE_DATA / "2020" / "Son Tinh", "--out", out).exit_code == 0
    wb = load_workbook(out)
    summary, detail = wb["Tổng hợp"], wb["Chi tiết CLB"]
    assert summary["A1"].value.endswith("NĂM 2020")  # the year in the title, from the folder
    setup = summary.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (
        "landscape", 9, 1, 1
    )  # fmt: skip
    header = [c.value for c in summary[4]]
    assert header[-1] == "Đánh giá" and summary.cell(5, len(header)).value == "Đạt"
    assert detail.page_setup.fitToWidth == 1 and detail.page_setup.fitToHeight == 0
    assert detail.print_title_rows == "$1:$1"


def test_the_aggregate_table_fits_80_columns_without_cutting_a_number():
    result = run("aggregate", SAMPLE_DATA, "--years", "2018-2020")
    table = result.stdout.split("Không đủ chỗ")[0]
    assert all(len(line) <= 80 for line in table.splitlines())
    assert "…" not in table  # no number cut
    assert "1.234.500.000" not in table and "Cho vay (đ)" in result.stdout  # dropped, and said
    wide = run("aggregate", SAMPLE_DATA, "--years", "2018-2020", env={"COLUMNS": "140"})
    assert "1.234.500.000" in wide.stdout and "Không đủ chỗ" not in wide.stdout


def test_the_blank_forms_drop_downs(tmp_path):
    """Excel splits a list written in the formula on every comma: "Tổ chức, cá nhân" must be
    one item, from a range; the home-care volunteer is picked from the member list."""
    form = tmp_path / "mau.xlsx"
    assert run("template", form).exit_code == 0
    wb = load_workbook(form)
    lists = wb["Danh mục"]
    assert lists.sheet_state == "hidden"

    def validation(sheet: str, header: str):
        ws = wb[sheet]
        col = next(c.column_letter for c in ws[1] if c.value == header)
        return next(dv for dv in ws.data_validations.dataValidation if f"{col}2" in dv.sqref)

    fund = validation("Quỹ", "Nguồn").formula1
    assert not fund.startswith('"')  # a range, not items in the formula
    sheet, cells = fund.split("!")
    column = cells.split("$")[1]
    items = [c.value for c in lists[column] if c.value]
    assert "Tổ chức, cá nhân" in items and "Tổ chức" not in items
    members = wb["Thành viên"]
    name_col = next(c.column_letter for c in members[1] if c.value == "Họ và tên")
    volunteer = validation("Chăm sóc tại nhà", "Tình nguyện viên").formula1
    assert volunteer == f"'Thành viên'!${name_col}$2:${name_col}$201"
    mark = validation("Thành viên", "Tình nguyện viên").formula1  # the member's own x mark
    assert "Thành viên'!" not in mark


def test_a_period_mismatch_is_one_finding_for_the_file():
    """A full year's workbook checked as its first half: one V03 that says where and why,
    not one per date (26 for Tịnh Khê)."""
    tinh_khe = SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx"
    doc = json.loads(run("validate", tinh_khe, "--period", "h1", "--format", "json").stdout)
    v03 = [f for f in doc["files"][0]["findings"] if f["code"] == "V03"]
    assert len(v03) == 1
    message = v03[0]["message"]
    count = int(message.split()[0])
    assert count > 3 and "kỳ khác" in message and 'trang "Hoạt động" dòng' in message


def test_library_texts_never_reach_a_vietnamese_message(tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes((SAMPLE_DATA / "2020" / "Son Ha" / "clb-son-ha.xlsx").read_bytes()[:3000])
    vi = run("validate", broken, "--format", "json")
    message = json.loads(vi.stdout)["files"][0]["findings"][0]["message"]
    assert "không phải tệp nén hợp lệ" in message or "không trọn vẹn" in message
    for english in ("File is not a zip file", "Cannot detect", "Errno", "Error"):
        assert english not in message
    en = json.loads(run("validate", broken, "--format", "json", "--lang", "en").stdout)
    assert "not a zip file" in en["files"][0]["findings"][0]["message"].lower()


def test_a_district_folder_named_for_its_district_and_a_report_out_that_is_a_file(tmp_path):
    son_tinh = tmp_path / "son-tinh"  # the district officer's own folder, not DATA/<year>/...
    shutil.copytree(SAMPLE_DATA / "2020" / "Son Tinh", son_tinh)
    out = tmp_path / "tong-hop.xlsx"
    result = run("aggregate", son_tinh, "--year", "2020", "--out", out, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["findings"] == []  # no other district "missing"
    assert load_workbook(out)["Tổng hợp"]["A1"].value.endswith("NĂM 2020")
    afile = tmp_path / "afile"
    afile.write_text("")
    report = run("report", "--year", "2020", "--data", SAMPLE_DATA, "--out", afile)
    assert report.exit_code == 2 and "là một tệp" in " ".join(report.output.split())
    assert "FileExistsError" not in report.output


def test_panel_titles_are_never_cut_mid_word():
    shown = run("validate", SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx")
    first = shown.stdout.splitlines()[0]
    assert first.startswith("╭─ clb-tinh-khe.xlsx") or "clb-tinh-khe.xlsx ─" in first
    assert "CLB liên thế hệ tự giúp nhau xã Tịnh Khê" in shown.stdout  # inside, whole


def test_report_errors_in_the_language_asked(tmp_path):
    vi = run("report", "--year", "2020", "--data", SAMPLE_DATA, "--notes", tmp_path / "x.md")
    en = run("report", "--year", "2020", "--data", SAMPLE_DATA, "--notes", tmp_path / "x.md",
             "--lang", "en")  # fmt: skip
    assert vi.exit_code == en.exit_code == 2
    assert "Không có tệp ghi chú" in vi.output and "No notes file" in en.output
    bad_kind = run("report", "--year", "2031", "--data", SAMPLE_DATA, "--lang", "en")
    assert bad_kind.exit_code == 2 and "No folder" in bad_kind.output

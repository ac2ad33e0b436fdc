"""The commands as a user runs them: output, exit codes, files written."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SAMPLE_DATA
from typer.testing import CliRunner

from clbtool.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", "CLBTOOL_LANG": "vi"})


@pytest.fixture
def clean(club_factory, write):
    return write(club_factory(), "clb-tinh-khe.xlsx")


def test_validate_a_clean_club_exits_0(clean):
    result = run("validate", clean)
    assert result.exit_code == 0, result.output
    assert "ĐẠT" in result.output and "Tịnh Khê" in result.output
    assert "76,7% (46/60)" in result.output  # older share against the plan


def test_validate_errors_exit_1_with_cell_and_message():
    result = run("validate", SAMPLE_DATA / "2020" / "Son Ha" / "clb-son-ha.xlsx")
    assert result.exit_code == 1
    assert "CHƯA ĐẠT" in result.output
    assert "A19" in result.output and "31/02/2020" in result.output
    assert "Trang: Hoạt động" in result.output


def test_validate_in_english():
    result = run(
        "validate", "--lang", "en", SAMPLE_DATA / "2020" / "Nghia Hanh" / "clb-hanh-thien.xls"
    )
    assert result.exit_code == 1
    assert "Share of older people 62.5% (40/64) below the minimum 70%" in result.output


def test_strict_makes_warnings_fail(club_factory, write):
    club = club_factory(arts=0)  # C07 is a warning
    path = write(club)
    assert run("validate", path).exit_code == 0
    assert run("validate", "--strict", path).exit_code == 1


def test_json_output_follows_the_contract():
    result = run("validate", "--format", "json", SAMPLE_DATA / "2020")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    # invalid: Bình Sơn (C01), Tư Nghĩa (C05, X01), Nghĩa Hành (C02), Sơn Hà (A01, V01, V02); C07 warns
    assert doc["summary"] == {
        "files": 9, "valid": False, "passed": 5, "failed": 4, "errors": 7, "warnings": 1
    }  # fmt: skip
    son_ha = next(f for f in doc["files"] if f["path"].endswith("clb-son-ha.xlsx"))
    assert son_ha["valid"] is False
    assert son_ha["club"]["district"] == "Sơn Hà" and son_ha["club"]["year"] == 2020
    v01 = next(f for f in son_ha["findings"] if f["code"] == "V01")
    assert (v01["sheet"], v01["row"], v01["column"], v01["cell"], v01["value"]) == (
        "Hoạt động",
        19,
        "A",
        "A19",
        "31/02/2020",
    )
    a01 = next(f for f in son_ha["findings"] if f["code"] == "A01")
    assert a01["row"] is None and a01["cell"] is None
    metrics = son_ha["metrics"]
    assert metrics["members"] == 60 and metrics["older_share"] == 0.75


def test_json_has_no_member_name_in_metrics():
    doc = json.loads(run("validate", "--format", "json", SAMPLE_DATA / "2020" / "Son Tinh").stdout)
    text = json.dumps(doc["files"][0]["metrics"], ensure_ascii=False)
    assert "Thị" not in text and "Văn" not in text


def test_no_input_exits_2(tmp_path):
    assert run("validate", tmp_path / "nothing-here.xlsx").exit_code == 2
    (tmp_path / "empty").mkdir()
    result = run("validate", tmp_path / "empty")
    assert result.exit_code == 2 and "Không tìm thấy tệp bảng tính" in result.output


def test_bad_option_exits_2(clean):
    assert run("validate", "--format", "pdf", clean).exit_code == 2
    assert run("validate", "--plan", "khong-co", clean).exit_code == 2


def test_truncated_file_gives_f01_not_a_traceback(tmp_path, clean):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(clean.read_bytes()[:3000])
    result = run("validate", broken)
    assert result.exit_code == 1 and "F01" in result.output and "Traceback" not in result.output


def test_annotate_fills_cells_and_lists_findings(tmp_path):
    from openpyxl import load_workbook

    source = SAMPLE_DATA / "2020" / "Son Ha" / "clb-son-ha.xlsx"
    before = source.read_bytes()
    out = tmp_path / "da-kiem-tra.xlsx"
    result = run("validate", source, "--annotate", out)
    assert result.exit_code == 1 and out.exists()
    assert source.read_bytes() == before
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Kết quả kiểm tra"
    summary = wb["Kết quả kiểm tra"]
    rows = []
    for row in summary.iter_rows(min_row=2, values_only=True):
        if not any(row):
            break  # the findings end; how the sheets were read follows
        rows.append(list(row))
    assert {r[2] for r in rows} == {"A01", "V01", "V02"}
    v01 = next(r for r in rows if r[2] == "V01")
    assert v01[3:5] == ["Hoạt động", "A19"]
    link = next(
        row[4]
        for row in summary.iter_rows(min_row=2, max_row=len(rows) + 1)
        if row[2].value == "V01"
    )
    assert link.hyperlink.location == "'Hoạt động'!A19" or "A19" in (
        link.hyperlink.target or link.hyperlink.location
    )
    cell = wb["Hoạt động"]["A19"]
    assert cell.fill.fgColor.rgb.endswith("FFC7CE") and "V01" in cell.comment.text


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_annotate_shows_what_was_read(club_factory, tmp_path, plan, fmt):
    """Beside the list: each member's number or why a row was left out; rows left out
    greyed; a year typed "1.948" marked as read 1948; the first sheet says it all per sheet."""
    from openpyxl import load_workbook
    from test_table import grid, set_grid, sheet, signature_block

    from clbtool.output.sheets import write_workbook
    from clbtool.sample import to_model

    club = club_factory()
    club.members[0].birth = 1948
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    rows[1][3] = "1.948"
    first, last = signature_block(rows, 60, 40, "Tịnh Khê")
    set_grid(members, rows)
    source = tmp_path / f"clb.{fmt}"
    write_workbook(model, source)
    out = tmp_path / "da-kiem-tra.xlsx"
    result = run("validate", source, "--annotate", out)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    ws = wb["Thành viên"]
    status = len(rows[0]) + 1  # right of the sheet's columns
    assert ws.cell(row=1, column=status).value == "clbtool đã đọc"
    assert ws.cell(row=2, column=status).value == "Tính: thành viên thứ 1"
    assert ws.cell(row=61, column=status).value == "Tính: thành viên thứ 60"
    assert ws.cell(row=first, column=status).value == "Bỏ qua: dòng tổng cộng"
    assert ws.cell(row=last, column=status).value == "Bỏ qua: phần ký tên"
    assert ws.cell(row=first, column=3).fill.fgColor.rgb.endswith("EDEDED")
    assert ws["D2"].value == "1.948" and "1948" in ws["D2"].comment.text
    lines: dict = {}  # the members' block comes first
    for row in wb["Kết quả kiểm tra"].iter_rows(values_only=True):
        if row[3]:
            lines.setdefault(row[3], row[5])
    assert lines["Dòng dữ liệu"].startswith("60 (2-61)")
    assert lines["Ô đọc theo cách ghi quen dùng"] == "D2"


def test_annotate_turns_xls_into_xlsx_and_keeps_formula_text_as_text(club_factory, write, tmp_path):
    from openpyxl import load_workbook

    club = club_factory()
    club.members[0].note = '=HYPERLINK("http://x","bấm")'
    club.members[1].name = "+Trần Văn Cộng"
    path = write(club, "clb.xls")
    out = tmp_path / "out.xls"
    result = run("validate", path, "--annotate", out)
    assert result.exit_code == 0, result.output
    written = tmp_path / "out.xlsx"
    wb = load_workbook(written)
    ws = wb["Thành viên"]
    assert ws["R2"].value.startswith("=HYPERLINK") and ws["R2"].data_type == "s"
    assert ws["C3"].value == "+Trần Văn Cộng" and ws["C3"].data_type == "s"


def test_annotate_refuses_to_overwrite_its_input(clean):
    result = run("validate", clean, "--annotate", clean)
    assert result.exit_code == 2


def test_rules_catalogue_and_one_rule():
    result = run("rules")
    assert result.exit_code == 0
    for code in ("F01", "S02", "V05", "C01", "C07", "A05", "X04", "T04"):
        assert code in result.output
    one = run("rules", "c02")
    assert one.exit_code == 0
    assert (
        "II.3" in one.output
        and "≥ 70% (từ 60 tuổi)" in one.output
        and "Cách khắc phục" in one.output
    )
    assert "shares.older.min" in one.output  # where to change the threshold
    assert run("rules", "Z99").exit_code == 2


def test_plan_shows_thresholds_and_units():
    result = run("plan")
    assert result.exit_code == 0
    assert "50-70" in result.output and "Tây Trà" in result.output and "Nguồn lực" in result.output
    national = run("plan", "--plan", "national-2021-2025", "--lang", "en")
    assert "Lifelong learning" in national.output


def test_template_filled_by_hand_validates_clean(tmp_path, club_factory, plan):
    """Fill the blank form with openpyxl as a secretary would, cell by cell, then validate."""
    from openpyxl import load_workbook

    form = tmp_path / "mau.xlsx"
    assert run("template", form).exit_code == 0
    assert run("template", form).exit_code == 2  # exists: not overwritten without --force
    club = club_factory()
    wb = load_workbook(form)
    assert wb.sheetnames == [
        "Hướng dẫn",
        "Thông tin CLB",
        "Thành viên",
        "Hoạt động",
        "Vay vốn",
        "Chăm sóc tại nhà",
        "Quỹ",
        "Danh mục",  # the drop-downs' items, hidden
    ]
    info = wb["Thông tin CLB"]
    values = {
        "Tên CLB": club.name,
        "Mã CLB": club.code,
        "Xã/Phường/Thị trấn": club.commune,
        "Huyện/Thị xã/Thành phố": club.district,
        "Ngày thành lập": club.founded,
        "Năm báo cáo": 2020,
    }
    for row in info.iter_rows(min_row=3):
        if row[0].value in values:
            row[1].value = values[row[0].value]
    members = wb["Thành viên"]
    headers = [c.value for c in members[1]]
    assert members.freeze_panes == "A2"
    gender = next(c.column_letter for c in members[1] if c.value == "Giới tính")
    listed = next(
        dv.formula1 for dv in members.data_validations.dataValidation if f"{gender}2" in dv.sqref
    )
    column = listed.split("!")[1].split("$")[1]  # 'Danh mục'!$A$1:$A$2
    assert [c.value for c in wb["Danh mục"][column] if c.value] == ["Nam", "Nữ"]
    roles = {
        "chair": "Chủ nhiệm",
        "vice_chair": "Phó chủ nhiệm",
        "secretary": "Thư ký",
        "treasurer": "Thủ quỹ",
        "board": "Ủy viên",
    }
    circ = {"poor": "Nghèo", "near_poor": "Cận nghèo", "difficult": "Khó khăn"}
    for i, m in enumerate(club.members, start=2):
        row = {
            "STT": i - 1,
            "Mã TV": m.code,
            "Họ và tên": m.name,
            "Năm sinh": m.birth,
            "Giới tính": "Nữ" if m.gender == "F" else "Nam",
            "Hoàn cảnh": circ.get(m.circumstance),
            "Chức vụ": roles.get(m.role),
            "Tình nguyện viên": "x" if m.volunteer else None,
            "Tổ văn nghệ": "x" if m.arts else None,
            "Truyền thông sức khỏe": "x",
            "Nhu cầu vốn": "x" if m.needs_capital else None,
            "Đã kết nối vay": "x" if m.connected else None,
        }
        for header, value in row.items():
            members.cell(row=i, column=headers.index(header) + 1, value=value)
    for sheet, rows in (
        ("Hoạt động", [(a[0], a[1], a[2]) for a in club.activities]),
        ("Vay vốn", [(loan[0], loan[1], loan[2], loan[3]) for loan in club.loans]),
        ("Chăm sóc tại nhà", [v[:3] for v in club.visits]),
    ):
        for i, values_row in enumerate(rows, start=2):
            for j, value in enumerate(values_row, start=1):
                wb[sheet].cell(row=i, column=j, value=value)
    filled = tmp_path / "da-dien.xlsx"
    wb.save(filled)
    result = run("validate", "--strict", filled)
    assert result.exit_code == 0, result.output


def test_sample_writes_a_readable_mix(tmp_path):
    result = run("sample", tmp_path / "data", "--year", "2020", "--clubs", "12", "--seed", "3")
    assert result.exit_code == 0
    files = sorted((tmp_path / "data" / "2020").rglob("*.*"))
    assert len(files) == 12 and {f.suffix for f in files} == {".xlsx", ".xls", ".ods"}
    check = run("validate", "--strict", tmp_path / "data")
    assert check.exit_code == 0, check.output


def test_help_has_an_example():
    result = run("validate", "--help")
    assert (
        result.exit_code == 0 and "Ví dụ" in result.output and "clbtool validate" in result.output
    )


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-m", "clbtool", "--help"], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0 and "validate" in out.stdout


def test_console_script_on_a_copy_of_sample_data(tmp_path):
    """The README's command, on a copy, leaves every input byte as it was."""
    copy = tmp_path / "sample_data"
    shutil.copytree(SAMPLE_DATA, copy)
    before = {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()}
    run("validate", copy / "2020")
    assert {p: p.read_bytes() for p in copy.rglob("*") if p.is_file()} == before


def test_validate_lists_what_it_skipped():
    table = run("validate", SAMPLE_DATA / "2020")
    assert "Bỏ qua Son Tinh/~$clb-tinh-khe.xlsx: tệp khóa của Office/LibreOffice" in table.output
    assert "Bỏ qua Son Tinh/ghi-chu.txt" in table.output
    doc = json.loads(run("validate", SAMPLE_DATA / "2020", "--format", "json").stdout)
    assert sorted(s["path"] for s in doc["skipped"]) == [
        "Son Tinh/ghi-chu.txt",
        "Son Tinh/~$clb-tinh-khe.xlsx",
    ]
    assert doc["summary"]["files"] == 9  # skipped files are never counted


@pytest.mark.parametrize(
    "lang, first", [("en", "Unexpected error: "), ("vi", "Lỗi không mong đợi: ")]
)
def test_the_last_guard_speaks_the_language_asked(monkeypatch, capsys, lang, first):
    import sys

    import clbtool.cli as cli

    def broken():
        raise RuntimeError("boom\x1b[2J")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.setattr(sys, "argv", ["clbtool", "validate", "x.xlsx", "--lang", lang])
    monkeypatch.delenv("CLBTOOL_DEBUG", raising=False)
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(first + "RuntimeError: boom[2J") and "Traceback" not in err

"""The reader: the same club in every layout and format reads to identical records."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import pytest
from conftest import FIXTURES, HAS_LIBREOFFICE, records

from clbtool.metrics import club_metrics
from clbtool.output.sheets import WorkbookModel, write_workbook
from clbtool.sample import FORMATS, LAYOUTS, make_club, to_model
from clbtool.workbook.reader import read_club


@pytest.fixture(scope="module")
def reference(plan):
    club = make_club(random.Random(7), plan, year=2020, district="Sơn Tịnh", code="STI-01")
    return club


def test_the_reference_club_reads_as_it_was_made(reference, plan, tmp_path):
    path = tmp_path / "club.xlsx"
    write_workbook(to_model(reference, "canonical"), path)
    result = read_club(path, plan)
    club = result.club
    assert result.findings == []
    assert club.name == reference.name and club.code == "STI-01" and club.year == 2020
    assert len(club.members) == len(reference.members) == 60
    first = reference.members[0]
    assert club.members[0].name == first.name
    assert club.members[0].gender == first.gender
    assert club.members[0].place.row == 2 and club.members[0].place.cell("name") == "C2"
    assert len(club.activities) == len(reference.activities)
    assert sum(loan.amount for loan in club.loans) == sum(loan[3] for loan in reference.loans)
    assert sum(e.income for e in club.fund) == sum(e[3] for e in reference.fund)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_and_format_reads_identically(reference, plan, tmp_path, layout, fmt):
    base = tmp_path / "canonical.xlsx"
    write_workbook(to_model(reference, "canonical"), base)
    expected = read_club(base, plan).club
    path = tmp_path / f"{layout}.{fmt}"
    write_workbook(to_model(reference, layout), path)
    result = read_club(path, plan)
    assert records(result.club) == records(expected)
    assert club_metrics(result.club, plan) == club_metrics(expected, plan)
    codes = [f.code for f in result.findings]
    assert codes == (["F04"] if layout in ("tcvn3", "vni") else [])


@pytest.mark.parametrize("name", ["canonical.xls", "canonical.ods", "office.xls", "office.ods"])
def test_files_made_by_libreoffice(reference, plan, tmp_path, name):
    base = tmp_path / "canonical.xlsx"
    write_workbook(to_model(reference, "canonical"), base)
    expected = read_club(base, plan).club
    result = read_club(FIXTURES / "libreoffice" / name, plan)
    assert result.findings == []
    assert records(result.club) == records(expected)


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice not installed")
@pytest.mark.parametrize("layout", ["canonical", "office"])
def test_libreoffice_round_trip_now(reference, plan, tmp_path, layout):
    import subprocess

    src = tmp_path / f"{layout}.xlsx"
    write_workbook(to_model(reference, layout), src)
    for target in ("xls", "ods"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(src)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        got = read_club(tmp_path / f"{layout}.{target}", plan)
        assert got.findings == []
        assert records(got.club) == records(read_club(src, plan).club)


def _model(rows_by_sheet: dict[str, list[list]], merges=None) -> WorkbookModel:
    model = WorkbookModel()
    for name, rows in rows_by_sheet.items():
        sheet = model.add(name)
        for r, row in enumerate(rows):
            sheet.put_row(r, row)
        sheet.merges = (merges or {}).get(name, [])
    return model


INFO = [
    ["Tên CLB", "CLB Tịnh Khê"],
    ["Xã", "Tịnh Khê"],
    ["Huyện", "Sơn Tịnh"],
    ["Ngày thành lập", "15/03/2018"],
    ["Năm báo cáo", 2020],
]


def test_header_below_title_rows_and_nfd_headers(plan, tmp_path):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    members = [
        ["DANH SÁCH THÀNH VIÊN"],
        [],
        [],
        ["Ghi chép của thư ký"],
        [],
        [nfd("STT"), nfd("HỌ VÀ TÊN"), nfd("Năm sinh"), nfd("GIỚI TÍNH")],
        [1, nfd("Nguyễn Thị Lan"), 1950, nfd("Nữ")],
        [2, "Trần Văn Ba", "12/05/1948", "nam"],
    ]
    path = tmp_path / "t.xlsx"
    write_workbook(_model({"Thông tin": INFO, "Danh sách thành viên": members}), path)
    club = read_club(path, plan).club
    assert [m.name for m in club.members] == ["Nguyễn Thị Lan", "Trần Văn Ba"]
    assert club.members[0].name == unicodedata.normalize("NFC", "Nguyễn Thị Lan")
    assert club.members[1].birth_date == dt.date(1948, 5, 12)
    assert [m.place.row for m in club.members] == [7, 8]
    assert club.members[0].place.cell("gender") == "D7"


def test_two_row_headers_for_birth_year_and_circumstance(plan, tmp_path):
    members = [
        ["DANH SÁCH"],
        [],
        ["TT", "Họ tên", "Năm sinh", None, "Hoàn cảnh", None, None],
        [None, None, "Nam", "Nữ", "Hộ nghèo", "Cận nghèo", "Khó khăn"],
        [1, "Nguyễn Thị Lan", None, 1950, None, "x", None],
        [2, "Trần Văn Ba", 1948, None, "x", None, None],
        [3, "Lê Thị Hoa", None, "1970", None, None, None],
    ]
    merges = {"Thành viên": [(2, 2, 2, 3), (2, 4, 2, 6)]}
    for suffix in ("xlsx", "xls", "ods"):
        path = tmp_path / f"t.{suffix}"
        write_workbook(_model({"Thông tin CLB": INFO, "Thành viên": members}, merges), path)
        result = read_club(path, plan)
        club = result.club
        assert result.findings == [], suffix
        assert [(m.gender, m.birth_year, m.circumstance) for m in club.members] == [
            ("F", 1950, "near_poor"),
            ("M", 1948, "poor"),
            ("F", 1970, None),
        ]
        assert club.members[0].place.cell("birth_f") == "D5"


def test_missing_sheet_names_the_sheets_found(plan, tmp_path):
    path = tmp_path / "t.xlsx"
    write_workbook(_model({"Thông tin CLB": INFO, "Sheet1": [["a"]]}), path)
    result = read_club(path, plan)
    s01 = [f for f in result.findings if f.code == "S01"]
    assert len(s01) == 1
    assert (
        s01[0].message()
        == 'Thiếu trang bắt buộc "Thành viên". Các trang có trong tệp: "Thông tin CLB", "Sheet1"'
    )


def test_missing_column_suggests_the_closest_header(plan, tmp_path):
    members = [["STT", "Họ và tên", "Nam sinh ", "Gioi tinh"], [1, "Nguyễn Thị Lan", 1950, "Nữ"]]
    members[0][2] = "Năm sinh"
    members[0][3] = "Giới tín"
    path = tmp_path / "t.xlsx"
    write_workbook(_model({"Thông tin CLB": INFO, "Thành viên": members}), path)
    s02 = [f for f in read_club(path, plan).findings if f.code == "S02"]
    assert len(s02) == 1
    assert '"Giới tính"' in s02[0].message() and 'có phải "Giới tín"?' in s02[0].message()
    assert s02[0].sheet == "Thành viên"


def test_missing_required_info_field(plan, tmp_path):
    info = [row for row in INFO if row[0] != "Năm báo cáo"] + [["Năm báo cáo", None]]
    members = [["Họ và tên", "Năm sinh", "Giới tính"], ["Nguyễn Thị Lan", 1950, "Nữ"]]
    path = tmp_path / "t.xlsx"
    write_workbook(_model({"Thông tin CLB": info, "Thành viên": members}), path)
    s03 = [f for f in read_club(path, plan).findings if f.code == "S03"]
    assert [(f.sheet, f.cell) for f in s03] == [
        ("Thông tin CLB", "B5")
    ]  # the value cell beside the label
    assert "Năm báo cáo" in s03[0].message()


def test_value_findings_point_at_their_cells(plan, tmp_path):
    members = [
        ["Mã TV", "Họ và tên", "Năm sinh", "Giới tính", "Hoàn cảnh", "BHYT"],
        ["TV1", "Nguyễn Thị Lan", 1950, "Nữ", "Nghèo", "x"],
        ["TV2", "Trần Văn Ba", "năm mươi", "Nam", "Ngheo lam", "có"],
        ["TV3", "Lê Thị Hoa", 1890, "Nữ", None, "maybe"],
        ["TV1", "Phạm Thị Cúc", 1955, "Nữ", None, None],
        ["TV5", "nguyễn thị lan", 1950, "nữ", None, None],
    ]
    activities = [
        ["Ngày", "Lĩnh vực"],
        ["15/01/2020", "KT, SK"],
        ["10/05/2019", "VH"],
        ["20/06/2020", "Thể thao"],
    ]
    loans = [
        ["Mã TV", "Ngày vay", "Số tiền vay", "Đã trả"],
        ["TV1", "01/02/2020", "3 triệu", "4.000.000"],
        ["TV2", "01/03/2020", "0", None],
    ]
    path = tmp_path / "t.xlsx"
    write_workbook(
        _model(
            {
                "Thông tin CLB": INFO,
                "Thành viên": members,
                "Hoạt động": activities,
                "Vay vốn": loans,
            }
        ),
        path,
    )
    found = {(f.code, f.cell) for f in read_club(path, plan).findings}
    assert ("V01", "C3") in found  # "năm mươi" is not a year
    assert ("V05", "E3") in found  # "Ngheo lam": unknown circumstance
    assert ("V02", "C4") in found  # born 1890
    assert ("V01", "F4") in found  # "maybe" is not a mark
    assert ("V04", "A5") in found  # TV1 twice
    assert ("V04", "B6") in found  # same name and birth year as row 2
    assert ("V03", "A3") in found  # 2019 activity in a 2020 report
    assert ("V05", "B4") in found  # "Thể thao" is not an area of the plan
    assert ("V02", "D2") in found  # repaid more than lent
    assert ("V02", "C3") in found  # a loan of 0
    v05 = next(f for f in read_club(path, plan).findings if f.code == "V05" and f.cell == "E3")
    assert 'có phải "Nghèo"?' in v05.message()


def test_area_names_with_commas_are_not_split(plan, tmp_path):
    activities = [
        ["Ngày", "Lĩnh vực"],
        ["15/01/2020", "Giúp nhau phát triển kinh tế, tăng thu nhập, giảm nghèo"],
        ["16/01/2020", "Chăm sóc sức khỏe; Văn hóa văn nghệ"],
        ["17/01/2020", "tgn, ql"],
    ]
    members = [["Họ và tên", "Năm sinh", "Giới tính"], ["Nguyễn Thị Lan", 1950, "Nữ"]]
    path = tmp_path / "t.xlsx"
    write_workbook(
        _model({"Thông tin CLB": INFO, "Thành viên": members, "Hoạt động": activities}), path
    )
    result = read_club(path, plan)
    assert [a.areas for a in result.club.activities] == [("KT",), ("SK", "VH"), ("TGN", "QL")]
    assert not [f for f in result.findings if f.code == "V05"]


def test_members_who_left_are_not_counted(plan, tmp_path, club_factory, write):
    club = club_factory()
    club.members[0].left = dt.date(2020, 5, 1)
    club.members[1].left = dt.date(2021, 1, 10)  # left after the period: still counted
    result = read_club(write(club), plan)
    assert club_metrics(result.club, plan)["members"] == 59


def test_age_at_the_end_of_a_half_year_period(plan, tmp_path):
    info = INFO + [["Kỳ báo cáo", "6 tháng"]]
    members = [
        ["Họ và tên", "Năm sinh", "Giới tính"],
        ["Sinh tháng 5", "15/05/1960", "Nữ"],
        ["Sinh tháng 9", "15/09/1960", "Nữ"],
        ["Chỉ có năm", 1960, "Nữ"],
    ]
    path = tmp_path / "t.xlsx"
    write_workbook(_model({"Thông tin CLB": info, "Thành viên": members}), path)
    club = read_club(path, plan).club
    assert club.period == "h1" and club.period_end == dt.date(2020, 6, 30)
    assert club_metrics(club, plan)["older"] == 2  # 60 by 30/06/2020: May, and the year-only member


def test_gender_marked_under_nam_nu_and_inline_info_labels(plan, tmp_path):
    info = [
        ["THÔNG TIN CLB"],
        ["Tên CLB: CLB Tịnh Khê"],
        ["Xã: Tịnh Khê", None, "Huyện: Sơn Tịnh"],
        ["Ngày thành lập", "15/03/2018"],
        ["Năm báo cáo", 2020],
    ]
    members = [
        ["STT", "Họ và tên", "Năm sinh", "Giới tính", None],
        [None, None, None, "Nam", "Nữ"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1, "Nguyễn Thị Lan", 1950, None, "x"],
        [2, "Trần Văn Ba", 1948, "x", None],
        [None, "Tổng cộng", None, 1, 1],
    ]
    path = tmp_path / "t.xlsx"
    write_workbook(
        _model({"Thông tin CLB": info, "Thành viên": members}, {"Thành viên": [(0, 3, 0, 4)]}), path
    )
    result = read_club(path, plan)
    assert [f.message() for f in result.findings] == [
        'Trang "Thành viên": bỏ qua 2 dòng không phải thành viên: dòng 3, 6'
        " (dòng đánh số cột, dòng tổng cộng)"
    ]
    club = result.club
    assert (club.name, club.commune, club.district) == ("CLB Tịnh Khê", "Tịnh Khê", "Sơn Tịnh")
    assert [(m.name, m.gender) for m in club.members] == [
        ("Nguyễn Thị Lan", "F"),
        ("Trần Văn Ba", "M"),
    ]


def test_text_with_nul_characters_is_still_converted(plan, tmp_path):
    """A NUL inside a cell (damaged .xls files have them) must not shift the other cells."""
    from clbtool.sample import to_tcvn3

    info = [[to_tcvn3(a), to_tcvn3(b) if isinstance(b, str) else b] for a, b in INFO]
    members = [
        ["Họ và tên", "Năm sinh", "Giới tính"],
        [to_tcvn3("Nguyễn Thị\x00 Lan"), 1950, to_tcvn3("Nữ")],
        [to_tcvn3("Trần Văn Ba"), 1948, "Nam"],
    ]
    path = tmp_path / "t.xls"
    write_workbook(_model({"Thông tin CLB": info, "Thành viên": members}), path)
    result = read_club(path, plan)
    assert [m.name for m in result.club.members][1] == "Trần Văn Ba"
    assert result.club.members[0].gender == "F" and result.club.name == "CLB Tịnh Khê"


def test_empty_required_cells_are_named(plan, tmp_path):
    members = [
        ["Họ và tên", "Năm sinh", "Giới tính"],
        ["Nguyễn Thị Lan", None, "Nữ"],
        ["Trần Văn Ba", 1948, None],
    ]
    activities = [
        ["Ngày", "Lĩnh vực", "Nội dung"],
        [None, "KT", "Họp"],
        ["15/01/2020", None, "Văn nghệ"],
    ]
    loans = [["Họ và tên", "Ngày vay", "Số tiền vay"], ["Nguyễn Thị Lan", "01/02/2020", None]]
    visits = [["Ngày", "Tình nguyện viên", "Người được chăm sóc"], ["03/03/2020", None, "Bà Sáu"]]
    path = tmp_path / "t.xlsx"
    write_workbook(
        _model(
            {
                "Thông tin CLB": INFO,
                "Thành viên": members,
                "Hoạt động": activities,
                "Vay vốn": loans,
                "Chăm sóc tại nhà": visits,
            }
        ),
        path,
    )
    blanks = {
        (f.sheet, f.cell): f.message()
        for f in read_club(path, plan).findings
        if f.variant == "blank"
    }
    assert blanks == {
        (
            "Thành viên",
            "B2",
        ): 'Cột "Năm sinh" bắt buộc nhưng ô để trống: cần năm sinh hợp lệ (ví dụ 1952)',
        (
            "Thành viên",
            "C3",
        ): 'Cột "Giới tính" bắt buộc nhưng ô để trống: cần giới tính hợp lệ (ghi Nam hoặc Nữ)',
        (
            "Hoạt động",
            "A2",
        ): 'Cột "Ngày" bắt buộc nhưng ô để trống: cần ngày hợp lệ (ghi ngày/tháng/năm)',
        (
            "Hoạt động",
            "B3",
        ): 'Cột "Lĩnh vực" bắt buộc nhưng ô để trống: cần lĩnh vực hoạt động hợp lệ (KT, SK, ...)',
        (
            "Vay vốn",
            "C2",
        ): 'Cột "Số tiền vay" bắt buộc nhưng ô để trống: cần số tiền hợp lệ (ví dụ 3.000.000)',
        ("Chăm sóc tại nhà", "B2"): 'Cột "Tình nguyện viên" bắt buộc nhưng ô để trống: cần họ tên',
    }

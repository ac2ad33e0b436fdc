"""Member lists and other lists shaped the way offices keep them read to the same club as
the canonical form: totals rows, hamlet groups, signature blocks, column numbers, notes,
a second table, other spellings. Each test writes the canonical club, then the same club
in an office's shape, and compares what a user would check: members, figures, verdict,
and which rows were left out (S04)."""

from __future__ import annotations

import copy
import random

import pytest
from conftest import records

from clbtool.metrics import club_metrics
from clbtool.output.sheets import SheetModel, WorkbookModel, write_workbook
from clbtool.rules.engine import check_club
from clbtool.sample import make_club, to_model
from clbtool.workbook.reader import read_club

# the canonical member sheet's columns (clbtool.sample writes them in this order)
STT, CODE, NAME, BIRTH, GENDER, CIRC, ALONE, ROLE, TNV, ARTS = range(10)


@pytest.fixture(scope="module")
def club(plan):
    """A club that meets the plan, with years only (no full birth dates) for the year tests."""
    made = make_club(random.Random(7), plan, year=2020, district="Sơn Tịnh", code="STI-01")
    for m in made.members:
        m.birth = m.birth if isinstance(m.birth, int) else m.birth.year
    return made


def grid(sheet: SheetModel) -> list[list]:
    """The sheet's cells as rows (0-based), as a secretary sees them."""
    height = max(r for r, _ in sheet.cells) + 1
    width = max(c for _, c in sheet.cells) + 1
    rows = [[None] * width for _ in range(height)]
    for (r, c), value in sheet.cells.items():
        rows[r][c] = value
    return rows


def set_grid(sheet: SheetModel, rows: list[list]) -> None:
    sheet.cells = {}
    for r, row in enumerate(rows):
        sheet.put_row(r, row)


def sheet(model: WorkbookModel, name: str) -> SheetModel:
    return next(s for s in model.sheets if s.name == name)


def read(model: WorkbookModel, path, plan):
    write_workbook(model, path)
    result = read_club(path, plan)
    return result, check_club(result, plan)


def canonical(club, plan, tmp_path, layout="canonical"):
    return read(to_model(club, layout), tmp_path / f"twin-{layout}.xlsx", plan)


def assert_same_club(got, twin, plan) -> None:
    """Same members and records, same figures, same verdict, same findings but S04."""
    result, report = got
    twin_result, twin_report = twin
    assert records(result.club) == records(twin_result.club)
    assert club_metrics(result.club, plan) == club_metrics(twin_result.club, plan)
    assert report.valid == twin_report.valid
    codes = sorted(f.code for f in report.findings if f.code != "S04")
    assert codes == sorted(f.code for f in twin_report.findings if f.code != "S04")


def s04(result, sheet_name: str) -> list[str]:
    return [f.message() for f in result.findings if f.code == "S04" and f.sheet == sheet_name]


def s04_text(sheet_name: str, count: int, noun: str, rows: str, reasons: str) -> str:
    return f'Trang "{sheet_name}": bỏ qua {count} dòng không phải {noun}: dòng {rows} ({reasons})'


# --- the end of the form -------------------------------------------------------------------
def signature_block(rows: list[list], members: int, women: int, place: str) -> tuple[int, int]:
    """Append what offices write under a list; returns the first and last Excel rows added."""
    width = len(rows[0])
    first = len(rows) + 1

    def line(cells: dict[int, object]) -> list:
        row = [None] * width
        for c, v in cells.items():
            row[c] = v
        return row

    rows.append(line({NAME: f"Tổng cộng: {members} người", GENDER: f"{women} nữ", TNV: 7}))
    rows.append(line({}))
    rows.append(line({TNV: f"{place}, ngày 15 tháng 12 năm 2020"}))
    rows.append(line({NAME: "NGƯỜI LẬP BIỂU", TNV: "CHỦ NHIỆM CLB"}))
    rows.append(line({NAME: "(Ký, ghi rõ họ tên)", TNV: "(Ký, ghi rõ họ tên)"}))
    rows.append(line({}))
    rows.append(line({}))
    rows.append(
        line({NAME: "Nguyễn Thị Thu", ROLE: "Trần Văn Hùng"})
    )  # the chair under "x" columns
    return first, len(rows)


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_signature_block_under_the_member_list(club, plan, tmp_path, fmt):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    women = sum(m.gender == "F" for m in club.members)
    first, last = signature_block(rows, len(club.members), women, club.commune)
    set_grid(members, rows)
    got = read(model, tmp_path / f"club.{fmt}", plan)
    result, report = got
    assert len(result.club.members) == len(club.members) == 60
    assert_same_club(got, twin, plan)
    assert not [f for f in report.findings if f.code.startswith("V")]
    assert s04(result, "Thành viên") == [
        s04_text(
            "Thành viên",
            last - first + 1,
            "thành viên",
            f"{first}-{last}",
            "dòng tổng cộng, phần ký tên",
        )
    ]


def test_signature_block_of_the_office_layout(club, plan, tmp_path):
    """Title rows, "Năm sinh" over Nam | Nữ, "Hoàn cảnh" over three columns, and the end."""
    twin = canonical(club, plan, tmp_path, "office")
    model = to_model(club, "office")
    members = sheet(model, "Thành viên")
    rows = grid(members)
    first = len(rows) + 1
    rows.append(["Tổng cộng", None, None, 20, 40, 13, 13, 13])
    rows.append([])
    rows.append([None] * 12 + [f"{club.commune}, ngày 20 tháng 12 năm 2020"])
    rows.append([None, None, "NGƯỜI LẬP BIỂU", None, None, None, None, None, None, None, None, None, "TM. BAN CHỦ NHIỆM"])  # fmt: skip
    rows.append([None] * 12 + ["CHỦ NHIỆM"])
    rows.append([None, None, "Lê Thị Hoa"] + [None] * 9 + ["Phạm Văn Tư"])
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên") == [
        s04_text(
            "Thành viên", len(rows) - first + 1, "thành viên", f"{first}-{len(rows)}",
            "dòng tổng cộng, phần ký tên",
        )
    ]  # fmt: skip


def test_notes_and_a_second_table_under_the_list(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    note = len(rows) + 2
    rows.append([])
    rows.append(["Danh sách có 60 thành viên, trong đó 40 nữ, 46 người cao tuổi."])
    rows.append([])
    rows.append(["DANH SÁCH BAN CHỦ NHIỆM"])
    rows.append(["STT", "Họ và tên", "Chức vụ", "Năm sinh"])
    board = [m for m in club.members if m.role][:3]
    for i, m in enumerate(board, start=1):
        rows.append([i, m.name, "Ủy viên", m.birth])
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên") == [
        s04_text(
            "Thành viên",
            len(rows) - note + 1,
            "thành viên",
            f"{note}-{len(rows)}",
            "dòng ghi chú, bảng khác bên dưới",
        )
    ]


def test_notes_heading_ends_the_activity_log(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    acts = sheet(model, "Hoạt động")
    rows = grid(acts)
    first = len(rows) + 1
    rows.append(["Ghi chú:"])
    rows.append(["- KT: kinh tế; SK: sức khỏe; VH: văn hóa"])
    rows.append(["- Số người tham gia tính cả khách mời 2020"])
    set_grid(acts, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Hoạt động") == [
        s04_text(
            "Hoạt động",
            3,
            "buổi sinh hoạt, hoạt động",
            f"{first}-{first + 2}",
            "phần ghi chú cuối bảng",
        )
    ]


# --- inside the list ---------------------------------------------------------------------------
def grouped(
    rows: list[list], groups: list[tuple[str | None, str, bool]]
) -> tuple[list, list, list]:
    """The member rows split into len(groups) hamlets, each under its heading row, STT
    restarting at 1; ``groups``: (STT cell, heading, merged across). Returns the rows,
    the 0-based heading rows and the merges."""
    header, people = rows[0], rows[1:]
    out = [header]
    heads, merges = [], []
    size = -(-len(people) // len(groups))
    for g, (number, heading, merged) in enumerate(groups):
        heads.append(len(out))
        if merged:
            merges.append((len(out), 0, len(out), 5))
            out.append([heading])
        else:
            out.append([number, None, heading])
        for i, person in enumerate(people[g * size : (g + 1) * size], start=1):
            out.append([i, *person[1:]])
    return out, heads, merges


def test_hamlet_group_rows_merged_or_not(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows, heads, merges = grouped(
        grid(members),
        [("I", "Thôn An Phú", False), (None, "II. Thôn Phú Lộc", True), ("III", "Thôn Hòa Bình", False)],
    )  # fmt: skip
    set_grid(members, rows)
    members.merges = merges
    got = read(model, tmp_path / "club.xlsx", plan)
    assert len(got[0].club.members) == len(club.members)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên") == [
        s04_text(
            "Thành viên",
            3,
            "thành viên",
            ", ".join(str(r + 1) for r in heads),
            "dòng tên nhóm, thôn",
        )
    ]


def test_group_rows_named_as_the_info_sheet_names_the_hamlets(club, plan, tmp_path):
    """ "1 | An Phú" with nothing else: a heading because the club lists An Phú as its hamlet."""
    named = copy.deepcopy(club)
    named.hamlet = "An Phú, Phú Lộc"
    twin = canonical(named, plan, tmp_path)
    model = to_model(named)
    members = sheet(model, "Thành viên")
    rows, heads, _ = grouped(grid(members), [(1, "An Phú", False), (2, "Phú Lộc", False)])
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên")[0].endswith(
        f"dòng {heads[0] + 1}, {heads[1] + 1} (dòng tên nhóm, thôn)"
    )


def test_header_repeated_on_each_printed_page(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    rows.insert(31, list(rows[0]))
    rows.insert(32, list(range(1, len(rows[0]) + 1)))  # and its column numbers
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên") == [
        s04_text("Thành viên", 2, "thành viên", "32-33", "dòng tiêu đề lặp lại, dòng đánh số cột")
    ]


@pytest.mark.parametrize("style", ["(1)", "1", "A"])
def test_column_numbers_under_every_header(club, plan, tmp_path, style):
    """A row of column numbers under each list's header: not a session dated 31/12/1899."""
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    names = ("Thành viên", "Hoạt động", "Vay vốn", "Chăm sóc tại nhà", "Quỹ")
    for name in names:
        target = sheet(model, name)
        rows = grid(target)
        width = len(rows[0])
        numbers = {
            "(1)": [f"({i})" for i in range(1, width + 1)],
            "1": list(range(1, width + 1)),
            "A": [chr(65 + i) for i in range(width)],
        }[style]
        rows.insert(1, numbers)
        set_grid(target, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert not [f for f in got[1].findings if f.code in ("V01", "V03", "V05")]
    for name in names:
        assert s04(got[0], name) == [s04_text(name, 1, _NOUNS[name], "2", "dòng đánh số cột")], name


_NOUNS = {
    "Thành viên": "thành viên",
    "Hoạt động": "buổi sinh hoạt, hoạt động",
    "Vay vốn": "khoản vay",
    "Chăm sóc tại nhà": "lần chăm sóc",
    "Quỹ": "khoản thu, chi",
}


def test_empty_rows_numbered_in_advance_are_blank(club, plan, tmp_path):
    """A form printed with STT 1-70 and 60 rows filled: the ten numbered rows are not people."""
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    rows += [[i] for i in range(len(rows), 71)]
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Thành viên") == []


def test_unlabelled_totals_are_not_a_member_nor_an_entry(club, plan, tmp_path):
    """A SUM typed under the fund's amounts, and counts under the x marks, with no label."""
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    fund = sheet(model, "Quỹ")
    rows = grid(fund)
    income = sum(e[3] or 0 for e in club.fund)
    spending = sum(e[4] or 0 for e in club.fund)
    rows.append([None, None, None, income, spending])
    set_grid(fund, rows)
    members = sheet(model, "Thành viên")
    mrows = grid(members)
    mrows.append([None] * TNV + [sum(m.volunteer for m in club.members), sum(m.arts for m in club.members)])  # fmt: skip
    set_grid(members, mrows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Quỹ") == [
        s04_text("Quỹ", 1, "khoản thu, chi", str(len(rows)), "dòng tổng cộng")
    ]
    assert s04(got[0], "Thành viên") == [
        s04_text("Thành viên", 1, "thành viên", str(len(mrows)), "dòng tổng cộng")
    ]


def test_a_fund_balance_line_is_not_income(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    fund = sheet(model, "Quỹ")
    rows = grid(fund)
    rows.insert(1, [rows[1][0], "Tồn quỹ năm 2019 chuyển sang", None, 5_000_000, None])
    set_grid(fund, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert s04(got[0], "Quỹ") == [s04_text("Quỹ", 1, "khoản thu, chi", "2", "dòng tồn quỹ, số dư")]


def test_a_row_that_cannot_be_told_apart_is_kept_and_its_faults_said(club, plan, tmp_path):
    """A name with nothing else is a person whose details are missing, not a heading."""
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    rows.append([len(rows), None, "Nguyễn Văn Tèo"])
    set_grid(members, rows)
    result, report = read(model, tmp_path / "club.xlsx", plan)
    assert len(result.club.members) == len(club.members) + 1
    row = len(rows)
    assert sorted((f.code, f.cell) for f in report.findings if f.row == row) == [
        ("V01", f"D{row}"),
        ("V01", f"E{row}"),
    ]


def test_hidden_rows_frozen_panes_and_autofilter_change_nothing(club, plan, tmp_path):
    from openpyxl import load_workbook

    twin = canonical(club, plan, tmp_path)
    path = tmp_path / "club.xlsx"
    write_workbook(to_model(club), path)
    wb = load_workbook(path)
    ws = wb["Thành viên"]
    for r in (5, 6, 7):
        ws.row_dimensions[r].hidden = True  # members who left, hidden instead of marked
    ws.freeze_panes = "D2"
    ws.auto_filter.ref = f"A1:R{ws.max_row}"
    wb.save(path)
    result = read_club(path, plan)
    got = (result, check_club(result, plan))
    assert_same_club(got, twin, plan)
    assert s04(result, "Thành viên") == []


# --- the same thing written other ways -------------------------------------------------------
def test_gender_as_nam_nu_mark_columns_without_a_parent_header(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    out = [rows[0][:GENDER] + ["Nam", "Nữ"] + rows[0][GENDER + 1 :]]
    for row in rows[1:]:
        marks = ["x", None] if row[GENDER] == "Nam" else [None, "x"]
        out.append(row[:GENDER] + marks + row[GENDER + 1 :])
    set_grid(members, out)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert got[1].findings == twin[1].findings == []


@pytest.mark.parametrize(
    "names",
    [
        {"Thành viên": "DS thanh vien", "Hoạt động": "HD", "Vay vốn": "Vay von"},
        {"Thành viên": "DS TV", "Chăm sóc tại nhà": "Cham soc", "Thông tin CLB": "TT CLB"},
        {"Thành viên": "Danh sach hoi vien", "Hoạt động": "HĐ", "Quỹ": "Thu chi"},
        {"Thành viên": "DSTV 2020", "Thông tin CLB": "1. Thông tin CLB", "Vay vốn": "Danh sách vay vốn"},
        {"Thành viên": "DS hội viên", "Hoạt động": "Hoạt động CLB", "Quỹ": "Sổ quỹ"},
    ],
)  # fmt: skip
def test_sheet_names_as_offices_shorten_them(club, plan, tmp_path, names):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    for old, new in names.items():
        sheet(model, old).name = new
    result, report = got = read(model, tmp_path / "club.xlsx", plan)
    assert len(result.club.members) == len(club.members)
    assert_same_club(got, twin, plan)
    assert report.findings == []
    assert result.club.sheets["members"] == names["Thành viên"]


def test_birth_years_with_a_stray_dot_space_or_full_stop(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    ways = (lambda y: f"{y // 1000}.{y % 1000:03d}", lambda y: f"{y}.", lambda y: f" {y}", lambda y: f"{y // 1000} {y % 1000:03d}")  # fmt: skip
    changed = []  # the cells read by a tolerance (a leading space reads the same anyway)
    for i, row in enumerate(rows[1:14], start=1):
        row[BIRTH] = ways[i % len(ways)](row[BIRTH])
        if not row[BIRTH].startswith(" "):
            changed.append(f"D{i + 1}")
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert got[1].findings == []
    # the annotated copy can show these cells as read: each is noted once
    assert sorted(c.column + str(c.row) for c in got[0].converted) == sorted(changed)
    assert {c.read_as for c in got[0].converted} <= {str(m.birth) for m in club.members}


def test_a_dash_is_zero_in_amount_and_count_columns(club, plan, tmp_path):
    """ "-" in Đã trả (nothing repaid yet), "--" and "không" in Chi, "-" for participants."""
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    loans = sheet(model, "Vay vốn")
    rows = grid(loans)
    dashed = [r for r, row in enumerate(rows[1:], start=1) if not row[7]]
    assert dashed, "the sample club has loans not repaid yet"
    for r in dashed:
        rows[r][7] = "-"
    set_grid(loans, rows)
    fund = sheet(model, "Quỹ")
    frows = grid(fund)
    for k, row in enumerate(frows[1:]):
        if not row[4]:
            row[4] = ("--", "không", "-")[k % 3]
    set_grid(fund, frows)
    acts = sheet(model, "Hoạt động")
    arows = grid(acts)
    arows[1][3] = "-"
    set_grid(acts, arows)
    result, report = read(model, tmp_path / "club.xlsx", plan)
    assert not [f for f in report.findings if f.code.startswith("V")]
    metrics = club_metrics(result.club, plan)
    twin_metrics = club_metrics(twin[0].club, plan)
    participants = club.activities[0][3] or 0
    assert metrics["participants"] == twin_metrics["participants"] - participants
    for key in ("loans", "loan_amount", "loans_outstanding", "fund_in", "fund_out", "members"):
        assert metrics[key] == twin_metrics[key], key
    assert [result.club.loans[r - 1].repaid for r in dashed] == [0] * len(dashed)
    assert report.valid == twin[1].valid


# --- rows that only look like the end of a form or a heading -------------------------------
def kinds(rows: list[list], spec=None) -> dict[int, str]:
    """Excel row -> kind, for every non-blank row under the header."""
    from clbtool.workbook.contract import MEMBERS
    from clbtool.workbook.layout import find_header
    from clbtool.workbook.table import Sheet, classify

    spec = spec or MEMBERS
    header = find_header(rows, spec)
    table = classify(Sheet("s", rows, []), header, spec)
    out = {r + 1: "data" for r in table.data}
    out.update({r + 1: kind for r, kind in table.skipped})
    return out


MEMBER_HEADER = ["STT", "Họ và tên", "Năm sinh", "Giới tính", "Chức vụ", "Ghi chú"]


def test_names_that_begin_like_a_place_word_are_people():
    rows = [
        MEMBER_HEADER,
        [1, "Tô Thị Hoa"],  # Tô, not Tổ
        [2, "To Thi Hoa"],  # typed without accents
        [3, "Lăng Văn Ba"],
        [4, "Đỗ Thị Lan", "1950", "Nữ"],
        ["II", "Thôn Phú Lộc"],
    ]
    assert kinds(rows) == {2: "data", 3: "data", 4: "data", 5: "data", 6: "group"}


def test_a_role_or_a_note_on_a_member_row_does_not_end_the_list():
    rows = [
        MEMBER_HEADER,
        [1, "Nguyễn Thị Lan", "1950", "Nữ", "Chủ nhiệm"],
        [2, "Trần Văn Ba", "1948", "Nam", "Thư ký", "Ghi chú: chuyển từ thôn 2"],
        [None, None, None, None, "Chủ nhiệm"],  # a stray role alone: not the signature block
        [3, "Lê Thị Hoa", "1952", "Nữ"],
        [None, "Tổng cộng", None, "3"],
        [None, None, None, None, "Tịnh Khê, ngày  tháng  năm 2020"],
        [None, None, None, None, "Chủ nhiệm"],
        [None, None, None, None, "Nguyễn Thị Lan"],
    ]
    assert kinds(rows) == {
        2: "data", 3: "data", 4: "note", 5: "data", 6: "totals", 7: "signature",
        8: "signature", 9: "signature",
    }  # fmt: skip


def test_activity_words_that_begin_like_totals_are_activities():
    from clbtool.workbook.contract import ACTIVITIES

    rows = [
        ["Ngày", "Lĩnh vực", "Nội dung", "Số người tham gia"],
        ["ngày 15 tháng 1 năm 2020", "VH", "Cộng đồng cùng làm sạch đường thôn", 40],
        ["20/02/2020", "QL", "Tổng kết hoạt động năm 2019", 50],
        ["Tháng 3/2020"],
        ["10/03/2020", "SK", "Tổng vệ sinh", 30],
        ["Cộng", None, None, 120],
    ]
    assert kinds(rows, ACTIVITIES) == {2: "data", 3: "data", 4: "group", 5: "data", 6: "totals"}


def test_subtotals_per_hamlet_and_other_ways_to_sign():
    rows = [
        MEMBER_HEADER,
        ["I", "Thôn An Phú"],
        [1, "Nguyễn Thị Lan", 1950, "Nữ"],
        [None, "Cộng thôn An Phú: 1 người"],
        ["II", "THÔN PHÚ LỘC"],
        [1, "Trần Văn Ba", 1948, "Nam"],
        [None, "Cộng thôn Phú Lộc: 1 người"],
        [None, None, None, None, "Tịnh Khê, ngày 15/12/2020"],
        [None, "Người lập biểu", None, None, "Thư ký CLB"],
    ]
    assert kinds(rows) == {
        2: "group", 3: "data", 4: "totals", 5: "group", 6: "data", 7: "totals", 8: "signature",
        9: "signature",
    }  # fmt: skip


def test_a_date_typed_as_a_number_counts_only_near_the_period(club, plan, tmp_path):
    """A session's date in a General cell shows as 43845 (15/01/2020): read as that date;
    a 2 in the date column is no date of 2020 and is said to be unreadable, not 01/01/1900."""
    model = to_model(club)
    acts = sheet(model, "Hoạt động")
    rows = grid(acts)
    rows[1][0] = 43845.0
    rows[2][0] = 2
    set_grid(acts, rows)
    result, report = read(model, tmp_path / "club.xlsx", plan)
    import datetime as dt

    assert result.club.activities[0].date == dt.date(2020, 1, 15)
    found = [(f.code, f.cell, f.value) for f in report.findings if f.sheet == "Hoạt động"]
    assert ("V01", "A3", "2") in found
    assert not [f for f in report.findings if f.code == "V03"]
    assert [(c.column, c.row, c.read_as) for c in result.converted] == [("A", 2, "15/01/2020")]


@pytest.mark.parametrize("merged", [True, False])
def test_the_name_in_two_columns(club, plan, tmp_path, merged):
    """ "Họ và tên" over "Họ và tên đệm" | "Tên", or the two columns on their own."""
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    head = rows[0]
    if merged:
        top = head[:NAME] + ["Họ và tên", None] + head[NAME + 1 :]
        sub = [None] * NAME + ["Họ và tên đệm", "Tên"] + [None] * (len(head) - NAME - 1)
        out = [top, sub]
        members.merges = [(0, NAME, 0, NAME + 1)]
    else:
        out = [head[:NAME] + ["Họ đệm", "Tên"] + head[NAME + 1 :]]
    for row in rows[1:]:
        family, _, given = row[NAME].rpartition(" ")
        out.append(row[:NAME] + [family, given] + row[NAME + 1 :])
    set_grid(members, out)
    result, report = read(model, tmp_path / "club.xlsx", plan)
    assert [m.name for m in result.club.members] == [m.name for m in club.members]
    assert club_metrics(result.club, plan) == club_metrics(twin[0].club, plan)
    assert report.findings == twin[1].findings == []


def test_roles_by_their_initials_and_the_check_mark_offices_type(club, plan, tmp_path):
    twin = canonical(club, plan, tmp_path)
    model = to_model(club)
    members = sheet(model, "Thành viên")
    rows = grid(members)
    initials = {"Chủ nhiệm": "CN", "Phó chủ nhiệm": "PCN", "Thư ký": "TK", "Thủ quỹ": "TQ", "Ủy viên": "UV"}  # fmt: skip
    for row in rows[1:]:
        row[ROLE] = initials.get(row[ROLE], row[ROLE])
        row[TNV] = "√" if row[TNV] == "x" else row[TNV]
    set_grid(members, rows)
    got = read(model, tmp_path / "club.xlsx", plan)
    assert_same_club(got, twin, plan)
    assert got[1].findings == []


def test_numbers_alone_in_a_row_are_no_heading():
    """Two numbers and nothing else (a damaged file gave one): kept as data, its faults said."""
    rows = [MEMBER_HEADER, [1, "Nguyễn Thị Lan", 1950, "Nữ"], [2, 7], [3, None, None, 4.5]]
    assert kinds(rows) == {2: "data", 3: "data", 4: "data"}

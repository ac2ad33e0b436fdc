"""The header search remembers headers it has found: a remembered answer is always the one a
fresh search gives, whatever the rows around the header hold."""

from __future__ import annotations

from pathlib import Path

from conftest import SAMPLE_DATA
from hypothesis import given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from clbtool.workbook import layout
from clbtool.workbook.reader import SHEETS

SPECS = [spec for spec in SHEETS if spec.role != "info"]


def _sheets() -> list[tuple[str, list[list], list]]:
    """(role, rows, merged ranges) of every list sheet in a few sample workbooks, layouts mixed."""
    out = []
    for path in sorted(Path(SAMPLE_DATA, "2020").rglob("*.xlsx"))[:8]:
        try:
            book = CalamineWorkbook.from_path(str(path))
        except Exception:
            continue  # the sample's damaged files
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            for spec in SPECS:
                if layout.find_header(rows, spec) is not None:
                    out.append((spec.role, rows, list(sheet.merged_cell_ranges or [])))
    return out


SHEET_ROWS = _sheets()
BY_ROLE = {spec.role: spec for spec in SPECS}
# texts that are, or nearly are, header names and sub-column names, and values a row may hold
VALUES = [
    None, "", "x", "Nữ", "Nam", "NỮ", "Họ và tên", "HỌ VÀ TÊN", "Năm sinh", "Giới tính", "STT",
    "Hộ nghèo", "Cận nghèo", "Khó khăn", "Hoàn cảnh", "BHYT", "Ngày", "Số tiền", "Lĩnh vực",
    "Người vay", "Ghi chú", "Tổng cộng", "1", 1.0, 1, True, 1950.0, -0.0, 0.0, "Trần Thị Lan",
]  # fmt: skip


def _fresh(rows, spec, merged):
    return layout._search_header(rows, spec, list(merged))[0]


def test_sample_sheets_were_found():
    assert {role for role, _, _ in SHEET_ROWS} == set(BY_ROLE)
    assert len(SHEET_ROWS) >= 20


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 10_000),
    st.lists(
        st.tuples(st.integers(0, 11), st.integers(0, 20), st.sampled_from(VALUES)), max_size=6
    ),
)
def test_a_remembered_header_is_what_a_fresh_search_finds(which, edits):
    role, rows, merged = SHEET_ROWS[which % len(SHEET_ROWS)]
    spec = BY_ROLE[role]
    rows = [list(row) for row in rows]
    for r, c, value in edits:  # the header rows, the rows around them, the first data rows
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = value
    found = layout.find_header(rows, spec, merged)  # with all the other examples remembered
    assert found == _fresh(rows, spec, merged)
    again = layout.find_header(rows, spec, merged)
    assert again == found and (found is None or again is not found)  # a copy for each caller


def test_a_template_is_searched_once(monkeypatch):
    # a member list under a title: another club's title and members, the same header
    role, rows, merged = next(
        s
        for s in SHEET_ROWS
        if s[0] == "members" and layout._search_header(s[1], BY_ROLE["members"], s[2])[0].row > 0
    )
    spec = BY_ROLE[role]
    spec.header_memo.clear()
    searches = []
    search = layout._search_header
    monkeypatch.setattr(layout, "_search_header", lambda *a: searches.append(1) or search(*a))
    first = layout.find_header(rows, spec, merged)
    other = [list(row) for row in rows]
    other[0] = ["DANH SÁCH THÀNH VIÊN CLB XÃ KHÁC"] + [None] * (len(other[0]) - 1)
    data = other[first.data_start]
    data[next(c for c, v in enumerate(data) if isinstance(v, str) and len(v) > 3)] = "Lê Văn Tám"
    assert other[0] != rows[0] and data != rows[first.data_start]
    assert layout.find_header(other, spec, merged) == first
    assert len(searches) == 1

"""aggregate: totals worked out independently, duplicates, missing reports, summaries."""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest
from conftest import SAMPLE_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import clbtool.aggregate as A
from clbtool.aggregate import aggregate
from clbtool.cli import app
from clbtool.output.summary_xlsx import write_summary
from clbtool.sample import demo_province, make_club, write_club

runner = CliRunner()


def readme_totals() -> dict[int, dict[str, int]]:
    keys = [
        "clubs",
        "units",
        "members",
        "older",
        "women",
        "poor",
        "volunteers",
        "loans",
        "loan_amount",
        "home_visits",
    ]
    table = {}
    for line in (SAMPLE_DATA / "README.md").read_text("utf-8").splitlines():
        m = re.match(r"^\| (20\d\d) \| ([\d |.]+)\|$", line)
        if m:
            values = [int(v.strip().replace(".", "")) for v in m.group(2).split("|")]
            table[int(m.group(1))] = dict(zip(keys, values, strict=True))
    return table


def independent_totals(plan, year: int) -> dict[str, int]:
    """From the clubs the demo generator made: plain counting, no reader, no aggregator."""
    clubs = {}
    for rel, club, _, _ in demo_province(plan):
        if rel.startswith(f"{year}/"):
            clubs.setdefault(club.code, club)  # the copy of Sơn Tịnh's file is the same club
    out = dict.fromkeys(
        ["members", "older", "women", "poor", "volunteers", "loans", "loan_amount", "home_visits"],
        0,
    )
    for club in clubs.values():
        for m in club.members:
            born = m.birth if isinstance(m.birth, int) else m.birth.year
            out["members"] += 1
            out["older"] += born >= 1900 and year - born >= 60
            out["women"] += m.gender == "F"
            out["poor"] += m.circumstance is not None
            out["volunteers"] += m.volunteer
        out["loans"] += len(club.loans)
        out["loan_amount"] += sum(loan[3] for loan in club.loans)
        out["home_visits"] += len(club.visits)
    out["clubs"] = len(clubs)
    out["units"] = len({club.district for club in clubs.values()})
    return out


@pytest.mark.parametrize("year", [2018, 2019, 2020])
def test_sample_data_totals(plan, year):
    result = aggregate([SAMPLE_DATA], plan, year=year, jobs=1)
    got = {k: result.totals[k] for k in readme_totals()[year]}
    assert got == readme_totals()[year] == independent_totals(plan, year)


def test_2019_duplicate_is_counted_once_and_both_files_named(plan):
    result = aggregate([SAMPLE_DATA], plan, year=2019, jobs=1)
    t01 = [f for f in result.findings if f.code == "T01"]
    assert len(t01) == 1 and t01[0].severity == "error"
    assert sorted(t01[0].params["paths"]) == [
        "Son Tinh/clb-tinh-khe-ban-sao.xlsx",
        "Son Tinh/clb-tinh-khe.xlsx",
    ]
    assert result.totals["clubs"] == 6


def test_2020_missing_district_and_targets(plan):
    result = aggregate([SAMPLE_DATA], plan, year=2020, jobs=1)
    messages = {f.code: [] for f in result.findings}
    for f in result.findings:
        messages[f.code].append(f.message())
    assert "Huyện Ba Tơ chưa có báo cáo năm 2020" in messages["T02"]
    assert "Đã có báo cáo của 9/10 đơn vị theo kế hoạch (90%)" in messages["T02"]
    assert messages["T03"] == ["Có 9 CLB, dưới chỉ tiêu 10 CLB năm 2020 (Kế hoạch, mục I.2)"]
    assert messages["T04"] == ["Có 9 đơn vị có CLB, dưới chỉ tiêu 10 năm 2020 (Kế hoạch, mục I.2)"]
    assert result.targets == {
        "year": 2020,
        "clubs": {"target": 10, "actual": 9},
        "units": {"target": 10, "actual": 9},
        "reporting": {"expected": 10, "received": 9},
    }
    assert sorted(p for p, _ in result.skipped) == [
        "Son Tinh/ghi-chu.txt",
        "Son Tinh/~$clb-tinh-khe.xlsx",
    ]


def test_a_club_that_reported_last_year_and_not_this_year(plan, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA / "2019", root / "2019")
    shutil.copytree(SAMPLE_DATA / "2020", root / "2020")
    shutil.rmtree(root / "2020" / "Mo Duc")
    result = aggregate([root], plan, year=2020, jobs=1)
    t02 = [f.message() for f in result.findings if f.code == "T02" and f.variant == "club"]
    assert t02 == [
        'CLB "CLB liên thế hệ tự giúp nhau xã Đức Tân" (Mộ Đức) báo cáo năm 2019 nhưng chưa có báo cáo năm 2020'
    ]


def test_broken_files_do_not_stop_the_count(plan, tmp_path):
    folder = tmp_path / "Son Tinh"
    shutil.copytree(SAMPLE_DATA / "2020" / "Son Tinh", folder)
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 not really")
    (folder / "rong.xlsx").write_bytes(b"")
    result = aggregate([folder], plan, year=2020, jobs=1)
    assert result.totals["clubs"] == 1 and result.totals["members"] == 60
    reasons = dict(result.skipped)
    assert "F01" not in reasons["hong.xlsx"].vi and "không tính" in reasons["hong.xlsx"].vi
    assert "rong.xlsx" in reasons


_READ_FILE = A._read_file


def _dies_on_the_fifth(task):
    """A worker's reading that ends its process on one file, as python-calamine's abort does."""
    if task[0].endswith("clb-05.xlsx"):
        import os

        os._exit(134)
    return _READ_FILE(task)


def test_a_worker_that_dies_costs_only_its_file(plan, tmp_path, monkeypatch):
    """A file that stops the reading process (the library aborts: SIGABRT, exit 134) is
    listed as unreadable; the district's other clubs are counted, in the same order."""
    folder, others = tmp_path / "Son Tinh", tmp_path / "others" / "Son Tinh"
    for i in range(12):
        club = make_club(random.Random(i), plan, year=2020, district="Sơn Tịnh", code=f"S-{i}")
        write_club(club, folder / f"clb-{i:02d}.xlsx")
        if i != 5:
            write_club(club, others / f"clb-{i:02d}.xlsx")
    expected = aggregate([others], plan, year=2020, jobs=1)
    assert expected.totals["clubs"] == 11
    monkeypatch.setattr(A, "_read_file", _dies_on_the_fifth)  # forked workers inherit it
    result = aggregate([folder], plan, year=2020, jobs=2)
    assert result.totals == expected.totals
    assert [e.path for u in result.units for e in u.clubs] == [
        e.path for u in expected.units for e in u.clubs
    ]
    reasons = dict(result.skipped)
    assert "dừng đột ngột" in reasons["clb-05.xlsx"].vi and "134" in reasons["clb-05.xlsx"].vi


def test_parallel_reading_gives_the_same_totals(plan):
    one = aggregate([SAMPLE_DATA], plan, year=2020, jobs=1)
    two = aggregate([SAMPLE_DATA], plan, year=2020, jobs=2)
    assert one.totals == two.totals and [u.name for u in one.units] == [u.name for u in two.units]


def test_summary_workbook_sheets_numbers_no_names_no_formulas(plan, tmp_path):
    from openpyxl import load_workbook

    result = aggregate([SAMPLE_DATA], plan, year=2020, jobs=1)
    out = write_summary(result, plan, tmp_path / "tong-hop.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "Chi tiết CLB", "Chỉ tiêu", "Tệp bỏ qua"]
    summary = wb["Tổng hợp"]
    total_row = next(row for row in summary.iter_rows() if row[1].value == "Tổng cộng")
    assert total_row[2].value == 9 and total_row[4].value == 531
    assert total_row[4].number_format == "#,##0"
    names = {m.name for _, club, _, _ in demo_province(plan) for m in club.members}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert cell.value not in names
    assert any(row[0].value == "T03" for row in wb["Chỉ tiêu"].iter_rows())


def test_summary_amounts_fit_their_columns(plan, tmp_path):
    """A number wider than its column shows (and prints) as ###: each amount of the summary
    and of the per-club sheet, written with thousands separators, fits its column."""
    from openpyxl import load_workbook

    result = aggregate([SAMPLE_DATA], plan, year=2020, jobs=1)
    wb = load_workbook(write_summary(result, plan, tmp_path / "tong-hop.xlsx"))
    checked = []
    for ws in (wb["Tổng hợp"], wb["Chi tiết CLB"]):
        widths = {  # the <col> elements the file has; any other column has Excel's default
            c: d.width for d in ws.column_dimensions.values() for c in range(d.min, d.max + 1)
        }
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int) and cell.number_format == "#,##0":
                    width = widths.get(cell.column, 8.43)
                    checked.append((len(f"{cell.value:,}") + 1, width, cell.coordinate))
    assert max(value for value, _, _ in checked) >= 11  # the province's loans: tens of millions
    assert [c for c in checked if c[0] > c[1]] == []


def test_summary_plus_club_files_equal_all_club_files(plan, tmp_path):
    """A district sends its summary; the province adds it to other districts' club files."""
    data = tmp_path / "province"
    shutil.copytree(SAMPLE_DATA / "2020", data)
    direct = aggregate([data], plan, year=2020, jobs=1)
    son_tinh = aggregate([data / "Son Tinh"], plan, year=2020, jobs=1)
    summaries = tmp_path / "summaries"
    write_summary(son_tinh, plan, summaries / "Son Tinh" / "tong-hop.xlsx")
    shutil.rmtree(data / "Son Tinh")
    shutil.copytree(summaries / "Son Tinh", data / "Son Tinh")
    mixed = aggregate([data], plan, year=2020, jobs=1)
    assert mixed.totals == direct.totals


HOSTILE_NAMES = [
    ("\x00\x00\x00", "Tịnh Khê"),  # a name of NUL characters only
    ("CLB Tịnh Ấn\u202egpj.exe", "Tịnh Ấn\ufffe"),  # a bidirectional override; U+FFFE
    ("CLB _x001B_[2J_x0007_ Tịnh Hà\x1b\x7f\x85", "Tịnh Hà\u2066"),  # Excel's escapes, controls
]


def test_hostile_names_reach_the_summary_clean_and_read_back_to_the_same_totals(plan, tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "Son Tinh"
    for i, (name, commune) in enumerate(HOSTILE_NAMES + [("CLB Tịnh Khê", "Tịnh Khê")]):
        club = make_club(random.Random(i), plan, year=2020, district="Sơn Tịnh", code=f"STI-{i}")
        club.name, club.commune = name, commune
        write_club(club, folder / f"clb-{i}.xls")  # .xls holds what .xlsx cannot (NUL)
    district = aggregate([folder], plan, year=2020, jobs=1)
    assert district.totals["clubs"] == 4
    out = tmp_path / "up" / "tong-hop.xlsx"
    write_summary(district, plan, out)
    wb = load_workbook(out)
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
    for ws in wb.worksheets:
        assert not bad.search(ws.title)
        for row in ws.iter_rows(values_only=True):
            for value in row:
                assert not (
                    isinstance(value, str) and (bad.search(value) or value.startswith("="))
                ), value
    from python_calamine import CalamineWorkbook  # reads _xHHHH_ escapes as Excel does

    shown = CalamineWorkbook.from_path(str(out))
    texts = {v for name in shown.sheet_names for row in shown.get_sheet_by_name(name).to_python() for v in row}  # fmt: skip
    assert "CLB _x001B_[2J_x0007_ Tịnh Hà" in texts  # the letters typed, not ESC and BEL
    assert not [t for t in texts if isinstance(t, str) and bad.search(t)]
    again = aggregate([out.parent], plan, year=2020, jobs=1)
    assert again.totals == district.totals


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Bình Sơn", "Sơn Tịnh", "Mộ Đức"]),
            st.integers(45, 72),
            st.integers(0, 10_000),
            # a club's name as a hostile or careless file may hold it: controls, NUL only,
            # bidirectional marks, U+FFFE, Excel's escapes, text that starts like a formula
            st.one_of(
                st.none(),
                st.lists(
                    st.sampled_from(
                        [
                            "\x00",
                            "\x1b",
                            "\x7f",
                            "\x85",
                            "\u202e",
                            "\u2066",
                            "\ufffe",
                            "_x001B_",
                            "=",
                            "+",
                            "a",
                            "Đ",
                            " ",
                        ]
                    ),
                    min_size=1,
                    max_size=8,
                ).map("".join),
            ),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_roll_up_of_district_summaries_equals_roll_up_of_all_clubs(plan, tmp_path_factory, clubs):
    import random

    root = tmp_path_factory.mktemp("prov")
    for i, (district, members, seed, name) in enumerate(clubs):
        rng = random.Random(seed)
        club = make_club(
            rng,
            plan,
            year=2020,
            district=district,
            code=f"C{i:03d}",
            commune=f"Xã {i}",
            members=members,
            older=rng.randint(members // 2, members),
            women=rng.randint(0, members),
            poor=rng.randint(0, members),
            volunteers=rng.randint(0, 9),
            arts=rng.randint(0, 5),
        )
        if name is not None:
            club.name = name
        suffix = ".xlsx" if name is None else ".xls"  # .xls holds what .xlsx cannot (NUL)
        write_club(
            club, root / "clubs" / district / f"clb-{i}{suffix}", ("canonical", "office")[seed % 2]
        )
    all_clubs = aggregate([root / "clubs"], plan, year=2020, jobs=1)
    for unit_dir in (root / "clubs").iterdir():
        write_summary(
            aggregate([unit_dir], plan, year=2020, jobs=1),
            plan,
            root / "sums" / f"{unit_dir.name}.xlsx",
        )
    from_summaries = aggregate([root / "sums"], plan, year=2020, jobs=1)
    assert from_summaries.totals == all_clubs.totals
    assert [u.name for u in from_summaries.units] == [u.name for u in all_clubs.units]


def test_cli_json_and_exit_codes(tmp_path):
    env = {"COLUMNS": "200"}
    ok = runner.invoke(
        app, ["aggregate", str(SAMPLE_DATA), "--year", "2020", "--format", "json"], env=env
    )
    assert ok.exit_code == 0
    doc = json.loads(ok.stdout)
    assert doc["totals"]["clubs"] == 9 and doc["totals"]["units"] == 9
    # one club per line, so `grep` finds a club with its figures
    club_lines = [line for line in ok.stdout.splitlines() if '"metrics": {' in line]
    assert len(club_lines) == 9 and all(line.strip().startswith('{"code"') for line in club_lines)
    unit = next(u for u in doc["units"] if u["name"] == "Nghĩa Hành")
    assert unit["totals"]["members"] == 64 and unit["clubs"][0]["failed"] == ["C02"]
    assert "Thị" not in json.dumps(doc["units"], ensure_ascii=False).replace("Thị xã", "")
    dup = runner.invoke(app, ["aggregate", str(SAMPLE_DATA), "--year", "2019"], env=env)
    assert dup.exit_code == 1 and "T01" in dup.output
    inside = runner.invoke(
        app, ["aggregate", str(SAMPLE_DATA), "--out", str(SAMPLE_DATA / "x.xlsx")], env=env
    )
    assert inside.exit_code == 2 and not (SAMPLE_DATA / "x.xlsx").exists()
    out = tmp_path / "th.xlsx"
    written = runner.invoke(
        app, ["aggregate", str(SAMPLE_DATA / "2020"), "--out", str(out)], env=env
    )
    assert written.exit_code == 0 and out.exists()
    assert runner.invoke(app, ["aggregate", str(tmp_path / "khong-co")], env=env).exit_code == 2

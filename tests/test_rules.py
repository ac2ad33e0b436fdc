"""Each rule of the plan: a workbook that triggers it and one that does not, with the cell
and the numbers of the message checked against values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from clbtool.plan import load_plan
from clbtool.validate import validate_file


@pytest.fixture
def check(plan, write):
    def run(club, layout="canonical", name="club.xlsx", **options):
        return validate_file(
            write(club, name, layout), options.pop("plan", plan), **options
        ).findings

    return run


def only(findings, code):
    return [f for f in findings if f.code == code]


def test_a_club_that_meets_the_plan_has_no_finding(club_factory, check):
    assert check(club_factory()) == []


# --- C: composition -------------------------------------------------------------------------------
def test_c01_too_few_members(club_factory, check):
    found = only(check(club_factory(members=45, older=34, women=30, poor=29)), "C01")
    assert len(found) == 1 and found[0].severity == "error"
    assert (
        found[0].message()
        == "Số thành viên đang sinh hoạt 45 ít hơn mức tối thiểu 50 (Kế hoạch, mục II.3)"
    )


def test_c01_too_many_members(club_factory, check):
    found = only(check(club_factory(members=72, older=54, women=47, poor=46)), "C01")
    assert "72 nhiều hơn mức tối đa 70" in found[0].message()


@pytest.mark.parametrize("members", [50, 70])
def test_c01_bounds_are_inclusive(club_factory, check, members):
    older, women, poor = -(-members * 7 // 10), -(-members * 6 // 10), -(-members * 6 // 10)
    assert (
        only(check(club_factory(members=members, older=older, women=women, poor=poor)), "C01") == []
    )


def test_c02_older_share_the_plan_example(club_factory, check):
    found = only(check(club_factory(members=64, older=40, women=42, poor=41)), "C02")
    assert found[0].message() == (
        "Tỷ lệ người cao tuổi 62,5% (40/64) thấp hơn mức tối thiểu 70% (Kế hoạch, mục II.3)"
    )
    assert (
        found[0].message("en")
        == "Share of older people 62.5% (40/64) below the minimum 70% (plan, section II.3)"
    )


def test_c02_exactly_seventy_percent_passes(club_factory, check):
    assert only(check(club_factory(members=60, older=42)), "C02") == []


def test_c02_uses_the_age_from_the_plan(club_factory, check, tmp_path):
    text = (load_plan().source,)  # the built-in plan: 60
    assert text
    custom = tmp_path / "plan.toml"
    from importlib import resources

    toml = resources.files("clbtool.plans").joinpath("quang-ngai-2018-2020.toml").read_text("utf-8")
    custom.write_text(toml.replace("older = 60 ", "older = 90 "), "utf-8")
    club = club_factory()
    found = only(check(club, plan=load_plan(custom)), "C02")
    assert found and "(0/60)" in found[0].message()


def test_c03_women_low_is_an_error_and_high_is_information(club_factory, check):
    low = only(check(club_factory(women=34)), "C03")
    assert low[0].severity == "error" and "56,7% (34/60)" in low[0].message()
    high = only(check(club_factory(members=62, older=47, women=45, poor=40)), "C03")
    assert (
        high[0].severity == "info"
        and "72,6% (45/62)" in high[0].message()
        and "không phải lỗi" in high[0].message()
    )


def test_c04_poor_share(club_factory, check):
    found = only(check(club_factory(poor=30)), "C04")
    assert found[0].severity == "error" and "50% (30/60)" in found[0].message()


def test_c05_volunteers(club_factory, check):
    found = only(check(club_factory(volunteers=4)), "C05")
    assert (
        found[0].message()
        == "Đội tình nguyện viên có 4 người, ít hơn mức tối thiểu 5 (Kế hoạch, mục III.3)"
    )
    assert only(check(club_factory(volunteers=5)), "C05") == []


def test_c06_no_chair_and_two_chairs(club_factory, check):
    club = club_factory()
    club.members[0].role = None
    assert only(check(club), "C06")[0].variant == "none"
    club = club_factory()
    club.members[3].role = "chair"
    found = only(check(club), "C06")
    assert (
        found[0].variant == "many" and found[0].cell == "H5" and "dòng 2, 5" in found[0].message()
    )


def test_c07_no_arts_team(club_factory, check):
    assert only(check(club_factory(arts=0)), "C07")[0].severity == "warning"


# --- A: activities -----------------------------------------------------------------------------------
def test_a01_one_finding_per_missing_area(club_factory, check):
    club = club_factory()
    club.activities = [(d, "KT", c, n) for d, _, c, n in club.activities]
    found = only(check(club), "A01")
    assert sorted(f.params["area_code"] for f in found) == ["CSN", "NL", "QL", "SK", "TGN", "VH"]
    assert all(f.severity == "error" for f in found)
    assert (
        'lĩnh vực "Chăm sóc sức khỏe" (SK)'
        in next(f for f in found if f.params["area_code"] == "SK").message()
    )


def test_a01_is_a_warning_in_a_half_year_report(club_factory, check):
    club = club_factory()
    club.period = "6 tháng"
    club.activities = [
        (
            d,
            "VH" if areas in ("NL", "Nguồn lực") else areas.replace(", NL", "").replace("NL, ", ""),
            c,
            n,
        )
        for d, areas, c, n in club.activities
        if d.month <= 6
    ]
    found = only(check(club), "A01")
    assert [f.params["area_code"] for f in found] == ["NL"] and found[0].severity == "warning"


def test_a02_months_without_a_session(club_factory, check):
    club = club_factory()
    club.activities = [a for a in club.activities if a[0].month not in (3, 7)]
    found = only(check(club), "A02")
    assert found[0].message() == "2 tháng không có buổi sinh hoạt nào: tháng 3, tháng 7"


def test_a03_members_without_health_knowledge(club_factory, check):
    club = club_factory()
    for m in club.members[4:7]:
        m.knowledge = False
    found = only(check(club), "A03")
    assert "3/60" in found[0].message() and "dòng 6-8" in found[0].message()


def test_a04_capital_need_not_met(club_factory, check):
    club = club_factory()
    borrowers = {loan[0] for loan in club.loans}
    member = next(m for m in club.members if m.code not in borrowers and not m.needs_capital)
    member.needs_capital = True
    member.connected = False
    found = only(check(club), "A04")
    row = club.members.index(member) + 2
    assert (
        found[0].message().startswith("1 thành viên cần vốn")
        and f"dòng {row}" in found[0].message()
    )


def test_a05_volunteers_but_no_visit(club_factory, check):
    club = club_factory()
    club.visits = []
    assert "CLB có 7 tình nguyện viên" in only(check(club), "A05")[0].message()


# --- X: across sheets and files -------------------------------------------------------------------------
def test_x01_borrower_not_a_member(club_factory, check):
    club = club_factory()
    club.loans.append(
        ("", "Nguyễn Văn Ngoài", dt.date(2020, 5, 12), 5_000_000, "Chăn nuôi", "Quỹ CLB", 12, 0)
    )
    found = only(check(club), "X01")
    assert found[0].cell == f"B{len(club.loans) + 1}"
    assert found[0].message() == 'Người vay "Nguyễn Văn Ngoài" không phải thành viên của CLB'


def test_x02_visit_by_a_member_not_marked_volunteer(club_factory, check):
    club = club_factory()
    outsider = next(m for m in club.members if not m.volunteer)
    club.visits[0] = (club.visits[0][0], outsider.name, club.visits[0][2], "Trò chuyện")
    found = only(check(club), "X02")
    assert found[0].cell == "B2" and outsider.name in found[0].message()


def test_x03_year_of_the_folder_and_of_year_option(club_factory, plan, tmp_path):
    from clbtool.sample import write_club

    path = write_club(club_factory(), tmp_path / "2019" / "Son Tinh" / "club.xlsx")
    found = only(validate_file(path, plan).findings, "X03")
    assert found[0].cell == "B10" and "2020, khác với 2019 (thư mục 2019)" in found[0].message()
    assert only(validate_file(path, plan, year=2020).findings, "X03") == []


def test_x04_unknown_district_with_suggestion(club_factory, check):
    club = club_factory()
    club.district = "Sơn Tinhh"
    found = only(check(club), "X04")
    assert found[0].cell == "B7" and 'có phải "Sơn Tịnh"?' in found[0].message()
    club.district = "Huyện Sơn Tịnh"
    assert only(check(club), "X04") == []


def test_legacy_and_old_district_names_are_accepted(plan):
    assert plan.unit("Tây Trà").name == "Trà Bồng"  # merged 01/02/2020
    assert plan.unit("TP. Quảng Ngãi").name == "TP Quảng Ngãi"
    assert plan.unit("Thị xã Đức Phổ").name == "Đức Phổ"


def test_national_plan_has_eight_areas_and_an_aim_for_older_people(club_factory, check):
    national = load_plan("national-2021-2025")
    assert [a.code for a in national.areas][-1] == "HTS" and len(national.areas) == 8
    club = club_factory(year=2022, older=50)
    found = check(club, plan=national)
    assert [f.params["area_code"] for f in only(found, "A01")] == ["HTS"]
    c02 = only(found, "C02")
    assert c02[0].severity == "info" and "83,3% (50/60)" in c02[0].message()

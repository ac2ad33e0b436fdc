"""Legacy-font text (TCVN3 .VnTime, VNI-Times) decided cell by cell.

The truth is Unicode Vietnamese written here or in the plan (corpus_vi), encoded with the
sample's encoders (independent of the reader's decoding tables: they map Unicode to the
legacy bytes). A Unicode item must never change; a legacy item must come back (TCVN3 has no
toned capitals: "Ánh" comes back "ánh", so TCVN3 is compared case aside). Workbooks mixing
the fonts per workbook, sheet, column and cell must read as their all-Unicode twin.
"""

from __future__ import annotations

import random

import openpyxl
import pytest
from conftest import HAS_LIBREOFFICE, records
from corpus_vi import NAMES, corpus

from clbtool.metrics import club_metrics
from clbtool.output.sheets import write_workbook
from clbtool.sample import LEGACY_FONTS, make_club, to_model, to_tcvn3, to_vni
from clbtool.syllables import is_syllable
from clbtool.text import convert_legacy_text, legacy_reading
from clbtool.workbook.cells import ReadContext
from clbtool.workbook.legacy import convert_legacy_cells
from clbtool.workbook.reader import read_club
from clbtool.workbook.table import Sheet

ENCODE = {"tcvn3": to_tcvn3, "vni": to_vni}
CODE = {"tcvn3": "t", "vni": "v"}
CORPUS = corpus()


def same(a: str, b: str, encoding: str) -> bool:
    return a.casefold() == b.casefold() if encoding == "tcvn3" else a == b


def representable(item: str, encoding: str) -> bool:
    """Whether the legacy font can type ``item`` at all: "½" is TCVN3's "ẵ", "«" its "ô"."""
    return same(convert_legacy_text(ENCODE[encoding](item), encoding), item, encoding)


def convert_columns(plan, columns: list[list[str]]) -> tuple[list[list], ReadContext]:
    rows = [list(row) for row in zip(*columns, strict=True)]
    reader = ReadContext("f.xlsx", plan, None, None)
    convert_legacy_cells({"members": Sheet("Thành viên", rows, [])}, reader)
    return rows, reader


# --- the syllable ------------------------------------------------------------------------------
def test_syllables_of_every_shape_are_vietnamese():
    for word in (
        "nghiêng", "khuỷu", "quốc", "quỳnh", "giữ", "gì", "giếng", "hoà", "hòa", "thuở",
        "thuý", "thúy", "của", "quả", "ngoài", "người", "yêu", "uống", "ước", "ỉa", "oẳn",
        "trường", "khuya", "việc", "đặc", "ếch", "ạch", "xoay", "tuyết", "nguyễn",
    ):  # fmt: skip
        assert is_syllable(word), word


def test_what_the_legacy_readings_make_of_unicode_is_not_vietnamese():
    # "Nghèo" read as TCVN3 is "Nghốo"; "Bình" "Bỡnh"; "Châu" "Chõu"; the tone on the
    # wrong vowel ("xaõ", VNI's "xã" read as Unicode), a stop final with huyền ("càc")
    for word in ("nghốo", "bỡnh", "chõu", "xaõ", "ngòai", "càc", "cac", "thoâng", "khaên"):
        assert not is_syllable(word), word


# --- the corpus, text by text ------------------------------------------------------------------
def test_the_corpus_is_large_and_has_every_tone():
    assert len(CORPUS) > 2000 and len(NAMES) > 300
    text = " ".join(CORPUS)
    for mark in "àáảãạ":
        assert mark in text


def test_no_unicode_item_reads_better_as_legacy():
    wrong = [item for item in CORPUS if (r := legacy_reading(item)) and "u" not in r]
    assert wrong == []


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_every_legacy_item_reads_best_in_its_encoding(encoding):
    missed = []
    for item in CORPUS:
        typed = ENCODE[encoding](item)
        if typed == item or not representable(item, encoding):
            continue  # typed the same in both ("Lan", "lý" in TCVN3), or not typeable
        if CODE[encoding] not in legacy_reading(typed):
            missed.append(typed)
    assert missed == []


def test_the_examples_the_old_evidence_test_missed():
    # TCVN3 and VNI items with no character the old test looked for
    assert legacy_reading("NghÌo") == "t"
    assert legacy_reading("Vâ Mai Hoa") == "t"
    assert legacy_reading("Khoù khaên") == "v"
    assert legacy_reading("Sôn Tònh") == "v"
    assert legacy_reading("Chñ nhiÖm") == "t"  # TCVN3, once taken for VNI
    assert "v" not in legacy_reading("Thñ quü")
    for symbols in ("38°C", "2 × 3", "½", "«»", "± 5", "§", "µg", "©", "10 m²"):
        assert legacy_reading(symbols) in ("", "u"), symbols


# --- the corpus as a sheet ---------------------------------------------------------------------
def test_a_unicode_column_is_never_changed(plan):
    rows, reader = convert_columns(plan, [CORPUS])
    assert [row[0] for row in rows] == CORPUS
    assert reader.findings == [] and reader.reencoded == []


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_legacy_column_is_restored_and_counted(plan, encoding):
    items = [item for item in CORPUS if representable(item, encoding)]
    typed = [ENCODE[encoding](item) for item in items]
    rows, reader = convert_columns(plan, [typed])
    wrong = [
        (a, row[0]) for a, row in zip(items, rows, strict=True) if not same(a, row[0], encoding)
    ]
    assert wrong == []
    changed = sum(t != i for t, i in zip(typed, items, strict=True))
    (f04,) = reader.findings
    assert f04.code == "F04" and f04.params[encoding] == changed and f04.params["count"] == changed
    assert len(reader.reencoded) == changed


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_unicode_column_beside_a_legacy_one(plan, encoding):
    items = [item for item in CORPUS if representable(item, encoding)]
    rows, _ = convert_columns(plan, [items, [ENCODE[encoding](i) for i in items]])
    assert [row[0] for row in rows] == items
    assert all(same(a, row[1], encoding) for a, row in zip(items, rows, strict=True))


def test_f04_counts_each_encoding(plan):
    names = NAMES[:40]
    column = [to_tcvn3(n) for n in names[:25]] + [to_vni(n) for n in names[25:28]] + names[28:]
    rows, reader = convert_columns(plan, [column])
    assert [row[0].casefold() for row in rows] == [n.casefold() for n in names]
    (f04,) = reader.findings
    assert f04.params["tcvn3"] == 25 and f04.params["vni"] == 3
    assert "25 ô TCVN3 và 3 ô VNI" in f04.message("vi")
    assert "25 TCVN3 cells and 3 VNI cells" in f04.message("en")


# --- workbooks that mix the fonts --------------------------------------------------------------
@pytest.fixture(scope="module")
def club(plan):
    return make_club(random.Random(13), plan, year=2020, district="Bình Sơn", code="BSO-02")


def twin(club, plan, tmp_path):
    path = tmp_path / "unicode.xlsx"
    write_workbook(to_model(club, "office"), path)
    return read_club(path, plan)


def mixed(club, pick, fonts=True, sheet_names=None):
    """The office layout with the cells ``pick(sheet, (row, col), text)`` names typed in
    that encoding (and its font, with ``fonts``); sheet names typed in ``sheet_names``."""
    model = to_model(club, "office")
    written = {"tcvn3": 0, "vni": 0}
    for sheet in model.sheets:
        for key, value in list(sheet.cells.items()):
            encoding = pick(sheet.name, key, value) if isinstance(value, str) else None
            if encoding:
                typed = ENCODE[encoding](value)
                written[encoding] += typed != value
                sheet.cells[key] = typed
                if fonts:
                    sheet.fonts[key] = LEGACY_FONTS[encoding]
        if sheet_names:
            sheet.name = ENCODE[sheet_names](sheet.name)
    return model, written


def check_against_twin(result, expected, plan, written):
    assert records(result.club) == records(expected.club)
    assert club_metrics(result.club, plan) == club_metrics(expected.club, plan)
    others = sorted((f.code, f.cell or "") for f in result.findings if f.code != "F04")
    assert others == sorted((f.code, f.cell or "") for f in expected.findings)
    f04 = [f for f in result.findings if f.code == "F04"]
    if sum(written.values()):
        assert f04[0].params["tcvn3"] == written["tcvn3"]
        assert f04[0].params["vni"] == written["vni"]
    else:
        assert f04 == []


FORMATS = ["xlsx", "xls", "ods"]


def either_font():
    """A pick for :func:`mixed`: three cells in ten typed in TCVN3, one in VNI, the same
    cells every time it is made."""
    rng = random.Random(5)
    choice = {}

    def pick(sheet, key, value):
        roll = choice.setdefault((sheet, key), rng.random())
        return "tcvn3" if roll < 0.3 else "vni" if roll < 0.4 else None

    return pick


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fonts", [True, False], ids=["fonts", "no-fonts"])
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_a_workbook_typed_wholly_in_a_legacy_font(club, plan, tmp_path, encoding, fonts, fmt):
    # sheet names included: "Vay vèn", "Thoâng tin CLB"
    model, written = mixed(club, lambda *_: encoding, fonts, sheet_names=encoding)
    path = tmp_path / f"legacy.{fmt}"
    write_workbook(model, path)
    result = read_club(path, plan)
    check_against_twin(result, twin(club, plan, tmp_path), plan, written)
    assert result.club.name == club.name and result.club.commune == club.commune
    assert len(result.club.loans) == len(club.loans) > 0
    # the console shows a name typed on a legacy keyboard with its reading
    assert result.club.sheet_readings[ENCODE[encoding]("Vay vốn")] == "Vay vốn"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fonts", [True, False], ids=["fonts", "no-fonts"])
def test_member_names_in_vntime_the_rest_unicode(club, plan, tmp_path, fonts, fmt):
    # the first case: the poor members, the club's name, the borrowers all kept
    model, written = mixed(
        club,
        lambda sheet, key, _: "tcvn3" if sheet == "Thành viên" and key[1] == 2 else None,
        fonts,
    )
    path = tmp_path / f"names.{fmt}"
    write_workbook(model, path)
    result = read_club(path, plan)
    check_against_twin(result, twin(club, plan, tmp_path), plan, written)
    assert written["tcvn3"] > 40


@pytest.mark.parametrize("fonts", [True, False], ids=["fonts", "no-fonts"])
def test_one_sheet_in_tcvn3_another_in_vni(club, plan, tmp_path, fonts):
    by_sheet = {"Thành viên": "tcvn3", "Vay vốn": "vni", "Quỹ": "tcvn3"}
    model, written = mixed(club, lambda sheet, *_: by_sheet.get(sheet), fonts)
    path = tmp_path / "sheets.xlsx"
    write_workbook(model, path)
    check_against_twin(read_club(path, plan), twin(club, plan, tmp_path), plan, written)


@pytest.mark.parametrize("fonts", [True, False], ids=["fonts", "no-fonts"])
def test_roles_in_tcvn3_are_not_taken_for_vni(club, plan, tmp_path, fonts):
    model = to_model(club, "office")
    role_col = next(
        c for (r, c), v in model.sheets[1].cells.items() if v == "CHỨC VỤ"
    )  # the office layout's header
    model, written = mixed(
        club,
        lambda sheet, key, _: "tcvn3" if sheet == "Thành viên" and key[1] == role_col else None,
        fonts,
    )
    path = tmp_path / "roles.xlsx"
    write_workbook(model, path)
    result = read_club(path, plan)
    check_against_twin(result, twin(club, plan, tmp_path), plan, written)
    assert {m.role for m in result.club.members} >= {"chair", "treasurer"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_cells_typed_one_by_one_in_either_font(club, plan, tmp_path, fmt):
    # the hardest mix: any cell may be either, and only its font tells ("Bé" is Unicode
    # and TCVN3's "Bộ" alike)
    model, written = mixed(club, either_font(), fonts=True)
    path = tmp_path / f"cells.{fmt}"
    write_workbook(model, path)
    check_against_twin(read_club(path, plan), twin(club, plan, tmp_path), plan, written)
    assert written["tcvn3"] > 50 and written["vni"] > 15


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice not installed")
def test_cells_in_either_font_saved_again_by_libreoffice(club, plan, tmp_path):
    # LibreOffice writes the fonts its own way in each format (named and automatic styles,
    # shared strings, BIFF records): read from those files, not from clbtool's writer
    import subprocess

    model, written = mixed(club, either_font(), fonts=True)
    src = tmp_path / "cells.xlsx"
    write_workbook(model, src)
    expected = twin(club, plan, tmp_path)
    for target, suffix in (("xls", "xls"), ("ods", "ods"), ("xlsx:Calc MS Excel 2007 XML", "xlsx")):
        out = tmp_path / suffix
        subprocess.run(
            ["soffice", "--headless", "--convert-to", target, "--outdir", str(out), str(src)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        check_against_twin(read_club(out / f"cells.{suffix}", plan), expected, plan, written)


def test_a_unicode_workbook_with_one_degree_sign(club, plan, tmp_path):
    # the ° was once taken for TCVN3 evidence, and 46 Unicode cells were corrupted with it
    model = to_model(club, "office")
    visits = model.sheets[4]
    row = next(r for (r, c), v in visits.cells.items() if c == 3 and r > 0)
    visits.put(row, 3, "Sốt 38°C, đã đưa đi khám")
    path = tmp_path / "degrees.xlsx"
    write_workbook(model, path)
    result = read_club(path, plan)
    assert [f.code for f in result.findings] == [] and result.reencoded == []
    assert "Sốt 38°C, đã đưa đi khám" in [v.content for v in result.club.visits]
    assert {m.circumstance for m in result.club.members} == {
        m.circumstance for m in twin(club, plan, tmp_path).club.members
    }


def test_the_annotated_copy_marks_each_converted_cell(club, plan, tmp_path):
    from clbtool.output.annotate import write_annotated
    from clbtool.validate import validate_file

    model, written = mixed(
        club, lambda sheet, key, _: "tcvn3" if sheet == "Thành viên" and key[1] == 2 else None
    )
    path = tmp_path / "names.xlsx"
    write_workbook(model, path)
    out = write_annotated(validate_file(path, plan), path, tmp_path / "annotated.xlsx")
    ws = openpyxl.load_workbook(out)["Thành viên"]
    marked = [c for row in ws.iter_rows() for c in row if c.comment and "TCVN3" in c.comment.text]
    assert len(marked) == written["tcvn3"]
    first = marked[0]
    name = convert_legacy_text(first.value, "tcvn3")
    assert first.value != name and name.casefold() in first.comment.text.casefold()
    assert {c.column_letter for c in marked} == {"C"}


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_info_labels_are_found_under_every_reading(plan, encoding):
    from clbtool.workbook.info import read_info

    # only the labels typed in the legacy font, and left as typed: the values are Unicode
    rows = [
        [ENCODE[encoding]("Tên CLB"), "CLB liên thế hệ tự giúp nhau xã Bình Châu"],
        [ENCODE[encoding]("Xã/Phường/Thị trấn"), "Bình Châu"],
        [ENCODE[encoding]("Huyện/Thị xã/Thành phố"), "Bình Sơn"],
        [ENCODE[encoding]("Ngày thành lập"), "12/05/2018"],
        [ENCODE[encoding]("Năm báo cáo"), 2020],
        [ENCODE[encoding]("Thôn/Tổ") + ": Thôn Đông", None],
    ]
    reader = ReadContext("f.xlsx", plan, None, None)
    read_info(Sheet("Thông tin CLB", rows, []), reader)
    club = reader.club
    assert (club.name, club.commune, club.district, club.year) == (
        "CLB liên thế hệ tự giúp nhau xã Bình Châu", "Bình Châu", "Bình Sơn", 2020
    )  # fmt: skip
    assert club.hamlet == "Thôn Đông"
    assert [f.code for f in reader.findings] == []


def test_rich_text_runs_are_read_each_by_its_font(plan, tmp_path):
    # a label typed in .VnTime, then a name pasted in Unicode, in one cell: only the
    # .VnTime run is converted (the cell as a whole goes beyond Latin-1)
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Thông tin CLB"
    ws["A1"] = CellRichText(
        TextBlock(InlineFont(rFont=".VnTime"), to_tcvn3("Tên CLB: ")),
        TextBlock(InlineFont(rFont="Times New Roman"), "CLB liên thế hệ xã Tịnh Khê"),
    )
    ws["A2"] = CellRichText(
        TextBlock(InlineFont(rFont=".VnTime"), to_tcvn3("Xã/Phường/Thị trấn")),
    )
    ws["B2"] = "Tịnh Khê"
    ws["A3"] = to_tcvn3("Huyện/Thị xã/Thành phố")
    ws["A3"].font = openpyxl.styles.Font(name=".VnTime")  # the file's cells name the font
    ws["B3"] = "Sơn Tịnh"
    path = tmp_path / "rich.xlsx"
    wb.save(path)
    result = read_club(path, plan)
    assert result.club.name == "CLB liên thế hệ xã Tịnh Khê"
    assert result.club.commune == "Tịnh Khê"
    f04 = next(f for f in result.findings if f.code == "F04")
    assert f04.params["tcvn3"] == 3
    assert {(c.sheet, c.row, c.column) for c in result.reencoded} == {
        ("Thông tin CLB", 1, "A"), ("Thông tin CLB", 2, "A"), ("Thông tin CLB", 3, "A")
    }  # fmt: skip
    assert result.reencoded[0].read_as == "Tên CLB: CLB liên thế hệ xã Tịnh Khê"

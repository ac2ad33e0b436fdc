"""Hostile and broken input, built here in code: every command ends with a finding or a clear
message and exit 1 or 2, never a traceback; bombs are refused fast; inputs stay as they were."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLE_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from clbtool.cli import app
from clbtool.workbook.reader import read_club

runner = CliRunner()
GOOD = SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx"


def _entries(path: Path = GOOD) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zip(entries: dict[str, bytes], level: int = 6) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _with_sheet(sheet: str, edit) -> bytes:
    entries = _entries()
    entries[sheet] = edit(entries[sheet].decode()).encode()
    return _zip(entries)


def _dtd(doc: str, dtd: str, entity: str) -> str:
    i = doc.index("<worksheet")
    doc = doc[:i] + dtd + doc[i:]
    return re.sub(r"(<is><t>)(CLB li)", rf"\1&{entity};\2", doc, count=1)


def billion_laughs(doc: str) -> str:
    ents = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    return _dtd(doc, f"<!DOCTYPE lolz [{ents}]>", "l9")


def xxe(doc: str) -> str:
    return _dtd(doc, '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "e")


def million_rows(doc: str) -> str:
    end = doc.index("</sheetData>")
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(100, 1_000_100))
    return doc[:end] + rows + doc[end:]


def far_cell(doc: str) -> str:
    # one stray cell at the last row and column: the library would ask for 512 GB
    end = doc.index("</sheetData>")
    return doc[:end] + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + doc[end:]


def _last_row(cells: str):
    """A row at the last row of the grid holding ``cells``, appended to the sheet."""

    def edit(doc: str) -> str:
        end = doc.index("</sheetData>")
        return doc[:end] + f'<row r="1048576">{cells}</row>' + doc[end:]

    return edit


# The same stray cell written the other ways the library reads (tafia/calamine#693): attribute
# order, single quotes, lower case, a namespace prefix, a second r attribute, no r at all (the
# cell after 16,384 empty ones), and the sheet stored under another case of its name.
FAR_CELL_VARIANTS = {
    "far-cell-order.xlsx": _last_row('<c t="n" r="XFD1048576"><v>1</v></c>'),
    "far-cell-quotes.xlsx": _last_row("<c r='XFD1048576'><v>1</v></c>"),
    "far-cell-lower.xlsx": _last_row('<c r="xfd1048576"><v>1</v></c>'),
    "far-cell-prefix.xlsx": _last_row(
        '<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        ' r="XFD1048576"><x:v>1</x:v></x:c>'
    ),
    "far-cell-twice.xlsx": _last_row('<c r="A1" r="XFD1048576"><v>1</v></c>'),
    "far-cell-no-ref.xlsx": _last_row("<c/>" * 16_384 + "<c><v>1</v></c>"),
    # a row numbered with 12 or 14 digits holding a cell without r: the library once asked
    # for 228 GB (an abort) or walked 17 GB for 50 s
    **{
        f"far-row-{n}-digits.xlsx": (
            lambda doc, n=n: doc.replace(
                "</sheetData>", f'<row r="{"9" * n}"><c t="n"><v>1</v></c></row></sheetData>'
            )
        )
        for n in (12, 14, 400)
    },
    # forty letters: the library's column count overflows to anything
    "far-cell-long-column.xlsx": lambda doc: doc.replace(
        "</sheetData>", f'<row r="70"><c r="{"A" * 40}70"><v>1</v></c></row></sheetData>'
    ),
}


def unclosed_tags(doc: str) -> str:
    # 30,000 cell tags never closed, after the document's end (the library stops reading at
    # the end of the cells): a search that restarts at each one would take minutes
    return doc + "<c a=1 " * 30_000


def _renamed_sheet() -> bytes:
    entries = _entries()
    entries["xl/Worksheets/sheet2.xml"] = far_cell(
        entries.pop("xl/worksheets/sheet2.xml").decode()
    ).encode()
    return _zip(entries)


def _shared_strings(unique_count: int) -> bytes:
    """A shared-strings part declaring ``unique_count`` strings: the library reserves room for
    them all before it reads one (tafia/calamine#684)."""
    entries = _entries()
    entries["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="1" uniqueCount="{unique_count}"><si><t>x</t></si></sst>'
    ).encode()
    return _zip(entries)


def _merges(refs: list[str]):
    """The sheet with these merged ranges (any range the file declares, however large)."""

    def edit(doc: str) -> str:
        cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
        end = doc.index("</sheetData>") + len("</sheetData>")
        return doc[:end] + f'<mergeCells count="{len(refs)}">{cells}</mergeCells>' + doc[end:]

    return edit


def control_chars(doc: str) -> str:
    # how Excel stores control characters inside XML text: _xHHHH_
    return doc.replace("<is><t>CLB li", "<is><t>_x0001__x001B_CLB li", 1)


def _openpyxl_file(edit) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(GOOD)
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _formulas(wb) -> None:
    wb["Thông tin CLB"]["B10"] = "=2019+1"  # the reporting year as a formula, no cached value
    wb["Thành viên"]["D2"] = "=1950+1"


def _error_cells(wb) -> None:
    for ref, err in (("D3", "#REF!"), ("D4", "#DIV/0!")):
        cell = wb["Thành viên"][ref]
        cell.value = err
        cell.data_type = "e"


def _hidden(wb) -> None:
    wb["Thành viên"].sheet_state = "hidden"


def _merged(wb) -> None:
    ws = wb["Thành viên"]
    for r in range(2, 60, 4):
        ws.merge_cells(start_row=r, start_column=3, end_row=r + 1, end_column=6)


def _date1904(wb) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb.epoch = CALENDAR_MAC_1904


def _long_strings(wb) -> None:
    wb["Thông tin CLB"]["B3"] = "CLB " + "rất dài " * 125_000
    wb["Thành viên"]["R2"] = "x" * 32_000


def _encrypted() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    with open(GOOD, "rb") as src:
        OOXMLFile(src).encrypt("mật khẩu", out)
    return out.getvalue()


CORPUS = {
    "zero.xlsx": lambda: b"",
    "truncated.xlsx": lambda: GOOD.read_bytes()[:4000],
    "random.xlsx": lambda: random.Random(7).randbytes(8192),
    "csv-named.xlsx": lambda: "Họ và tên,Năm sinh\nNguyễn Thị Lan,1950\n".encode(),
    "text-named.xls": lambda: b"just some text\n" * 50,
    "xlsx-named.xls": lambda: GOOD.read_bytes(),
    "locked.xlsx": _encrypted,
    "bomb-ratio.xlsx": lambda: _zip(
        {"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * 60_000_000}
    ),
    "bomb-entries.xlsx": lambda: _zip(
        {"[Content_Types].xml": b"<x/>", **{f"xl/e{i}.xml": b"" for i in range(5000)}}
    ),
    "xml-bomb.xlsx": lambda: _with_sheet("xl/worksheets/sheet1.xml", billion_laughs),
    "xxe.xlsx": lambda: _with_sheet("xl/worksheets/sheet1.xml", xxe),
    "million-rows.xlsx": lambda: _with_sheet("xl/worksheets/sheet2.xml", million_rows),
    "control-chars.xlsx": lambda: _with_sheet("xl/worksheets/sheet1.xml", control_chars),
    "long-strings.xlsx": lambda: _openpyxl_file(_long_strings),
    "formulas.xlsx": lambda: _openpyxl_file(_formulas),
    "error-cells.xlsx": lambda: _openpyxl_file(_error_cells),
    "hidden-sheet.xlsx": lambda: _openpyxl_file(_hidden),
    "merged.xlsx": lambda: _openpyxl_file(_merged),
    "date1904.xlsx": lambda: _openpyxl_file(_date1904),
    "~$lock.xlsx": lambda: b"\x0bclbtool" + b"\0" * 150,
    "far-cell.xlsx": lambda: _with_sheet("xl/worksheets/sheet2.xml", far_cell),
    **{
        name: (lambda edit=edit: _with_sheet("xl/worksheets/sheet2.xml", edit))
        for name, edit in FAR_CELL_VARIANTS.items()
    },
    "far-cell-renamed.xlsx": _renamed_sheet,
    "strings-count.xlsx": lambda: _shared_strings(4_294_967_295),
    "unclosed-tags.xlsx": lambda: _with_sheet("xl/worksheets/sheet2.xml", unclosed_tags),
    # 100,000 ranges across every column over the header rows (80 KB): each header row once
    # walked 1.6 billion columns; and one range to the grid's last cell below the data, which
    # the annotated copy (openpyxl) would fill with 17 billion merged cells
    "wide-merges.xlsx": lambda: _with_sheet(
        "xl/worksheets/sheet2.xml",
        _merges(
            [f"A{1 + k % 3}:X{chr(65 + k % 26)}{chr(65 + k // 26 % 26)}9" for k in range(100_000)]
        ),
    ),
    "huge-merge.xlsx": lambda: _with_sheet("xl/worksheets/sheet2.xml", _merges(["A70:XFD1048576"])),
    "abort.xls": lambda: (
        Path(__file__).parent / "fixtures" / "hostile" / "abort.xls"
    ).read_bytes(),
}
# files whose data are readable and meet the plan: any finding they give is information
READABLE = {
    "xlsx-named.xls",
    "hidden-sheet.xlsx",
    "date1904.xlsx",
    "control-chars.xlsx",
    "long-strings.xlsx",
    "wide-merges.xlsx",
    "huge-merge.xlsx",
    "unclosed-tags.xlsx",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, make in CORPUS.items():
        (root / name).write_bytes(make())
    return root


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_validate_each_bad_file(corpus, name):
    start = time.perf_counter()
    result = run("validate", corpus / name, "--format", "json")
    assert time.perf_counter() - start < 30  # a guard against hanging, not a benchmark
    if name in READABLE:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code in (1, 2)
    if result.exit_code == 1:
        import json

        doc = json.loads(result.stdout)
        assert doc["files"][0]["findings"], name


EXPECTED_CODE = {
    "zero.xlsx": "F01", "truncated.xlsx": "F01", "random.xlsx": "F01", "csv-named.xlsx": "F01",
    "text-named.xls": "F01", "locked.xlsx": "F02", "bomb-ratio.xlsx": "F03", "bomb-entries.xlsx": "F03",
    "xml-bomb.xlsx": "F01", "xxe.xlsx": "F01", "million-rows.xlsx": "F03", "~$lock.xlsx": "F01",
    "formulas.xlsx": "S03", "error-cells.xlsx": "V01", "hidden-sheet.xlsx": "F05",
    "far-cell.xlsx": "F03", "abort.xls": "F01", "far-cell-renamed.xlsx": "F03",
    "strings-count.xlsx": "F03", **dict.fromkeys(FAR_CELL_VARIANTS, "F03"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED_CODE))
def test_each_bad_file_gets_its_finding(corpus, plan, name):
    codes = {f.code for f in read_club(corpus / name, plan).findings}
    assert EXPECTED_CODE[name] in codes


def test_xxe_never_reads_the_file_it_points_at(corpus, plan):
    result = read_club(corpus / "xxe.xlsx", plan)
    assert result.club is None or "root:" not in (result.club.name or "")


def _odd_but_legal(doc: str) -> str:
    """Every cell written as other writers may: r not first, single quotes, a tab."""
    return re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*)>', r"<c\2\tr='\1'>", doc)


def test_cells_written_other_ways_read_the_same(tmp_path, plan):
    # the measuring of such sheets (cell by cell) accepts them, and nothing moves
    entries = _entries()
    for name in [n for n in entries if n.startswith("xl/worksheets/")]:
        entries[name] = _odd_but_legal(entries[name].decode()).encode()
    assert b"<c r=" not in entries["xl/worksheets/sheet2.xml"]
    odd = tmp_path / "odd.xlsx"
    odd.write_bytes(_zip(entries))
    before, after = read_club(GOOD, plan), read_club(odd, plan)
    after.club.path = before.club.path
    assert after.club == before.club and after.club.members
    assert [f.code for f in after.findings] == [f.code for f in before.findings]


def test_a_legal_shared_strings_count_is_read(tmp_path, plan):
    path = tmp_path / "sst.xlsx"
    path.write_bytes(_shared_strings(5_000_000))  # large but within what may be declared
    assert not {f.code for f in read_club(path, plan).findings} & {"F01", "F03"}


def test_binary_workbook_parts_are_tried_apart(tmp_path, plan, monkeypatch):
    # .xlsb keeps its cells in binary records the XML measuring cannot read: such a zip goes
    # to the child process that may abort in our place, as .xls and .ods do
    import clbtool.workbook.source as source

    probed = []
    monkeypatch.setattr(source, "_probe_in_child", lambda data, limits: probed.append(len(data)))
    path = tmp_path / "xlsb-inside.xlsx"
    path.write_bytes(_zip({**_entries(), "xl/workbook.bin": b""}))
    read_club(path, plan)
    assert probed
    read_club(GOOD, plan)
    assert len(probed) == 1


def test_readable_oddities_read_right(corpus, plan):
    import datetime as dt

    founded = read_club(GOOD, plan).club.founded
    assert read_club(corpus / "date1904.xlsx", plan).club.founded == founded == dt.date(2018, 3, 15)
    assert read_club(corpus / "control-chars.xlsx", plan).club.name.endswith("Tịnh Khê")
    long = read_club(corpus / "long-strings.xlsx", plan).club
    assert len(long.name) >= 32_000  # Excel keeps at most 32,767 characters in a cell
    merged = read_club(corpus / "merged.xlsx", plan)
    assert merged.club is not None and any(f.code == "V01" for f in merged.findings)


@pytest.mark.parametrize(
    "name",
    [
        "million-rows.xlsx", "bomb-ratio.xlsx", "xml-bomb.xlsx", "far-cell.xlsx", "abort.xls",
        "far-cell-renamed.xlsx", "strings-count.xlsx", *FAR_CELL_VARIANTS,
    ],
)  # fmt: skip
def test_bombs_are_refused_fast_and_small(corpus, name):
    seconds, kilobytes, finding = _read_in_child(
        corpus / name,
        "time.perf_counter() - t, peak(), r.findings[0].code",
    )
    assert float(seconds) < 5 and int(kilobytes) < 300 * 1024 and finding in ("F01", "F03")


def _read_in_child(path: Path, shown: str, timeout: int = 120) -> list[str]:
    """read_club(path) in a child process (an abort or a stall there fails the test, not
    the test run); what it prints of ``shown`` (an expression of r, t), split."""
    code = (
        "import resource, time\n"
        "def peak():\n"  # this process's own peak (kB): ru_maxrss keeps the forking parent's
        "    try:\n"
        "        status = open('/proc/self/status').read()\n"
        "        return int(status.split('VmHWM:')[1].split()[0])\n"
        "    except (OSError, IndexError):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "from pathlib import Path\n"
        "from clbtool.plan import load_plan\n"
        "from clbtool.workbook.reader import read_club\n"
        "t = time.perf_counter()\n"
        f"r = read_club(Path({str(path)!r}), load_plan())\n"
        f"print({shown})\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=True
    )
    return out.stdout.split()


def _members_in_good() -> int:
    """Rows with a name under "Họ và tên" in the good workbook, counted with openpyxl."""
    from openpyxl import load_workbook

    rows = list(load_workbook(GOOD, read_only=True)["Thành viên"].iter_rows(values_only=True))
    name = rows[0].index("Họ và tên")
    return sum(1 for row in rows[1:] if row[name])


def test_merged_ranges_across_every_column_do_not_stall_reading(corpus, plan):
    # a guard against a stall (it took 14 s when each range was walked to column XFD)
    start = time.perf_counter()
    result = read_club(corpus / "wide-merges.xlsx", plan)
    assert time.perf_counter() - start < 5
    assert result.club is not None and len(result.club.members) == _members_in_good()


def test_unclosed_tags_after_the_cells_do_not_stall_reading(corpus):
    # the measuring once restarted its search at every unclosed tag: minutes
    members = _read_in_child(corpus / "unclosed-tags.xlsx", "len(r.club.members)", 60)
    assert members == [str(_members_in_good())]


def test_aggregate_and_report_over_the_whole_corpus(corpus, tmp_path, plan):
    data = tmp_path / "data"
    (data / "2020" / "Hostile").mkdir(parents=True)
    for path in corpus.iterdir():
        shutil.copyfile(path, data / "2020" / "Hostile" / path.name)
    shutil.copytree(SAMPLE_DATA / "2020" / "Binh Son", data / "2020" / "Binh Son")
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    agg = run(
        "aggregate", data, "--year", "2020", "--format", "json", "--out", tmp_path / "th.xlsx"
    )
    assert (
        agg.exit_code == 1
    )  # some workbooks could not be counted (and one club is in several files)
    import json

    doc = json.loads(agg.stdout)
    skipped = {Path(s["path"]).name for s in doc["skipped"]}
    assert {"zero.xlsx", "million-rows.xlsx", "xml-bomb.xlsx", "~$lock.xlsx"} <= skipped
    assert (
        doc["totals"]["clubs"] >= 2
    )  # Bình Sơn's club and the readable copies of Tịnh Khê (counted once)
    rep = run(
        "report", "--year", "2020", "--data", data, "--format", "md,docx", "--out", tmp_path / "bc"
    )
    assert rep.exit_code == 1 and (tmp_path / "bc" / "bao-cao-clb-annual-2020.docx").exists()
    text = (tmp_path / "bc" / "bao-cao-clb-annual-2020.md").read_text("utf-8")
    unread = [s for s in doc["skipped"] if s["reason"].startswith("không tính")]
    assert f"{len(unread):02d} sổ theo dõi CLB không đọc được nên chưa được tổng hợp" in text
    from docx import Document

    Document(
        tmp_path / "bc" / "bao-cao-clb-annual-2020.docx"
    )  # control characters did not break the XML
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_annotate_copies_of_odd_files_open(corpus, tmp_path):
    from openpyxl import load_workbook

    for name in ("control-chars.xlsx", "merged.xlsx", "long-strings.xlsx", "xlsx-named.xls"):
        out = tmp_path / f"{name}.kiem-tra.xlsx"
        result = run("validate", corpus / name, "--annotate", out)
        assert result.exit_code in (0, 1)
        load_workbook(out)
    merged = load_workbook(tmp_path / "merged.xlsx.kiem-tra.xlsx")["Thành viên"]
    assert len(merged.merged_cells.ranges) == len(range(2, 60, 4))  # the merges _merged made


def test_annotating_a_range_to_the_last_cell_of_the_grid(corpus, tmp_path):
    # in a child process with a time limit: openpyxl alone would never finish this copy
    from openpyxl import load_workbook

    out = tmp_path / "huge.kiem-tra.xlsx"
    args = ["validate", str(corpus / "huge-merge.xlsx"), "--annotate", str(out)]
    proc = subprocess.run(
        [sys.executable, "-m", "clbtool", *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    copy = load_workbook(out)["Thành viên"]
    original = load_workbook(GOOD)["Thành viên"]
    values = [c.value for c in original[2]]
    # the member's values as they were, then the column saying how clbtool read the row
    assert [c.value for c in copy[2]] == [*values, "Tính: thành viên thứ 1"]
    assert not copy.merged_cells.ranges


# --- fuzzing: mutated workbooks never raise -----------------------------------------------------------------
GOOD_BYTES = GOOD.read_bytes()
GOOD_ENTRIES = _entries()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD_BYTES) - 1), st.integers(0, 255)), min_size=1, max_size=20
    )
)
def test_flipped_bytes_never_raise(tmp_path_factory, plan, flips):
    data = bytearray(GOOD_BYTES)
    for pos, value in flips:
        data[pos] = value
    path = tmp_path_factory.mktemp("fuzz") / "club.xlsx"
    path.write_bytes(bytes(data))
    result = read_club(path, plan)
    assert result.club is not None or result.findings


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sets(st.sampled_from(sorted(GOOD_ENTRIES)), min_size=1, max_size=4),
    st.sampled_from(sorted(GOOD_ENTRIES)),
    st.integers(0, 2000),
    st.binary(max_size=40),
)
def test_dropped_and_corrupted_entries_never_raise(
    tmp_path_factory, plan, dropped, target, pos, junk
):
    entries = {k: v for k, v in GOOD_ENTRIES.items() if k not in dropped}
    if target in entries:
        body = entries[target]
        entries[target] = body[:pos] + junk + body[pos + len(junk) :]
    path = tmp_path_factory.mktemp("fuzz") / "club.xlsx"
    path.write_bytes(_zip(entries))
    result = read_club(path, plan)
    assert result.club is not None or result.findings


def test_formula_like_text_stays_text_in_every_workbook_written(tmp_path, plan, club_factory):
    from openpyxl import load_workbook

    from clbtool.aggregate import aggregate
    from clbtool.output.summary_xlsx import write_summary
    from clbtool.sample import write_club

    club = club_factory()
    club.name = '=HYPERLINK("http://x","bấm")'
    club.commune = "+cmd|' /C calc'!A0"
    write_club(club, tmp_path / "data" / "Son Tinh" / "clb.xlsx")
    out = write_summary(
        aggregate([tmp_path / "data"], plan, year=2020, jobs=1), plan, tmp_path / "th.xlsx"
    )
    wb = load_workbook(out)
    cells = [
        c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
    ]
    hyperlink = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert hyperlink and all(c.data_type == "s" for c in hyperlink)
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == "+cmd|' /C calc'!A0" for c in cells)


def test_validate_json_paths_are_relative_to_the_folder_given():
    import json

    doc = json.loads(run("validate", SAMPLE_DATA / "2020", "--format", "json").stdout)
    paths = [f["path"] for f in doc["files"]]
    assert "Son Ha/clb-son-ha.xlsx" in paths and not any(p.startswith("/") for p in paths)


DATA_ERRORS = {"error-cells.xlsx", "formulas.xlsx", "merged.xlsx"}


@pytest.mark.parametrize("name", sorted(set(CORPUS) - READABLE))
def test_aggregate_and_report_on_each_bad_file_alone(corpus, tmp_path, name):
    data = tmp_path / "data" / "2020" / "Hostile"
    data.mkdir(parents=True)
    shutil.copyfile(corpus / name, data / name)
    agg = run("aggregate", tmp_path / "data", "--year", "2020")
    rep = run("report", "--year", "2020", "--data", tmp_path / "data", "--format", "md", "--out", tmp_path / "bc",
              "--jobs", "1")  # fmt: skip
    if name == "~$lock.xlsx":  # a lock file is skipped, not read: nothing to add up, said so
        assert agg.exit_code == 2 and "tệp khóa" in agg.output  # no workbook: said, and why
        return
    if name in DATA_ERRORS:  # readable, with wrong cells: counted, and its failures are named
        import json

        doc = json.loads(
            run("aggregate", tmp_path / "data", "--year", "2020", "--format", "json").stdout
        )
        assert agg.exit_code == 0 and doc["units"][0]["clubs"][0]["failed"]
        text = (tmp_path / "bc" / "bao-cao-clb-annual-2020.md").read_text("utf-8")
        shortfalls = text.split("### 2. Tồn tại, hạn chế")[1].split("### 3.")[0]
        assert rep.exit_code == 0 and "- 01 CLB " in shortfalls
        return
    assert agg.exit_code == 1 and "không tính" in agg.output
    assert rep.exit_code == 1 and "không đọc được" in rep.output


def test_reading_who_reported_decides_as_a_full_read(corpus):
    """`aggregate DATA --year Y` reads year Y-1 only for who reported (the info sheet and the
    sheets' headers, not the lists' rows). Each file, bad ones included, must be counted or
    not, as the same club and with the same reason, as when it is read in full."""
    from clbtool.aggregate import ClubEntry, _read_file

    files = sorted(corpus.iterdir()) + sorted(p for p in SAMPLE_DATA.rglob("*") if p.is_file())
    counted = 0
    for path in files:
        for year in (None, 2019, 2020):
            task = (str(path), "quang-ngai-2018-2020", None, year, path.name)
            full, fast = _read_file(task), _read_file((*task, True))
            if isinstance(full, dict):
                assert fast == full, path.name
                continue
            counted += 1
            seen = [(ClubEntry(**d).key(), d["name"], d["district"], d["year"]) for d in full]
            assert [
                (ClubEntry(**d).key(), d["name"], d["district"], d["year"]) for d in fast
            ] == seen
    club_files = [  # the sample's workbooks, lock files aside: every one is a club's
        p for p in SAMPLE_DATA.rglob("*") if p.suffix in (".xlsx", ".xls", ".ods")
        and not p.name.startswith("~$")
    ]  # fmt: skip
    assert counted >= 3 * len(club_files) > 0  # each of them counted, in each year setting


def _number_cell(cell: str, value: str):
    """An edit that makes ``cell`` a number cell holding ``value`` as written in the XML."""

    def edit(doc: str) -> str:
        return re.sub(
            rf'<c r="{cell}"[^>]*?(/>|>.*?</c>)',
            f'<c r="{cell}" t="n"><v>{value}</v></c>',
            doc,
            count=1,
        )

    return edit


@pytest.mark.parametrize("value", ["NaN", "1e309", "-1e309"])
@pytest.mark.parametrize(
    "sheet, cell, finding",
    [
        ("xl/worksheets/sheet2.xml", "D2", "V01"),  # a birth year
        ("xl/worksheets/sheet2.xml", "I2", "V01"),  # a volunteer mark
        ("xl/worksheets/sheet2.xml", "A2", None),  # the STT, read by the table layer only
        ("xl/worksheets/sheet3.xml", "A2", "V01"),  # a session's date, first row under the header
        ("xl/worksheets/sheet3.xml", "D2", "V01"),  # participants
        ("xl/worksheets/sheet4.xml", "D2", "V01"),  # a loan's amount
        ("xl/worksheets/sheet1.xml", "B9", "V01"),  # the reporting year
    ],
)
def test_a_nan_or_infinite_number_is_that_cell_s_fault(tmp_path, plan, value, sheet, cell, finding):
    """<v>NaN</v> or <v>1e309</v> in one cell: a V01 there, the rest of the file read."""
    path = tmp_path / "club.xlsx"
    path.write_bytes(_with_sheet(sheet, _number_cell(cell, value)))
    result = read_club(path, plan)
    assert result.club is not None and len(result.club.members) == _members_in_good()
    assert not [f for f in result.findings if f.code == "F01"]
    at_cell = [f.code for f in result.findings if f.cell == cell]
    assert at_cell == ([finding] if finding else [])


def _cached_formulas(doc: str) -> str:
    """Two formula cells as Excel saves them, with their cached values: a DDE command and a
    HYPERLINK, where the first member's code and the second member's name were."""
    doc = re.sub(
        r'<c r="B2"[^>]*?(/>|>.*?</c>)',
        '<c r="B2" t="str"><f>cmd|\' /C calc\'!A0</f><v>TV001</v></c>',
        doc,
        count=1,
    )
    return re.sub(
        r'<c r="C3"[^>]*?(/>|>.*?</c>)',
        '<c r="C3" t="str"><f>HYPERLINK("http://x.invalid","Lê Thị Hoa")</f><v>Lê Thị Hoa</v></c>',
        doc,
        count=1,
    )


def _annotated(source: Path, tmp_path: Path, *args):
    from openpyxl import load_workbook

    out = tmp_path / "da-kiem-tra.xlsx"
    result = run("validate", source, "--annotate", out, "--force", *args)  # a copy per case
    assert result.exit_code in (0, 1), result.output
    return load_workbook(out)


_UNCLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _assert_clean(wb) -> None:
    """No formula, no control or bidirectional character, in cells, comments, sheet names."""
    for ws in wb.worksheets:
        assert not _UNCLEAN.search(ws.title), ws.title
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not _UNCLEAN.search(cell.value), (ws.title, cell.coordinate)
                if cell.comment is not None:
                    assert not _UNCLEAN.search(cell.comment.text), (ws.title, cell.coordinate)


def test_an_annotated_copy_holds_no_formula(corpus, tmp_path):
    source = tmp_path / "formulas.xlsx"
    source.write_bytes(_with_sheet("xl/worksheets/sheet2.xml", _cached_formulas))
    before = source.read_bytes()
    wb = _annotated(source, tmp_path)
    assert source.read_bytes() == before
    _assert_clean(wb)
    members = wb["Thành viên"]
    assert members["C3"].value == "Lê Thị Hoa"  # the cached value, not the formula
    assert members["B2"].value == "TV001"
    # a formula saved without a value (as openpyxl writes them) is kept as its text
    wb = _annotated(corpus / "formulas.xlsx", tmp_path)
    _assert_clean(wb)
    assert wb["Thành viên"]["D2"].value == "=1950+1" and wb["Thành viên"]["D2"].data_type == "s"


def _damaged_for_openpyxl() -> dict[str, bytes]:
    """Parts python-calamine reads past but openpyxl refuses to load."""
    entries = _entries()
    broken_core = dict(entries)
    broken_core["docProps/core.xml"] = b"<cp:coreProperties><dc:title>x</dc:tit"
    twice = dict(entries)
    twice["xl/worksheets/sheet1.xml"] = entries["xl/worksheets/sheet1.xml"].replace(
        b'<sheetView workbookViewId="0"', b'<sheetView workbookViewId="0" workbookViewId="0"', 1
    )
    font = dict(entries)
    font["xl/worksheets/sheet1.xml"] = re.sub(rb' s="\d+"', b' s="99999"', entries["xl/worksheets/sheet1.xml"], count=1)  # fmt: skip
    names = dict(entries)
    names["xl/workbook.xml"] = entries["xl/workbook.xml"].replace(
        'name="Quỹ"'.encode(), 'name="Quỹ: thu/chi*"'.encode()
    )
    return {"core": broken_core, "twice": twice, "font": font, "names": names}


@pytest.mark.parametrize("kind", ["core", "twice", "font", "names"])
def test_annotate_rebuilds_a_copy_openpyxl_cannot_load(tmp_path, kind):
    source = tmp_path / f"{kind}.xlsx"
    source.write_bytes(_zip(_damaged_for_openpyxl()[kind]))
    result = run("validate", source, "--format", "json")
    assert result.exit_code in (0, 1)
    wb = _annotated(source, tmp_path)
    _assert_clean(wb)
    assert wb.sheetnames[0] == "Kết quả kiểm tra"
    members = wb["Thành viên"]
    assert members["C2"].value  # the first member, as read
    if kind == "names":
        assert "Quỹ thu chi" in wb.sheetnames


def test_control_and_bidirectional_characters_never_reach_an_annotated_copy(tmp_path):
    def edit(doc: str) -> str:
        doc = doc.replace("<is><t>CLB li", "<is><t>_x001B_\u202eCLB li\u2066", 1)
        return doc

    source = tmp_path / "controls.xlsx"
    source.write_bytes(_with_sheet("xl/worksheets/sheet1.xml", edit))
    _assert_clean(_annotated(source, tmp_path))


def _lying_entries(pads: int, size: int, *, sheet: bool = False) -> bytes:
    """The good workbook with ``pads`` extra entries that declare 100 bytes (with the CRC of
    their first 100 bytes) and inflate to ``size`` bytes each; with ``sheet``, the member
    sheet itself lies so, its XML followed by ``size`` bytes of spaces."""
    import struct
    import zlib

    entries = _entries()
    if sheet:
        entries["xl/worksheets/sheet2.xml"] += b" " * size
    lying = {"xl/worksheets/sheet2.xml"} if sheet else set()
    for k in range(pads):
        entries[f"xl/media/pad{k}.bin"] = b"\0" * size
        lying.add(f"xl/media/pad{k}.bin")
    data = bytearray(_zip(entries))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    for info in archive.infolist():
        if info.filename in lying:
            crc = zlib.crc32(entries[info.filename][:100])
            struct.pack_into("<LLL", data, info.header_offset + 14, crc, info.compress_size, 100)
    i = data.find(b"PK\x01\x02", archive.start_dir)
    while i != -1:
        name = bytes(data[i + 46 : i + 46 + struct.unpack_from("<H", data, i + 28)[0]]).decode()
        if name in lying:
            crc = zlib.crc32(entries[name][:100])
            compressed = struct.unpack_from("<L", data, i + 20)[0]
            struct.pack_into("<LLL", data, i + 16, crc, compressed, 100)
        i = data.find(b"PK\x01\x02", i + 46)
    return bytes(data)


@pytest.mark.parametrize("sheet", [False, True])
def test_zip_entries_that_lie_about_their_size_are_counted_as_they_inflate(tmp_path, plan, sheet):
    from clbtool.workbook.source import Limits

    limits = Limits(uncompressed_bytes=8 * 1024 * 1024)
    path = tmp_path / "lying.xlsx"
    # two pads of 5 MB, or a member sheet of 9 MB: past the 8 MB limit only as they inflate
    path.write_bytes(
        _lying_entries(0 if sheet else 2, (9 if sheet else 5) * 1024 * 1024, sheet=sheet)
    )
    liar = "xl/worksheets/sheet2.xml" if sheet else "xl/media/pad1.bin"
    assert zipfile.ZipFile(path).getinfo(liar).file_size == 100  # what the archive declares
    assert len(path.read_bytes()) * 1032 > limits.uncompressed_bytes  # not the small-file case
    result = read_club(path, plan, limits=limits)
    assert [f.code for f in result.findings] == ["F03"]
    assert "giải nén" in result.findings[0].message()


def test_a_cell_count_refusal_names_the_cell_limit(plan, tmp_path):
    from clbtool.workbook.source import Limits

    result = read_club(GOOD, plan, limits=Limits(sheet_cells=1000))
    assert [f.code for f in result.findings] == ["F03"]
    message = result.findings[0].message()
    assert "số ô của trang" in message and "> 1.000" in message, message


def test_temporary_files_a_killed_write_left_are_removed_at_the_next_run(tmp_path):
    import os

    out = tmp_path / "out"
    out.mkdir()
    stale, fresh = out / ".clbtool-k3j2h1ab.xlsx", out / ".clbtool-live0001.xlsx"
    for leftover in (stale, fresh):
        leftover.write_bytes(b"PK\x03\x04 half written")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    result = run("aggregate", SAMPLE_DATA / "2020" / "Son Tinh", "--out", out / "tong-hop.xlsx")
    assert result.exit_code in (0, 1), result.output
    assert (out / "tong-hop.xlsx").exists()
    assert not stale.exists()  # left by a run that was killed
    assert fresh.exists()  # perhaps another run writing now: not touched


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_parent(tmp_path):
    import os
    import signal

    data = tmp_path / "data"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "clbtool",
            "sample",
            str(data),
            "--clubs",
            "60",
            "--formats",
            "xlsx",
        ],
        check=True,
        capture_output=True,
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "clbtool", "aggregate", str(data), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: list[int] = []
    deadline = time.monotonic() + 30
    while len(children) < 2 and time.monotonic() < deadline and proc.poll() is None:
        try:
            text = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text()
        except OSError:
            text = ""
        children = [int(pid) for pid in text.split()]
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the run ended before its workers could be seen")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    alive = children
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
        time.sleep(0.05)
    assert children and not alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_a_file_that_kills_the_library_says_so_and_prints_nothing_else(tmp_path):
    """abort.xls makes python-calamine abort. It is opened in the probing child (spawned,
    as on Windows): the child's last words stay out of the user's terminal, the files after
    it are read by a new child, and the run goes on."""
    import json
    import os
    import shutil

    folder = tmp_path / "Son Tinh"
    folder.mkdir()
    shutil.copy(SAMPLE_DATA / "2019" / "Binh Son" / "clb-binh-chau.xls", folder / "a.xls")
    shutil.copy(Path(__file__).parent / "fixtures" / "hostile" / "abort.xls", folder / "b.xls")
    shutil.copy(SAMPLE_DATA / "2019" / "Binh Son" / "clb-binh-chau.xls", folder / "c.xls")
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "clbtool", "validate", str(folder), "--format", "json"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.stderr == "", proc.stderr
    files = {Path(f["path"]).name: f for f in json.loads(proc.stdout)["files"]}
    assert [f["code"] for f in files["b.xls"]["findings"]] == ["F01"]
    assert files["a.xls"]["club"]["name"] and files["c.xls"]["club"]["name"]
    assert files["a.xls"]["metrics"] == files["c.xls"]["metrics"]


def test_nan_in_an_xls_is_that_cell_s_fault(tmp_path, plan, club_factory):
    from clbtool.output.sheets import write_workbook
    from clbtool.sample import to_model

    model = to_model(club_factory())
    members = next(s for s in model.sheets if s.name == "Thành viên")
    members.cells[(1, 3)] = float("nan")  # D2, the first member's birth year
    members.cells[(2, 3)] = float("inf")
    path = tmp_path / "club.xls"
    write_workbook(model, path)
    result = read_club(path, plan)
    assert len(result.club.members) == 60
    assert sorted((f.code, f.cell) for f in result.findings) == [("V01", "D2"), ("V01", "D3")]


def test_a_date_out_of_range_in_an_xlsx_prints_no_panic(tmp_path):
    """A session's date written -1e309 (minus infinity; python-calamine's date conversion
    panics in chrono): the sheet's F01 is the only word of it, no panic text on stderr."""
    import os

    source = tmp_path / "club.xlsx"

    def huge_date(doc: str) -> str:  # the date's style (s="2") kept: the library converts it
        return re.sub(r'(<c r="A2" s="\d+" t="n"><v>)\d+(</v>)', r"\g<1>-1e309\2", doc, count=1)

    source.write_bytes(_with_sheet("xl/worksheets/sheet3.xml", huge_date))
    env = {**os.environ, "RUST_BACKTRACE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "clbtool", "validate", str(source), "--lang", "en"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode == 1 and "F01" in proc.stdout
    assert proc.stderr == "", proc.stderr


def test_a_legacy_font_named_among_unclosed_tags_does_not_stall_reading(tmp_path):
    # the fonts are read only when a legacy font is named; a file naming one among
    # thousands of unclosed tags once made each search run to the end from every opening
    entries = _entries()
    noise = random.Random(3)  # unlike bytes, so the zip-bomb ratio does not refuse the file

    def tags(template: str, n: int) -> bytes:
        return "".join(template.format(noise.getrandbits(64)) for _ in range(n)).encode()

    junk = tags('<font><name val=".VnTime{}"', 60_000) + tags('<cellXfs><xf fontId="{}"', 30_000)
    junk += tags('<si><r><rFont val=".VnTime"/><t>{}', 60_000)
    # in a comment, which the library skips and a search by tags does not
    styles = entries["xl/styles.xml"]
    entries["xl/styles.xml"] = styles.replace(b"<fonts", b"<!--" + junk + b"--><fonts", 1)
    path = tmp_path / "unclosed-fonts.xlsx"
    path.write_bytes(_zip(entries))
    assert _read_in_child(path, "len(r.club.members)", 60) == [str(_members_in_good())]


def test_a_legacy_cell_beyond_the_grid_of_an_xlsx_is_not_marked():
    # a damaged .xls held a .VnTime cell in column 50,001: the annotated copy (an .xlsx,
    # at most 16,384 columns) once stopped on it
    from types import SimpleNamespace

    from openpyxl import Workbook

    from clbtool.output.annotate import _mark_legacy
    from clbtool.workbook.cells import Reencoded

    ws = Workbook().active
    cells = [Reencoded("S", 3, 50_000, "TCVN3", "Nguyễn"), Reencoded("S", 4, 1, "TCVN3", "Lan")]
    lines = _mark_legacy({"S": ws}, SimpleNamespace(result=SimpleNamespace(reencoded=cells)), "vi")
    assert lines == [("S", "1 ô TCVN3: cột B dòng 4")]
    assert "Lan" in ws["B4"].comment.text

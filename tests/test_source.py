"""Files that are not good workbooks: each gives its F finding, never an exception."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clbtool.workbook.reader import read_club
from clbtool.workbook.source import Limits


def codes(result):
    return [f.code for f in result.findings]


@pytest.fixture
def good(club_factory, write):
    return write(club_factory())


def test_zero_bytes(tmp_path, plan):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    result = read_club(path, plan)
    assert codes(result) == ["F01"] and result.club is None
    assert "0 byte" in result.findings[0].message()


def test_truncated_workbook(tmp_path, plan, good):
    data = good.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert codes(read_club(path, plan)) == ["F01"]


def test_random_bytes(tmp_path, plan):
    path = tmp_path / "noise.xlsx"
    path.write_bytes(os.urandom(4096))
    assert codes(read_club(path, plan)) == ["F01"]


def test_csv_named_xlsx(tmp_path, plan):
    path = tmp_path / "list.xlsx"
    path.write_text("Họ và tên,Năm sinh\nNguyễn Thị Lan,1950\n", "utf-8")
    result = read_club(path, plan)
    assert codes(result) == ["F01"]
    assert "CSV" in result.findings[0].message()


def test_html_saved_as_xls(tmp_path, plan):
    path = tmp_path / "export.xls"
    path.write_text("<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>", "utf-8")
    result = read_club(path, plan)
    assert codes(result) == ["F01"] and "HTML" in result.findings[0].message()


def test_xlsx_named_xls_is_read_by_its_content(tmp_path, plan, good):
    path = tmp_path / "misnamed.xls"
    path.write_bytes(good.read_bytes())
    result = read_club(path, plan)
    assert result.club is not None and codes(result) == []


def test_empty_workbook(tmp_path, plan):
    from openpyxl import Workbook

    path = tmp_path / "blank.xlsx"
    Workbook().save(path)
    result = read_club(path, plan)
    assert codes(result) == ["F01"] and "trống" in result.findings[0].message()


def test_password_protected_xlsx(tmp_path, plan, good):
    from msoffcrypto.format.ooxml import OOXMLFile

    locked = tmp_path / "locked.xlsx"
    with open(good, "rb") as src, open(locked, "wb") as dst:
        OOXMLFile(src).encrypt("bí mật", dst)
    result = read_club(locked, plan)
    assert codes(result) == ["F02"]
    assert "--password" in result.findings[0].message()
    wrong = read_club(locked, plan, password="sai")
    assert codes(wrong) == ["F02"] and wrong.findings[0].variant == "wrong"
    opened = read_club(locked, plan, password="bí mật")
    assert codes(opened) == [] and len(opened.club.members) == 60


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_bomb_by_ratio(tmp_path, plan):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(
        _zip(
            {"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (50 * 1024 * 1024)}
        )
    )
    assert path.stat().st_size < 200_000
    result = read_club(path, plan)
    assert codes(result) == ["F03"]
    assert "tỷ lệ nén" in result.findings[0].message()


def test_zip_bomb_by_entry_count(tmp_path, plan):
    path = tmp_path / "many.xlsx"
    path.write_bytes(
        _zip({"[Content_Types].xml": b"<x/>", **{f"xl/f{i}.xml": b"" for i in range(3000)}})
    )
    result = read_club(path, plan)
    assert codes(result) == ["F03"]
    assert "số mục" in result.findings[0].message()


def test_zip_bomb_by_total_size(tmp_path, plan):
    limits = Limits(uncompressed_bytes=1_000_000, ratio=10_000)
    path = tmp_path / "big.xlsx"
    path.write_bytes(
        _zip(
            {
                "[Content_Types].xml": b"<x/>",
                "xl/a.xml": os.urandom(600_000),
                "xl/b.xml": os.urandom(600_000),
            }
        )
    )
    assert codes(read_club(path, plan, limits=limits)) == ["F03"]


def test_sizes_that_lie_are_caught_while_inflating(tmp_path, plan):
    """An entry that says it is small but inflates past its word: stopped, never trusted."""
    data = bytearray(_zip({"[Content_Types].xml": b"<x/>", "xl/a.xml": b"A" * 5_000_000}))
    # rewrite the declared uncompressed size (local header and central directory) to 100 bytes
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            name_len = int.from_bytes(
                data[
                    pos + (26 if sig == b"PK\x03\x04" else 28) : pos
                    + (28 if sig == b"PK\x03\x04" else 30)
                ],
                "little",
            )
            name = data[
                pos + (30 if sig == b"PK\x03\x04" else 46) : pos
                + (30 if sig == b"PK\x03\x04" else 46)
                + name_len
            ]
            if name == b"xl/a.xml":
                data[pos + offset : pos + offset + 4] = (100).to_bytes(4, "little")
            start = pos + 4
    path = tmp_path / "liar.xlsx"
    path.write_bytes(bytes(data))
    assert codes(read_club(path, plan))[0] in ("F01", "F03")
    # with a limit below what this file could inflate to, the streaming check itself runs
    small = Limits(uncompressed_bytes=1_000_000)
    assert len(data) * 1032 > small.uncompressed_bytes
    assert codes(read_club(path, plan, limits=small))[0] in ("F01", "F03")


def test_streaming_check_stops_at_the_real_size(tmp_path, plan):
    """Honest sizes over the limit in all: refused (F03); under it: read on."""
    path = tmp_path / "big.xlsx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<x/>", "xl/a.xml": b"A" * 3_000_000}))
    limits = Limits(uncompressed_bytes=10_000_000, ratio=10_000_000)
    assert codes(read_club(path, plan, limits=limits)) != ["F03"]  # under the limit: read on
    limits = Limits(uncompressed_bytes=2_000_000, ratio=10_000_000)
    assert codes(read_club(path, plan, limits=limits)) == ["F03"]


def test_file_over_the_size_limit(tmp_path, plan, good):
    assert codes(read_club(good, plan, limits=Limits(file_bytes=1000))) == ["F03"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_file_without_a_known_size_is_read_only_up_to_the_limit(tmp_path, plan, good):
    """A pipe (or a file system that reports no size) says 0 bytes: the reading itself
    stops one byte past the limit, whatever follows."""
    import threading

    path = tmp_path / "pipe.xlsx"
    os.mkfifo(path)
    data = good.read_bytes() + b"\0" * 100_000
    written: list[int] = []

    def writer() -> None:
        try:
            with open(path, "wb", buffering=0) as pipe:
                for i in range(0, len(data), 1000):
                    pipe.write(data[i : i + 1000])
                    written.append(i + 1000)
        except BrokenPipeError:  # the reader has stopped: what it should do
            pass

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    result = read_club(path, plan, limits=Limits(file_bytes=5000))
    thread.join(10)
    assert codes(result) == ["F03"]
    assert max(written) < len(data)  # the reader stopped before the writer was done


def test_a_folder_named_like_a_workbook(tmp_path, plan):
    path = tmp_path / "clb.xlsx"
    path.mkdir()
    result = read_club(path, plan)
    assert codes(result) == ["F01"] and result.club is None


def test_encrypted_ods(tmp_path, plan):
    manifest = b"<manifest:manifest><manifest:file-entry><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
    path = tmp_path / "locked.ods"
    path.write_bytes(
        _zip(
            {
                "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "META-INF/manifest.xml": manifest,
                "content.xml": os.urandom(100),
            }
        )
    )
    result = read_club(path, plan)
    assert codes(result) == ["F02"] and result.findings[0].variant == "unsupported"


def test_input_files_are_never_modified(tmp_path, plan, good):
    before = good.read_bytes()
    mtime = good.stat().st_mtime_ns
    read_club(good, plan)
    assert good.read_bytes() == before and good.stat().st_mtime_ns == mtime


# --- the copy the library reads: sheets stored, not inflated twice -------------------------------
def _library_view(data: bytes):
    """What python-calamine gives for every sheet: names, visibility, cells, merged ranges."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    sheets = [book.get_sheet_by_name(name) for name in book.sheet_names]
    return (
        book.sheet_names,
        [str(m.visible) for m in book.sheets_metadata],
        [s.to_python(skip_empty_area=False) for s in sheets],
        [s.merged_cell_ranges for s in sheets],
    )


def _stored(data: bytes):
    from clbtool.workbook.source import DEFAULT_LIMITS, _check_allocations, _stored_copy

    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    return _stored_copy(data, infos, _check_allocations(data, infos, DEFAULT_LIMITS))


def test_the_stored_copy_reads_exactly_as_the_file(tmp_path):
    from conftest import SAMPLE_DATA

    files = [p for p in sorted(SAMPLE_DATA.rglob("*.xlsx")) if zipfile.is_zipfile(p)]
    assert len(files) >= 10
    for path in files:
        data = path.read_bytes()
        copy = _stored(data)
        assert copy is not None and len(copy) > len(data), path  # sheets stored, not deflated
        with zipfile.ZipFile(io.BytesIO(copy)) as archive:
            assert archive.testzip() is None  # every checksum holds
            assert all(
                i.compress_type == zipfile.ZIP_STORED
                for i in archive.infolist()
                if i.filename.startswith("xl/worksheets/")
            )
        assert _library_view(copy) == _library_view(data), path


def test_an_archive_with_extra_fields_is_read_as_it_is(good):
    # extra fields (timestamps, Unicode names) are not carried over: such a file is not copied
    entries = {}
    with zipfile.ZipFile(good) as archive:
        for info in archive.infolist():
            entries[info.filename] = archive.read(info)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 1, 8, 30, 0))
            info.extra = b"UT\x05\x00\x01\x00\x00\x00\x00"  # an extended timestamp
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, body)
    assert _stored(buf.getvalue()) is None
    assert _stored(good.read_bytes()) is not None


# merged ranges moved ahead of the cells: python-calamine must read the very same thing
_MERGES = '<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="D4:E4"/></mergeCells>'
_OTHER = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>'


def _after_cells(extra: str):
    return lambda doc: doc.replace("</sheetData>", "</sheetData>" + extra, 1)


MERGE_LAYOUTS = {
    "none": lambda doc: doc,
    "after the cells": _after_cells(_MERGES),
    "two blocks": _after_cells(_MERGES + _OTHER),  # the library reads the first only
    "a comment first": _after_cells(f"<!-- {_OTHER} -->" + _MERGES),
    "already ahead": lambda doc: doc.replace("<sheetData>", _MERGES + "<sheetData>", 1),
    "prefixed": _after_cells(
        '<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:mergeCell ref="A1:C1"/></x:mergeCells>'
    ),
    "one in the cells": lambda doc: (
        doc.replace("</row>", "<mergeCells><mergeCell ref='F9:G9'/></mergeCells></row>", 1) + ""
    ),
    "the word in a cell": lambda doc: doc.replace("<t>", "<t>mergeCells ", 1).replace(
        "</sheetData>", "</sheetData>" + _MERGES, 1
    ),
}


@pytest.mark.parametrize("layout", sorted(MERGE_LAYOUTS))
def test_merged_ranges_read_the_same_from_the_copy(layout):
    from conftest import SAMPLE_DATA

    path = SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx"
    with zipfile.ZipFile(path) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    sheet = "xl/worksheets/sheet2.xml"
    entries[sheet] = MERGE_LAYOUTS[layout](entries[sheet].decode()).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    data = buf.getvalue()
    copy = _stored(data)
    assert copy is not None
    assert _library_view(copy) == _library_view(data)


def test_merged_ranges_are_moved_only_when_plain():
    from clbtool.workbook.source import _merges_first

    doc = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>{}</worksheet>'
    moved = _merges_first(doc.format(_MERGES).encode())
    assert moved == doc.replace("<sheetData>", _MERGES + "<sheetData>").format("").encode()
    assert _merges_first(doc.format("").encode()).startswith(
        b'<worksheet><mergeCells count="0"></mergeCells><sheetData>'
    )
    assert _merges_first(doc.format(f"<!-- x -->{_MERGES}").encode()) is None
    assert _merges_first(doc.format("<x:mergeCells/>").encode()) is None


_SNIPPETS = [
    '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
    '<mergeCells><mergeCell ref="C3:D4"/><mergeCell ref="E5:F5"/></mergeCells>',
    "<!-- <mergeCells><mergeCell ref='A1:Z1'/></mergeCells> -->",
    '<mergeCell ref="G1:H1"/>',
    '<x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<x:mergeCell ref="A2:C2"/></x:mergeCells>',
    '<mergeCells count="0"/>',
    '<c r="B2" t="inlineStr"><is><t>mergeCells</t></is></c>',
    "<![CDATA[<mergeCells><mergeCell ref='A1:B1'/></mergeCells>]]>",
]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(_SNIPPETS)), min_size=1, max_size=3)
)
def test_any_sheet_the_library_reads_it_reads_the_same_from_the_copy(edits):
    # merged-range blocks, comments, prefixes and lookalike text dropped between any two tags
    from conftest import SAMPLE_DATA

    path = SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx"
    with zipfile.ZipFile(path) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    doc = entries["xl/worksheets/sheet2.xml"].decode()
    for at, snippet in edits:
        cuts = [i + 1 for i, ch in enumerate(doc) if ch == ">"]
        cut = cuts[at % len(cuts)]
        doc = doc[:cut] + snippet + doc[cut:]
    entries["xl/worksheets/sheet2.xml"] = doc.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            archive.writestr(name, body)
    data = buf.getvalue()
    try:
        want = _library_view(data)
    except Exception:  # the insertions broke the XML: the library refuses the copy as well
        with pytest.raises(Exception):  # noqa: B017, PT011
            _library_view(_stored(data))
        return
    assert _library_view(_stored(data)) == want


def _rezip(streamed: bool, zip64: bool) -> bytes:
    """The sample workbook written again: streamed (sizes in data descriptors after each entry,
    as writers that cannot seek do) or with ZIP64 headers."""
    from conftest import SAMPLE_DATA

    path = SAMPLE_DATA / "2020" / "Son Tinh" / "clb-tinh-khe.xlsx"
    with zipfile.ZipFile(path) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}

    class Stream(io.RawIOBase):  # no seek: zipfile writes data descriptors
        def __init__(self):
            self.data = bytearray()

        def writable(self):
            return True

        def write(self, b):
            self.data += b
            return len(b)

    out = Stream() if streamed else io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in entries.items():
            with archive.open(name, "w", force_zip64=zip64) as entry:
                entry.write(body)
    return bytes(out.data) if streamed else out.getvalue()


@pytest.mark.parametrize(("streamed", "zip64"), [(True, False), (False, True), (True, True)])
def test_other_zip_writers_read_the_same_from_the_copy(streamed, zip64):
    data = _rezip(streamed, zip64)
    if streamed:
        assert all(i.flag_bits & 0x8 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    copy = _stored(data)
    assert copy is None or _library_view(copy) == _library_view(data)

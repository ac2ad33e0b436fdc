"""sample_data/ gives exactly the findings its README lists."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_DATA

from clbtool.validate import validate_file
from clbtool.workbook.files import collect


def expected_findings() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for line in (SAMPLE_DATA / "README.md").read_text("utf-8").splitlines():
        m = re.match(r"^\| `([^`]+)` \| (\w\d\d) \|\s*(\w*\d*)\s*\| (.+?) \|$", line)
        if m:
            table.setdefault(m.group(1), []).append((m.group(2), m.group(3), m.group(4)))
    return table


EXPECTED = expected_findings()
FILES, SKIPPED, _ = collect([SAMPLE_DATA])


def test_the_readme_table_was_read():
    assert sum(len(v) for v in EXPECTED.values()) == 12


def test_lock_files_and_notes_are_skipped():
    assert sorted(p.name for p in (s.path for s in SKIPPED)) == [
        "README.md",
        "ghi-chu.txt",
        "~$clb-tinh-khe.xlsx",
    ]
    assert len(FILES) == 22


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SAMPLE_DATA)))
def test_each_file_gives_the_listed_findings(plan, path):
    rel = str(path.relative_to(SAMPLE_DATA))
    report = validate_file(path, plan)
    got = sorted((f.code, f.cell or "") for f in report.findings)
    want = sorted((code, cell) for code, cell, _ in EXPECTED.get(rel, []))
    assert got == want
    for code, cell, snippet in EXPECTED.get(rel, []):
        finding = next(f for f in report.findings if f.code == code and (f.cell or "") == cell)
        assert snippet in finding.message()


def test_sample_data_is_what_the_demo_command_writes(plan, tmp_path):
    from test_reader import records

    from clbtool.sample import write_demo_province
    from clbtool.workbook.reader import read_club

    written = write_demo_province(tmp_path, plan)
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == sorted(
        str(p.relative_to(SAMPLE_DATA)) for p in FILES
    )
    for path in written:
        committed = SAMPLE_DATA / path.relative_to(tmp_path)
        assert records(read_club(path, plan).club) == records(read_club(committed, plan).club)

"""Which files a folder gives: what `validate` and `aggregate` read and what they list as skipped."""

import os

import pytest

from clbtool.workbook.files import collect


def _touch(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")


def test_folders_are_searched_and_the_rest_is_listed(tmp_path):
    for name in [
        "Ba To/clb-1.xlsx",
        "Ba To/Xa B/clb-2.ods",
        "Ba To/~$clb-1.xlsx",  # Office lock file
        "Ba To/.clb-3.xlsx",  # hidden file
        "Ba To/ghi-chu.txt",
        "Ba To/.sao-luu/clb-1.xlsx",  # inside a hidden folder: not even listed
        ".git/objects/x.xlsx",
        "Duc Pho/clb-4.XLS",
        "Duc Pho/clb-4.kiem-tra.xlsx",  # clbtool's own annotated copy
    ]:
        _touch(tmp_path / name)
    files, skipped, missing = collect([tmp_path, tmp_path / "khong-co"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "Ba To/Xa B/clb-2.ods",
        "Ba To/clb-1.xlsx",
        "Duc Pho/clb-4.XLS",
    ]
    assert sorted(s.path.relative_to(tmp_path).as_posix() for s in skipped) == [
        "Ba To/.clb-3.xlsx",
        "Ba To/ghi-chu.txt",
        "Ba To/~$clb-1.xlsx",
        "Duc Pho/clb-4.kiem-tra.xlsx",
    ]
    assert missing == [tmp_path / "khong-co"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_links_to_files_are_read_links_to_folders_are_not_followed(tmp_path):
    _touch(tmp_path / "data" / "Ba To" / "clb-1.xlsx")
    _touch(tmp_path / "elsewhere" / "clb-9.xlsx")
    try:
        (tmp_path / "data" / "Ba To" / "clb-9.xlsx").symlink_to(
            tmp_path / "elsewhere" / "clb-9.xlsx"
        )
        (tmp_path / "data" / "loop").symlink_to(tmp_path / "data")  # would count every club twice
    except OSError:
        pytest.skip("symbolic links are not allowed here")
    files, skipped, _ = collect([tmp_path / "data"])
    assert [p.name for p in files] == ["clb-1.xlsx", "clb-9.xlsx"] and skipped == []


def test_a_file_named_explicitly_is_always_read(tmp_path):
    _touch(tmp_path / "ghi-chu.txt")
    files, skipped, _ = collect([tmp_path / "ghi-chu.txt"])
    assert files == [tmp_path / "ghi-chu.txt"] and skipped == []

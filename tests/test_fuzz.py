"""The fuzzing harness (bench/fuzz.py) on a fixed-seed slice: every damaged workbook ends in
a finding and exit 0 or 1, no traceback or panic, inputs unchanged, outputs clean, summaries
read back the same, each case under 3 s and 400 MB. CLBTOOL_FUZZ_CASES=5000 runs more."""

from __future__ import annotations

import os
import sys

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

CASES = int(os.environ.get("CLBTOOL_FUZZ_CASES", "200"))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks a process per case")
def test_a_fixed_slice_of_damaged_workbooks():
    report = fuzz.run_cases(CASES, seed=1, jobs=2)
    assert report["failures"] == {}, report["examples"]
    assert sum(report["damage"].values()) == CASES
    assert len(report["damage"]) == 5  # every kind of damage was tried
    assert report["worst_seconds"] < fuzz.MOST_SECONDS and report["worst_mb"] < fuzz.MOST_MB


def test_damage_is_real_and_repeatable():
    import random

    one = [fuzz.mutate(random.Random(4), src) for src in fuzz.SOURCES[:6]]
    two = [fuzz.mutate(random.Random(4), src) for src in fuzz.SOURCES[:6]]
    assert one == two
    assert all(data != src.read_bytes() for (_, data), src in zip(one, fuzz.SOURCES, strict=False))

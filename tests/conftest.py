"""Shared fixtures: the plan, and clubs built in code and written in any format/layout."""

from __future__ import annotations

import dataclasses
import random
import shutil
from pathlib import Path

import pytest

from clbtool.plan import load_plan
from clbtool.sample import make_club, write_club

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
HAS_LIBREOFFICE = shutil.which("soffice") is not None


@pytest.fixture(scope="session")
def plan():
    return load_plan()


@pytest.fixture
def club_factory(plan):
    """make(**counts) -> a SampleClub for 2020 that meets the plan unless counts say otherwise."""

    def make(seed: int = 7, **counts):
        counts.setdefault("year", 2020)
        counts.setdefault("district", "Sơn Tịnh")
        counts.setdefault("code", "STI-01")
        return make_club(random.Random(seed), plan, **counts)

    return make


@pytest.fixture
def write(tmp_path):
    """write(club, name="club.xlsx", layout="canonical") -> Path in a fresh folder."""

    def _write(club, name: str = "club.xlsx", layout: str = "canonical") -> Path:
        return write_club(club, tmp_path / name, layout)

    return _write


def records(club) -> dict:
    """The club as read, without the places (row numbers differ between layouts)."""

    def strip(obj):
        data = dataclasses.asdict(obj)
        data.pop("place", None)
        return data

    return {
        "info": (
            club.name,
            club.code,
            club.hamlet,
            club.commune,
            club.district,
            club.province,
            club.founded,
            club.year,
            club.period,
            club.chair,
            club.fund_opening,
        ),
        "members": [strip(m) for m in club.members],
        "activities": [strip(a) for a in club.activities],
        "loans": [strip(loan) for loan in club.loans],
        "visits": [strip(v) for v in club.visits],
        "fund": [strip(e) for e in club.fund],
    }

"""The plan file: every threshold, unit, activity area and target the plan sets, as data."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from clbtool.text import fold

BUILTIN_PLANS = ("quang-ngai-2018-2020", "national-2021-2025")
DEFAULT_PLAN = BUILTIN_PLANS[0]

# Words offices put before a unit's name: "Huyện Bình Sơn", "TP. Quảng Ngãi", "Xã Tịnh Khê".
_UNIT_PREFIXES = ("huyen ", "thi xa ", "thanh pho ", "tp ", "tx ", "xa ", "phuong ", "thi tran ")


class PlanError(Exception):
    """The plan file cannot be found or read; the message says why, in Vietnamese."""


# shares are compared as the plan states them (70%): a hair of float error must not fail 42/60
_EPSILON = 1e-9


@dataclass(frozen=True)
class Share:
    min: float
    aim: float | None
    section: str

    def meets_min(self, count: int, total: int) -> bool:
        """At least the plan's minimum share (an empty club meets none)."""
        return total > 0 and count / total >= self.min - _EPSILON

    def above_aim(self, count: int, total: int) -> bool:
        """Above the share the plan aims at (not a fault; information)."""
        return self.aim is not None and total > 0 and count / total > self.aim + _EPSILON


_UNIT_PREFIX = re.compile(
    r"^(tp\.?|thành phố|tx\.?|thị xã|huyện|quận|xã|phường|thị trấn)\s+", re.IGNORECASE
)
_PREFIX_WORD = {"tp": "thành phố", "tx": "thị xã"}


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    short: str
    en: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        return (self.code, self.name, self.short, *self.aliases)


@dataclass(frozen=True)
class Unit:
    name: str
    code: str = ""
    aliases: tuple[str, ...] = ()
    rollout: int | None = None
    until: dt.date | None = None
    merged_into: str | None = None
    title: str = ""  # how a document names it: "thành phố Quảng Ngãi", "huyện Ba Tơ"

    def exists_in(self, year: int) -> bool:
        return self.until is None or self.until.year >= year


@dataclass(frozen=True)
class Target:
    year: int
    clubs: int
    units: int
    section: str


@dataclass
class Plan:
    id: str
    title: str
    short_title: str
    province: str
    first_year: int
    last_year: int
    unit_level: str
    older_age: int
    age_section: str
    members_min: int
    members_max: int
    members_section: str
    shares: dict[str, Share]
    volunteers_min: int
    volunteers_section: str
    health_knowledge_share: float
    health_section: str
    areas: list[Area]
    units: list[Unit]
    targets: dict[int, Target]
    report: dict
    source: str
    _area_index: dict[str, str] = field(default_factory=dict, repr=False)
    _unit_index: dict[str, Unit] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for area in self.areas:
            for name in area.names():
                self._area_index.setdefault(fold(name), area.code)
        for unit in self.units:
            for name in (unit.name, unit.code, *unit.aliases):
                if name:
                    self._unit_index.setdefault(_fold_unit(name), unit)

    def size_ok(self, members: int) -> bool:
        """Within the plan's bounds on a club's active members (50-70)."""
        return self.members_min <= members <= self.members_max

    def volunteers_ok(self, volunteers: int) -> bool:
        return volunteers >= self.volunteers_min

    def area_code(self, text: str) -> str | None:
        """The area code that ``text`` names (a code, the plan's words or a short name)."""
        return self._area_index.get(fold(text))

    def area(self, code: str) -> Area:
        return next(a for a in self.areas if a.code == code)

    def all_area_names(self) -> list[str]:
        return [name for area in self.areas for name in area.names()]

    def unit(self, text: str) -> Unit | None:
        """The unit ``text`` names, old names and prefixes ("Huyện ...") accepted."""
        unit = self._unit_index.get(_fold_unit(text))
        if unit and unit.merged_into:
            return self._unit_index.get(_fold_unit(unit.merged_into), unit)
        return unit

    def unit_title(self, name: str) -> str:
        """How a document names a unit: "huyện Ba Tơ", "thành phố Quảng Ngãi", "thị xã Đức
        Phổ" (the plan's ``title``, else the unit level's word before the name)."""
        unit = self.unit(name)
        if unit is not None and unit.title:
            return unit.title
        found = _UNIT_PREFIX.match(name)
        if found:
            word = found.group(1).lower().rstrip(".")
            return f"{_PREFIX_WORD.get(word, word)} {name[found.end() :]}"
        return f"{'huyện' if self.unit_level == 'district' else 'xã'} {name}"

    def expected_units(self, year: int) -> list[Unit]:
        """Units the plan expects a report from in ``year``."""
        return [
            u
            for u in self.units
            if u.rollout is not None and u.rollout <= year and u.exists_in(year)
        ]

    def target(self, year: int) -> Target | None:
        return self.targets.get(year)


def _fold_unit(name: str) -> str:
    folded = fold(name)
    for prefix in _UNIT_PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def load_plan(name_or_path: str | Path | None = None) -> Plan:
    """Load a built-in plan by name, or a user's TOML plan file by path."""
    name = str(name_or_path or DEFAULT_PLAN)
    if name in BUILTIN_PLANS:
        text = resources.files("clbtool.plans").joinpath(f"{name}.toml").read_text("utf-8")
        source = f"built-in:{name}"
    else:
        path = Path(name)
        if not path.is_file():
            raise PlanError(
                f"Không tìm thấy kế hoạch '{name}'. Dùng một trong: {', '.join(BUILTIN_PLANS)}, "
                "hoặc đường dẫn tới tệp .toml"
            )
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise PlanError(f"Không đọc được tệp kế hoạch {path}: {exc}") from exc
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"Tệp kế hoạch {source} sai cú pháp TOML: {exc}") from exc
    try:
        return _build(data, source)
    except (KeyError, TypeError, ValueError) as exc:
        raise PlanError(f"Tệp kế hoạch {source} thiếu hoặc sai mục {exc}") from exc


def _build(data: dict, source: str) -> Plan:
    shares = {
        key: Share(
            float(v["min"]), float(v["aim"]) if "aim" in v else None, str(v.get("section", ""))
        )
        for key, v in data["shares"].items()
    }
    for needed in ("older", "women", "poor"):
        if needed not in shares:
            raise KeyError(f"shares.{needed}")
    areas = [
        Area(
            a["code"],
            a["name"],
            a.get("short", a["name"]),
            a.get("en", a["name"]),
            tuple(a.get("aliases", ())),
        )
        for a in data["areas"]
    ]
    units = []
    for u in data.get("units", []):
        until = u.get("until")
        if isinstance(until, str):
            until = dt.date.fromisoformat(until)
        units.append(
            Unit(
                u["name"],
                u.get("code", ""),
                tuple(u.get("aliases", ())),
                u.get("rollout"),
                until,
                u.get("merged_into"),
                str(u.get("title", "")),
            )
        )
    targets = {
        int(t["year"]): Target(
            int(t["year"]), int(t["clubs"]), int(t.get("units", 0)), str(t.get("section", ""))
        )
        for t in data.get("targets", [])
    }
    return Plan(
        id=data["id"],
        title=data["title"],
        short_title=data.get("short_title", data["title"]),
        province=data.get("province", ""),
        first_year=int(data["first_year"]),
        last_year=int(data["last_year"]),
        unit_level=data.get("unit_level", "district"),
        older_age=int(data["age"]["older"]),
        age_section=str(data["age"].get("section", "")),
        members_min=int(data["members"]["min"]),
        members_max=int(data["members"]["max"]),
        members_section=str(data["members"].get("section", "")),
        shares=shares,
        volunteers_min=int(data["volunteers"]["min"]),
        volunteers_section=str(data["volunteers"].get("section", "")),
        health_knowledge_share=float(data.get("health", {}).get("knowledge_share", 1.0)),
        health_section=str(data.get("health", {}).get("section", "")),
        areas=areas,
        units=units,
        targets=targets,
        report=dict(data.get("report", {})),
        source=source,
    )


@functools.lru_cache(maxsize=4)
def worker_plan(name: str) -> Plan:
    """The plan by name or path, parsed once per process (a worker reads many files)."""
    return load_plan(name)

"""Clubs → units → province: totals, duplicates, missing reports and targets.

Inputs mix freely: club workbooks, folders of them, folders of unit folders, a data root
with year folders, and the summary workbooks that `aggregate --out` writes. Files are read
in parallel; only per-club metrics (counts, never names) cross the process boundary.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from clbtool.findings import Finding, finding
from clbtool.i18n import Pct, Txt
from clbtool.metrics import COUNT_KEYS, RECORDED_FROM, compliance, share
from clbtool.parallel import run_all
from clbtool.plan import Plan, worker_plan
from clbtool.rules.catalogue import ERROR, WARNING
from clbtool.text import capital, fold
from clbtool.workbook.files import collect, year_of_folder
from clbtool.workbook.source import is_library_error, library_quiet

SUMMARY_SHEET = "Tổng hợp"
DETAIL_SHEET = "Chi tiết CLB"
TARGET_SHEET = "Chỉ tiêu"
SKIPPED_SHEET = "Tệp bỏ qua"
COMPOSITION_RULES = ("C01", "C02", "C03", "C04", "C05")
_YEAR_DIR = re.compile(r"^(19|20)\d\d$")


@dataclass
class ClubEntry:
    """One club as it enters the totals (from its workbook or from a summary's row)."""

    path: str
    source: str  # "club" or "summary"
    name: str | None
    code: str | None
    commune: str | None
    district: str | None
    year: int | None
    period: str
    valid: bool
    errors: int
    warnings: int
    failed: list[str]  # codes of the error findings
    metrics: dict
    unit: str = ""
    duplicate_of: str | None = None

    def key(self) -> tuple:
        """Same Mã CLB, or same name and commune: the same club."""
        if self.code:
            return ("code", fold(self.code))
        return ("name", fold(self.name or ""), fold(self.commune or ""))


@dataclass
class UnitTotals:
    name: str
    totals: dict
    clubs: list[ClubEntry] = field(default_factory=list)


@dataclass
class Aggregate:
    year: int | None
    units: list[UnitTotals]
    totals: dict
    findings: list[Finding]
    targets: dict
    skipped: list[tuple[str, Txt]]
    duplicates: list[ClubEntry]
    root: Path | None = None
    unreadable: list[str] = field(default_factory=list)  # workbooks that could not be counted
    years: tuple[int, ...] = ()  # a period of several years (`aggregate --years`), else empty
    scope: str = "province"  # "unit": the input was one unit's folder, judged as that unit
    files: int = 0  # spreadsheets found (0: nothing to add up, an error for the command line)

    @property
    def label(self) -> str:
        """ "2020", or "2018-2020" for a period; "" when no year is known."""
        if len(self.years) > 1:
            return f"{self.years[0]}-{self.years[-1]}"
        return str(self.year or "")


# --- reading ----------------------------------------------------------------------------------------------
def _read_file(args: tuple) -> list[dict] | dict:
    """Worker: one file → club entries as plain dicts (picklable, no member data).
    ``args``: path, plan, period, year, the path shown, and optionally ``identity``: only who
    the club is and whether it would be counted (no counts, no rules: for another year)."""
    path, plan_name, period, year, shown, *rest = args
    identity = bool(rest and rest[0])
    plan = worker_plan(plan_name)
    from clbtool.validate import validate_file

    report = validate_file(
        Path(path), plan, year=year, period=period, display_path=shown, identity_only=identity
    )
    if any(f.code == "S01" for f in report.findings) and is_summary_workbook(Path(path)):
        try:  # not a club's workbook but a summary that `aggregate --out` wrote
            return [e.__dict__ for e in read_summary(Path(path), plan, shown)]
        except BaseException as exc:  # a damaged summary is listed, not fatal
            if not is_library_error(exc):
                raise
            return {
                "path": shown,
                "problem": "bảng tổng hợp bị hỏng, không đọc được",
                "problem_en": f"a damaged summary workbook ({type(exc).__name__}: {exc})"[:200],
            }
    club = report.club
    problem = next((f for f in report.findings if f.code[0] in "FS" and f.severity == ERROR), None)
    if (
        club is None
        or "members" not in club.sheets
        or (problem is not None and problem.code in ("F01", "F02", "F03", "S01", "S02"))
    ):
        reason = problem.message("vi") if problem else "không đọc được"
        reason_en = problem.message("en") if problem else "unreadable"
        return {"path": shown, "problem": reason, "problem_en": reason_en}
    entry = ClubEntry(
        path=shown, source="club", name=club.name, code=club.code, commune=club.commune,
        district=club.district, year=club.year, period=club.period, valid=report.valid,
        errors=report.count(ERROR), warnings=report.count(WARNING),
        failed=sorted({f.code for f in report.findings if f.severity == ERROR}), metrics=report.metrics or {},
    )  # fmt: skip
    return [entry.__dict__]


def is_summary_workbook(path: Path) -> bool:
    """A workbook that `aggregate --out` wrote: it has the "Chi tiết CLB" sheet."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods", ".xls"):
        return False
    try:
        from python_calamine import CalamineWorkbook

        names = CalamineWorkbook.from_path(str(path)).sheet_names
    except BaseException as exc:
        if not is_library_error(exc):
            raise
        return False
    return fold(DETAIL_SHEET) in {fold(n) for n in names} and fold(SUMMARY_SHEET) in {
        fold(n) for n in names
    }


def _detail_columns(plan: Plan) -> list[tuple[str, str]]:
    """(metric key, header) of the per-club sheet, in order; nested keys use a dot."""
    cols = list(METRIC_HEADERS.items())
    cols += [(f"sessions_by_area.{a.code}", f"Hoạt động {a.code}") for a in plan.areas]
    cols += [(f"fund_in_by_source.{k}", f"Thu: {v}") for k, v in FUND_SOURCE_NAMES.items()]
    return cols


METRIC_HEADERS = {
    "members": "Thành viên", "older": "Người cao tuổi", "women": "Phụ nữ",
    "poor": "Nghèo, cận nghèo, khó khăn", "poor_households": "Hộ nghèo", "near_poor": "Hộ cận nghèo",
    "difficult": "Hoàn cảnh khó khăn", "alone": "NCT cô đơn", "volunteers": "Tình nguyện viên",
    "arts": "Tổ văn nghệ", "health_insurance": "Có thẻ BHYT", "checkups": "Khám sức khỏe định kỳ",
    "health_knowledge": "Được truyền thông sức khỏe", "needs_capital": "Cần vốn",
    "capital_met": "Được vay hoặc kết nối vay", "sessions": "Số buổi hoạt động",
    "participants": "Lượt người tham gia", "loans": "Số khoản vay", "loan_amount": "Số tiền cho vay (đ)",
    "loans_outstanding": "Dư nợ (đ)", "borrowers": "Số người vay", "home_visits": "Lượt chăm sóc tại nhà",
    "fund_in": "Tổng thu quỹ (đ)", "fund_out": "Tổng chi quỹ (đ)",
}  # fmt: skip
FUND_SOURCE_NAMES = {
    "members": "Hội viên", "fundraising": "Gây quỹ", "donors": "Tổ chức, cá nhân", "budget": "Ngân sách",
    "elderly_fund": "Quỹ NCT", "international": "Quốc tế", "other": "Khác",
}  # fmt: skip
IDENTITY_HEADERS = {
    "unit": "Đơn vị", "commune": "Xã/Phường/Thị trấn", "name": "Tên CLB", "code": "Mã CLB", "year": "Năm báo cáo",
    "period": "Kỳ", "path": "Tệp", "valid": "Đạt (không có lỗi)", "errors": "Số lỗi", "warnings": "Số cảnh báo",
    "failed": "Quy tắc chưa đạt",
}  # fmt: skip


def read_summary(path: Path, plan: Plan, shown: str) -> list[ClubEntry]:
    """The club rows of a summary workbook written by `aggregate --out`."""
    from python_calamine import CalamineWorkbook

    with library_quiet():
        wb = CalamineWorkbook.from_path(str(path))
        name = next(n for n in wb.sheet_names if fold(n) == fold(DETAIL_SHEET))
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    headers = {**IDENTITY_HEADERS, **dict(_detail_columns(plan))}
    by_fold = {fold(h): k for k, h in headers.items()}
    header_row = next(
        r for r, row in enumerate(rows[:20]) if sum(fold(str(v)) in by_fold for v in row) >= 5
    )
    cols = {
        by_fold[fold(str(v))]: c for c, v in enumerate(rows[header_row]) if fold(str(v)) in by_fold
    }
    entries = []
    for row in rows[header_row + 1 :]:
        get = {k: row[c] for k, c in cols.items() if c < len(row)}
        if not any(str(get.get(k) or "").strip() for k in ("name", "code", "path", "members")):
            continue  # an empty row; a club whose name was all control characters still counts
        metrics: dict = {"sessions_by_area": {}, "fund_in_by_source": {}}
        blank = set()  # a figure the club's workbook did not record is written as a blank
        for key, _ in _detail_columns(plan):
            raw = get.get(key)
            value = int(raw or 0)
            group, _, sub = key.partition(".")
            if raw is None or raw == "":
                blank.add(group)
            if sub:
                if value or group == "sessions_by_area":
                    metrics[group][sub] = value
            else:
                metrics[key] = value
        metrics["unrecorded"] = [k for k in RECORDED_FROM if k in blank]
        _finish_metrics(metrics, plan)
        failed = [c.strip() for c in str(get.get("failed") or "").split(",") if c.strip()]
        year = get.get("year")
        entries.append(ClubEntry(
            path=f"{shown} › {get.get('path') or ''}", source="summary", name=str(get["name"]).strip(),
            code=str(get.get("code") or "").strip() or None, commune=str(get.get("commune") or "").strip() or None,
            district=str(get.get("unit") or "").strip() or None,
            year=int(year) if isinstance(year, int | float) and year else None,
            period="h1" if fold(str(get.get("period") or "")) in ("h1", "6 thang") else "year",
            valid=not failed, errors=int(get.get("errors") or 0), warnings=int(get.get("warnings") or 0),
            failed=failed, metrics=metrics,
        ))  # fmt: skip
    return entries


def _finish_metrics(metrics: dict, plan: Plan) -> None:
    """Shares and compliance flags from the counts (the same as a club's own)."""
    n = metrics.get("members", 0)
    for key in ("older", "women", "poor", "volunteers"):
        metrics[f"{'volunteer' if key == 'volunteers' else key}_share"] = share(
            metrics.get(key, 0), n
        )
    metrics["meets"] = compliance(metrics, plan)


# --- discovery -----------------------------------------------------------------------------------------------
class InputError(Exception):
    """The input cannot be added up as asked; its argument (a Txt) says why."""


def resolve_inputs(
    paths: list[Path], year: int | None
) -> tuple[list[Path], int | None, Path | None]:
    """The folders to read for ``year``: a data root with year folders becomes root/<year>
    (the newest year when none is given); a year it does not hold is an InputError.
    Returns (paths, year, the root holding years)."""
    resolved: list[Path] = []
    data_root = None
    for path in paths:
        years = (
            sorted(int(p.name) for p in path.iterdir() if p.is_dir() and _YEAR_DIR.match(p.name))
            if path.is_dir()
            else []
        )
        if years:
            if year is not None and year not in years:
                have = ", ".join(map(str, years))
                raise InputError(
                    Txt(
                        f"Thư mục {path} không có số liệu năm {year} (có các năm: {have}).",
                        f"{path} holds no data for {year} (it holds: {have}).",
                    )
                )
            data_root = path
            chosen = year or years[-1]
            year = chosen
            resolved.append(path / str(chosen))
        else:
            resolved.append(path)
    return resolved, year, data_root


# --- the roll-up -----------------------------------------------------------------------------------------------
def empty_totals(plan: Plan) -> dict:
    totals: dict = {"clubs": 0, "units": 0, "clubs_valid": 0}
    totals.update(dict.fromkeys(COUNT_KEYS, 0))
    totals["sessions_by_area"] = {a.code: 0 for a in plan.areas}
    totals["fund_in_by_source"] = {}
    totals["clubs_meeting"] = dict.fromkeys((*COMPOSITION_RULES, "all"), 0)
    return totals


def sum_totals(entries: list[ClubEntry], plan: Plan) -> dict:
    """The totals of ``entries``: counts added key by key (a province's 20,000 clubs in a
    few hundredths of a second), the areas, sources and rules met merged in entry order."""
    totals = empty_totals(plan)
    metrics = [e.metrics for e in entries]
    totals["clubs"] = len(entries)
    totals["clubs_valid"] = sum([e.valid for e in entries])
    for key in COUNT_KEYS:
        totals[key] = sum([m.get(key, 0) for m in metrics])
    for group in ("sessions_by_area", "fund_in_by_source"):
        merged = totals[group]
        for m in metrics:
            for key, value in m.get(group, {}).items():
                merged[key] = merged.get(key, 0) + value
    meeting = totals["clubs_meeting"]
    for m in metrics:
        for code, ok in m.get("meets", {}).items():
            meeting[code] = meeting.get(code, 0) + bool(ok)
    missing = Counter(key for m in metrics for key in m.get("unrecorded", ()))
    totals["recorded"] = {key: len(entries) - missing[key] for key in RECORDED_FROM}
    return totals


def finish_totals(totals: dict) -> dict:
    n = totals["members"]
    totals["older_share"] = share(totals["older"], n)
    totals["women_share"] = share(totals["women"], n)
    totals["poor_share"] = share(totals["poor"], n)
    totals["volunteer_share"] = share(totals["volunteers"], n)
    return totals


def _unit_of(entry: ClubEntry, plan: Plan, folder_unit: str | None) -> str:
    text = entry.district if plan.unit_level == "district" else entry.commune
    for candidate in (text, folder_unit):
        if candidate:
            unit = plan.unit(candidate)
            if unit:
                return unit.name
    return (text or folder_unit or "?").strip()


def aggregate(
    paths: list[Path],
    plan: Plan,
    *,
    year: int | None = None,
    period: str | None = None,
    jobs: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> Aggregate:
    """Read every club under ``paths`` and add them up into units and a whole."""
    inputs, year, data_root = resolve_inputs(paths, year)
    files, skipped_files, missing = collect(inputs)
    skipped: list[tuple[str, Txt]] = [(str(p), Txt("không có", "not found")) for p in missing]
    root = inputs[0] if len(inputs) == 1 and inputs[0].is_dir() else None
    display = {f: _display(f, root) for f in files}
    skipped += [(_display(s.path, root), s.reason) for s in skipped_files]
    results = _read_all(files, plan, period, year, jobs, display, on_progress)
    entries: list[ClubEntry] = []
    unreadable: list[str] = []
    for path, result in zip(files, results, strict=True):
        if isinstance(result, dict):
            unreadable.append(display[path])
            reason = Txt(
                f"không tính: {result['problem']}",
                f"not counted: {result.get('problem_en', result['problem'])}",
            )
            skipped.append((display[path], reason))
            continue
        folder_unit = path.parent.name if path.parent != root else None
        for data in result:
            entry = ClubEntry(**data)
            entry.unit = _unit_of(entry, plan, folder_unit)
            entries.append(entry)
    if year is None:  # from the folder (DATA/2020/Son Tinh), else from the workbooks
        year = _year_of(inputs, entries)
    agg = roll_up(entries, plan, year)
    agg.skipped = skipped
    agg.root = root
    agg.unreadable = unreadable
    agg.files = len(files)
    if _one_unit(inputs, agg, plan):
        # one unit's folder: that unit's completeness (its clubs of last year), not the
        # province's units and targets
        agg.scope = "unit"
        agg.findings = [f for f in agg.findings if f.code not in ("T03", "T04")]
        agg.targets = {"year": year}
        folder = inputs[0]
        if year is not None and _YEAR_DIR.match(folder.parent.name):
            previous = folder.parent.parent / str(year - 1) / folder.name
            missing, before = _missing_since(previous, root, year, plan, entries, period, jobs)
            agg.findings += missing
            if before:  # the unit's target: its clubs of last year, reporting again
                agg.targets["reporting"] = {"expected": before, "received": before - len(missing),
                                            "of": "clubs", "previous": year - 1}  # fmt: skip
        return agg
    if data_root is not None and year is not None:
        previous = data_root / str(year - 1)
        agg.findings += _missing_since(previous, data_root, year, plan, entries, period, jobs)[0]
    agg.findings += _expected_units(plan, year, agg)
    return agg


def _year_of(inputs: list[Path], entries: list[ClubEntry]) -> int | None:
    """The year of what was read: its folder's, else the one most workbooks give."""
    for path in inputs:
        found = year_of_folder(path / "x")
        if found:
            return found
    years = Counter(e.year for e in entries if e.year)
    return years.most_common(1)[0][0] if years else None


def _one_unit(inputs: list[Path], agg: Aggregate, plan: Plan) -> bool:
    """Whether the input is one unit's folder: all its clubs in one unit, and the folder
    named for it or sitting in a year folder (DATA/2020/Son Tinh)."""
    if len(inputs) != 1 or not inputs[0].is_dir() or len(agg.units) != 1:
        return False
    folder = inputs[0]
    named = plan.unit(folder.name)
    return bool(_YEAR_DIR.match(folder.parent.name)) or (
        named is not None and named.name == agg.units[0].name
    )


def roll_up(entries: list[ClubEntry], plan: Plan, year: int | None) -> Aggregate:
    """Totals of already-read entries: T01 for duplicates, T03/T04 against the targets."""
    findings: list[Finding] = []
    first: dict[tuple, ClubEntry] = {}
    counted: list[ClubEntry] = []
    duplicates: list[ClubEntry] = []
    for entry in sorted(entries, key=lambda e: e.path):
        seen = first.get(entry.key())
        if seen is None:
            first[entry.key()] = entry
            counted.append(entry)
        else:
            entry.duplicate_of = seen.path
            duplicates.append(entry)
    by_key: dict[tuple, list[ClubEntry]] = {}
    for entry in duplicates:
        by_key.setdefault(entry.key(), [first[entry.key()]]).append(entry)
    for group in by_key.values():
        findings.append(
            finding(
                "T01",
                club=group[0].name or group[0].code or "?",
                count=len(group),
                paths=[e.path for e in group],
            )
        )
    units: dict[str, UnitTotals] = {}
    for entry in counted:
        unit = units.get(entry.unit)
        if unit is None:
            unit = units[entry.unit] = UnitTotals(entry.unit, {})
        unit.clubs.append(entry)
    for unit in units.values():
        unit.totals = sum_totals(unit.clubs, plan)
        unit.totals["units"] = 1
        finish_totals(unit.totals)
    total = sum_totals(counted, plan)
    total["units"] = len(units)
    finish_totals(total)
    order = {u.name: i for i, u in enumerate(plan.units)}
    ordered = sorted(units.values(), key=lambda u: (order.get(u.name, len(order)), u.name))
    targets: dict = {"year": year}
    target = plan.target(year) if year else None
    if target:
        targets["clubs"] = {"target": target.clubs, "actual": total["clubs"]}
        targets["units"] = {"target": target.units, "actual": total["units"]}
        for code, key, goal in (("T03", "clubs", target.clubs), ("T04", "units", target.units)):
            if total[key] < goal:
                findings.append(
                    finding(
                        code, actual=total[key], target=goal, year=str(year), section=target.section
                    )
                )
    return Aggregate(year, ordered, total, findings, targets, [], duplicates)


def reporting_label(reporting: dict, lang: str = "vi") -> str:
    """What ``targets["reporting"]`` counts, in words: the units the plan expects, or (one
    unit's folder) its clubs of the year before."""
    if reporting.get("of") == "clubs":
        return Txt(
            f"CLB đã báo cáo (so với năm {reporting['previous']})",
            f"Clubs that reported (against {reporting['previous']})",
        )(lang)
    return Txt("Đơn vị đã báo cáo", "Units that reported")(lang)


def _expected_units(plan: Plan, year: int | None, agg: Aggregate) -> list[Finding]:
    """T02 for units the plan expects this year that sent nothing, and the reporting rate."""
    if not year:
        return []
    expected = plan.expected_units(year)
    if not expected:
        return []
    have = {u.name for u in agg.units}
    missing = [u for u in expected if u.name not in have]
    out = [
        finding("T02", "unit", unit=capital(plan.unit_title(u.name)), year=str(year))
        for u in missing
    ]
    received = len(expected) - len(missing)
    agg.targets["reporting"] = {"expected": len(expected), "received": received}
    if missing:
        out.append(
            finding(
                "T02",
                "rate",
                received=received,
                expected=len(expected),
                share=Pct(received / len(expected)),
            )
        )
    return out


def _missing_since(
    previous: Path, root, year: int, plan: Plan, entries: list[ClubEntry], period, jobs
) -> tuple[list[Finding], int]:
    """T02 for clubs that reported the year before (in ``previous``, when it exists) and not
    this year; and how many clubs reported the year before."""
    if not previous.is_dir():
        return [], 0
    files, _, _ = collect([previous])
    results = _read_all(  # who reported, not what: a third less reading than a full year
        files, plan, period, year - 1, jobs, {f: _display(f, root) for f in files}, None, True
    )
    now = {e.key() for e in entries}
    out, seen = [], set()
    for path, result in zip(files, results, strict=True):
        if isinstance(result, dict):
            continue
        for data in result:
            entry = ClubEntry(**data)
            key = entry.key()
            if key in seen:
                continue
            seen.add(key)
            if key not in now:
                out.append(
                    finding(
                        "T02",
                        "club",
                        club=entry.name or entry.code or "?",
                        unit=_unit_of(entry, plan, path.parent.name),
                        previous=str(year - 1),
                        year=str(year),
                    )
                )
    return out, len(seen)


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        text, prefix = str(path), os.path.join(str(root), "")
        if text.startswith(prefix):  # the usual case, without building a path
            return text[len(prefix) :]
        try:
            return str(path.relative_to(root))
        except ValueError:
            pass
    return str(path)


def _read_all(
    files: list[Path], plan: Plan, period, year, jobs, display, on_progress, identity=False
) -> list:
    plan_ref = plan.source.removeprefix("built-in:")
    tasks = [(str(f), plan_ref, period, year, display[f], identity) for f in files]
    return run_all(_read_file, tasks, jobs, on_progress, lambda task, code: _died(task[4], code))


def _died(shown: str, exitcode: int | None) -> dict:
    return {
        "path": shown,
        "problem": f"tệp làm chương trình đọc dừng đột ngột (mã thoát {exitcode}); không đọc được",
        "problem_en": f"the file stopped the reading process (exit code {exitcode}); unreadable",
    }


def to_json(agg: Aggregate, lang: str = "vi") -> dict:
    """The contract of WORKBOOK.md §4 for `aggregate --format json`: counts, never names of members."""

    def club(e: ClubEntry) -> dict:
        return {
            "code": e.code,
            "name": e.name,
            "commune": e.commune,
            "path": e.path,
            "valid": e.valid,
            "failed": e.failed,
            "metrics": e.metrics,
        }

    return {
        "year": agg.year,
        "years": list(agg.years) or ([agg.year] if agg.year else []),
        "totals": agg.totals,
        "units": [{"name": u.name, "totals": u.totals, "clubs": [club(e) for e in u.clubs]} for u in agg.units],
        "findings": [{"code": f.code, "severity": f.severity, "message": f.message(lang),
                      "paths": list(f.params.get("paths", []))} for f in agg.findings],
        "targets": agg.targets,
        "duplicates": [{"path": e.path, "duplicate_of": e.duplicate_of} for e in agg.duplicates],
        "skipped": [{"path": p, "reason": reason(lang)} for p, reason in agg.skipped],
    }  # fmt: skip


__all__ = ["Aggregate", "ClubEntry", "aggregate", "roll_up", "to_json"]

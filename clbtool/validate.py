"""`validate` as a library call: read each file, run every rule, return the reports."""

from __future__ import annotations

import sys
from pathlib import Path

from clbtool.findings import finding
from clbtool.i18n import Txt
from clbtool.parallel import run_all
from clbtool.plan import Plan, worker_plan
from clbtool.rules.engine import ClubReport, check_club
from clbtool.workbook.cells import ReencodedCells
from clbtool.workbook.files import year_of_folder
from clbtool.workbook.reader import ReadResult, read_club
from clbtool.workbook.source import is_library_error


def validate_file(
    path: Path,
    plan: Plan,
    *,
    year: int | None = None,
    period: str | None = None,
    password: str | None = None,
    display_path: str | None = None,
    identity_only: bool = False,
) -> ClubReport:
    """Every finding for one club workbook. ``year`` (from --year) wins over the folder's year.
    ``identity_only``: who the club is and the file and sheet findings (see ``read_club``)."""
    shown = display_path or str(path)
    expected, source = year, Txt("--year", "--year")
    if expected is None:
        expected = year_of_folder(path)
        source = Txt(f"thư mục {expected}", f"folder {expected}")
    try:
        result = read_club(
            path,
            plan,
            password=password,
            period=period,
            year=year,
            display_path=shown,
            identity_only=identity_only,
        )
    except BaseException as exc:  # a reader bug (or a library panic) must not hide the other files
        if not is_library_error(exc):
            raise
        reason = Txt(
            f"lỗi không mong đợi khi đọc ({type(exc).__name__})",
            f"unexpected error while reading ({type(exc).__name__})",
        )
        result = ReadResult(shown, None, [finding("F01", reason=reason)])
    return check_club(
        result, plan, expected_year=expected, year_source=source, rules=not identity_only
    )


def validate_task(task: tuple) -> ClubReport:
    """Worker: (path, plan name, year, period, password, path shown) → the file's report. In
    a worker process, as much of it as the terminal and JSON show (what was read row by row
    stays there: sending it back cost more than reading, for a folder of a thousand clubs);
    in this process, whole (an annotated copy is made from it)."""
    path, plan_name, year, period, password, shown = task
    report = validate_file(
        Path(path),
        worker_plan(plan_name),
        year=year,
        period=period,
        password=password,
        display_path=shown,
    )
    pool = sys.modules.get("multiprocessing")  # a worker has it; one file's run need not
    if pool is None or pool.parent_process() is None:
        return report
    result = report.result
    result.tables, result.converted, result.reencoded = {}, [], ReencodedCells()
    if result.club is not None:
        club = result.club
        club.members, club.activities, club.loans, club.visits, club.fund = [], [], [], [], []
    return report


def validate_files(
    files: list[Path],
    plan: Plan,
    shown: dict[Path, str],
    *,
    year: int | None = None,
    period: str | None = None,
    password: str | None = None,
    jobs: int | None = None,
    on_progress=None,
) -> list[ClubReport]:
    """Every file's report, in the order given, read ``jobs`` at a time (see
    :func:`validate_task` for what a report read in a worker keeps)."""
    plan_ref = plan.source.removeprefix("built-in:")
    tasks = [(str(f), plan_ref, year, period, password, shown[f]) for f in files]
    return run_all(validate_task, tasks, jobs, on_progress, _died)


def _died(task: tuple, exitcode: int | None) -> ClubReport:
    reason = Txt(
        f"tệp làm chương trình đọc dừng đột ngột (mã thoát {exitcode})",
        f"the file stopped the reading process (exit code {exitcode})",
    )
    result = ReadResult(task[5], None, [finding("F01", reason=reason)])
    return ClubReport(task[5], result, None, list(result.findings))


def report_json(report: ClubReport, lang: str, strict: bool = False) -> dict:
    """One file as WORKBOOK.md §4 describes it; ``valid`` as the exit code judges it."""
    club = report.club
    return {
        "path": report.path,
        "valid": report.passes(strict),
        "club": None if club is None else {
            "name": club.name, "code": club.code, "commune": club.commune,
            "district": club.district, "year": club.year, "period": club.period,
        },
        "metrics": report.metrics,
        "findings": [f.to_dict(lang) for f in report.findings],
    }  # fmt: skip

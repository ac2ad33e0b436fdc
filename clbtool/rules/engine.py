"""Run every rule on one club: the reader's F/S/V findings plus C, A and X."""

from __future__ import annotations

from dataclasses import dataclass, field

from clbtool.findings import Finding
from clbtool.i18n import Txt
from clbtool.metrics import club_metrics
from clbtool.plan import Plan
from clbtool.rules import activities, composition, crosscheck  # noqa: F401  (they register their checks)
from clbtool.rules.catalogue import ERROR, INFO, RULES, WARNING
from clbtool.rules.registry import CHECKS, NEEDS_MEMBERS, Context
from clbtool.workbook.reader import ReadResult

_SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class ClubReport:
    """One file's verdict: the club as read, its metrics and every finding."""

    path: str
    result: ReadResult
    metrics: dict | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def club(self):
        return self.result.club

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def valid(self) -> bool:
        return self.count(ERROR) == 0

    def passes(self, strict: bool = False) -> bool:
        """No error; with ``strict`` (`--strict`), no warning either: what the exit code says."""
        return self.valid and not (strict and self.count(WARNING))

    @property
    def unreadable(self) -> bool:
        """The file could not be read as a club's workbook at all."""
        return self.club is None or any(f.code in ("F01", "F02", "F03") for f in self.findings)


def check_club(
    result: ReadResult,
    plan: Plan,
    *,
    expected_year: int | None = None,
    year_source: Txt | str | None = None,
    rules: bool = True,
) -> ClubReport:
    """All findings for one read workbook. Rules that need the member list are skipped
    when the file or that sheet could not be read (its S/F finding says why). ``rules=False``:
    the reader's findings only, in the same order, and no counts."""
    findings = list(result.findings)
    club = result.club
    metrics = None
    if club is not None and rules:
        members_readable = "members" in club.sheets and not any(
            f.code == "S02" and f.sheet == club.sheets["members"] for f in findings
        )
        active = club.active_members()
        metrics = club_metrics(club, plan, active)
        ctx = Context(club, plan, metrics, expected_year, year_source, active)
        for code in RULES:
            if code in CHECKS and (members_readable or code not in NEEDS_MEMBERS):
                findings += CHECKS[code](ctx)
    findings.sort(
        key=lambda f: (
            f.sheet is not None,
            f.sheet or "",
            f.row or 0,
            _SEVERITY_ORDER[f.severity],
            f.code,
        )
    )
    return ClubReport(result.path, result, metrics, findings)

"""One small check per rule code, registered by decorator; the engine runs them in
catalogue order. A check sees the club as read and its metrics, never a file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clbtool.findings import Finding
from clbtool.i18n import Txt
from clbtool.plan import Plan
from clbtool.workbook.records import Club, Member


@dataclass
class Context:
    club: Club
    plan: Plan
    metrics: dict
    expected_year: int | None = None
    year_source: Txt | str | None = None
    active: list[Member] = field(default_factory=list)  # the club's members at the period's end


Check = Callable[[Context], list[Finding]]
CHECKS: dict[str, Check] = {}
NEEDS_MEMBERS: set[str] = set()


def check(code: str, *, needs_members: bool = True) -> Callable[[Check], Check]:
    """Register ``fn`` as the check of rule ``code``. Checks that need the member list are
    skipped when that sheet could not be read (its own S finding says why)."""

    def register(fn: Check) -> Check:
        CHECKS[code] = fn
        if needs_members:
            NEEDS_MEMBERS.add(code)
        return fn

    return register

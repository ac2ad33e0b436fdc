"""A report's period as one whole: its clubs counted once, their activity summed over its
years.

A review covers two years, the final review three. A club that reported in each of them is
one club with one membership (its latest), but its sessions, loans, visits and fund are the
sum of every year's. Printing the last year's activity as the period's (139 sessions where
the three years hold 327) is what this module is for not doing.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from clbtool.aggregate import Aggregate, ClubEntry, aggregate, roll_up
from clbtool.plan import Plan

# Counted over the period: what the clubs did in each year, added up.
FLOW_KEYS = (
    "sessions", "participants", "loans", "loan_amount", "borrowers", "home_visits", "fund_in",
    "fund_out",
)  # fmt: skip
FLOW_GROUPS = ("sessions_by_area", "fund_in_by_source")
# Everything else (members and their groups, the balance owed) is a state at the period's
# end: the club's latest year says it.


def period_entries(per_year: dict[int, Aggregate]) -> list[ClubEntry]:
    """One entry per club of the period: its latest year's entry, with the activity of
    every year it reported summed. A figure is unrecorded for the period when no year of
    the club recorded it."""
    years: dict[tuple, list[ClubEntry]] = {}
    for year in sorted(per_year):
        for unit in per_year[year].units:
            for entry in unit.clubs:
                years.setdefault(entry.key(), []).append(entry)
    merged = []
    for entries in years.values():
        latest = entries[-1]
        if len(entries) == 1:
            merged.append(latest)
            continue
        metrics = dict(latest.metrics)
        for key in FLOW_KEYS:
            metrics[key] = sum(e.metrics.get(key, 0) for e in entries)
        for group in FLOW_GROUPS:
            total: dict[str, int] = {}
            for e in entries:
                for sub, value in e.metrics.get(group, {}).items():
                    total[sub] = total.get(sub, 0) + value
            metrics[group] = total
        flows = {*FLOW_KEYS, *FLOW_GROUPS}
        stock_gaps = [k for k in latest.metrics.get("unrecorded", ()) if k not in flows]
        flow_gaps = [k for k in flows if all(k in e.metrics.get("unrecorded", ()) for e in entries)]
        metrics["unrecorded"] = sorted({*stock_gaps, *flow_gaps})
        merged.append(dataclasses.replace(latest, metrics=metrics))
    return merged


def period_aggregate(per_year: dict[int, Aggregate], plan: Plan) -> Aggregate:
    """The period's totals by unit and as a whole; the targets and missing reports of its
    last year."""
    last = max(per_year)
    if len(per_year) == 1:
        return per_year[last]
    whole = roll_up(period_entries(per_year), plan, last)
    whole.years = tuple(sorted(per_year))
    whole.files = sum(agg.files for agg in per_year.values())
    whole.skipped = [s for agg in per_year.values() for s in agg.skipped]
    whole.unreadable = [u for agg in per_year.values() for u in agg.unreadable]
    # targets and missing reports are the last year's; a copy counted twice, any year's
    whole.targets = per_year[last].targets
    whole.findings = [f for f in per_year[last].findings if f.code != "T01"] + [
        f for agg in per_year.values() for f in agg.findings if f.code == "T01"
    ]
    return whole


def parse_years(text: str) -> tuple[int, ...]:
    """ "2018-2020" or "2018,2019" → (2018, 2019, 2020) / (2018, 2019); ValueError else."""
    found = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", text)
    if found:
        first, last = int(found.group(1)), int(found.group(2))
        years = tuple(range(first, last + 1))
    else:
        years = tuple(sorted({int(y) for y in re.split(r"[,;\s]+", text.strip()) if y}))
    if not years or any(not 1990 <= y <= 2100 for y in years) or len(years) > 30:
        raise ValueError(text)
    return years


def aggregate_years(
    data: Path, plan: Plan, years: tuple[int, ...], period: str | None = None, jobs=None
) -> tuple[dict[int, Aggregate], list[int], Aggregate | None]:
    """Each year of ``years`` that ``data`` holds a folder for, aggregated; the years it does
    not; and the period as one whole (None when no year has data)."""
    per_year: dict[int, Aggregate] = {}
    missing = []
    for year in years:
        if (data / str(year)).is_dir():
            per_year[year] = aggregate([data], plan, year=year, period=period, jobs=jobs)
        else:
            missing.append(year)
    whole = period_aggregate(per_year, plan) if per_year else None
    return per_year, missing, whole

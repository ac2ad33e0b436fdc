"""The clubs and units as pandas tables, for analysts: one row per club (or unit), the
metrics as columns, counts only, never a member's name.

    from clbtool.aggregate import aggregate
    from clbtool.frames import clubs_frame, units_frame
    from clbtool.plan import load_plan

    agg = aggregate([Path("du-lieu")], load_plan(), year=2020)
    clubs = clubs_frame(agg)          # club, commune, unit, year, valid, members, older, ...
    clubs.groupby("unit")["members"].sum()

`clbtool aggregate --out tong-hop.csv` writes the clubs' table as CSV (UTF-8 with a byte
order mark, so Excel shows the Vietnamese right), `--out tong-hop.parquet` as Parquet (the
optional extra: pip install "clbtool[parquet]") for DuckDB, Spark or pandas at the national
level. A figure a workbook did not record is empty (NA), never 0.
"""

from __future__ import annotations

from pathlib import Path

from clbtool.aggregate import Aggregate
from clbtool.i18n import Txt
from clbtool.metrics import COUNT_KEYS, RECORDED_FROM, SHARE_KEYS
from clbtool.plan import Plan

IDENTITY = ("unit", "commune", "club", "code", "year", "period", "path", "valid", "errors",
            "warnings", "failed")  # fmt: skip


class FramesError(Exception):
    """The table cannot be written; the message says why, in Vietnamese."""


def _nested(plan: Plan) -> list[tuple[str, str, str]]:
    """(column, group, key) of the figures kept by area and by source."""
    from clbtool.aggregate import FUND_SOURCE_NAMES

    return [(f"sessions_{a.code.lower()}", "sessions_by_area", a.code) for a in plan.areas] + [
        (f"fund_in_{k}", "fund_in_by_source", k) for k in FUND_SOURCE_NAMES
    ]


def clubs_frame(agg: Aggregate, plan: Plan | None = None):
    """One row per club counted (duplicates once), in unit order."""
    import pandas as pd

    rows = []
    nested = _nested(plan) if plan is not None else []
    for unit in agg.units:
        for e in unit.clubs:
            m = e.metrics
            gaps = set(m.get("unrecorded", ()))
            row = {
                "unit": unit.name, "commune": e.commune, "club": e.name, "code": e.code,
                "year": e.year, "period": e.period, "path": e.path, "valid": e.valid,
                "errors": e.errors, "warnings": e.warnings, "failed": ",".join(e.failed),
            }  # fmt: skip
            for key in COUNT_KEYS:
                row[key] = None if key in gaps else m.get(key, 0)
            for key in SHARE_KEYS:
                row[key] = m.get(key, 0.0)
            for column, group, sub in nested:
                row[column] = None if group in gaps else m.get(group, {}).get(sub, 0)
            rows.append(row)
    columns = [*IDENTITY, *COUNT_KEYS, *SHARE_KEYS, *(c for c, _, _ in nested)]
    frame = pd.DataFrame(rows, columns=columns)
    for key in (*COUNT_KEYS, *(c for c, _, _ in nested), "errors", "warnings"):
        frame[key] = frame[key].astype("Int64")  # NA stays NA: unknown is not 0
    frame["year"] = frame["year"].astype("Int64")
    return frame


def units_frame(agg: Aggregate):
    """One row per unit: its clubs, counts and shares, and how many clubs recorded each
    figure (``recorded_<figure>``)."""
    import pandas as pd

    rows = []
    for unit in agg.units:
        t = unit.totals
        row = {"unit": unit.name, "clubs": t["clubs"], "clubs_valid": t["clubs_valid"]}
        row.update({key: t[key] for key in COUNT_KEYS})
        row.update({key: t[key] for key in ("older_share", "women_share", "poor_share",
                                             "volunteer_share")})  # fmt: skip
        row["clubs_meeting_all"] = t["clubs_meeting"].get("all", 0)
        row.update({f"recorded_{k}": t["recorded"].get(k, 0) for k in RECORDED_FROM})
        rows.append(row)
    return pd.DataFrame(rows)


def write_frame(agg: Aggregate, plan: Plan, target: Path) -> Path:
    """The clubs' table to ``target`` (.csv or .parquet), atomically."""
    from clbtool.output.sheets import atomic_write

    frame = clubs_frame(agg, plan)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        atomic_write(target, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"))
        return target
    if suffix == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise FramesError(
                Txt(
                    'Ghi .parquet cần gói pyarrow: pip install "clbtool[parquet]" (hoặc ghi .csv).',
                    'Writing .parquet needs pyarrow: pip install "clbtool[parquet]" (or write .csv).',
                )
            ) from None
        atomic_write(target, lambda tmp: frame.to_parquet(tmp, index=False))
        return target
    raise FramesError(
        Txt(
            f"Không ghi được dạng {suffix}; chọn .xlsx, .csv hoặc .parquet.",
            f"Cannot write {suffix}; choose .xlsx, .csv or .parquet.",
        )
    )

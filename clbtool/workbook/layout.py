"""Where things are in a sheet: the header row (anywhere in the first 20 rows), one- or
two-row headers with a merged top cell over sub-columns, and the column of each field."""

from __future__ import annotations

from dataclasses import dataclass, field

from clbtool.text import fold
from clbtool.workbook.values import is_blank

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    field: str
    names: tuple[str, ...]
    required: bool = False


@dataclass(frozen=True)
class Group:
    """A merged top header over sub-columns, each sub-column its own field:
    "Năm sinh" over Nam | Nữ, "Hoàn cảnh" over Hộ nghèo | Cận nghèo | Khó khăn."""

    names: tuple[str, ...]
    subs: dict[str, tuple[str, ...]]  # field -> sub-column names
    replaces: tuple[str, ...]  # the plain fields this group stands for


@dataclass(frozen=True)
class SheetSpec:
    role: str
    names: tuple[str, ...]
    columns: tuple[Column, ...] = ()
    groups: tuple[Group, ...] = ()
    required: bool = False
    # required columns where one of several is enough: (("borrower_code", "borrower_name"),)
    one_of: tuple[tuple[str, ...], ...] = ()

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


@dataclass
class Header:
    row: int  # 0-based index of the (top) header row
    height: int  # 1 or 2 rows
    columns: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    labels: list[str] = field(default_factory=list)  # every non-blank header text, as typed

    @property
    def data_start(self) -> int:
        return self.row + self.height


def _text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _filled_top(
    row: list, merged: list[tuple[tuple[int, int], tuple[int, int]]], r: int
) -> list[str]:
    """The top header row with each merged cell's text spread over the columns it spans."""
    top = [_text(v) for v in row]
    for (r1, c1), (r2, c2) in merged:
        if r1 <= r <= r2 and c1 < len(top):
            for c in range(c1 + 1, min(c2 + 1, len(top))):
                if not top[c]:
                    top[c] = top[c1]
    return top


def find_header(rows: list[list], spec: SheetSpec, merged=()) -> Header | None:
    """The best header row of ``rows`` for ``spec``: the one that names the most fields."""
    index = {fold(name): col.field for col in spec.columns for name in col.names}
    best: Header | None = None
    for r in range(min(HEADER_SEARCH_ROWS, len(rows))):
        header = _match(rows, r, spec, index, list(merged))
        if header.columns and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def _match(rows: list[list], r: int, spec: SheetSpec, index: dict[str, str], merged) -> Header:
    raw_top = [_text(v) for v in rows[r]]
    top = _filled_top(rows[r], merged, r)
    sub = [_text(v) for v in rows[r + 1]] if r + 1 < len(rows) else []
    header = Header(row=r, height=1, labels=[t for t in raw_top if t])
    carried_group: Group | None = None
    used_sub = False
    for c, label in enumerate(top):
        folded_top = fold(label)
        folded_sub = fold(sub[c]) if c < len(sub) else ""
        group = _group_of(spec, folded_top) if raw_top[c] else carried_group
        if raw_top[c]:
            carried_group = group
        if group is not None and folded_sub:
            for sub_field, sub_names in group.subs.items():
                if folded_sub in {fold(n) for n in sub_names}:
                    header.columns.setdefault(sub_field, c)
                    used_sub = True
                    break
            else:
                group = None
            if group is not None:
                continue
        if raw_top[c] and folded_top in index:
            header.columns.setdefault(index[folded_top], c)
        elif (
            folded_sub in index
        ):  # a sub-column under a merged top cell ("Sức khỏe" over BHYT | ...)
            header.columns.setdefault(index[folded_sub], c)
            used_sub = True
    if used_sub:
        header.height = 2
        header.labels += [s for s in sub if s]
    return header


def _group_of(spec: SheetSpec, folded: str) -> Group | None:
    if not folded:
        return None
    for group in spec.groups:
        if folded in {fold(n) for n in group.names}:
            return group
    return None


def missing_columns(header: Header | None, spec: SheetSpec) -> list[Column]:
    """Required columns the header does not have (a group stands for the fields it replaces)."""
    have = set(header.columns) if header else set()
    for group in spec.groups:
        if have & set(group.subs):
            have |= set(group.replaces)
    missing = [c for c in spec.columns if c.required and c.field not in have]
    for options in spec.one_of:
        if not have & set(options):
            missing.append(spec.column(options[0]))
    return missing

"""Where things are in a sheet: the header row (anywhere in the first 20 rows), one- or
two-row headers with a merged top cell over sub-columns, and the column of each field."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from clbtool.i18n import Txt
from clbtool.text import fold

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Column:
    field: str
    names: tuple[str, ...]
    required: bool = False
    # the required fields this column answers for: "Nam" | "Nữ" mark columns stand for gender
    stands_for: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A merged top header over sub-columns, each sub-column its own field:
    "Năm sinh" over Nam | Nữ, "Hoàn cảnh" over Hộ nghèo | Cận nghèo | Khó khăn."""

    names: tuple[str, ...]
    subs: dict[str, tuple[str, ...]]  # field -> sub-column names
    replaces: tuple[str, ...]  # the plain fields this group stands for

    @functools.cached_property
    def subs_by_name(self) -> dict[str, str]:
        """Folded sub-column name → its field (the first sub-column that has the name)."""
        found: dict[str, str] = {}
        for sub_field, names in self.subs.items():
            for name in names:
                found.setdefault(fold(name), sub_field)
        return found


@dataclass(frozen=True)
class SheetSpec:
    role: str
    names: tuple[str, ...]
    columns: tuple[Column, ...] = ()
    groups: tuple[Group, ...] = ()
    required: bool = False
    # required columns where one of several is enough: (("borrower_code", "borrower_name"),)
    one_of: tuple[tuple[str, ...], ...] = ()
    # the fields a row of data fills (a member's name; an activity's date, area or content)
    keys: tuple[str, ...] = ()
    # fields whose number or date cell marks a plain record (a birth year, a session's date):
    # the table layer takes such rows as data without looking further
    typed: tuple[str, ...] = ()
    # what a row of the list is, for "bỏ qua 6 dòng không phải thành viên"
    noun: Txt = Txt("dữ liệu", "data")
    # a fund ledger's "Tồn quỹ", "Số dư" lines are balances, not entries
    balances: bool = False

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    @functools.cached_property
    def index(self) -> dict[str, str]:
        """Folded column name → field, built on first use."""
        return {fold(name): col.field for col in self.columns for name in col.names}

    @functools.cached_property
    def groups_by_name(self) -> dict[str, Group]:
        """Folded group heading → its group (the first group that has the name)."""
        found: dict[str, Group] = {}
        for group in self.groups:
            for name in group.names:
                found.setdefault(fold(name), group)
        return found

    @functools.cached_property
    def known(self) -> frozenset[str]:
        """Folded names that make a row a header row: column names and group headings."""
        return frozenset(self.index) | frozenset(self.groups_by_name)


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
    if value.__class__ is str:
        return value.strip()
    return "" if value is None else str(value).strip()


def _filled_top(
    texts: list[str], merged: list[tuple[tuple[int, int], tuple[int, int]]], r: int
) -> list[str]:
    """The top header row's texts with each merged cell's text spread over the columns it spans."""
    top = list(texts)
    for (r1, c1), (r2, c2) in merged:
        if r1 <= r <= r2 and c1 < len(top):
            for c in range(c1 + 1, min(c2 + 1, len(top))):
                if not top[c]:
                    top[c] = top[c1]
    return top


def find_header(rows: list[list], spec: SheetSpec, merged=()) -> Header | None:
    """The best header row of ``rows`` for ``spec``: the one that names the most fields."""
    index = spec.index
    known = spec.known
    best: Header | None = None
    for r in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if best is not None and len(best.columns) >= 2 and r > best.data_start + 1:
            break  # rows of data under a header: no better header below them
        if not any(v.__class__ is str and v and fold(v) in known for v in rows[r]):
            continue  # no header text in this row: a title or a data row
        header = _match(rows, r, spec, index, list(merged))
        if header.columns and (best is None or len(header.columns) > len(best.columns)):
            best = header
    return best


def _match(rows: list[list], r: int, spec: SheetSpec, index: dict[str, str], merged) -> Header:
    raw_top = [_text(v) for v in rows[r]]
    top = _filled_top(raw_top, merged, r)
    sub = [_text(v) for v in rows[r + 1]] if r + 1 < len(rows) else []
    sub += [""] * (len(top) - len(sub))
    header = Header(row=r, height=1, labels=[t for t in raw_top if t])
    claimed: set[int] = set()
    # A group ("Năm sinh" over Nam | Nữ) counts only when at least two of its sub-columns
    # stand under it: one matching value could be the first member's data.
    for c, label in enumerate(raw_top):
        group = _group_of(spec, fold(label))
        if group is None:
            continue
        found: dict[str, int] = {}
        k = c
        while k < len(top) and (k == c or not raw_top[k]):
            sub_field = _sub_field(group, fold(sub[k]))
            if sub_field is None:
                break
            found.setdefault(sub_field, k)
            k += 1
        if len(found) >= 2:
            for sub_field, col in found.items():
                header.columns.setdefault(sub_field, col)
            claimed |= set(range(c, k))
    width = len(top)  # a merged range may reach column XFD: only the row's own columns matter
    spans = {
        c
        for (r1, c1), (r2, c2) in merged
        if r1 <= r <= r2 and c2 > c1
        for c in range(c1, min(c2 + 1, width))
    }
    for c in range(len(top)):
        if c in claimed:
            continue
        folded_top, folded_sub = fold(raw_top[c]), fold(sub[c])
        if folded_top in index:
            header.columns.setdefault(index[folded_top], c)
        elif folded_sub in index and (not raw_top[c] or c in spans):
            # a sub-column under a merged top cell ("Sức khỏe" over BHYT | Khám SK)
            header.columns.setdefault(index[folded_sub], c)
            claimed.add(c)
    if claimed:
        header.height = 2
        header.labels += [s for s in sub if s]
    return header


def _sub_field(group: Group, folded: str) -> str | None:
    return group.subs_by_name.get(folded)


def _group_of(spec: SheetSpec, folded: str) -> Group | None:
    return spec.groups_by_name.get(folded) if folded else None


def present_fields(header: Header | None, spec: SheetSpec) -> set[str]:
    """The fields the header has, counting those a column or a group stands for."""
    have = set(header.columns) if header else set()
    for col in spec.columns:
        if col.field in have:
            have |= set(col.stands_for)
    for group in spec.groups:
        if have & set(group.subs):
            have |= set(group.replaces)
    return have


def missing_columns(header: Header | None, spec: SheetSpec) -> list[Column]:
    """Required columns the header does not have (a group stands for the fields it replaces)."""
    have = present_fields(header, spec)
    missing = [c for c in spec.columns if c.required and c.field not in have]
    for options in spec.one_of:
        if not have & set(options):
            missing.append(spec.column(options[0]))
    return missing

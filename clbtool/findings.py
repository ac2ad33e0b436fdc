"""Where a value sits in a workbook (:class:`Place`) and what a rule says of it
(:class:`Finding`): the vocabulary both the reader (workbook/) and the checks (rules/) speak,
so neither layer imports the other for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from clbtool.i18n import render
from clbtool.rules.catalogue import RULES

MAX_VALUE_CHARS = 120


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Place(NamedTuple):
    """Where a record sits: the sheet's real name, the row the user sees (1-based) and the
    column of each field (0-based), so any finding can name the cell. (A NamedTuple: one
    is made per row read, and that is the reader's hot path.)"""

    sheet: str
    row: int
    columns: Mapping[str, int]

    def column(self, field_name: str) -> str | None:
        index = self.columns.get(field_name)
        return None if index is None else column_letter(index)

    def cell(self, field_name: str) -> str | None:
        letter = self.column(field_name)
        return None if letter is None else f"{letter}{self.row}"


@dataclass
class Finding:
    code: str
    severity: str
    params: dict = field(default_factory=dict)
    variant: str = ""
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: object = None

    @property
    def cell(self) -> str | None:
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    def message(self, lang: str = "vi") -> str:
        rule = RULES[self.code]
        template = rule.messages.get(self.variant) or rule.messages[next(iter(rule.messages))]
        params = {"section": rule.section, "value": self.value, "sheet": self.sheet, **self.params}
        return template(lang).format(**{k: render(v, lang) for k, v in params.items()})

    def fix(self, lang: str = "vi") -> str:
        """How to put it right, in one line, from the rule catalogue."""
        return RULES[self.code].fix(lang)

    def to_dict(self, lang: str = "vi") -> dict:
        value = self.value
        if value is not None and not isinstance(value, str | int | float | bool):
            value = render(value, lang)
        return {
            "code": self.code,
            "severity": self.severity,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "value": value,
            "message": self.message(lang),
            "fix": self.fix(lang),
        }


def finding(
    code: str,
    variant: str = "",
    *,
    place: Place | None = None,
    field_name: str | None = None,
    severity: str | None = None,
    sheet: str | None = None,
    value: object = None,
    **params,
) -> Finding:
    """Make a finding of rule ``code``, at ``place`` (and the cell of ``field_name``) when given."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        value = value[:MAX_VALUE_CHARS] + "…"  # a cell of a million characters is shown short
    params = {k: (v[:MAX_VALUE_CHARS] + "…" if isinstance(v, str) and len(v) > MAX_VALUE_CHARS else v)
              for k, v in params.items()}  # fmt: skip
    row = column = None
    if place is not None:
        sheet = place.sheet
        row = place.row
        column = place.column(field_name) if field_name else None
    return Finding(
        code, severity or RULES[code].severity, params, variant, sheet, row, column, value
    )

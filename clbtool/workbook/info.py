"""The sheet "Thông tin CLB": who the club is, where, since when, for which period."""

from __future__ import annotations

from clbtool.findings import Place
from clbtool.text import ENCODINGS, convert_legacy_text, fold, is_latin1_only
from clbtool.workbook import values as V
from clbtool.workbook.cells import ReadContext, shown
from clbtool.workbook.contract import INFO_FIELDS, KINDS, PERIOD
from clbtool.workbook.table import Sheet

_ALIASES = {fold(alias): key for key, (aliases, _) in INFO_FIELDS.items() for alias in aliases}


def _as_label(text: str) -> str:
    """A label as written, or as TCVN3 or VNI read it when only that reading is a label: a
    cell the legacy reading left as it was ("Tên CLB" read alike both ways) is still found.
    In "label: value" only the label is read so."""
    label, sep, rest = text.partition(":")
    if label.isascii() or not is_latin1_only(label) or fold(label) in _ALIASES:
        return text
    for encoding in ENCODINGS.values():
        reading = convert_legacy_text(label, encoding)
        if fold(reading) in _ALIASES:
            return reading + sep + rest
    return text


def read_info(sheet: Sheet | None, reader: ReadContext) -> None:
    """The club's information: label | value rows (or "Tên CLB: ..." in one cell), anywhere
    in the sheet's first 200 rows; S03 for a required field left empty."""
    club = reader.club
    if sheet is None:
        reader.set_period()
        return
    club.info_sheet = sheet.name
    labels = _ALIASES
    found: dict[str, tuple[object, Place]] = {}
    # A "Giá trị" header (as in the blank form) fixes the value column; otherwise the value
    # is the first filled cell right of the label (labels and values are often merged cells).
    fixed_col = next(
        (
            c
            for row in sheet.rows[:20]
            for c, v in enumerate(row)
            if v.__class__ is str and len(v) <= 20 and fold(v) == "gia tri"
        ),
        None,
    )

    def scan(legacy: bool) -> None:
        for r, row in enumerate(sheet.rows[:200]):
            for c, v in enumerate(row):
                if not isinstance(v, str):
                    continue
                if legacy:
                    v = _as_label(v)
                label, sep, inline = v.partition(":")
                if (
                    sep
                    and inline.strip()
                    and fold(label) in labels
                    and labels[fold(label)] not in found
                ):
                    key = labels[fold(label)]  # "Tên CLB: CLB Tịnh Khê" in one cell
                    found[key] = (inline.strip(), Place(sheet.name, r + 1, {key: c}))
                    continue
                if fold(v) not in labels:
                    continue
                key = labels[fold(v)]
                if key in found:
                    break
                if fixed_col is not None and fixed_col > c:
                    value_col = (
                        fixed_col
                        if fixed_col < len(row) and not V.is_blank(row[fixed_col])
                        else None
                    )
                    col = fixed_col
                else:
                    value_col = next(
                        (k for k in range(c + 1, len(row)) if not V.is_blank(row[k])), None
                    )
                    col = value_col if value_col is not None else c + 1
                found[key] = (
                    row[value_col] if value_col is not None else None,
                    Place(sheet.name, r + 1, {key: col}),
                )
                break

    scan(False)
    if any(required and key not in found for key, (_, required) in INFO_FIELDS.items()):
        scan(True)  # a label typed with a legacy font that no reading of the cell decided
    for key, (aliases, required) in INFO_FIELDS.items():
        if key == "district" and reader.plan.unit_level != "district":
            required = False
        raw, place = found.get(key, (None, None))
        if V.is_blank(raw):
            if required:
                reader.add("S03", place=place, field_name=key, sheet=sheet.name, label=aliases[0])
            continue
        club.info_places[key] = place.cell(key)
        if key == "founded":
            club.founded = reader.date(raw, place, key, aliases[0], recent=False)
        elif key == "year":
            year = reader.parse(V.parse_birth, raw, place, key, "year", aliases[0])
            club.year = year[0] if year else None
        elif key == "fund_opening":
            club.fund_opening = reader.parse(V.parse_amount, raw, place, key, "amount", aliases[0])
        elif key == "period":
            folded = fold(str(raw))
            if folded in PERIOD:
                club.period = PERIOD[folded]
            else:
                reader.add(
                    "V01",
                    place=place,
                    field_name=key,
                    value=shown(raw),
                    kind=KINDS["period"],
                    column=aliases[0],
                )
        else:
            text = shown(raw).strip()
            setattr(club, key, text)
    if reader.period_override:
        club.period = reader.period_override
    if club.year is None and reader.year_override:
        club.year = reader.year_override
    reader.set_period()

"""Text typed with the legacy fonts (TCVN3 .VnTime, VNI-Times) in a Unicode workbook,
decided cell by cell: every text cell NFC-normalised; a cell converted only when it reads
as Vietnamese in its legacy encoding better than as it is (F04).

Offices mix the fonts in one workbook: an older secretary types the names in .VnTime
while the template's labels and a younger colleague's rows are Unicode. So no vote of the
workbook decides; each cell is read three ways (Unicode, TCVN3, VNI) and the reading
whose words are Vietnamese syllables wins (text.legacy_reading). The cell's font, where
the file names a legacy font, is the first witness (fonts); a cell that reads as well
several ways ("Tên" is also TCVN3's "Tờn") goes with its column's decided cells, then its
sheet's, then the workbook's, and stays as it is when none decides."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import chain
from operator import itemgetter

from clbtool.i18n import Txt
from clbtool.text import (
    ENCODINGS,
    convert_legacy_text,
    has_two_capitals,
    is_latin1_only,
    legacy_reading,
    tcvn3_capitals,
)
from clbtool.workbook.cells import ReadContext, Reencoded
from clbtool.workbook.fonts import FontWitness
from clbtool.workbook.table import Sheet

_SEP = "\x00"
# A cell of the joined text made of Latin-1 characters only (the joined cells are beyond
# ASCII, so each has one above 0x7F): the only cells a legacy font could have typed.
_LATIN1_CELL = re.compile(r"\x00([\x01-\xff]*+)(?=\x00)")  # on the text with a NUL each end
NAMES = {"tcvn3": "TCVN3", "vni": "VNI"}


def convert_legacy_cells(
    sheets: dict[str, Sheet], reader: ReadContext, fonts: FontWitness | None = None
) -> int:
    """NFC every text cell; convert the cells typed in TCVN3 or VNI (F04, one per
    workbook, with the count of each). Returns how many cells were converted.

    The usual workbook is decided on its joined text: normalised already, and no Latin-1
    cell of it reads better in a legacy encoding. Only a workbook with such a cell, or
    with a legacy font named in it, is walked cell by cell."""
    texts = [
        v
        for sheet in sheets.values()
        for row in sheet.rows
        for v in row
        if v.__class__ is str and not v.isascii()
    ]
    if not texts:
        return 0
    joined = _SEP.join(texts)
    nfc: dict[str, str] = {}
    if not unicodedata.is_normalized("NFC", joined):
        for text in set(texts):
            normal = unicodedata.normalize("NFC", text)
            if normal != text:
                nfc[text] = normal
        texts = [nfc.get(t, t) for t in texts]
        joined = _SEP.join(texts)
    if joined.count(_SEP) == len(texts) - 1:
        latin1 = set(_LATIN1_CELL.findall(f"{_SEP}{joined}{_SEP}"))
    else:  # a cell holds the separator itself: one by one
        latin1 = {t for t in texts if is_latin1_only(t)}
    _map_rows(sheets, nfc)
    if fonts is None and not any(_legacy(legacy_reading(t)) for t in latin1):
        return 0
    readings = {t: legacy_reading(t) for t in latin1}
    counts = _convert(sheets, reader, fonts, readings, texts)
    total = sum(counts.values())
    if total:
        vi = " và ".join(f"{n} ô {NAMES[e]}" for e, n in counts.items() if n)
        en = " and ".join(f"{n} {NAMES[e]} cell{'s' * (n != 1)}" for e, n in counts.items() if n)
        reader.add("F04", count=total, what=Txt(vi, en), **counts)
    return total


def _map_rows(sheets: dict[str, Sheet], mapping: dict[str, str]) -> None:
    """Each cell's text through ``mapping`` (its normal form), or the cell as it is."""
    if mapping:
        get = mapping.get
        for sheet in sheets.values():
            for row in sheet.rows:
                row[:] = map(get, row, row)


def _legacy(readings: str) -> bool:
    """A cell that reads better in a legacy encoding than as it is."""
    return bool(readings) and "u" not in readings


def _with_font(readings: str, font: str) -> str:
    """The cell's readings with its font as witness: the font's encoding when it is among
    the best readings, or when no reading makes Vietnamese of it; a cell that reads
    plainly one way (Unicode text in a cell formatted .VnTime) keeps that way."""
    if len(readings) == 1:
        return readings
    if not readings:
        return font if font != "u" else ""
    return font if font in readings else readings


def _by_votes(readings: str, vote: Counter) -> str:
    """Among equally good readings, the one the most decided cells around took (a column's,
    a sheet's, the workbook's); all of them still when the count does not decide."""
    ranked = sorted(readings, key=lambda r: -vote[r])
    if vote[ranked[0]] > vote[ranked[1]]:
        return ranked[0]
    return readings


def _convert(
    sheets: dict[str, Sheet],
    reader: ReadContext,
    fonts: FontWitness | None,
    readings: dict[str, str],
    texts: list[str],
) -> dict[str, int]:
    """Convert the cells read in a legacy encoding. A text that reads best one way is
    converted wherever it stands, through one mapping applied a row at a time (C speed).
    Only the cells whose text reads as well several ways (or not at all, in a file naming a
    legacy font), and rich text, are decided where they stand: by their font, then by the
    decided cells of their column, sheet, workbook, counted before anything is converted."""
    runs = fonts.strings if fonts is not None else {}
    single = {t: ENCODINGS[r] for t, r in readings.items() if r in ENCODINGS and t not in runs}
    placed = {t for t, r in readings.items() if len(r) > 1 or (not r and fonts is not None)}
    placed.update(runs)
    decided = _decide_in_place(sheets, fonts, readings, texts, placed, runs) if placed else []
    pairs = {(value, encoding) for _, _, _, value, encoding, _, rich in decided if rich is None}
    new = _converted(pairs.union(single.items()))
    counts = {"tcvn3": 0, "vni": 0}
    cells = reader.reencoded
    for row, r, c, value, encoding, name, rich in decided:
        text = rich if rich is not None else new[(value, encoding)]
        if text != value:
            row[c] = text
            counts[encoding] += 1
            cells.append(Reencoded(name, r + 1, c, NAMES[encoding], text))
    mapping = {t: new[(t, e)] for t, e in single.items() if new[(t, e)] != t}
    if mapping:
        seen = Counter(texts)
        for text in mapping:
            counts[single[text]] += seen[text]
        get = mapping.get
        for sheet in sheets.values():
            for r, row in enumerate(sheet.rows):
                if not mapping.keys().isdisjoint(row):
                    cells.rows(sheet.name, r, row[:], row)  # where they were, found if asked
                    row[:] = map(get, row, row)
        cells.encodings.update((t, NAMES[single[t]]) for t in mapping)
    return counts


def _decide_in_place(sheets, fonts, readings, texts, placed, runs) -> list[tuple]:
    """The cells of ``placed`` texts decided where they stand: (row, r, c, text, encoding,
    sheet, the new text of rich text or None) for each to convert."""
    kind: dict | None = None  # text -> its readings, "u" beyond Latin-1: for the votes
    book: Counter | None = None
    decided: list[tuple] = []
    for sheet in sheets.values():
        rows = sheet.rows
        witness = fonts.sheet(sheet.name) if fonts is not None else None
        if witness is not None and not witness.says_legacy:
            witness = None  # no legacy font seen on it: no witness, rather than "all Unicode"
        hits = [
            (r, c, v)
            for r, row in enumerate(rows)
            if not placed.isdisjoint(row)
            for c, v in enumerate(row)
            if v in placed
        ]
        columns: dict[int, Counter] = {}
        whole: Counter | None = None
        for r, c, value in hits:
            if value in runs:  # rich text with runs in a legacy font: each run by its font
                cell_font = witness.at(r, c) if witness is not None else "u"
                encoding, text = _runs(runs[value], cell_font)
                if encoding:
                    decided.append((rows[r], r, c, value, encoding, sheet.name, text))
                continue
            found = readings[value]
            if witness is not None:  # the font decides what the text cannot
                found = _with_font(found, witness.at(r, c))
            if len(found) > 1:
                if kind is None:
                    kind = dict.fromkeys(texts, "u")
                    kind.update(readings)
                if c not in columns:
                    columns[c] = Counter(map(kind.get, _column(rows, c)))
                found = _by_votes(found, columns[c])
                if len(found) > 1 and whole is None:
                    whole = Counter(map(kind.get, chain.from_iterable(rows)))
                found = _by_votes(found, whole) if len(found) > 1 else found
                if len(found) > 1 and book is None:
                    book = Counter(map(kind.__getitem__, texts))
                found = _by_votes(found, book) if len(found) > 1 else found
                found = found[0]  # none decides: as it is (Unicode), TCVN3 before VNI
            if found in ENCODINGS:
                decided.append((rows[r], r, c, value, ENCODINGS[found], sheet.name, None))
    return decided


def _runs(runs: tuple[tuple[str, str | None], ...], cell_font: str) -> tuple[str, str]:
    """A rich-text cell read run by run, each by its own font (or the cell's): the encoding
    of the runs converted ("" when none was) and the cell's new text. A run in a legacy
    font is converted unless its text reads plainly as Unicode."""
    parts, used = [], ""
    for text, font in runs:
        found = legacy_reading(text) if not text.isascii() and is_latin1_only(text) else "u"
        found = _with_font(found, font or cell_font)
        if found in ENCODINGS:
            new = convert_legacy_text(text, ENCODINGS[found])
            if found == "t":
                new = tcvn3_capitals(new)
            if new != text:
                used = used or ENCODINGS[found]
                text = new
        parts.append(text)
    return used, "".join(parts)


def _column(rows: list[list], c: int):
    """The cells of column ``c`` (rows as the library gives them are all as wide)."""
    try:
        return list(map(itemgetter(c), rows))
    except IndexError:
        return [row[c] for row in rows if c < len(row)]


def _converted(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Each (text, encoding) converted, the texts of one encoding joined and converted at
    once (C speed); capitals typed with .VnTime's small toned letters made capitals."""
    done: dict[tuple[str, str], str] = {}
    for encoding in ENCODINGS.values():
        olds = [value for value, e in pairs if e == encoding]
        if not olds:
            continue
        joined = _SEP.join(olds)
        if joined.count(_SEP) == len(olds) - 1:
            news = convert_legacy_text(joined, encoding).split(_SEP)
        else:
            news = [convert_legacy_text(old, encoding) for old in olds]
        if encoding == "tcvn3" and has_two_capitals(joined):
            news = list(map(tcvn3_capitals, news))
        done.update(((old, encoding), text) for old, text in zip(olds, news, strict=True))
    return done

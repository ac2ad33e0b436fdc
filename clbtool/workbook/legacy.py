"""Text typed with the legacy fonts (TCVN3 .VnTime, VNI-Times) in a Unicode workbook:
every text cell NFC-normalised, and converted when the workbook shows legacy text (F04)."""

from __future__ import annotations

import unicodedata

from clbtool.text import (
    convert_legacy,
    convert_legacy_text,
    is_latin1_only,
    legacy_evidence,
    might_be_legacy,
)
from clbtool.workbook.cells import ReadContext
from clbtool.workbook.table import Sheet

_SEP = "\x00"


_CLEAR_VOTE = 30


def _vote(texts: list[str]) -> str | None:
    """The legacy encoding most cells show clear signs of, if any."""
    votes = {"tcvn3": 0, "vni": 0}
    for text in texts:
        if might_be_legacy(text):
            enc = legacy_evidence(text)
            if enc:
                votes[enc] += 1
                other = votes["vni" if enc == "tcvn3" else "tcvn3"]
                if votes[enc] >= _CLEAR_VOTE and votes[enc] >= 10 * other:
                    return enc  # many cells agree, few disagree: no need to read on
    encoding = max(votes, key=votes.get)
    return encoding if votes[encoding] else None


def _converted(reader: ReadContext, count: int, encoding: str) -> int:
    if count:
        reader.add("F04", count=count, encoding="TCVN3 (ABC)" if encoding == "tcvn3" else "VNI")
    return count


def _convert_cells(refs: list[tuple[list, int]], texts: list[str], reader: ReadContext) -> int:
    """The cell-by-cell path of :func:`_convert_legacy`, for text holding NUL characters."""
    texts = [unicodedata.normalize("NFC", text) for text in texts]
    for (row, i), text in zip(refs, texts, strict=True):
        row[i] = text
    encoding = _vote(texts)
    if encoding is None:
        return 0
    count = 0
    for row, i in refs:
        new = convert_legacy(row[i], encoding)
        if new != row[i]:
            row[i] = new
            count += 1
    return _converted(reader, count, encoding)


def convert_legacy_cells(sheets: dict[str, Sheet], reader: ReadContext) -> int:
    """NFC every text cell; convert TCVN3/VNI text when the workbook shows it (F04).

    The text cells beyond ASCII (ASCII needs neither) are joined once and normalised, tested
    and converted as one string (C speed); a cell with characters beyond Latin-1 is Unicode
    already and kept. The new texts go back through one mapping, old text -> new, applied to
    every row at once."""
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
    normal = unicodedata.is_normalized("NFC", joined)
    if normal and not might_be_legacy(joined):
        return 0  # the usual workbook, decided in one pass: nothing to normalise or convert
    if joined.count(_SEP) != len(texts) - 1:  # a cell holds the separator itself: one by one
        return _convert_cells(*_legacy_refs(sheets), reader)
    originals = texts
    if not normal:
        # NFC never composes across the separators, so the split gives the cells back
        joined = unicodedata.normalize("NFC", joined)
        texts = joined.split(_SEP)
    new_texts: dict[str, str] = {}
    count, encoding = 0, None
    if might_be_legacy(joined):
        encoding = _vote(texts)
    if encoding is not None:
        converted = convert_legacy_text(joined, encoding).split(_SEP)
        # when some cells go beyond Latin-1 (Unicode already), those are kept as they are
        all_latin1 = is_latin1_only(joined)
        for original, old, new in zip(originals, texts, converted, strict=True):
            if new != old and (all_latin1 or is_latin1_only(old)):
                new_texts[original] = new
                count += 1
            elif old != original:  # normalised only
                new_texts[original] = old
    elif not normal:
        new_texts = {o: t for o, t in zip(originals, texts, strict=True) if o != t}
    if new_texts:
        get = new_texts.get
        for sheet in sheets.values():
            for row in sheet.rows:
                row[:] = map(get, row, row)  # a cell's new text, or the cell as it is
    return 0 if encoding is None else _converted(reader, count, encoding)


def _legacy_refs(sheets: dict[str, Sheet]) -> tuple[list[tuple[list, int]], list[str]]:
    """Where each text cell beyond ASCII is, and its text: for :func:`_convert_cells`."""
    refs: list[tuple[list, int]] = []
    texts: list[str] = []
    for sheet in sheets.values():
        for row in sheet.rows:
            for i, v in enumerate(row):
                if v.__class__ is str and not v.isascii():
                    refs.append((row, i))
                    texts.append(v)
    return refs, texts

"""Vietnamese text: NFC, folding for name matching, legacy TCVN3/VNI conversion."""

from __future__ import annotations

import codecs
import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

from clbtool.syllables import is_letters, is_syllable

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


# What no output may carry: C0 controls but tab and line breaks, DEL and the C1 controls,
# the bidirectional overrides and isolates (they reorder what a reader sees: U+202E makes
# "xlsx.exe" show as "exe.xslx"), lone surrogates and the non-characters U+FFFE/U+FFFF
# (XML cannot hold them: openpyxl and Word refuse the whole file).
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# Excel reads _x001B_ in a cell's text as the character U+001B: such text is escaped
# (_x005F_ is the underscore) so that it reads back as the letters the user typed.
_XLSX_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def clean_text(text: str) -> str:
    """Text without control, bidirectional or non-XML characters, for any file written."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def capital(text: str) -> str:
    """The first letter upper case: "huyện Ba Tơ" → "Huyện Ba Tơ" at a sentence's start."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter lower case, for a title inside a sentence ("báo cáo kết quả ...")."""
    return text[:1].lower() + text[1:]


# "Câu lạc bộ liên thế hệ tự giúp nhau xã Tịnh Khê": the words every club's name begins with
CLUB_PREFIX = re.compile(r"^(Câu lạc bộ|CLB)\s+liên thế hệ tự giúp nhau\s+", re.IGNORECASE)


def workbook_text(text: str) -> str:
    """Text for a cell, comment or sheet name of a workbook clbtool writes: clean, and with
    Excel's _xHHHH_ escapes escaped in turn."""
    text = clean_text(text)
    return _XLSX_ESCAPE.sub(r"_x005F_\1", text) if "_x" in text else text


def strip_marks(text: str) -> str:
    """Vietnamese without its diacritics, case and punctuation kept: "Đồng Sơn" → "Dong Son"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold a name for matching: no case, no diacritics (đ→d), punctuation and spaces collapsed.

    "Họ và tên", "HỌ VÀ TÊN", "Ho va ten." and "Họ  và-tên" all fold to "ho va ten".
    """
    text = text.casefold()
    if not text.isascii():
        text = text.translate(_FOLD_TABLE)  # Vietnamese letters and combining marks, in one pass
        if not text.isascii():  # other scripts, or marks the table does not know
            text = strip_marks(text)
    return _PUNCT.sub(" ", text).strip()


def _fold_table() -> dict[int, str | None]:
    """Every precomposed Latin letter (Vietnamese included, đ too) → its base letter;
    combining marks → nothing."""
    table: dict[int, str | None] = {cp: None for cp in range(0x0300, 0x0370)}
    for cp in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        base = strip_marks(chr(cp))
        if base.isascii() and base:
            table[cp] = base.casefold()
    return table


_FOLD_TABLE = _fold_table()


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice closest to ``word`` after folding, or None when nothing is close."""
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    hits = difflib.get_close_matches(fold(word), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[hits[0]] if hits else None


# --- legacy 8-bit Vietnamese encodings -------------------------------------------------
# Text typed with the old fonts arrives in Unicode files as Latin-1 look-alikes.
# TCVN3 (ABC, ".VnTime"): one byte per letter. The upper-case font (".VnTimeH") reuses the
# lower-case codes, so only the seven letters with their own upper-case code map upper.
_TCVN3_PAIRS = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ "
    "êª ềÒ ếÕ ểÓ ễÔ ệÖ ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé "
    "ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô ư\xad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ "
    "Ă¡ Â¢ Đ§ Ê£ Ô¤ Ơ¥ Ư¦"
)
TCVN3_TO_UNICODE: dict[str, str] = {pair[1]: pair[0] for pair in _TCVN3_PAIRS.split(" ")}

# VNI (".VNI-Times"): a base letter followed by a mark character; a few letters are one byte.
_VNI_MARKS = {  # mark character -> combining marks it adds
    "ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323",
    "â": "\u0302", "á": "\u0302\u0301", "à": "\u0302\u0300", "å": "\u0302\u0309",
    "ã": "\u0302\u0303", "ä": "\u0302\u0323",
    "ê": "\u0306", "é": "\u0306\u0301", "è": "\u0306\u0300", "ú": "\u0306\u0309",
    "ü": "\u0306\u0303", "ë": "\u0306\u0323",
}  # fmt: skip
_VNI_SINGLE = {
    "ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư",
    "ì": "ì", "Ì": "Ì", "í": "í", "Í": "Í", "æ": "ỉ", "Æ": "Ỉ",
    "ò": "ị", "Ò": "Ị", "ó": "ĩ", "Ó": "Ĩ", "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    bases = {"a": "a", "e": "e", "o": "o", "u": "u", "y": "y", "ô": "ơ", "ö": "ư"}
    tone_only = {"ù", "ø", "û", "õ", "ï"}
    for base_vni, base_uni in bases.items():
        for mark, combining in _VNI_MARKS.items():
            circumflex_or_breve = mark not in tone_only
            if circumflex_or_breve and base_vni in ("u", "y", "ô", "ö"):
                continue
            if "\u0306" in combining and base_vni != "a":
                continue  # the breve is only on a
            for b_vni, b_uni, m in (
                (base_vni, base_uni, mark),
                (base_vni.upper(), base_uni.upper(), mark.upper()),
            ):
                table[b_vni + m] = unicodedata.normalize("NFC", b_uni + combining)
    table.update(_VNI_SINGLE)
    return table


VNI_TO_UNICODE = _vni_table()

# Converting VNI at C speed: a mark character after a letter it may sit on becomes its
# combining mark (str.translate), single-byte letters become theirs, and NFC composes the
# pairs, which gives exactly VNI_TO_UNICODE. A mark anywhere else is kept as it is: it is
# first swapped for a private-use stand-in, then swapped back.
_TONE, _CIRCUMFLEX, _BREVE = "ùøûõï", "âáàåãä", "êéèúüë"
_MARK_CHARS = _TONE + _CIRCUMFLEX + _BREVE
_MARK_CHARS += _MARK_CHARS.upper()
# A mark character not after a letter it may sit on. The pattern starts with one character
# class, so the engine skips the text between marks fast; the branches then look back.
_VNI_STRAY = re.compile(
    f"[{_MARK_CHARS}]"
    f"(?:(?<=[{_TONE}])(?<![aeouyôö].)|(?<=[{_TONE.upper()}])(?<![AEOUYÔÖ].)"
    f"|(?<=[{_CIRCUMFLEX}])(?<![aeo].)|(?<=[{_CIRCUMFLEX.upper()}])(?<![AEO].)"
    f"|(?<=[{_BREVE}])(?<!a.)|(?<=[{_BREVE.upper()}])(?<!A.))"
)
_STAND_IN = {ch: chr(0xE000 + i) for i, ch in enumerate(_MARK_CHARS)}
_VNI_TABLE = str.maketrans(
    {**{m: c for m, c in _VNI_MARKS.items()}, **{m.upper(): c for m, c in _VNI_MARKS.items()},
     **{k: v for k, v in _VNI_SINGLE.items() if k != v}}
)  # fmt: skip
_STAND_BACK = str.maketrans({v: k for k, v in _STAND_IN.items()})


# The usual path decodes the text's Latin-1 bytes through a charmap (C speed, ~80x faster
# than str.translate on Vietnamese text); the translate path is for text with stray marks.
_TCVN3_DECODE = "".join(TCVN3_TO_UNICODE.get(chr(i), chr(i)) for i in range(256))
# A charmap given as a 256-character string is the fast one; the VNI marks that stand for
# two combining marks (circumflex or breve with a tone) decode to private-use stand-ins
# first, then each stand-in present is replaced (the input holds none: it is Latin-1).
_VNI_FULL = {i: _VNI_TABLE.get(i, chr(i)) for i in range(256)}
_VNI_PAIRS = {
    i: chr(0xF000 + k) for k, i in enumerate(i for i, v in _VNI_FULL.items() if len(v) > 1)
}
_VNI_DECODE = "".join(_VNI_PAIRS.get(i, _VNI_FULL[i]) for i in range(256))
_VNI_EXPAND = tuple((stand_in, _VNI_FULL[i]) for i, stand_in in _VNI_PAIRS.items())


def _convert_vni(text: str) -> str:
    if _VNI_STRAY.search(text) is None:
        decoded = codecs.charmap_decode(text.encode("latin-1", "replace"), "strict", _VNI_DECODE)[0]
        for stand_in, marks in _VNI_EXPAND:
            if stand_in in decoded:
                decoded = decoded.replace(stand_in, marks)
        return unicodedata.normalize("NFC", decoded)
    text = _VNI_STRAY.sub(lambda m: _STAND_IN[m.group(0)], text)  # rare: a mark on no letter
    return unicodedata.normalize("NFC", text.translate(_VNI_TABLE)).translate(_STAND_BACK)


_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")


def is_latin1_only(text: str) -> bool:
    """No character beyond Latin-1: text a legacy font could have typed."""
    return _BEYOND_LATIN1.search(text) is None


# A word as the legacy fonts type it: anything but spaces, digits and ASCII punctuation
# (TCVN3 types letters with Latin-1 symbols: "¸" is á, "§" is Đ, "\xad" is ư).
_WORD = re.compile(r"[^\x00-\x20\s0-9!-/:-@\[-`{-~]+")
ENCODINGS = {"t": "tcvn3", "v": "vni"}  # the readings beside "u", Unicode as it is


def _is_word(word: str, reading: str) -> bool:
    """A word of Vietnamese in its case: lower, Capitalised or CAPITALS; in TCVN3 also with
    its ASCII letters in capitals beside lower-case toned ones, as .VnTimeH and a tired
    secretary type them (.VnTime has no toned capitals)."""
    if not word.isalpha():
        return False
    lower = word.lower()
    mixed = word != lower and word[1:] != lower[1:] and word != word.upper()
    if mixed and (reading != "t" or any(c.islower() for c in word if c.isascii())):
        return False
    return is_syllable(lower)


@functools.lru_cache(maxsize=1 << 15)
def legacy_reading(text: str) -> str:
    """Under which readings a cell's text is most Vietnamese: the best of "u" (Unicode as
    it is), "t" (TCVN3) and "v" (VNI), in that order ("ut" when both are as good); "" when
    no word of it is Vietnamese under any, or it has no letter beyond ASCII.

    Only the words with a character beyond ASCII count (the others read the same every
    way); a word of symbols alone ("°", "½", "×", "«»") is never one. A reading is scored
    by its words that are syllables, then by its words that began with an ASCII letter and
    hold a character Vietnamese does not write but are all letters in that reading
    ("H§ND", "QÑ": abbreviations). A reading that changes nothing is the Unicode one.
    Each word is weighed once (names repeat their words from cell to cell). For text of
    Latin-1 characters only."""
    get = _WEIGHTS.get
    weighed = [get(w) or _weigh(w) for w in _WORD.findall(text) if not w.isascii()]
    weighed = [w for w in weighed if w is not _NO_WORD]
    if not weighed:
        return ""
    # per reading: syllables (u, t, v), then abbreviations (t, v), then whether it changes
    totals = list(map(sum, zip(*weighed, strict=True))) if len(weighed) > 1 else weighed[0]
    best, found = (totals[0], 0), "u"
    for reading, score, changed in (
        ("t", (totals[1], totals[3]), totals[5]),
        ("v", (totals[2], totals[4]), totals[6]),
    ):
        if not changed:
            continue
        if score > best:
            best, found = score, reading
        elif score == best:
            found += reading
    return found if best != (0, 0) else ""


_NO_WORD = (0,) * 7
_WEIGHTS: dict[str, tuple] = {}


def _weigh(word: str) -> tuple:
    """A word's weight under each reading (see :func:`legacy_reading`), kept: the one
    cache of the syllable checks."""
    if len(_WEIGHTS) > 1 << 16:
        _WEIGHTS.clear()
    if not _has_letters(word):
        weights = _NO_WORD
    else:
        odd = word[0].isascii() and not is_letters(word)
        tcvn3 = convert_legacy_text(word, "tcvn3")
        vni = convert_legacy_text(word, "vni")
        weights = (
            _is_word(word.strip("«»"), "u"),  # quotes around a word: «Ngày hội»
            _is_word(tcvn3.strip("«»"), "t"),
            _is_word(vni.strip("«»"), "v"),
            odd and is_letters(tcvn3),
            odd and is_letters(vni),
            tcvn3 != word,
            vni != word,
        )
    _WEIGHTS[word] = weights
    return weights


def _has_letters(word: str) -> bool:
    """A word with a letter, or two characters ("®«" is TCVN3's "đô"; "×" alone a sign)."""
    return len(word) > 1 or any(c.isalpha() and c not in "µªº" for c in word)


def tcvn3_capitals(text: str) -> str:
    """A cell typed in capitals with .VnTime's lower-case toned letters ("HỌ VÀ TÊN" read as
    "Họ Và TÊN", from .VnTimeH or a capitals font) in capitals: when a word has two ASCII
    capitals and the cell no ASCII small letter. Other cells as they are."""
    if _TWO_CAPITALS.search(text) is None or _ASCII_SMALL.search(text):
        return text
    return text.upper()


_TWO_CAPITALS = re.compile(r"[A-Z][^\sa-z]*[A-Z]")


def has_two_capitals(text: str) -> bool:
    """Whether any word of ``text`` has two ASCII capitals (a cell :func:`tcvn3_capitals`
    may change): one search for many cells joined."""
    return _TWO_CAPITALS.search(text) is not None


_ASCII_SMALL = re.compile("[a-z]")


def convert_legacy(text: str, encoding: str) -> str:
    """Convert one cell's text from ``encoding`` ("tcvn3" or "vni") to NFC Unicode.

    Text that has characters beyond Latin-1 is already Unicode and is returned as is.
    """
    if text.isascii() or not is_latin1_only(text):
        return text
    return convert_legacy_text(text, encoding)


def convert_legacy_text(text: str, encoding: str) -> str:
    """Convert ``text`` without looking at it first (for many cells joined into one).
    Characters beyond Latin-1 come back as "?": callers keep such cells as they were."""
    if encoding == "tcvn3":
        decoded = codecs.charmap_decode(text.encode("latin-1", "replace"), "strict", _TCVN3_DECODE)[
            0
        ]
        return unicodedata.normalize("NFC", decoded)
    return _convert_vni(text)

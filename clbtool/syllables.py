"""The shape of a Vietnamese syllable: onset, rhyme (medial, nucleus, final) and one tone.

Used to tell which reading of a legacy-font cell is Vietnamese: "Nghèo" read as Unicode is a
syllable, read as TCVN3 it is "Nghốo", which no Vietnamese word spells. The test is of
spelling, not of the dictionary: "tờn" passes, as a syllable no word uses would; a cell
whose readings all pass is decided by its neighbours (see workbook.legacy).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Tones as combining marks: sắc, huyền, hỏi, ngã, nặng.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = _ACUTE + _GRAVE + _HOOK + _TILDE + _DOT
_VOWELS = "aăâeêioôơuưy"

# Rhymes written without their tone (both "hoà" and "hòa" reduce to "hoa"). The loan
# rhymes "oong", "ooc" (xoong, soóc) are left out: read as TCVN3 or VNI, "Coâng" would
# pass as "coõng".
_RHYMES = """
a ac ach ai am an ang anh ao ap at au ay
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu
iêc iêm iên iêng iêp iêt iêu
yêm yên yêng yêt yêu
o oc oi om on ong op ot
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut
uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu
ươc ươi ươm ươn ương ươp ươt ươu
y
oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh uơ
uy uya uych uyên uyêt uynh uyp uyt uyu
""".split()  # noqa: SIM905 (a table reads better as text)

_ONSETS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph q qu r s t th tr v x".split()  # noqa: SIM905
_STOPS = ("c", "ch", "p", "t")  # finals that take only sắc or nặng
_FRONT = ("i", "e", "ê", "y")


def _allowed(onset: str, rhyme: str) -> bool:
    """Spelling rules of the onsets: k, gh, ngh before i, e, ê (y for k); c, g, ng not."""
    first = rhyme[0]
    if onset == "q":  # "quy", "quỳnh", "quốc", "qua": the u of qu is the rhyme's medial
        return first == "u" and len(rhyme) > 1 and rhyme[1] in _VOWELS
    if onset == "qu":
        return first in "aăâeêiyôơ" and not rhyme.startswith(("oa", "oă", "oe"))
    if rhyme.startswith("yê"):
        return onset == ""  # "yên"; after an onset it is spelled "iê"
    if rhyme.startswith("iê") or rhyme == "ia":
        return onset not in ("", "gi") and not (onset == "g" and rhyme == "ia")
    if onset == "k":
        return first in _FRONT
    if onset in ("gh", "ngh"):
        return first in ("i", "e", "ê")
    if onset in ("c", "ng"):
        return first not in _FRONT
    if onset == "g":  # "gì", "gìn", "giết": the i of gi is the vowel; "gia" is gi + a
        return first not in ("e", "ê", "y")
    if onset == "gi":
        return first not in ("i", "y")
    return True


_QUALITY = "ăâêôơư"


def _tone_places(rhyme: str) -> tuple[int, ...]:
    """Where in the rhyme the tone mark may sit: on the vowel with a mark of its own (ơ of
    ươ, ê of iê); else before a final on the last vowel ("toán"), in an open rhyme on the
    first ("mái", "của") or the middle of three ("ngoài"); "oa", "oe", "uy" both ways, as
    offices write both ("hoà" and "hòa")."""
    vowels = [i for i, ch in enumerate(rhyme) if ch in _VOWELS]
    marked = [i for i in vowels if rhyme[i] in _QUALITY]
    if marked:
        return (marked[-1],)
    if len(vowels) == 1:
        return (vowels[0],)
    if vowels[-1] < len(rhyme) - 1:  # a final consonant follows
        return (vowels[-1],)
    if rhyme in ("oa", "oe", "uy"):
        return (0, 1)
    if len(vowels) == 3:
        return (vowels[1],)
    return (vowels[0],)


@functools.cache
def _bare_syllables() -> dict[str, frozenset[int]]:
    """Every onset + rhyme the spelling allows, without tone (about four thousand), with
    the places in it where the tone mark may sit."""
    found: dict[str, set[int]] = {}
    for onset in ("", *_ONSETS):
        for rhyme in _RHYMES:
            if onset == "" or _allowed(onset, rhyme):
                if onset == "q":  # the u belongs to qu: "quả", "quý"
                    places = tuple(i + 1 for i in _tone_places(rhyme[1:]))
                else:
                    places = _tone_places(rhyme)
                found.setdefault(onset + rhyme, set()).update(len(onset) + i for i in places)
    return {bare: frozenset(places) for bare, places in found.items()}


def _tone_tables() -> tuple[dict[int, str], str]:
    untone: dict[int, str] = {}
    toned = []
    for base in _VOWELS:
        for mark in _TONES:
            char = unicodedata.normalize("NFC", base + mark)
            untone[ord(char)] = base
            toned.append(char)
    return untone, "".join(toned)


_UNTONE, _TONED = _tone_tables()
_TONED_RE = re.compile(f"[{_TONED}]")
_STOP_TONES = frozenset(
    unicodedata.normalize("NFC", v + m) for v in _VOWELS for m in (_ACUTE, _DOT)
)


def is_letters(word: str) -> bool:
    """Whether every character of ``word`` is a letter of the Vietnamese alphabet (the
    English letters too), either case."""
    return not word.lower().translate(_UNTONE).strip(_ALPHABET)


_ALPHABET = "abcdefghijklmnopqrstuvwxyzăâđêôơư"


def is_syllable(word: str) -> bool:
    """Whether ``word`` (NFC, lower case, letters only) is spelled as a Vietnamese syllable:
    an onset and a rhyme that go together, at most one tone mark, on a vowel that may carry
    it, and sắc or nặng before c, ch, p, t."""
    toned = _TONED_RE.findall(word)
    if len(toned) > 1:
        return False
    bare = word.translate(_UNTONE)
    places = _bare_syllables().get(bare)
    if places is None:
        return False
    if toned and _TONED_RE.search(word).start() not in places:
        return False
    if bare.endswith(_STOPS):  # "các", "hợp"; "cac" and "càc" are not Vietnamese
        return bool(toned) and toned[0] in _STOP_TONES
    return True


__all__ = ["is_syllable"]

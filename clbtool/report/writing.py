"""The report's sentences, as a provincial office writes them: counts as "09 CLB", shares as
"74,6%", each shortfall against the plan's figure and section, nothing a validator would
say (no file, no rule code), and a figure no workbook recorded said to be unknown.

Every function takes plain numbers and returns Vietnamese text; the context puts them in
order and the templates lay them out.
"""

from __future__ import annotations

from clbtool.i18n import fmt_int, fmt_pct
from clbtool.plan import Plan

PLACEHOLDER = "[Nội dung do cơ quan bổ sung]"
UNKNOWN = "chưa có số liệu"
# How many clubs a shortfall names before it refers to the summary workbook sent with it.
NAMES_MOST = 10


def sl(n: int) -> str:
    """A count as documents write it: "09" below ten ("06 CLB", "05 tình nguyện viên")."""
    return f"{n:02d}" if 0 < n < 10 else fmt_int(n)


def so(n: int) -> str:
    return fmt_int(n)


def pct(value: float) -> str:
    return fmt_pct(value, "vi")


def dong(n: int) -> str:
    return f"{fmt_int(n)} đồng"


def ratio(part: int, whole: int) -> str:
    return pct(part / whole) if whole else "0%"


def unit_title(plan: Plan, name: str) -> str:
    """How the text names a unit: "huyện Ba Tơ", "thành phố Quảng Ngãi", "thị xã Đức Phổ"."""
    return plan.unit_title(name)


def units_word(plan: Plan) -> str:
    return "huyện, thị xã, thành phố" if plan.unit_level == "district" else "xã, phường, thị trấn"


def share_rule(plan: Plan, key: str) -> str:
    """The plan's words for a share: "ít nhất 70%", "tối thiểu 60%, phấn đấu 70%"."""
    s = plan.shares[key]
    if s.aim:
        return f"tối thiểu {pct(s.min)}, phấn đấu {pct(s.aim)}"
    return f"ít nhất {pct(s.min)}"


def join(items: list[str], last: str = " và ") -> str:
    """ "a, b và c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def as_list(items: list[str]) -> list[str]:
    """Items of a list as the decree ends them: each with ";", the last with "."."""
    return [f"{text};" if i < len(items) - 1 else f"{text}." for i, text in enumerate(items)]


def figure(recorded: int, clubs: int, known: str, label: str) -> str:
    """``known`` ("người cao tuổi cô đơn 31 người") when the clubs recorded it; "``label``:
    chưa có số liệu" when none did; whose figure it is when only some did."""
    if clubs and recorded == 0:
        return f"{label}: {UNKNOWN}"
    if recorded < clubs:
        return f"{known} (số liệu của {sl(recorded)}/{sl(clubs)} CLB có ghi)"
    return known

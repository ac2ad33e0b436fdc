"""Typed records read from a club workbook; each keeps the place of its values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from clbtool.findings import Place


@dataclass(slots=True)
class Member:
    place: Place
    name: str
    code: str | None = None
    birth_year: int | None = None
    birth_date: dt.date | None = None
    gender: str | None = None  # "F" / "M"
    circumstance: str | None = None  # "poor" / "near_poor" / "difficult"
    alone: bool = False
    role: str | None = (
        None  # "chair", "vice_chair", "secretary", "accountant", "treasurer", "board"
    )
    volunteer: bool = False
    arts: bool = False
    health_insurance: bool = False
    checkup: bool = False
    health_knowledge: bool = False
    needs_capital: bool = False
    lender_connected: bool = False
    joined: dt.date | None = None
    left: dt.date | None = None
    note: str = ""

    def is_active(self, start: dt.date, end: dt.date) -> bool:
        """A member of the club at the end of the period (joined by then, not left)."""
        if self.joined is not None and self.joined > end:
            return False
        return self.left is None or self.left > end

    def age_at(self, end: dt.date) -> int | None:
        if self.birth_date is not None:
            before_birthday = (end.month, end.day) < (self.birth_date.month, self.birth_date.day)
            return end.year - self.birth_date.year - before_birthday
        if self.birth_year is not None:
            return end.year - self.birth_year
        return None

    def is_older(self, end: dt.date, older_age: int) -> bool:
        age = self.age_at(end)
        return age is not None and age >= older_age

    @property
    def is_woman(self) -> bool:
        return self.gender == "F"

    @property
    def is_poor(self) -> bool:
        return self.circumstance is not None


@dataclass
class Activity:
    place: Place
    date: dt.date | None
    areas: tuple[str, ...]
    content: str = ""
    participants: int | None = None


@dataclass
class Loan:
    place: Place
    borrower_code: str | None
    borrower_name: str | None
    date: dt.date | None
    amount: int | None
    purpose: str | None = None
    source: str | None = None
    months: int | None = None
    repaid: int | None = None
    repaid_on: dt.date | None = None

    @property
    def outstanding(self) -> int:
        return max((self.amount or 0) - (self.repaid or 0), 0)


@dataclass
class HomeVisit:
    place: Place
    date: dt.date | None
    volunteer: str
    receiver: str
    content: str = ""


@dataclass
class FundEntry:
    place: Place
    date: dt.date | None
    content: str = ""
    source: str | None = None
    income: int = 0
    spending: int = 0


@dataclass
class Club:
    """One club's workbook for one reporting period, as read."""

    path: str
    name: str | None = None
    code: str | None = None
    hamlet: str | None = None
    commune: str | None = None
    district: str | None = None
    province: str | None = None
    founded: dt.date | None = None
    year: int | None = None
    period: str = "year"  # "year" or "h1"
    chair: str | None = None
    fund_opening: int | None = None
    info_places: dict[str, str] = field(default_factory=dict)  # field -> "B5"
    info_sheet: str | None = None
    sheets: dict[str, str] = field(default_factory=dict)  # role -> real sheet name
    sheet_readings: dict[str, str] = field(default_factory=dict)  # "Vay vèn" -> "Vay vốn"
    columns: dict[str, frozenset[str]] = field(default_factory=dict)  # list role -> its fields
    members: list[Member] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    loans: list[Loan] = field(default_factory=list)
    visits: list[HomeVisit] = field(default_factory=list)
    fund: list[FundEntry] = field(default_factory=list)

    @property
    def period_start(self) -> dt.date:
        return dt.date(self.year or 1900, 1, 1)

    @property
    def period_end(self) -> dt.date:
        if self.period == "h1":
            return dt.date(self.year or 1900, 6, 30)
        return dt.date(self.year or 1900, 12, 31)

    def active_members(self) -> list[Member]:
        start, end = self.period_start, self.period_end
        return [m for m in self.members if m.is_active(start, end)]

"""What a report says, as plain data: the period's totals against the plan, the tables, and
every generated sentence (``writing``), in the order of the office's reports on the
programme. Templates lay it out; nothing here knows about documents."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from clbtool.aggregate import Aggregate, ClubEntry
from clbtool.i18n import Txt
from clbtool.period import aggregate_years
from clbtool.plan import Plan
from clbtool.report import writing as w
from clbtool.report.notes import SECTIONS, Paragraph
from clbtool.text import CLUB_PREFIX, capital, lower_first

KINDS = ("annual", "semiannual", "review", "final")
FUND_SOURCE_LABELS = {
    "members": "hội viên đóng góp, tiết kiệm", "fundraising": "gây quỹ", "donors": "tổ chức, cá nhân",
    "budget": "ngân sách nhà nước", "elderly_fund": "Quỹ chăm sóc và phát huy vai trò người cao tuổi",
    "international": "tổ chức quốc tế", "other": "nguồn khác",
}  # fmt: skip
DATA_CODES = ("V01", "V02", "S02", "S03")  # a workbook kept wrongly, not a club short of the plan


class ReportError(Exception):
    """The report cannot be made; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class ReportSpec:
    kind: str
    years: tuple[int, ...]
    period: str  # "year" or "h1"
    date: dt.date

    @property
    def year(self) -> int:
        return self.years[-1]


def report_spec(plan: Plan, year: int, kind: str, date: dt.date | None = None) -> ReportSpec:
    """Which years a kind of report covers: annual and semiannual one year; the 2-year review
    (sơ kết) the plan's first two years; the final review (tổng kết) all of them."""
    if kind not in KINDS:
        raise ReportError(
            Txt(f"Loại báo cáo '{kind}' không có; chọn: {', '.join(KINDS)}",
                f"No report kind '{kind}'; choose: {', '.join(KINDS)}")
        )  # fmt: skip
    if kind == "review":
        years = tuple(range(plan.first_year, min(plan.first_year + 1, year) + 1))
    elif kind == "final":
        years = tuple(range(plan.first_year, year + 1))
    else:
        years = (year,)
    period = "h1" if kind == "semiannual" else "year"
    if date is None:
        date = dt.date(years[-1], 7, 15) if kind == "semiannual" else dt.date(years[-1], 12, 15)
    return ReportSpec(kind, years, period, date)


def _per_year(data: Path, plan: Plan, spec: ReportSpec, jobs) -> tuple[dict, list[int], Aggregate]:
    """Each year of the period that has a data folder, aggregated; the years without one;
    the period as a whole. The report's own year must have data."""
    per_year, missing, whole = aggregate_years(data, plan, spec.years, spec.period, jobs)
    if whole is None or spec.year in missing:
        folder = data / str(spec.year)
        raise ReportError(
            Txt(
                f"Không có thư mục {folder}: thư mục dữ liệu phải có dạng DỮ_LIỆU/<năm>/<huyện>/<tệp CLB> "
                "(dùng --data để chỉ thư mục dữ liệu).",
                f"No folder {folder}: the data folder is laid out DATA/<year>/<unit>/<club file> "
                "(--data names it).",
            )
        )
    return per_year, missing, whole


def build_context(
    data: Path,
    plan: Plan,
    spec: ReportSpec,
    jobs: int | None = None,
    notes: dict[str, list[Paragraph]] | None = None,
) -> dict:
    """Everything the templates need, for the years of ``spec``."""
    per_year, years_missing, whole = _per_year(data, plan, spec, jobs)
    last = per_year[spec.year]
    return Writer(plan, spec, per_year, years_missing, whole, last, notes or {}).context()


class Writer:
    """The report's content for one period, section by section."""

    def __init__(self, plan, spec, per_year, years_missing, whole, last, notes):
        self.plan, self.spec, self.per_year = plan, spec, per_year
        self.years_missing, self.whole, self.last, self.notes = years_missing, whole, last, notes
        self.t = whole.totals
        self.n = self.t["clubs"]
        self.multi = len(spec.years) > 1
        self.report = plan.report
        self.target = plan.target(spec.year)

    # --- the period's words --------------------------------------------------------------------
    @property
    def period_label(self) -> str:
        first, year = self.spec.years[0], self.spec.year
        return {
            "annual": f"năm {year}",
            "semiannual": f"6 tháng đầu năm {year}",
            "review": f"02 năm {first}-{year}" if year > first else f"năm {year}",
            "final": f"giai đoạn {first}-{year}",
        }[self.spec.kind]

    @property
    def subject(self) -> str:
        model = "mô hình Câu lạc bộ liên thế hệ tự giúp nhau"
        first, year = self.spec.years[0], self.spec.year
        return {
            "annual": f"Kết quả thực hiện {model} năm {year}",
            "semiannual": f"Kết quả thực hiện {model} 6 tháng đầu năm {year}",
            "review": f"Sơ kết {self.period_label} thực hiện {model}",
            "final": f"Tổng kết thực hiện {model} giai đoạn {first}-{year}",
        }[self.spec.kind]

    @property
    def within(self) -> str:
        """ "Trong năm 2020", "Trong 6 tháng đầu năm 2020", "Trong giai đoạn 2018-2020"."""
        return f"Trong {self.period_label}"

    @property
    def at_end(self) -> str:
        """When the membership is counted: "31/12/2020", "30/6/2020"."""
        return f"30/6/{self.spec.year}" if self.spec.period == "h1" else f"31/12/{self.spec.year}"

    @property
    def report_of(self) -> str:
        """The report a unit owes: "năm 2020", "6 tháng đầu năm 2020"."""
        return (
            f"6 tháng đầu năm {self.spec.year}"
            if self.spec.period == "h1"
            else f"năm {self.spec.year}"
        )

    def unit(self, name: str) -> str:
        return w.unit_title(self.plan, name)

    def club_name(self, entry: ClubEntry) -> str:
        """ "CLB xã Bình Châu, huyện Bình Sơn": the commune says which club it is."""
        name = (entry.name or entry.code or "").strip()
        name = CLUB_PREFIX.sub("CLB ", name)
        return f"{name or 'CLB chưa ghi tên'}, {self.unit(entry.unit)}"

    # --- sections --------------------------------------------------------------------------------
    def context(self) -> dict:
        plan, t = self.plan, self.t
        areas = [
            {"code": a.code, "name": a.name, "short": a.short,
             "sessions": t["sessions_by_area"].get(a.code, 0)}
            for a in plan.areas
        ]  # fmt: skip
        return {
            "kind": self.spec.kind,
            "year": self.spec.year,
            "years_covered": list(self.spec.years),
            "years_missing": self.years_missing,
            "period_label": self.period_label,
            "subject": self.subject,
            "date": self.spec.date,
            "doc": self.doc(),
            "opening": self.opening(),
            "text": {
                "targets": self.targets_text(),
                "members": self.members_text(),
                "criteria": self.criteria_text(),
                "activities": self.activities_text(),
                "areas": w.as_list([f"{a['name']}: {w.sl(a['sessions'])} buổi" for a in areas]),
                "economy": self.economy_text(),
                "health": self.health_text(),
                "care": self.care_text(),
                "fund": self.fund_text(),
                "by_unit": self.by_unit_text(),
                "by_year": self.by_year_text(),
                "shortfalls": self.shortfalls(),
                "closing": (
                    f"Trên đây là báo cáo {lower_first(self.subject)} của {self.issuer}./."
                ),
            },
            "units_word": w.units_word(plan),
            "headings": self.headings(),
            "captions": self.captions(),
            "targets_table": self.targets_table(),
            "units": self.units_table(),
            "units_total": {**self.unit_row("Tổng cộng", t), "no": ""},
            "years": self.years_table(),
            "notes": self.note_sections(),
            "t": {**t, "areas": areas},
            "plan": self.plan_facts(),
            "clubs": [
                {
                    "name": e.name,
                    "commune": e.commune,
                    "unit": u.name,
                    "older_share": e.metrics.get("older_share", 0),
                    "women_share": e.metrics.get("women_share", 0),
                    "poor_share": e.metrics.get("poor_share", 0),
                }
                for u in self.whole.units
                for e in u.clubs
            ],  # fmt: skip
            "unit_shares": [
                {
                    "name": u.name,
                    **{k: u.totals[k] for k in ("older_share", "women_share", "poor_share")},
                }
                for u in self.whole.units
            ],  # fmt: skip
            "unreadable": list(self.last.unreadable),
        }

    @property
    def issuer(self) -> str:
        return self.report.get("issuer_name") or self.report.get("issuing_body", "").capitalize()

    def doc(self) -> dict:
        report = self.report
        recipients = [
            re.sub(
                r"\s+\((b/c|để b/c|t/h|để biết)\)", "\u00a0(\\1)", str(r)
            )  # "(b/c)" kept on its line
            for r in report.get("recipients", [])
        ]
        return {
            "parent_body": report.get("parent_body", ""),
            "issuing_body": report.get("issuing_body", ""),
            "issuer_name": self.issuer,
            "number": f"Số:      /{report.get('number_suffix', 'BC')}",
            "place": report.get("place") or self.plan.province,
            "signer_title": report.get("signer_title", ""),
            "signer_role": report.get("signer_role", ""),
            "signer_name": report.get("signer_name", ""),
            "recipients": [f"{r};" for r in recipients],
            "archive": report.get("archive", "Lưu: VT").rstrip(".") + ".",
        }

    def opening(self) -> list[dict]:
        """ "Thực hiện Kế hoạch số .../KH-UBND ngày ... của ...": runs, the gaps the plan
        file leaves highlighted for the office to fill."""
        r = self.report
        kind = r.get("plan_kind") or "Kế hoạch"
        number, date = str(r.get("plan_number", "")), str(r.get("plan_date", ""))
        issuer = r.get("plan_issuer", "")
        about = r.get("plan_about")
        if not about:  # "Kế hoạch thực hiện Đề án ..." → "về thực hiện Đề án ..."
            title = self.plan.title
            if title.casefold().startswith(f"{kind} ".casefold()):
                title = title[len(kind) + 1 :]
            about = f"về {lower_first(title)}"
        runs = [{"text": f"Thực hiện {kind} số ", "mark": False}]
        runs.append(
            {"text": number, "mark": False} if number else {"text": "…/KH-UBND", "mark": True}
        )
        runs.append({"text": " ngày ", "mark": False})
        runs.append({"text": date, "mark": False} if date else {"text": "…/…/…", "mark": True})
        tail = f"{' của ' + issuer if issuer else ''} {about}, {self.issuer} báo cáo "
        if self.spec.kind in ("review", "final"):
            tail += f"{lower_first(self.subject)} như sau:"
        else:
            tail += f"kết quả thực hiện {self.period_label} như sau:"
        runs.append({"text": tail, "mark": False})
        return runs

    def headings(self) -> dict:
        spec = self.spec
        ahead = {
            "annual": f"NĂM {spec.year + 1}",
            "semiannual": f"6 THÁNG CUỐI NĂM {spec.year}",
            "review": f"NĂM {spec.year + 1}"
            if spec.year < self.plan.last_year
            else "THỜI GIAN TỚI",
            "final": "GIAI ĐOẠN TIẾP THEO",
        }[spec.kind]
        reviews = spec.kind in ("review", "final")
        return {
            "reviews": reviews,
            "ahead": f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {ahead}",
            "awards": reviews or "khen_thuong" in self.notes,
        }

    def captions(self) -> dict:
        plan_units = w.units_word(self.plan)
        return {
            "targets": f"Bảng 1: Kết quả thực hiện các chỉ tiêu của Kế hoạch năm {self.spec.year}",
            "members": f"Bảng 2: Thành viên và cơ cấu thành viên theo {plan_units}",
            "activity": f"Bảng 3: Kết quả hoạt động theo {plan_units}, {self.period_label}",
            "years": "Bảng 4: Kết quả qua các năm",
            "chart_composition": "Biểu đồ 1: Cơ cấu thành viên các CLB so với yêu cầu của Kế hoạch",
            "chart_years": "Biểu đồ 2: Số CLB qua các năm so với chỉ tiêu Kế hoạch",
        }

    def plan_facts(self) -> dict:
        plan, target = self.plan, self.target
        return {
            "title": plan.title,
            "short_title": plan.short_title,
            "province": plan.province,
            "members_min": plan.members_min,
            "members_max": plan.members_max,
            "older_min": plan.shares["older"].min,
            "women_min": plan.shares["women"].min,
            "women_aim": plan.shares["women"].aim,
            "poor_min": plan.shares["poor"].min,
            "poor_aim": plan.shares["poor"].aim,
            "volunteers_min": plan.volunteers_min,
            "target_clubs": target.clubs if target else None,
            "target_units": target.units if target else None,
        }

    # --- II.1 targets ------------------------------------------------------------------------------
    @functools.cached_property
    def _reporting(self) -> tuple[list[str], list[str], list[str]]:
        """Units the plan expects this year with no report; units with clubs that the plan's
        list does not expect this year; clubs that reported last year and not this one."""
        expected = {u.name for u in self.plan.expected_units(self.spec.year)}
        have = [u.name for u in self.last.units]
        silent = [u.name for u in self.plan.expected_units(self.spec.year) if u.name not in have]
        beyond = [name for name in have if expected and name not in expected]
        dropped = [
            f"{f.params['club']} ({self.unit(f.params['unit'])})"
            for f in self.last.findings
            if f.code == "T02" and f.variant == "club"
        ]
        return silent, beyond, dropped

    def targets_text(self) -> list[str]:
        t, last, plan = self.t, self.last.totals, self.plan
        words = w.units_word(plan)
        out = []
        if not last["clubs"]:
            return [f"{self.within}, chưa có CLB nào gửi báo cáo."]
        lead = (
            f"Đến {self.at_end}, toàn tỉnh có {w.sl(last['clubs'])} CLB liên thế hệ tự giúp nhau "
        )
        lead += f"đang hoạt động tại {w.sl(last['units'])} {words}"
        if self.target:
            lead += (
                f", đạt {w.ratio(last['clubs'], self.target.clubs)} chỉ tiêu Kế hoạch năm "
                f"{self.spec.year} ({w.sl(self.target.clubs)} CLB tại {w.sl(self.target.units)} "
                f"{words}, mục {self.target.section} của Kế hoạch)"
            )
        out.append(lead + ".")
        if self.multi and t["clubs"] > last["clubs"]:
            out.append(
                f"Trong {self.period_label} có {w.sl(t['clubs'])} CLB đã hoạt động; "
                f"{w.sl(t['clubs'] - last['clubs'])} CLB không có báo cáo năm {self.spec.year}."
            )
        silent, beyond, dropped = self._reporting
        if silent:
            names = w.join([self.unit(n) for n in silent])
            out.append(f"{capital(names)} chưa có báo cáo {self.report_of}.")
        if beyond:
            out.append(
                f"Ngoài các {words} theo Kế hoạch, {w.join([self.unit(n) for n in beyond])} "
                "cũng đã thành lập CLB và gửi báo cáo."
            )
        if dropped:
            out.append(
                f"{w.sl(len(dropped))} CLB đã báo cáo năm {self.spec.year - 1} nhưng chưa có báo "
                f"cáo {self.report_of}: {w.join(dropped)}."
            )
        if self.years_missing:
            out.append(
                f"Chưa có số liệu năm {w.join([str(y) for y in self.years_missing])}; các số liệu "
                f"của giai đoạn trong báo cáo này tính từ năm {min(self.per_year)}."
            )
        return out

    def targets_table(self) -> list[dict]:
        plan, t, last = self.plan, self.t, self.last.totals
        n, meeting = self.n, t["clubs_meeting"]
        rows = []
        if self.target:
            sec = self.target.section
            rows.append(
                self._target_row(
                    f"Số CLB được thành lập, duy trì (mục {sec})", self.target.clubs, last["clubs"]
                )
            )
            rows.append(
                self._target_row(
                    f"Số {w.units_word(plan)} có CLB (mục {sec})", self.target.units, last["units"]
                )
            )
        shares = plan.shares
        criteria = (
            ("C01", f"CLB có từ {plan.members_min} đến {plan.members_max} thành viên (mục {plan.members_section})"),
            ("C02", f"CLB có ít nhất {w.pct(shares['older'].min)} thành viên là người cao tuổi (mục {shares['older'].section})"),
            ("C03", f"CLB có ít nhất {w.pct(shares['women'].min)} thành viên là phụ nữ (mục {shares['women'].section})"),
            ("C04", f"CLB có ít nhất {w.pct(shares['poor'].min)} thành viên thuộc hộ nghèo, cận nghèo, "
                    f"hoàn cảnh khó khăn (mục {shares['poor'].section})"),
            ("C05", f"CLB có đội tình nguyện viên từ {w.sl(plan.volunteers_min)} người trở lên "
                    f"(mục {plan.volunteers_section})"),
        )  # fmt: skip
        for code, label in criteria:
            rows.append(self._target_row(label, n, meeting.get(code, 0)))
        if t["recorded"].get("health_knowledge", 0):
            rows.append(self._target_row(
                f"Thành viên được cung cấp kiến thức chăm sóc sức khỏe (mục {plan.health_section}: "
                f"{w.pct(plan.health_knowledge_share)})",
                round(t["members"] * plan.health_knowledge_share), t["health_knowledge"]))  # fmt: skip
        for i, row in enumerate(rows, start=1):
            row["no"] = i
        return rows

    @staticmethod
    def _target_row(label: str, planned: int, done: int) -> dict:
        return {"label": label, "planned": w.so(planned), "done": w.so(done),
                "rate": w.ratio(done, planned) if planned else ""}  # fmt: skip

    # --- II.2 members -------------------------------------------------------------------------------
    def members_text(self) -> list[str]:
        t, n, plan = self.t, self.n, self.plan
        rec = t["recorded"]
        if not t["members"]:
            return []
        parts = [
            f"người cao tuổi {w.sl(t['older'])} người, chiếm {w.pct(t['older_share'])} "
            f"(Kế hoạch: {w.share_rule(plan, 'older')})",
            f"phụ nữ {w.sl(t['women'])} người, chiếm {w.pct(t['women_share'])} "
            f"(Kế hoạch: {w.share_rule(plan, 'women')})",
        ]
        poor = "người thuộc hộ nghèo, cận nghèo, gia đình có hoàn cảnh khó khăn"
        if rec["poor"] == 0:
            parts.append(f"{poor}: {w.UNKNOWN}")
        else:
            text = (
                f"{poor} {w.sl(t['poor'])} người, chiếm {w.pct(t['poor_share'])} "
                f"(Kế hoạch: {w.share_rule(plan, 'poor')})"
            )
            if rec["poor"] < n:
                text += f", theo số liệu của {w.sl(rec['poor'])}/{w.sl(n)} CLB có ghi"
            parts.append(text)
        parts.append(
            w.figure(
                rec["alone"],
                n,
                f"người cao tuổi cô đơn {w.sl(t['alone'])} người",
                "số người cao tuổi cô đơn",
            )
        )
        parts.append(w.figure(rec["volunteers"], n, f"tình nguyện viên {w.sl(t['volunteers'])} người",
                              "số tình nguyện viên"))  # fmt: skip
        lead = f"Đến {self.at_end}, tổng số thành viên các CLB là {w.sl(t['members'])} người, trong đó: "
        return [lead + "; ".join(parts) + "."]

    def criteria_text(self) -> list[str]:
        t, n, plan = self.t, self.n, self.plan
        if not n:
            return []
        m = t["clubs_meeting"]
        shares = plan.shares
        parts = [
            f"{w.sl(m['C01'])}/{w.sl(n)} CLB có từ {plan.members_min} đến {plan.members_max} thành viên",
            f"{w.sl(m['C02'])}/{w.sl(n)} CLB có ít nhất {w.pct(shares['older'].min)} thành viên là người cao tuổi",
            f"{w.sl(m['C03'])}/{w.sl(n)} CLB có ít nhất {w.pct(shares['women'].min)} thành viên là phụ nữ",
            f"{w.sl(m['C04'])}/{w.sl(n)} CLB có ít nhất {w.pct(shares['poor'].min)} thành viên thuộc hộ "
            "nghèo, cận nghèo, hoàn cảnh khó khăn",
            f"{w.sl(m['C05'])}/{w.sl(n)} CLB có đội tình nguyện viên từ {w.sl(plan.volunteers_min)} người trở lên",
        ]  # fmt: skip
        return [
            f"Về quy mô, cơ cấu thành viên theo mục {plan.members_section} và đội tình nguyện viên "
            f"theo mục {plan.volunteers_section} của Kế hoạch: " + "; ".join(parts) + ". "
            f"Có {w.sl(m['all'])}/{w.sl(n)} CLB đạt cả 05 yêu cầu này."
        ]

    # --- II.3 activities ------------------------------------------------------------------------------
    def activities_text(self) -> list[str]:
        t = self.t
        if not t["recorded"]["sessions"]:
            return [f"Về sinh hoạt, hoạt động của các CLB: {w.UNKNOWN}."]
        text = f"{self.within}, các CLB đã tổ chức {w.sl(t['sessions'])} buổi sinh hoạt, hoạt động"
        if t["recorded"]["participants"]:
            text += f" với {w.so(t['participants'])} lượt người tham gia"
        text += (
            ". Một buổi sinh hoạt thường gồm nhiều nội dung, nên số buổi theo từng nội dung dưới "
            "đây cộng lại nhiều hơn tổng số buổi:"
        )
        return [text]

    def economy_text(self) -> str:
        t, rec = self.t, self.t["recorded"]
        if not rec["loans"]:
            return f"Giúp nhau phát triển kinh tế: {w.UNKNOWN} về cho vay vốn."
        text = (
            f"Giúp nhau phát triển kinh tế: {self.within.lower()}, các CLB đã cho thành viên vay "
            f"{w.sl(t['loans'])} lượt với tổng số tiền {w.dong(t['loan_amount'])}"
        )
        if not self.multi:
            text += f" ({w.sl(t['borrowers'])} người được vay)"
        text += f"; dư nợ đến {self.at_end} là {w.dong(t['loans_outstanding'])}"
        if rec["needs_capital"] and t["needs_capital"]:
            text += (
                f". Có {w.sl(t['capital_met'])}/{w.sl(t['needs_capital'])} thành viên có nhu cầu "
                "vốn đã được vay hoặc được kết nối vay vốn"
            )
        return text + "."

    def health_text(self) -> str:
        t, rec, n = self.t, self.t["recorded"], self.n
        parts = []
        if rec["health_knowledge"]:
            text = (
                f"{w.sl(t['health_knowledge'])}/{w.sl(t['members'])} thành viên "
                f"({w.ratio(t['health_knowledge'], t['members'])}) được cung cấp kiến thức chăm sóc "
                f"sức khỏe (Kế hoạch: {w.pct(self.plan.health_knowledge_share)})"
            )
            parts.append(
                text
                + (
                    f", theo số liệu của {w.sl(rec['health_knowledge'])}/{w.sl(n)} CLB"
                    if rec["health_knowledge"] < n
                    else ""
                )
            )
        else:
            parts.append(f"số thành viên được cung cấp kiến thức chăm sóc sức khỏe: {w.UNKNOWN}")
        parts.append(
            w.figure(
                rec["checkups"],
                n,
                f"{w.sl(t['checkups'])} thành viên được khám sức khỏe định kỳ",
                "số thành viên được khám sức khỏe định kỳ",
            )
        )
        parts.append(w.figure(rec["health_insurance"], n, f"{w.sl(t['health_insurance'])} thành viên có thẻ "
                              "bảo hiểm y tế", "số thành viên có thẻ bảo hiểm y tế"))  # fmt: skip
        return "Chăm sóc sức khỏe: " + "; ".join(parts) + "."

    def care_text(self) -> str:
        t, rec = self.t, self.t["recorded"]
        if not rec["home_visits"]:
            return f"Chăm sóc tại nhà: {w.UNKNOWN}."
        return (
            f"Chăm sóc tại nhà: đội tình nguyện viên của các CLB ({w.sl(t['volunteers'])} người) đã "
            f"thực hiện {w.sl(t['home_visits'])} lượt chăm sóc tại nhà cho thành viên cần giúp đỡ "
            "(trò chuyện, nấu cơm, giặt giũ, giúp đỡ việc nhà)."
        )

    def fund_text(self) -> str:
        t, rec = self.t, self.t["recorded"]
        if not rec["fund_in"]:
            return f"Vận động nguồn lực: {w.UNKNOWN}."
        text = f"Vận động nguồn lực: {self.within.lower()}, các CLB đã huy động được {w.dong(t['fund_in'])}"
        sources = sorted(t["fund_in_by_source"].items(), key=lambda kv: -kv[1])
        sources = [(k, v) for k, v in sources if v]
        if sources:
            text += ", trong đó: " + "; ".join(
                f"{FUND_SOURCE_LABELS.get(k, k)} {w.dong(v)}" for k, v in sources
            )
        if rec["fund_out"]:
            text += f". Các CLB đã chi {w.dong(t['fund_out'])} cho các hoạt động"
        return text + "."

    # --- II.4 by unit, II.5 by year ------------------------------------------------------------------
    def unit_row(self, name: str, u: dict) -> dict:
        rec = u.get("recorded", {})

        def known(key: str, value: str) -> str:
            return value if rec.get(key, 1) or not u["clubs"] else "-"

        return {
            "name": name,
            "clubs": w.so(u["clubs"]), "members": w.so(u["members"]),
            "older": w.pct(u["older_share"]), "women": w.pct(u["women_share"]),
            "poor": known("poor", w.pct(u["poor_share"])), "volunteers": known("volunteers", w.so(u["volunteers"])),
            "meets_all": w.so(u["clubs_meeting"].get("all", 0)),
            "sessions": known("sessions", w.so(u["sessions"])),
            "participants": known("participants", w.so(u["participants"])),
            "loans": known("loans", w.so(u["loans"])), "loan_amount": known("loans", w.so(u["loan_amount"])),
            "home_visits": known("home_visits", w.so(u["home_visits"])),
            "fund_in": known("fund_in", w.so(u["fund_in"])),
        }  # fmt: skip

    def units_table(self) -> list[dict]:
        rows = [self.unit_row(capital(self.unit(u.name)), u.totals) for u in self.whole.units]
        for i, row in enumerate(rows, start=1):
            row["no"] = i
        return rows

    def by_unit_text(self) -> list[str]:
        if not self.whole.units:
            return []
        return [
            f"Kết quả cụ thể của từng {w.units_word(self.plan)} tại Bảng 2 và Bảng 3 (số tiền tính "
            "bằng đồng)."
        ]

    def years_table(self) -> list[dict]:
        rows = []
        for year in self.spec.years:
            agg = self.per_year.get(year)
            target = self.plan.target(year)
            row = {"year": year, "target_clubs": w.so(target.clubs) if target else "",
                   "target_clubs_n": target.clubs if target else None, "missing": agg is None}  # fmt: skip
            if agg is None:
                row.update(dict.fromkeys(
                    ("clubs", "units", "members", "sessions", "loans", "loan_amount", "home_visits", "fund_in"),
                    "-"))  # fmt: skip
                row["clubs_n"] = None
            else:
                u = self.unit_row("", agg.totals)
                row.update({k: u[k] for k in ("clubs", "members", "sessions", "loans", "loan_amount",
                                              "home_visits", "fund_in")})  # fmt: skip
                row["units"] = w.so(agg.totals["units"])
                row["clubs_n"] = agg.totals["clubs"]
            rows.append(row)
        return rows

    def by_year_text(self) -> list[str]:
        if not self.multi:
            return []
        parts = []
        for year in self.spec.years:
            agg = self.per_year.get(year)
            if agg is None:
                parts.append(f"năm {year} {w.UNKNOWN}")
                continue
            t = agg.totals
            parts.append(
                f"năm {year} có {w.sl(t['clubs'])} CLB, {w.sl(t['members'])} thành viên, "
                f"{w.sl(t['sessions'])} buổi sinh hoạt"
            )
        return [f"Kết quả qua từng năm: {'; '.join(parts)} (chi tiết tại Bảng 4)."]

    # --- III.2 shortfalls ------------------------------------------------------------------------------
    def shortfalls(self) -> list[str]:
        """Each shortfall against the plan, clubs grouped under it; then units and data."""
        plan, year = self.plan, self.spec.year
        clubs = [e for u in self.whole.units for e in u.clubs]  # those the counts above count
        groups: dict[str, list[str]] = {}

        def add(key: str, entry: ClubEntry, detail: str = "") -> None:
            text = self.club_name(entry) + (f" ({detail})" if detail else "")
            if text not in groups.setdefault(key, []):
                groups[key].append(text)

        for e in clubs:
            m = e.metrics
            for code in e.failed:
                if code == "C01":
                    add("C01_low" if m["members"] < plan.members_min else "C01_high", e,
                        f"{w.sl(m['members'])} thành viên")  # fmt: skip
                elif code in ("C02", "C03", "C04"):
                    key = {"C02": "older", "C03": "women", "C04": "poor"}[code]
                    add(code, e, f"{w.pct(m[f'{key}_share'])}")
                elif code == "C05":
                    add(code, e, f"{w.sl(m['volunteers'])} người")
                elif code == "A01":
                    names = [lower_first(a.name) for a in plan.areas
                             if not m.get("sessions_by_area", {}).get(a.code)]  # fmt: skip
                    add(code, e, f"chưa có hoạt động {w.join(names)}")
                elif code == "X01":
                    add(code, e)
                elif code in DATA_CODES:
                    add("data", e)
        shares = plan.shares
        heads = {
            "C01_low": f"chưa đủ {plan.members_min} thành viên theo mục {plan.members_section} của Kế hoạch",
            "C01_high": f"có hơn {plan.members_max} thành viên, vượt quy mô tại mục {plan.members_section} của Kế hoạch",
            "C02": f"có tỷ lệ người cao tuổi chưa đạt mức tối thiểu {w.pct(shares['older'].min)} theo mục "
                   f"{shares['older'].section} của Kế hoạch",
            "C03": f"có tỷ lệ phụ nữ chưa đạt mức tối thiểu {w.pct(shares['women'].min)} theo mục "
                   f"{shares['women'].section} của Kế hoạch",
            "C04": f"có tỷ lệ thành viên thuộc hộ nghèo, cận nghèo, hoàn cảnh khó khăn chưa đạt mức tối thiểu "
                   f"{w.pct(shares['poor'].min)} theo mục {shares['poor'].section} của Kế hoạch",
            "C05": f"có đội tình nguyện viên chưa đủ {w.sl(plan.volunteers_min)} người theo mục "
                   f"{plan.volunteers_section} của Kế hoạch",
            "A01": "chưa tổ chức đủ các nội dung hoạt động theo mục III.3 của Kế hoạch",
            "X01": "có khoản vay cho người không phải thành viên CLB",
            "data": "có sổ theo dõi còn ghi thiếu hoặc ghi sai một số thông tin (ngày, năm sinh, số tiền...), "
                    "các thông tin này chưa được tính vào số liệu, cần rà soát, bổ sung",
        }  # fmt: skip
        items = []
        for key, head in heads.items():
            names = groups.get(key)
            if not names:
                continue
            shown = names[: w.NAMES_MOST]
            more = len(names) - len(shown)
            tail = (
                f" và {w.sl(more)} CLB khác (chi tiết tại bảng tổng hợp kèm theo)" if more else ""
            )
            items.append(f"{w.sl(len(names))} CLB {head}: {'; '.join(shown)}{tail}")
        silent, _, dropped = self._reporting
        if silent:
            items.append(
                f"{w.sl(len(silent))} {w.units_word(plan)} chưa gửi báo cáo {self.report_of}: "
                f"{w.join([self.unit(n) for n in silent])}"
            )
        if dropped:
            items.append(
                f"{w.sl(len(dropped))} CLB chưa gửi báo cáo {self.report_of}: {w.join(dropped)}"
            )
        if self.target and self.last.totals["clubs"] < self.target.clubs:
            items.append(
                f"Số CLB ({w.sl(self.last.totals['clubs'])}) chưa đạt chỉ tiêu {w.sl(self.target.clubs)} "
                f"CLB năm {year} theo mục {self.target.section} của Kế hoạch"
            )
        if self.last.unreadable:
            folders = {Path(p).parts[0] for p in self.last.unreadable if len(Path(p).parts) > 1}
            units = sorted({self.unit(u.name) for f in folders if (u := plan.unit(f))})
            where = f" (của {w.join(units)})" if units else ""
            items.append(
                f"{w.sl(len(self.last.unreadable))} sổ theo dõi CLB{where} không đọc được nên chưa "
                "được tổng hợp vào báo cáo này"
            )
        return w.as_list([capital(i) for i in items])

    # --- the office's own paragraphs ------------------------------------------------------------------
    def note_sections(self) -> dict:
        """Each section the office writes: its paragraphs, or one highlighted placeholder."""
        out = {}
        for section in SECTIONS:
            given = self.notes.get(section.key)
            if given:
                out[section.key] = [
                    {"runs": [{"text": (f"- {p.text}" if p.item else p.text), "mark": False}],
                     "item": p.item}
                    for p in given
                ]  # fmt: skip
            else:
                out[section.key] = [
                    {"runs": [{"text": w.PLACEHOLDER, "mark": True}], "item": False}
                ]
        return out

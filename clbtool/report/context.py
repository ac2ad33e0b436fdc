"""What a report says, as plain data: the totals of each year of the report, against the
plan. Templates turn it into prose; nothing here knows about documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from clbtool.aggregate import COMPOSITION_RULES, Aggregate, aggregate
from clbtool.plan import Plan
from clbtool.report.filters import pct

KINDS = ("annual", "semiannual", "review", "final")
FUND_SOURCE_LABELS = {
    "members": "hội viên đóng góp, tiết kiệm", "fundraising": "gây quỹ", "donors": "tổ chức, cá nhân",
    "budget": "ngân sách nhà nước", "elderly_fund": "Quỹ chăm sóc và phát huy vai trò người cao tuổi",
    "international": "tổ chức quốc tế", "other": "nguồn khác",
}  # fmt: skip
RULE_SHORT = {
    "C01": "quy mô 50-70 thành viên", "C02": "tỷ lệ người cao tuổi", "C03": "tỷ lệ phụ nữ",
    "C04": "tỷ lệ người nghèo, cận nghèo, khó khăn", "C05": "số tình nguyện viên",
    "C06": "chủ nhiệm CLB", "C07": "tổ văn nghệ", "A01": "đủ các lĩnh vực hoạt động",
    "X01": "người vay ngoài CLB", "V01": "dữ liệu không đọc được", "V02": "dữ liệu ngoài khoảng hợp lệ",
    "S01": "thiếu trang tính", "S02": "thiếu cột", "S03": "thiếu thông tin CLB",
}  # fmt: skip


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
        raise ReportError(f"Loại báo cáo '{kind}' không có; chọn: {', '.join(KINDS)}")
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


def _year_folder(data: Path, year: int) -> Path:
    folder = data / str(year)
    if not folder.is_dir():
        raise ReportError(
            f"Không có thư mục {folder}: thư mục dữ liệu phải có dạng DỮ_LIỆU/<năm>/<huyện>/<tệp CLB> "
            "(dùng --data để chỉ thư mục dữ liệu)."
        )
    return folder


def build_context(data: Path, plan: Plan, spec: ReportSpec, jobs: int | None = None) -> dict:
    """Everything the templates need, for the years of ``spec``."""
    per_year: dict[int, Aggregate] = {}
    for year in spec.years:
        _year_folder(data, year)
        per_year[year] = aggregate([data], plan, year=year, period=spec.period, jobs=jobs)
    last = per_year[spec.year]
    report = plan.report
    period_label = {
        "annual": f"năm {spec.year}",
        "semiannual": f"6 tháng đầu năm {spec.year}",
        "review": f"giai đoạn {spec.years[0]}-{spec.years[-1]}",
        "final": f"giai đoạn {spec.years[0]}-{spec.years[-1]}",
    }[spec.kind]
    subject = {
        "annual": f"Kết quả thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau {period_label}",
        "semiannual": f"Kết quả thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau {period_label}",
        "review": f"Sơ kết 02 năm thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau {period_label}",
        "final": f"Tổng kết thực hiện mô hình Câu lạc bộ liên thế hệ tự giúp nhau {period_label}",
    }[spec.kind]
    totals = last.totals
    t = dict(totals)
    t["areas"] = [
        {
            "code": a.code,
            "name": a.name,
            "short": a.short,
            "sessions": totals["sessions_by_area"].get(a.code, 0),
        }
        for a in plan.areas
    ]
    t["areas_missing"] = [a for a in t["areas"] if not a["sessions"]]
    t["fund_sources"] = [
        {"key": k, "label": FUND_SOURCE_LABELS.get(k, k), "amount": v}
        for k, v in sorted(totals["fund_in_by_source"].items(), key=lambda kv: -kv[1])
        if v
    ]
    t["meeting"] = {
        code: totals["clubs_meeting"].get(code, 0) for code in (*COMPOSITION_RULES, "all")
    }
    units = []
    for unit in last.units:
        u = unit.totals
        units.append({
            "name": unit.name, "clubs": u["clubs"], "members": u["members"], "older_share": u["older_share"],
            "women_share": u["women_share"], "poor_share": u["poor_share"], "volunteers": u["volunteers"],
            "meets_all": u["clubs_meeting"].get("all", 0), "sessions": u["sessions"], "loan_amount": u["loan_amount"],
            "home_visits": u["home_visits"],
        })  # fmt: skip
    failing = []
    for unit in last.units:
        for club in unit.clubs:
            if club.failed:
                reasons = [_reason(code, club.metrics) for code in club.failed]
                failing.append(
                    {
                        "name": club.name,
                        "unit": unit.name,
                        "commune": club.commune,
                        "rules": club.failed,
                        "reasons": reasons,
                    }
                )
    clubs = [
        {"name": club.name, "commune": club.commune, "unit": unit.name, "older_share": club.metrics.get("older_share", 0),
         "women_share": club.metrics.get("women_share", 0), "poor_share": club.metrics.get("poor_share", 0)}
        for unit in last.units for club in unit.clubs
    ]  # fmt: skip
    years = []
    for year, agg in per_year.items():
        target = plan.target(year)
        years.append({
            "year": year, "clubs": agg.totals["clubs"], "units": agg.totals["units"],
            "members": agg.totals["members"], "target_clubs": target.clubs if target else None,
            "target_units": target.units if target else None,
        })  # fmt: skip
    target = plan.target(spec.year)
    findings = [f for agg in per_year.values() for f in agg.findings]
    return {
        "kind": spec.kind,
        "year": spec.year,
        "years": years,
        "period_label": period_label,
        "subject": subject,
        "date": spec.date,
        "plan": {
            "title": plan.title,
            "short_title": plan.short_title,
            "province": plan.province,
            "members_min": plan.members_min,
            "members_max": plan.members_max,
            "older_age": plan.older_age,
            "older_min": plan.shares["older"].min,
            "women_min": plan.shares["women"].min,
            "women_aim": plan.shares["women"].aim,
            "poor_min": plan.shares["poor"].min,
            "poor_aim": plan.shares["poor"].aim,
            "volunteers_min": plan.volunteers_min,
            "target_clubs": target.clubs if target else None,
            "target_units": target.units if target else None,
        },  # fmt: skip
        "doc": {
            "parent_body": report.get("parent_body", ""),
            "issuing_body": report.get("issuing_body", ""),
            "issuer_name": report.get("issuer_name") or report.get("issuing_body", "").capitalize(),
            "number": f"Số:      /{report.get('number_suffix', 'BC')}",
            "place": report.get("place") or plan.province,
            "signer_title": report.get("signer_title", ""),
            "signer_role": report.get("signer_role", ""),
            "signer_name": report.get("signer_name", ""),
            "recipients": list(report.get("recipients", [])),
            "archive": report.get("archive", "Lưu: VT"),
        },  # fmt: skip
        "t": t,
        "units": units,
        "clubs": clubs,
        "failing": failing,
        "missing": [f.message("vi") for f in findings if f.code == "T02" and f.variant != "rate"],
        "reporting_rate": [
            f.message("vi") for f in findings if f.code == "T02" and f.variant == "rate"
        ],
        "duplicates": [f.message("vi") for f in findings if f.code == "T01"],
        "targets_missed": [f.message("vi") for f in findings if f.code in ("T03", "T04")],
        "skipped": [{"path": p, "reason": r.vi} for p, r in last.skipped],
        "unreadable": [
            {"path": p, "reason": r.vi} for p, r in last.skipped if r.vi.startswith("không tính")
        ],
    }


def _reason(code: str, metrics: dict) -> str:
    label = RULE_SHORT.get(code, code)
    share_keys = {"C02": "older_share", "C03": "women_share", "C04": "poor_share"}
    if code in share_keys:
        return f"{label} {pct(metrics.get(share_keys[code], 0))}"
    if code == "C01":
        return f"{label} (có {metrics.get('members', 0)} thành viên)"
    if code == "C05":
        return f"{label} (có {metrics.get('volunteers', 0)} người)"
    return label

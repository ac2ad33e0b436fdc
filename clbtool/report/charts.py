"""The report's charts (matplotlib, PNG): clubs against the target by year, and the
members' composition against the plan's minimums (per club, per unit or as a distribution,
by scale).

Drawn for a printed page: Times New Roman (or the nearest serif installed), numbers as
Vietnamese write them (1.234, 72,5%), the legend below the bars, never over them, and no
title inside the picture: the document's caption ("Biểu đồ 1: ...") names it.
"""

from __future__ import annotations

from pathlib import Path

from clbtool.i18n import fmt_int, fmt_pct

WIDTH_IN = 6.3  # 160 mm: the width the document gives a chart
SERIFS = ["Times New Roman", "Liberation Serif", "Tinos", "Nimbus Roman", "DejaVu Serif"]


def _pyplot():
    import logging

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # a missing serif is fine
    plt.rcParams.update(
        {"font.family": "serif", "font.serif": SERIFS, "font.size": 10, "axes.unicode_minus": False}
    )
    return plt


def _vi_axis(ax, percent: bool) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    if percent:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_pct(v / 100)))
    else:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fmt_int(round(v))))
    ax.spines[["top", "right"]].set_visible(False)


def _legend_below(fig, ax, columns: int) -> None:
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        ncol=columns,
        frameon=False,
        fontsize=9,
    )


def _save(fig, plt, out: Path) -> Path:
    fig.savefig(out, bbox_inches="tight", pad_inches=0.05)
    plt.close(fig)
    return out


def clubs_by_year(context: dict, out: Path) -> Path:
    """A bar for every year of the period (a year without data said so), the target a line."""
    plt = _pyplot()
    years = context["years"]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 2.8), dpi=150)
    positions = list(range(len(years)))
    clubs = [y["clubs_n"] or 0 for y in years]
    ax.bar(positions, clubs, color="#2f6fab", width=0.5, label="Số CLB")
    targets = [y["target_clubs_n"] for y in years]
    if any(t is not None for t in targets):
        ax.plot(
            positions, [t or 0 for t in targets], "o--", color="#c0392b", label="Chỉ tiêu Kế hoạch"
        )
    top = max(clubs + [t or 0 for t in targets] + [1])
    for i, y in enumerate(years):
        text = "chưa có số liệu" if y["missing"] else fmt_int(y["clubs_n"])
        ax.annotate(text, (i, clubs[i]), ha="center", va="bottom", fontsize=9,
                    xytext=(0, 2), textcoords="offset points")  # fmt: skip
    ax.set_xticks(positions)
    ax.set_xticklabels([f"Năm {y['year']}" for y in years])
    ax.set_ylabel("Số CLB")
    ax.set_ylim(0, top * 1.2)
    _vi_axis(ax, percent=False)
    _legend_below(fig, ax, 2)
    return _save(fig, plt, out)


# A bar per club reads on a page up to about thirty clubs; a province sends hundreds, the
# country thousands (20,000 bars took minutes and a gigabyte to draw, and could not be read).
CLUBS_MOST = 30
UNITS_MOST = 40
_SERIES = (
    ("older_share", "Người cao tuổi", "#2f6fab", "older_min"),
    ("women_share", "Phụ nữ", "#e67e22", "women_min"),
    ("poor_share", "Nghèo, cận nghèo, khó khăn", "#27ae60", "poor_min"),
)


def composition_data(context: dict) -> dict:
    """What the composition chart shows, by scale: each club's shares (up to CLUBS_MOST
    clubs), each unit's (up to UNITS_MOST units), else how many clubs fall in each tenth
    (0-10%, ..., 90-100%) of each share."""
    clubs, units = context["clubs"], context["unit_shares"]
    if len(clubs) <= CLUBS_MOST:
        rows = clubs or [{"commune": "-", "older_share": 0, "women_share": 0, "poor_share": 0}]
        labels = [c["commune"] or c["name"] for c in rows]
        return {
            "by": "club",
            "labels": labels,
            "values": {key: [c[key] * 100 for c in rows] for key, *_ in _SERIES},
        }
    if 2 <= len(units) <= UNITS_MOST:  # one unit of many clubs: their distribution
        return {
            "by": "unit",
            "labels": [u["name"] for u in units],
            "values": {key: [u[key] * 100 for u in units] for key, *_ in _SERIES},
        }
    counts = {key: [0] * 10 for key, *_ in _SERIES}
    for club in clubs:
        for key, *_ in _SERIES:
            tenth = int(club[key] * 100 + 1e-9) // 10  # 60% in 60-70%, whatever the rounding
            counts[key][min(tenth, 9)] += 1  # 100% goes with 90-100%
    return {
        "by": "share",
        "labels": [f"{10 * i}-{10 * i + 10}%" for i in range(10)],
        "values": counts,
    }


def composition(context: dict, out: Path) -> Path:
    plt = _pyplot()
    data = composition_data(context)
    plan = context["plan"]
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.2), dpi=150)
    n = len(data["labels"])
    width = 0.26
    for i, (key, label, color, minimum) in enumerate(_SERIES):
        ax.bar([x + (i - 1) * width for x in range(n)], data["values"][key], width,
               label=label, color=color)  # fmt: skip
        if data["by"] == "share":  # the minimum is a share: a line between the tenths
            ax.axvline(plan[minimum] * 10 - 0.5, color=color, linestyle="--", linewidth=0.8)
        else:
            ax.axhline(plan[minimum] * 100, color=color, linestyle="--", linewidth=0.8)
    ax.plot(
        [], [], color="#555555", linestyle="--", linewidth=0.8, label="Mức tối thiểu của Kế hoạch"
    )
    ax.set_xticks(list(range(n)))
    rotation, align = (0, "center") if data["by"] == "share" or n <= 6 else (35, "right")
    ax.set_xticklabels(data["labels"], rotation=rotation, ha=align, fontsize=8)
    if data["by"] == "share":
        ax.set_ylabel("Số CLB")
        ax.set_xlabel("Tỷ lệ trong số thành viên của CLB")
        _vi_axis(ax, percent=False)
    else:
        ax.set_ylabel("Tỷ lệ trong số thành viên")
        ax.set_ylim(0, 100)
        _vi_axis(ax, percent=True)
    _legend_below(fig, ax, 2)
    if data["by"] != "share" and rotation:
        ax.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=2, frameon=False, fontsize=9
        )
    return _save(fig, plt, out)

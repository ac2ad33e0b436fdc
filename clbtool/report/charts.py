"""The report's charts (matplotlib, PNG): clubs against the target by year, and the
members' composition against the plan's minimums (per club, per unit or as a distribution,
by scale)."""

from __future__ import annotations

from pathlib import Path


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": "serif",
            "font.serif": ["Liberation Serif", "Times New Roman", "DejaVu Serif"],
            "font.size": 10,
        }
    )
    return plt


def clubs_by_year(context: dict, out: Path) -> Path:
    plt = _pyplot()
    years = context["years"]
    fig, ax = plt.subplots(figsize=(6.3, 2.8), dpi=150)
    labels = [str(y["year"]) for y in years]
    ax.bar(labels, [y["clubs"] for y in years], color="#2f6fab", width=0.5, label="Số CLB")
    targets = [y["target_clubs"] for y in years]
    if any(t is not None for t in targets):
        ax.plot(
            labels, [t or 0 for t in targets], "o--", color="#c0392b", label="Chỉ tiêu kế hoạch"
        )
    for i, y in enumerate(years):
        ax.annotate(str(y["clubs"]), (i, y["clubs"]), ha="center", va="bottom", fontsize=9)
    ax.set_ylabel("Số CLB")
    ax.set_title("Số CLB liên thế hệ so với chỉ tiêu theo năm")
    ax.legend(loc="upper left", fontsize=8)
    ax.set_ylim(0, max([y["clubs"] for y in years] + [t or 0 for t in targets] + [1]) * 1.25)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


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
    clubs, units = context["clubs"], context["units"]
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
    fig, ax = plt.subplots(figsize=(6.3, 3.2), dpi=150)
    n = len(data["labels"])
    width = 0.26
    for i, (key, label, color, minimum) in enumerate(_SERIES):
        ax.bar([x + (i - 1) * width for x in range(n)], data["values"][key], width,
               label=label, color=color)  # fmt: skip
        if data["by"] == "share":  # the minimum is a share: a line between the tenths
            ax.axvline(plan[minimum] * 10 - 0.5, color=color, linestyle="--", linewidth=0.8)
        else:
            ax.axhline(plan[minimum] * 100, color=color, linestyle="--", linewidth=0.8)
    ax.set_xticks(list(range(n)))
    rotation, align = (0, "center") if data["by"] == "share" else (35, "right")
    ax.set_xticklabels(data["labels"], rotation=rotation, ha=align, fontsize=8)
    if data["by"] == "share":
        ax.set_ylabel("Số CLB")
        ax.set_xlabel("Tỷ lệ trong số thành viên của CLB")
        ax.set_title(
            "Số CLB theo tỷ lệ từng nhóm thành viên; đường gạch: mức tối thiểu của kế hoạch",
            fontsize=9,
        )
    else:
        ax.set_ylabel("%")
        ax.set_ylim(0, 100)
        who = "từng CLB" if data["by"] == "club" else "theo đơn vị"
        ax.set_title(f"Cơ cấu thành viên {who} so với mức tối thiểu của kế hoạch (đường gạch)")
    ax.legend(fontsize=7, loc="upper left" if data["by"] == "share" else "lower right")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out

"""The report's charts (matplotlib, PNG): clubs against the target by year, and each
club's composition shares against the plan's minimums."""

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


def composition(context: dict, out: Path) -> Path:
    plt = _pyplot()
    clubs = context["clubs"] or [
        {"commune": "-", "older_share": 0, "women_share": 0, "poor_share": 0}
    ]
    plan = context["plan"]
    fig, ax = plt.subplots(figsize=(6.3, 3.2), dpi=150)
    n = len(clubs)
    width = 0.26
    xs = range(n)
    series = (("older_share", "Người cao tuổi", "#2f6fab", plan["older_min"]),
              ("women_share", "Phụ nữ", "#e67e22", plan["women_min"]),
              ("poor_share", "Nghèo, cận nghèo, khó khăn", "#27ae60", plan["poor_min"]))  # fmt: skip
    for i, (key, label, color, minimum) in enumerate(series):
        ax.bar(
            [x + (i - 1) * width for x in xs],
            [c[key] * 100 for c in clubs],
            width,
            label=label,
            color=color,
        )
        ax.axhline(minimum * 100, color=color, linestyle="--", linewidth=0.8)
    ax.set_xticks(list(xs))
    ax.set_xticklabels(
        [c["commune"] or c["name"] for c in clubs], rotation=35, ha="right", fontsize=8
    )
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.set_title("Cơ cấu thành viên từng CLB so với mức tối thiểu của kế hoạch (đường gạch)")
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out

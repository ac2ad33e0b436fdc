"""`clbtool aggregate` against the naive loop a user would write, and at national scale.

Run:  python bench/bench_aggregate.py --clubs 1000            (the 15x goal)
      python bench/bench_aggregate.py --clubs 20000 --no-naive (20,000 workbooks: < 30 s, < 1 GB)

Each run also times the naive loop on the first --reference (100) workbooks before and after
clbtool's runs: this machine's speed moves through the day, and that reference, measured in
the same minutes, says how fast it was.

Workbooks are made with `clbtool sample --formats xlsx` (the naive loop reads .xlsx only:
pandas.read_excel with openpyxl), kept in bench/_work/ between runs. clbtool is run
--repeat times (3) and the median is reported; the first run also writes Python's bytecode
caches, as a user's first run does (PYTHONDONTWRITEBYTECODE is not passed on). Peak memory
is the largest sum of the resident memory of clbtool and its worker processes, sampled
from /proc every 0.1 s (the process tree found again every second).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def clbtool() -> str:
    return shutil.which("clbtool") or str(Path(sys.executable).parent / "clbtool")


def make_workbooks(n: int, year: int = 2020) -> Path:
    folder = HERE / "_work" / f"clubs-{n}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run(
            [
                clbtool(),
                "sample",
                str(folder),
                "--clubs",
                str(n),
                "--year",
                str(year),
                "--seed",
                "11",
                "--formats",
                "xlsx",
            ],
            check=True,
            capture_output=True,
        )
        done.write_text("ok")
        print(f"made {n} workbooks in {time.perf_counter() - start:.1f} s")
    return folder


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (one pass over /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        p = stack.pop()
        found.append(p)
        stack.extend(children.get(p, []))
    return found


def _rss(pids: list[int]) -> int:
    """Resident memory of these processes, in bytes (those that have ended count 0)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def run_clbtool(folder: Path, jobs: int | None) -> tuple[float, int, str]:
    cmd = [clbtool(), "aggregate", str(folder), "--format", "json"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        # The process tree is found again every second, every 0.2 s while the workers start
        # (a pass over /proc costs ~1 ms of CPU; every 50 ms it took 1.3 s of a 2-core
        # machine's time from a 35 s run); its memory is read every 0.1 s from the few
        # processes in it.
        nonlocal peak
        pids: list[int] = []
        next_scan = 0.0
        while not stop.is_set():
            now = time.perf_counter()
            if now >= next_scan:
                pids, next_scan = _tree(proc.pid), now + (0.2 if now - start < 2 else 1.0)
            peak = max(peak, _rss(pids))
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    return elapsed, peak, out.decode("utf-8")


def naive_loop(files: list[Path]) -> tuple[float, int]:
    """What a user would write: read every sheet of every file with pandas, count member rows."""
    import pandas as pd

    start = time.perf_counter()
    members = 0
    for path in files:
        sheets = pd.read_excel(path, sheet_name=None, engine="openpyxl")
        for name, frame in sheets.items():
            if (
                name.lower().replace("à", "a").replace("ê", "e") in ("thanh vien",)
                or name == "Thành viên"
            ):
                members += len(frame.dropna(how="all"))
    return time.perf_counter() - start, members


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clubs", type=int, default=1000)
    parser.add_argument(
        "--jobs", type=int, default=None, help="--jobs for clbtool (default: all cores)"
    )
    parser.add_argument(
        "--no-naive", action="store_true", help="skip the naive loop (it takes minutes)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="clbtool runs; the median counts")
    parser.add_argument(
        "--reference",
        type=int,
        default=100,
        help="workbooks the naive loop reads before and after clbtool's runs, to show how fast "
        "the machine is in that hour (0: none)",
    )
    args = parser.parse_args()
    import json

    folder = make_workbooks(args.clubs)
    files = sorted(folder.rglob("*.xlsx"))
    sample = files[: args.reference]
    if sample:
        naive_loop(sample[:1])  # pandas and openpyxl imported outside the timing
    before = naive_loop(sample)[0] if sample else 0.0
    runs = [run_clbtool(folder, args.jobs) for _ in range(max(1, args.repeat))]
    after = naive_loop(sample)[0] if sample else 0.0
    elapsed = statistics.median(run[0] for run in runs)
    peak = max(run[1] for run in runs)
    totals = json.loads(runs[0][2])["totals"]
    print(
        f"clbtool aggregate: {len(files)} workbooks in {elapsed:.2f} s, median of "
        f"{len(runs)} runs ({', '.join(f'{run[0]:.2f}' for run in runs)}) "
        f"({len(files) / elapsed:.0f} per second), peak memory {peak / 2**20:.0f} MB, "
        f"{totals['clubs']} clubs, {totals['members']} members, {os.cpu_count()} cores"
    )
    if sample:
        # The machine's speed moves through the day (here by a fifth); the naive loop, which
        # clbtool does not touch, measured in the same minutes says how fast it is now.
        per_workbook = (before + after) / (2 * len(sample))
        print(
            f"reference: the naive loop reads a workbook in {per_workbook * 1000:.1f} ms on this "
            f"machine now ({len(sample)} workbooks: {before:.2f} s before, {after:.2f} s after); "
            f"clbtool's median is the naive loop's time for {elapsed / per_workbook:.0f} "
            f"workbooks, {len(files) * per_workbook / elapsed:.1f}x faster per workbook"
        )
    if not args.no_naive:
        naive, members = naive_loop(files)
        print(f"naive pandas.read_excel loop: {naive:.2f} s, {members} members")
        print(f"ratio: clbtool is {naive / elapsed:.1f}x faster")
        print("(the naive loop counts sheet rows, titles and headers included; it checks nothing)")


if __name__ == "__main__":
    main()

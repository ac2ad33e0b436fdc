"""How long one-file `clbtool validate` takes, wall clock, interpreter start included.

Run: python bench/bench_validate.py [--runs 20]
Goal (issue 3): under 0.35 s on a 2-core machine, so pandas and matplotlib must not be
imported on this path; the script checks that too. Python's bytecode caches are written as
on a user's machine (PYTHONDONTWRITEBYTECODE is not passed on).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = shutil.which("clbtool") or str(Path(sys.executable).parent / "clbtool")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [exe, "sample", tmp, "--clubs", "1", "--seed", "5"], check=True, capture_output=True
        )
        club = next(Path(tmp).rglob("*.xlsx"))
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "clbtool --help": [exe, "--help"],
            "clbtool validate (table)": [exe, "validate", str(club)],
            "clbtool validate (json)": [exe, "validate", "--format", "json", str(club)],
        }
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        for label, cmd in cases.items():
            times = []
            for _ in range(args.runs + 1):  # the first run writes the bytecode caches
                start = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=False, env=env)
                times.append(time.perf_counter() - start)
            times = times[1:]
            print(
                f"{label:28s} median {statistics.median(times):.3f} s   min {min(times):.3f} s   max {max(times):.3f} s"
            )
        probe = (
            f"import sys, runpy; sys.argv=['clbtool','validate',{str(club)!r}];\n"
            "try:\n    runpy.run_module('clbtool', run_name='__main__')\nexcept SystemExit: pass\n"
            "heavy=[m for m in ('pandas','matplotlib','openpyxl','docxtpl','numpy') if m in sys.modules]\n"
            "print('heavy modules imported:', heavy or 'none')"
        )
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
        print(out.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()

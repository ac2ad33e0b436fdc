"""Hostile and damaged workbooks through clbtool, checked as a user and an attacker would.

Run:  python bench/fuzz.py --cases 5000            (each case in a process of its own)
      python bench/fuzz.py --cases 300 --seed 1    (the slice tests/test_fuzz.py runs)

Each case takes a workbook of sample_data/ (.xlsx, .xls, .ods) and damages it one way: bytes
flipped or cut off, zip entries dropped, their CRC or declared size falsified, sheet XML with
a row numbered beyond reason, NaN and infinite numbers, formulas, control and bidirectional
characters, Excel's _xHHHH_ escapes, broken tags. Then `validate --format json`, `validate
--annotate` and, for every tenth case, `aggregate --out` with a good club beside it, then
`aggregate` of that summary. A case fails when: an exit code is not 0 or 1; the output holds
a traceback, "lỗi không mong đợi", "unexpected error" or a panic; the input changed; a
workbook written holds a formula, a control or bidirectional character; the summary reads
back to other totals; the case took over 3 s or 400 MB; or its process died.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import resource
import struct
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    p for p in (ROOT / "sample_data").rglob("*") if p.suffix in (".xlsx", ".xls", ".ods")
)
MOST_SECONDS, MOST_MB = 3.0, 400
_BAD_OUTPUT = re.compile(r"Traceback|lỗi không mong đợi|unexpected error|panicked|RUST_BACKTRACE")
_UNCLEAN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


# --- damaging a workbook -----------------------------------------------------------------
def _flip(rng: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _zipped(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in entries.items():
            zf.writestr(name, body)
    return buf.getvalue()


def _drop_entry(rng: random.Random, data: bytes) -> bytes:
    entries = _entries(data)
    entries.pop(rng.choice(sorted(entries)))
    return _zipped(entries)


def _falsify_directory(rng: random.Random, data: bytes) -> bytes:
    """A central-directory entry's CRC, or its declared sizes, made up."""
    b = bytearray(data)
    starts = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    if not starts:
        return _flip(rng, data)
    at = rng.choice(starts)
    field = rng.choice((16, 20, 24))  # CRC, compressed size, uncompressed size
    struct.pack_into(
        "<L", b, at + field, rng.choice((0, 1, 100, 0xFFFFFFFF, rng.randrange(1 << 32)))
    )
    return bytes(b)


_XML_EDITS = (
    lambda doc, rng: doc.replace("</sheetData>", f'<row r="{"9" * rng.choice((10, 12, 14, 40))}"><c t="n"><v>1</v></c></row></sheetData>'),
    lambda doc, rng: re.sub(r"<v>[0-9.]+</v>", f"<v>{rng.choice(('NaN', '1e309', '-1e309', 'inf'))}</v>", doc, count=rng.randint(1, 5)),
    lambda doc, rng: doc.replace("<is><t>", "<is><t>" + rng.choice(("_x001B_[2J_x0007_", "\u202egpj.exe", "\x7f\x85", "\ufffe", "=cmd|' /C calc'!A0", "@SUM(1)")), rng.randint(1, 4)),
    lambda doc, rng: re.sub(r"<c r=\"([A-Z]+[0-9]+)\"[^>]*>", r'<c r="\1" t="str"><f>HYPERLINK("http://x.invalid","x")</f>', doc, count=1),
    lambda doc, rng: doc.replace("<sheetView ", '<sheetView workbookViewId="0" ', 1),
    lambda doc, rng: doc.replace("</row>", "", rng.randint(1, 3)),
    lambda doc, rng: doc.replace(' s="', ' s="9999', rng.randint(1, 3)),
    lambda doc, rng: doc[: rng.randrange(len(doc))],
)  # fmt: skip


def _edit_xml(rng: random.Random, data: bytes) -> bytes:
    entries = _entries(data)
    name = rng.choice(sorted(n for n in entries if n.endswith(".xml")))
    doc = entries[name].decode("utf-8", "replace")
    entries[name] = rng.choice(_XML_EDITS)(doc, rng).encode("utf-8", "surrogatepass")
    return _zipped(entries)


def mutate(rng: random.Random, source: Path) -> tuple[str, bytes]:
    """One damaged copy of ``source``: (how it was damaged, its bytes)."""
    data = source.read_bytes()
    if source.suffix == ".xlsx":
        kind = rng.choice(("flip", "cut", "drop", "directory", "xml", "xml", "xml"))
    elif source.suffix == ".ods":
        kind = rng.choice(("flip", "cut", "drop", "directory", "xml"))
    else:
        kind = rng.choice(("flip", "flip", "cut"))
    damage = {"flip": _flip, "cut": _cut, "drop": _drop_entry, "directory": _falsify_directory, "xml": _edit_xml}  # fmt: skip
    try:
        return kind, damage[kind](rng, data)
    except (zipfile.BadZipFile, ValueError, KeyError):
        return "flip", _flip(rng, data)


# --- running one case ------------------------------------------------------------------
def _clean_workbook(path: Path) -> list[str]:
    """What a written workbook must never hold: formulas, control or bidirectional characters."""
    from openpyxl import load_workbook

    problems = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if _UNCLEAN.search(ws.title):
            problems.append("unclean sheet name")
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append("formula in output")
                elif isinstance(cell.value, str) and _UNCLEAN.search(cell.value):
                    problems.append("unclean cell in output")
                if cell.comment is not None and _UNCLEAN.search(cell.comment.text or ""):
                    problems.append("unclean comment in output")
    return sorted(set(problems))


def _peak_mb() -> float:
    """The largest resident memory of this process and of its children so far, in MB."""
    return (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )


def check_case(
    folder: Path, name: str, data: bytes, with_aggregate: bool
) -> tuple[list[str], float, float]:
    """Run the commands on one damaged file: the kinds of failure seen (none: passed), the
    seconds the commands took and the peak memory while they ran (the checks after them,
    which load the workbooks written, are not counted)."""
    from typer.testing import CliRunner

    from clbtool.cli import app

    runner = CliRunner()
    problems: list[str] = []
    district = folder / "Son Tinh"
    district.mkdir(parents=True)
    path = district / name
    path.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    seconds = 0.0

    def run(*args: object):
        nonlocal seconds
        start = time.perf_counter()
        result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "120"})
        seconds += time.perf_counter() - start
        if result.exit_code not in (0, 1):
            problems.append(f"exit {result.exit_code} from {args[0]}")
        if _BAD_OUTPUT.search(result.output or "") or (
            result.exception is not None and not isinstance(result.exception, SystemExit)
        ):
            problems.append(f"traceback or unexpected error from {args[0]}")
        return result

    validated = run("validate", path, "--format", "json")
    out = folder / "out" / "da-kiem-tra.xlsx"
    annotated = run("validate", path, "--annotate", out)
    summary = folder / "up" / "tong-hop.xlsx"
    first = again = None
    if with_aggregate:
        good = SOURCES[0]
        (district / f"good{good.suffix}").write_bytes(good.read_bytes())
        first = run("aggregate", district, "--out", summary, "--format", "json")
        if first.exit_code in (0, 1) and summary.exists():
            again = run("aggregate", summary.parent, "--format", "json")
    mb = _peak_mb()
    if validated.exit_code in (0, 1):
        try:
            json.loads(validated.stdout)
        except ValueError:
            problems.append("validate JSON does not parse")
    if annotated.exit_code in (0, 1) and out.exists():
        problems += _clean_workbook(out)
    if again is not None:
        problems += _clean_workbook(summary)
        try:
            if json.loads(again.stdout)["totals"] != json.loads(first.stdout)["totals"]:
                problems.append("summary reads back to other totals")
        except (ValueError, KeyError):
            problems.append("aggregate JSON does not parse")
    if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
        problems.append("input changed")
    return problems, seconds, mb


def _isolated(args: tuple, conn) -> None:
    """In a forked child: one case, with its time and peak memory."""
    import os

    folder, name, data, with_aggregate = args
    # what reaches the terminal directly (a Rust panic's message) is caught in a file
    printed = tempfile.TemporaryFile()  # noqa: SIM115  (open until the process ends)
    os.dup2(printed.fileno(), 2)
    problems, seconds, mb = check_case(Path(folder), name, data, with_aggregate)
    printed.seek(0)
    if _BAD_OUTPUT.search(printed.read().decode("utf-8", "replace")):
        problems.append("panic or traceback on stderr")
    conn.send((problems, seconds, mb))
    conn.close()


def run_cases(cases: int, seed: int, jobs: int = 2, isolate: bool = True) -> dict:
    """Make and run ``cases`` damaged files; the figures of the README's security section."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    rng = random.Random(seed)
    failures: Counter = Counter()
    kinds: Counter = Counter()
    examples: dict[str, str] = {}
    worst_seconds, worst_mb = 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        todo = []
        for i in range(cases):
            source = rng.choice(SOURCES)
            kind, data = mutate(rng, source)
            kinds[kind] += 1
            todo.append((f"{tmp}/case{i}", f"club-{i}{source.suffix}", data, i % 10 == 0, kind))

        def record(case, problems, seconds, mb) -> None:
            nonlocal worst_seconds, worst_mb
            worst_seconds, worst_mb = max(worst_seconds, seconds), max(worst_mb, mb)
            if seconds > MOST_SECONDS:
                problems = [*problems, "over 3 s"]
            if mb > MOST_MB:
                problems = [*problems, "over 400 MB"]
            for problem in problems:
                failures[problem] += 1
                examples.setdefault(
                    problem, f"{case[4]} damage of {case[1]}: {seconds:.1f} s, {mb:.0f} MB"
                )

        if not isolate:
            for case in todo:
                problems, seconds, _ = check_case(Path(case[0]), case[1], case[2], case[3])
                record(case, problems, seconds, 0.0)  # in one process, memory says nothing
        else:
            ctx = mp.get_context("fork")
            running: dict = {}
            queue = list(todo)
            while queue or running:
                while queue and len(running) < jobs:
                    case = queue.pop(0)
                    reader, writer = ctx.Pipe(duplex=False)
                    child = ctx.Process(target=_isolated, args=(case[:4], writer))
                    child.start()
                    writer.close()
                    running[reader] = (case, child, time.perf_counter())
                for reader in wait(list(running), timeout=1.0):
                    case, child, start = running.pop(reader)
                    try:
                        problems, seconds, mb = reader.recv()
                    except (EOFError, OSError):
                        child.join()
                        problems, seconds, mb = [f"process died ({child.exitcode})"], time.perf_counter() - start, 0.0  # fmt: skip
                    child.join()
                    record(case, problems, seconds, mb)
                for reader, (case, child, start) in list(running.items()):
                    if time.perf_counter() - start > 60:  # a hang: stop it, count it
                        child.kill()
                        child.join()
                        running.pop(reader)
                        record(case, ["hang over 60 s"], 60.0, 0.0)
    return {
        "cases": cases,
        "seed": seed,
        "damage": dict(kinds),
        "failures": dict(failures),
        "examples": examples,
        "worst_seconds": round(worst_seconds, 2),
        "worst_mb": round(worst_mb),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    start = time.perf_counter()
    report = run_cases(args.cases, args.seed, args.jobs)
    report["minutes"] = round((time.perf_counter() - start) / 60, 1)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(1 if report["failures"] else 0)


if __name__ == "__main__":
    main()

"""The clbtool command line: Typer commands only; the work lives in the library modules.

Imports of heavy modules stay inside the commands so that `clbtool --help` and a one-file
`clbtool validate` start fast.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clbtool import cli_vi

cli_vi.install()  # Typer's and Click's own words in Vietnamese, unless the run asks for English

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    help=(
        "clbtool: kiểm tra, tổng hợp và báo cáo sổ theo dõi CLB liên thế hệ tự giúp nhau.\n\n"
        "(Validate, aggregate and report intergenerational self-help club workbooks.)"
    ),
)


def _version(value: bool) -> None:
    if value:
        from clbtool import __version__

        typer.echo(f"clbtool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Phiên bản của clbtool, rồi thoát."
        ),
    ] = False,
) -> None:
    """clbtool: kiểm tra, tổng hợp và báo cáo sổ theo dõi CLB liên thế hệ tự giúp nhau.

    (Validate, aggregate and report intergenerational self-help club workbooks.)
    """


class Lang(StrEnum):
    vi = "vi"
    en = "en"


class Format(StrEnum):
    table = "table"
    json = "json"


class Period(StrEnum):
    year = "year"
    h1 = "h1"


LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang", envvar="CLBTOOL_LANG", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en."
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", help="table: bảng trên màn hình; json: cho chương trình khác."),
]
PeriodOpt = Annotated[
    Period | None,
    typer.Option("--period", help="year: cả năm; h1: 6 tháng đầu năm (mặc định: theo tệp)."),
]
PlanOpt = Annotated[
    str,
    typer.Option("--plan", envvar="CLBTOOL_PLAN",
                 help="Kế hoạch áp dụng: quang-ngai-2018-2020 (mặc định), national-2021-2025, hoặc tệp .toml."),
]  # fmt: skip


JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Số tiến trình đọc song song (mặc định: số lõi CPU)."),
]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Ghi đè tệp đã có (không có --force: không bao giờ ghi đè).")
]


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    _console(stderr=True).print(f"[bold red]{message}[/]")
    return typer.Exit(code)


def _said(exc: Exception, lang: str) -> str:
    """An error's message in ``lang`` (the library's errors carry both languages)."""
    from clbtool.i18n import Txt

    message = exc.args[0] if exc.args else ""
    return message(lang) if isinstance(message, Txt) else str(message)


@contextmanager
def _writing(path: Path, lang: str):
    """A write that fails on the system's side: one line and exit 2, never a traceback."""
    from clbtool.i18n import os_error_text

    try:
        yield
    except OSError as exc:
        raise _fail(os_error_text(exc, lang, path)) from None


def _refuse_existing(targets: list[Path], force: bool, lang: str) -> None:
    """One rule for every file clbtool writes: an existing file is replaced only with --force
    (an office may have edited last month's report or summary by hand)."""
    existing = []
    for target in targets:
        with _writing(target, lang):  # a name too long for the system, a file for a folder
            if target.exists():
                existing.append(target)
    if existing and not force:
        more = len(existing) - 1
        raise _fail(
            f"Tệp {existing[0]} đã có"
            + (f" (và {more} tệp khác)" if more else "")
            + "; dùng --force để ghi đè, hoặc chọn nơi ghi khác."
            if lang != "en"
            else f"{existing[0]} exists"
            + (f" (and {more} more)" if more else "")
            + "; use --force to replace it, or write elsewhere."
        )


def _outside_inputs(target: Path, inputs: list[Path], option: str, lang: str) -> None:
    """Nothing is written into a folder the user gave to be read, nor onto a file given."""
    resolved = target.resolve()
    for path in inputs:
        base = path.resolve()
        if resolved == base or (base.is_dir() and base in resolved.parents):
            raise _fail(
                f"Không ghi vào thư mục hoặc tệp đầu vào {path}; chọn nơi khác cho {option}."
                if lang != "en"
                else f"Nothing is written into the input {path}; choose another {option}."
            )


def _load_plan(plan: str):
    from clbtool.plan import PlanError, load_plan

    try:
        return load_plan(plan)
    except PlanError as exc:
        raise _fail(str(exc)) from None


class Details(StrEnum):
    failing = "failing"
    all = "all"
    none = "none"


@app.command()
def validate(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Tệp hoặc thư mục (tìm cả thư mục con).", show_default=False),
    ],
    fmt: FormatOpt = Format.table,
    year: Annotated[
        int | None,
        typer.Option("--year", help="Năm báo cáo mong đợi (mặc định: theo thư mục năm)."),
    ] = None,
    period: PeriodOpt = None,
    plan: PlanOpt = "quang-ngai-2018-2020",
    strict: Annotated[
        bool, typer.Option("--strict", help="Cảnh báo cũng tính là không đạt (mã thoát 1).")
    ] = False,
    details: Annotated[
        Details | None,
        typer.Option(
            "--details",
            help="Nhiều tệp: failing (mặc định) ghi chi tiết các tệp chưa đạt; all: mọi tệp; "
            "none: chỉ một dòng mỗi tệp.",
            show_default=False,
        ),
    ] = None,
    jobs: JobsOpt = None,
    lang: LangOpt = Lang.vi,
    password: Annotated[
        str | None, typer.Option("--password", help="Mật khẩu mở tệp được bảo vệ.")
    ] = None,
    annotate: Annotated[
        Path | None,
        typer.Option(
            "--annotate",
            help="Ghi bản sao .xlsx có tô màu và chú thích ô lỗi (nhiều tệp: một thư mục).",
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Kiểm tra sổ theo dõi CLB theo kế hoạch: ô nào sai, sai gì, sửa thế nào.

    Một tệp: kết quả đầy đủ. Một thư mục: mỗi tệp một dòng, rồi chi tiết các tệp chưa đạt.
    Mã thoát: 0 đạt; 1 có lỗi (với --strict: có cả cảnh báo); 2 không chạy được.

    [bold]Ví dụ:[/]

        clbtool validate clb-tinh-khe.xlsx

        clbtool validate sample_data/2020 --details all

        clbtool validate sample_data/2020 --format json

        clbtool validate clb.xls --annotate clb-da-kiem-tra.xlsx
    """
    from clbtool.i18n import ui
    from clbtool.rules.catalogue import ERROR, WARNING
    from clbtool.validate import report_json, validate_files
    from clbtool.workbook.files import collect

    lang_code = lang.value
    active_plan = _load_plan(plan)
    files, skipped, missing = collect(paths)
    for path in missing:
        _console(stderr=True).print(ui("not_found", lang_code, path=str(path)))
    if missing:
        raise typer.Exit(2)
    if not files:
        raise _fail(ui("no_input", lang_code, paths=", ".join(map(str, paths))))
    outputs = _annotate_targets(files, annotate, paths, force, lang_code) if annotate else {}
    out = _console()
    shown = {path: _shown_path(path, paths) for path in files}
    progress = _Progress(len(files)) if len(files) > 1 and sys.stderr.isatty() else None
    reports = validate_files(
        files,
        active_plan,
        shown,
        year=year,
        period=period.value if period else None,
        password=password,
        jobs=1 if outputs else jobs,  # the annotated copy is written from the reading in hand
        on_progress=progress.update if progress else None,
    )
    if progress:
        progress.close()
    for path, report in zip(files, reports, strict=True):
        if path in outputs and report.club is not None:
            from clbtool.output.annotate import write_annotated

            with _writing(outputs[path], lang_code):
                written = write_annotated(report, path, outputs[path], lang_code, password)
            _console(stderr=True).print(ui("written", lang_code, path=str(written)))
    errors = sum(r.count(ERROR) for r in reports)
    warnings = sum(r.count(WARNING) for r in reports)
    passed = sum(r.passes(strict) for r in reports)
    if fmt is Format.json:
        import json

        doc = {
            "files": [report_json(r, lang_code, strict) for r in reports],
            "summary": {
                "files": len(reports),
                "valid": passed == len(reports),
                "passed": passed,
                "failed": len(reports) - passed,
                "errors": errors,
                "warnings": warnings,
            },
            "skipped": [
                {"path": _shown_path(s.path, paths), "reason": s.reason(lang_code)} for s in skipped
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        _show_reports(reports, active_plan, lang_code, strict, details, out)
        for s in skipped:
            shown_path = _shown_path(s.path, paths)
            out.print(
                ui("skipped", lang_code, path=shown_path, reason=s.reason(lang_code)), style="dim"
            )
        if len(reports) > 1:
            unreadable = sum(r.unreadable for r in reports)
            out.print(
                ui(
                    "summary",
                    lang_code,
                    files=len(reports),
                    passed=passed,
                    failed=len(reports) - passed,
                    unreadable=ui("unreadable_part", lang_code, count=unreadable)
                    if unreadable
                    else "",
                    errors=errors,
                    warnings=warnings,
                )
            )
    if passed < len(reports):
        raise typer.Exit(1)


def _show_reports(reports, plan, lang: str, strict: bool, details, out) -> None:
    """One file: in full. Several: a line each, then in full those ``details`` asks for
    (the failing ones unless told otherwise)."""
    from clbtool.output.console import render_line, render_report

    if len(reports) == 1 and details is None:
        render_report(reports[0], plan, lang, out, strict)
        return
    for report in reports:
        out.print(render_line(report, lang, strict), no_wrap=True, overflow="ellipsis")
    chosen = details or Details.failing
    for report in reports:
        if chosen is Details.all or (chosen is Details.failing and not report.passes(strict)):
            render_report(report, plan, lang, out, strict)


def _shown_path(path: Path, roots: list[Path]) -> str:
    """A file found in a folder the user named is shown relative to that folder (no
    home directories or server paths in what is sent on); a file named directly, as given."""
    for root in roots:
        if root.is_dir():
            try:
                return str(path.relative_to(root))
            except ValueError:
                continue
    return str(path)


def _annotate_targets(
    files: list[Path], annotate: Path, inputs: list[Path], force: bool, lang: str
) -> dict[Path, Path]:
    """Where each annotated copy goes: never onto an input file, never into an input folder,
    never over an existing file without --force."""
    from clbtool.workbook.files import ANNOTATED_SUFFIX

    if len(files) == 1 and annotate.suffix:
        targets = {files[0]: annotate.with_suffix(".xlsx")}
    else:
        targets = {p: annotate / f"{p.stem}{ANNOTATED_SUFFIX}" for p in files}
    for target in targets.values():
        _outside_inputs(target, [*inputs, *files], "--annotate", lang)
    _refuse_existing(list(targets.values()), force, lang)
    return targets


class _Progress:
    """A progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int, label: str = "Đang kiểm tra") -> None:
        from rich.progress import Progress

        self._progress = Progress(console=_console(stderr=True), transient=True)
        self._progress.start()
        self._task = self._progress.add_task(label, total=total or None)

    def update(self, done: int, total: int) -> None:
        self._progress.update(self._task, completed=done, total=total)

    def close(self) -> None:
        self._progress.stop()


@app.command()
def aggregate(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Thư mục huyện, thư mục tỉnh, thư mục dữ liệu có thư mục năm, hoặc tệp.",
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Năm cần tổng hợp (thư mục dữ liệu có thư mục năm; mặc định: năm mới nhất).",
        ),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            help="Cả giai đoạn, ví dụ 2018-2020: mỗi CLB tính một lần (thành viên của năm "
            "cuối), hoạt động cộng các năm; như số liệu báo cáo sơ kết, tổng kết.",
            show_default=False,
        ),
    ] = None,
    period: PeriodOpt = None,
    fmt: FormatOpt = Format.table,
    out: Annotated[
        list[Path] | None,
        typer.Option(
            "--out",
            help="Ghi bảng tổng hợp: .xlsx (để in, gửi lên cấp trên), .csv (mở bằng Excel), "
            ".parquet (cho phân tích số liệu lớn); dùng nhiều lần để ghi nhiều tệp.",
        ),
    ] = None,
    jobs: JobsOpt = None,
    force: ForceOpt = False,
    plan: PlanOpt = "quang-ngai-2018-2020",
    lang: LangOpt = Lang.vi,
) -> None:
    """Tổng hợp các CLB thành số liệu huyện và tỉnh: tổng số, tỷ lệ, chỉ tiêu, báo cáo còn thiếu.

    Nhận lẫn lộn tệp CLB và bảng tổng hợp do lệnh này ghi ra (huyện gửi lên tỉnh).
    Một thư mục huyện: tổng hợp của huyện đó (so với các CLB của huyện năm trước).
    Mã thoát: 0 xong; 1 có CLB trùng (T01) hoặc có tệp không đọc được; 2 không chạy được
    (không có tệp bảng tính nào, không có thư mục của năm đã chọn).

    [bold]Ví dụ:[/]

        clbtool aggregate sample_data --year 2020

        clbtool aggregate du-lieu/2020/Son\\ Tinh --out tong-hop-son-tinh.xlsx

        clbtool aggregate tong-hop-huyen/ --format json

        clbtool aggregate sample_data --years 2018-2020   (số liệu của báo cáo tổng kết)
    """
    from clbtool.aggregate import aggregate as run_aggregate
    from clbtool.aggregate import to_json
    from clbtool.i18n import ui

    lang_code = lang.value
    active_plan = _load_plan(plan)
    missing = [p for p in paths if not p.exists()]
    if missing:
        raise _fail(ui("not_found", lang_code, path=", ".join(map(str, missing))))
    outs = list(out or [])
    for target in outs:
        if target.suffix.lower() not in OUT_SUFFIXES:
            raise _fail(
                f"--out {target}: chọn tệp .xlsx, .csv hoặc .parquet."
                if lang_code != "en"
                else f"--out {target}: choose an .xlsx, .csv or .parquet file."
            )
        _outside_inputs(target, paths, "--out", lang_code)
    _refuse_existing(outs, force, lang_code)
    if years is not None:
        result = _aggregate_years(paths, years, year, period, jobs, active_plan, lang_code)
    else:
        from clbtool.aggregate import InputError

        progress = None
        if sys.stderr.isatty():
            progress = _Progress(0, "Đang đọc" if lang_code == "vi" else "Reading")
        try:
            result = run_aggregate(
                paths,
                active_plan,
                year=year,
                period=period.value if period else None,
                jobs=jobs,
                on_progress=progress.update if progress else None,
            )
        except InputError as exc:
            raise _fail(_said(exc, lang_code)) from None
        finally:
            if progress:
                progress.close()
    if result.files == 0:  # nothing to add up: the same error as `validate` gives, and why
        for path, reason in result.skipped:
            _console(stderr=True).print(
                ui("skipped", lang_code, path=path, reason=reason(lang_code))
            )
        raise _fail(ui("no_input", lang_code, paths=", ".join(map(str, paths))))
    for target in outs:
        with _writing(target, lang_code):
            written = _write_table(result, active_plan, target, lang_code)
        _console(stderr=True).print(ui("written", lang_code, path=str(written)))
    if fmt is Format.json:
        from clbtool.output.jsonout import dumps

        sys.stdout.write(dumps(to_json(result, lang_code)) + "\n")
    else:
        from clbtool.output.console import render_aggregate

        render_aggregate(result, active_plan, lang_code, _console())
    if any(f.code == "T01" for f in result.findings) or result.unreadable:
        raise typer.Exit(1)  # a club counted twice, or a workbook that could not be counted


OUT_SUFFIXES = (".xlsx", ".csv", ".parquet")


def _write_table(result, plan, target: Path, lang: str) -> Path:
    """The summary in the format the file name asks for."""
    suffix = target.suffix.lower()
    if suffix == ".xlsx":
        from clbtool.output.summary_xlsx import write_summary

        return write_summary(result, plan, target, lang)
    from clbtool.frames import FramesError, write_frame

    try:
        return write_frame(result, plan, target)
    except FramesError as exc:
        raise _fail(_said(exc, lang)) from None


def _aggregate_years(paths, years, year, period, jobs, plan, lang):
    """`aggregate DATA --years 2018-2020`: the period as the reviews count it."""
    from clbtool.period import aggregate_years, parse_years

    vi = lang != "en"
    if year is not None:
        raise _fail(
            "Dùng --year hoặc --years, không dùng cả hai."
            if vi
            else "Use --year or --years, not both."
        )
    try:
        chosen = parse_years(years)
    except ValueError:
        raise _fail(
            f'--years: không đọc được "{years}" (ghi như 2018-2020 hoặc 2018,2019).'
            if vi
            else f'--years: cannot read "{years}" (write 2018-2020 or 2018,2019).'
        ) from None
    if len(paths) != 1 or not any((paths[0] / str(y)).is_dir() for y in chosen):
        raise _fail(
            "--years cần một thư mục dữ liệu có các thư mục năm (DỮ_LIỆU/<năm>/<huyện>/...)."
            if vi
            else "--years needs one data folder holding year folders (DATA/<year>/<unit>/...)."
        )
    per_year, missing, whole = aggregate_years(
        paths[0], plan, chosen, period.value if period else None, jobs
    )
    if missing:
        said = ", ".join(map(str, missing))
        _console(stderr=True).print(
            f"Chưa có số liệu năm {said} (không có thư mục năm)." if vi else f"No data for {said}."
        )
    return whole


class Kind(StrEnum):
    annual = "annual"
    semiannual = "semiannual"
    review = "review"
    final = "final"


@app.command()
def report(
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Năm báo cáo (với review/final: năm cuối).", show_default=False
        ),
    ] = None,
    data: Annotated[
        Path, typer.Option("--data", help="Thư mục dữ liệu: DỮ_LIỆU/<năm>/<huyện>/<tệp CLB>.")
    ] = Path("."),
    kind: Annotated[
        Kind,
        typer.Option(
            "--kind",
            help="annual: cả năm; semiannual: 6 tháng; review: sơ kết 2 năm; final: tổng kết.",
        ),
    ] = Kind.annual,
    formats: Annotated[
        str, typer.Option("--format", "-f", help="Định dạng, cách nhau dấu phẩy: docx,html,md,pdf.")
    ] = "docx",
    out: Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.")] = Path("bao-cao"),
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates", help="Thư mục mẫu riêng (report.docx, report.html.j2, report.md.j2)."
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Ngày ký báo cáo dd/mm/yyyy (mặc định 15/12 của năm; 6 tháng: 15/07)."
        ),
    ] = None,
    jobs: JobsOpt = None,
    copy_templates: Annotated[
        Path | None,
        typer.Option(
            "--copy-templates", help="Chép các mẫu có sẵn vào thư mục này để sửa, rồi dừng."
        ),
    ] = None,
    notes: Annotated[
        Path | None,
        typer.Option(
            "--notes",
            help="Tệp các đoạn do cơ quan viết (chỉ đạo, ưu điểm, tồn tại, nguyên nhân, phương "
            "hướng, kiến nghị...), Markdown (.md) hoặc TOML (.toml).",
        ),
    ] = None,
    notes_template: Annotated[
        Path | None,
        typer.Option(
            "--notes-template",
            help="Ghi tệp ghi chú trống (đủ các mục, có gợi ý) vào đường dẫn này để cơ quan điền, rồi dừng.",
        ),
    ] = None,
    force: ForceOpt = False,
    plan: PlanOpt = "quang-ngai-2018-2020",
    lang: LangOpt = Lang.vi,
) -> None:
    """Viết báo cáo của tỉnh (Word, theo thể thức Nghị định 30/2020/NĐ-CP) từ dữ liệu các CLB.

    [bold]Ví dụ:[/]

        clbtool report --year 2020 --data sample_data

        clbtool report --year 2020 --data sample_data --kind final --format docx,pdf

        clbtool report --year 2019 --data sample_data --kind review --format md,html --out bao-cao

        clbtool report --copy-templates mau-cua-toi   (rồi sửa, và dùng --templates mau-cua-toi)

        clbtool report --notes-template ghi-chu.md   (điền các đoạn của cơ quan, rồi:)

        clbtool report --year 2020 --data sample_data --notes ghi-chu.md

    Những mục chưa có trong tệp ghi chú được ghi "[Nội dung do cơ quan bổ sung]", tô vàng.
    """
    from clbtool.i18n import ui
    from clbtool.report.context import ReportError, build_context, report_spec
    from clbtool.report.render import FORMATS, RenderError, render
    from clbtool.workbook.values import parse_date

    if copy_templates is not None:
        from clbtool.report.render import copy_builtin_templates, template_copies

        _refuse_existing(template_copies(copy_templates), force, lang.value)
        with _writing(copy_templates, lang.value):
            copied = copy_builtin_templates(copy_templates)
        for path in copied:
            _console().print(ui("written", lang.value, path=str(path)))
        return
    if notes_template is not None:
        from clbtool.output.sheets import atomic_write
        from clbtool.report.notes import notes_template as blank_notes

        _refuse_existing([notes_template], force, lang.value)
        text = blank_notes()
        with _writing(notes_template, lang.value):
            atomic_write(notes_template, lambda tmp: Path(tmp).write_text(text, "utf-8"))
        _console().print(ui("written", lang.value, path=str(notes_template)))
        return
    if year is None:
        raise _fail(
            "Cần --year, ví dụ: clbtool report --year 2020 --data du-lieu"
            if lang is Lang.vi
            else "--year is needed, e.g. clbtool report --year 2020 --data data"
        )
    active_plan = _load_plan(plan)
    chosen = [f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip()]
    if not chosen or any(f not in FORMATS for f in chosen):
        raise _fail(
            f"--format: chọn trong {', '.join(FORMATS)}"
            if lang is Lang.vi
            else f"--format: choose among {', '.join(FORMATS)}"
        )
    signed = None
    if date:
        try:
            signed = parse_date(date)
        except ValueError:
            raise _fail(
                f"--date: không đọc được ngày '{date}' (ghi ngày/tháng/năm)"
                if lang is Lang.vi
                else f"--date: cannot read the date '{date}' (day/month/year)"
            ) from None
    if templates is not None and not templates.is_dir():
        raise _fail(ui("not_found", lang.value, path=str(templates)))
    if not data.is_dir():
        raise _fail(ui("not_found", lang.value, path=str(data)))
    _outside_inputs(out / "x.docx", [data], "--out", lang.value)
    if out.exists() and not out.is_dir():
        raise _fail(
            f"--out {out} là một tệp; --out cần một thư mục để ghi báo cáo."
            if lang is Lang.vi
            else f"--out {out} is a file; --out takes a folder for the report."
        )
    from clbtool.report.notes import NotesError, read_notes
    from clbtool.report.render import report_stem

    try:
        paragraphs = read_notes(notes) if notes is not None else None
        spec = report_spec(active_plan, year, kind.value, signed)
        stem = report_stem(spec.kind, spec.year)
        _refuse_existing([out / f"{stem}.{f}" for f in chosen], force, lang.value)
        context = build_context(data, active_plan, spec, jobs=jobs, notes=paragraphs)
        with _writing(out, lang.value):
            written = render(context, out, chosen, templates, stem)
    except (ReportError, RenderError, NotesError) as exc:
        raise _fail(_said(exc, lang.value)) from None
    for path in written:
        _console().print(ui("written", lang.value, path=str(path)))
    if context["unreadable"]:
        n = len(context["unreadable"])
        _console(stderr=True).print(
            f"{n} tệp không đọc được, chưa được tổng hợp (báo cáo ghi ở mục III.2; danh sách "
            "tệp: clbtool aggregate)."
            if lang is Lang.vi
            else f"{n} workbooks cannot be read and are not counted (the report says so in "
            "III.2; the files: clbtool aggregate)."
        )
        raise typer.Exit(1)


@app.command()
def rules(
    code: Annotated[
        str | None, typer.Argument(help="Mã quy tắc, ví dụ C02.", show_default=False)
    ] = None,
    plan: PlanOpt = "quang-ngai-2018-2020",
    lang: LangOpt = Lang.vi,
) -> None:
    """Danh mục quy tắc kiểm tra; với một mã: giải thích quy tắc đó.

    [bold]Ví dụ:[/]

        clbtool rules

        clbtool rules C02
    """
    from clbtool.output.rules_view import show_rule, show_rules
    from clbtool.rules.catalogue import RULES

    active_plan = _load_plan(plan)
    if code is None:
        show_rules(active_plan, lang.value, _console())
        return
    if code.upper() not in RULES:
        raise _fail(
            f"Không có quy tắc {code}. Xem danh mục: clbtool rules" if lang is Lang.vi
             else f"No rule {code}. See the catalogue: clbtool rules"
        )  # fmt: skip
    show_rule(RULES[code.upper()], active_plan, lang.value, _console())


@app.command("plan")
def plan_command(plan: PlanOpt = "quang-ngai-2018-2020", lang: LangOpt = Lang.vi) -> None:
    """Xem kế hoạch đang áp dụng: ngưỡng, lĩnh vực, đơn vị, chỉ tiêu.

    [bold]Ví dụ:[/]

        clbtool plan

        clbtool plan --plan national-2021-2025
    """
    from clbtool.output.rules_view import show_plan

    show_plan(_load_plan(plan), lang.value, _console())


@app.command()
def template(
    out: Annotated[Path, typer.Argument(help="Tệp .xlsx sẽ ghi ra.", show_default=False)],
    plan: PlanOpt = "quang-ngai-2018-2020",
    force: ForceOpt = False,
    lang: LangOpt = Lang.vi,
) -> None:
    """Ghi mẫu sổ theo dõi CLB trống (đủ trang, cột, danh sách chọn, hướng dẫn).

    [bold]Ví dụ:[/]

        clbtool template mau-so-clb.xlsx
    """
    from clbtool.i18n import ui
    from clbtool.output.template import write_template

    if out.suffix.lower() != ".xlsx":
        raise _fail(
            "Mẫu được ghi dạng .xlsx; hãy đặt tên tệp kết thúc bằng .xlsx"
            if lang is Lang.vi
            else "The form is written as .xlsx; name the file ending in .xlsx"
        )
    _refuse_existing([out], force, lang.value)
    active_plan = _load_plan(plan)
    with _writing(out, lang.value):
        write_template(out, active_plan)
    _console().print(ui("written", lang.value, path=str(out)))


@app.command()
def sample(
    out: Annotated[Path, typer.Argument(help="Thư mục sẽ ghi dữ liệu mẫu.", show_default=False)],
    year: Annotated[int, typer.Option("--year", help="Năm báo cáo.")] = 2020,
    clubs: Annotated[int, typer.Option("--clubs", min=1, max=100_000, help="Số CLB.")] = 10,
    seed: Annotated[
        int, typer.Option("--seed", help="Hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu).")
    ] = 1,
    demo: Annotated[
        bool, typer.Option("--demo", help="Ghi tỉnh mẫu 2018-2020 như thư mục sample_data/.")
    ] = False,
    formats: Annotated[
        str, typer.Option("--formats", help="Định dạng, cách nhau dấu phẩy: xlsx,xls,ods.")
    ] = "xlsx,xls,ods",
    force: ForceOpt = False,
    plan: PlanOpt = "quang-ngai-2018-2020",
    lang: LangOpt = Lang.vi,
) -> None:
    """Ghi các sổ CLB mẫu như thật (.xlsx, .xls, .ods, nhiều kiểu trình bày) vào OUT/<năm>/<huyện>/.

    [bold]Ví dụ:[/]

        clbtool sample du-lieu-thu --year 2020 --clubs 50

        clbtool sample sample_data --demo
    """
    from clbtool.sample import FORMATS, write_demo_province, write_random

    active_plan = _load_plan(plan)
    chosen = tuple(f.strip().lower().lstrip(".") for f in formats.split(",") if f.strip())
    if not chosen or any(f not in FORMATS for f in chosen):
        raise _fail(f"--formats: chọn trong {', '.join(FORMATS)}")
    if out.exists() and not out.is_dir():
        raise _fail(
            f"{out} là một tệp; cần một thư mục để ghi dữ liệu mẫu."
            if lang is Lang.vi
            else f"{out} is a file; sample data goes into a folder."
        )
    if out.is_dir() and any(out.iterdir()) and not force:
        raise _fail(
            f"Thư mục {out} đã có dữ liệu; dùng --force để ghi đè các tệp trùng tên, hoặc chọn "
            "thư mục khác."
            if lang is Lang.vi
            else f"{out} is not empty; use --force to replace files of the same name, or "
            "choose another folder."
        )
    with _writing(out, lang.value):
        if demo:
            paths = write_demo_province(out, active_plan)
        else:
            paths = write_random(
                out, active_plan, year=year, clubs=clubs, seed=seed, formats=chosen
            )
    message = (
        f"Đã ghi {len(paths)} tệp vào {out}"
        if lang is Lang.vi
        else f"Wrote {len(paths)} files to {out}"
    )
    _console().print(message)


def main() -> None:
    """Entry point: UTF-8 output everywhere, and a short message instead of a traceback."""
    os.environ.setdefault(
        "RUST_BACKTRACE", "0"
    )  # a library panic on a damaged file: one line, no trace
    for stream in (sys.stdout, sys.stderr):
        if (
            hasattr(stream, "reconfigure")
            and (stream.encoding or "").lower().replace("-", "") != "utf8"
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng.\n")
        sys.exit(130)
    except BaseException as exc:  # the last guard: a bug must not show users a traceback
        if isinstance(exc, SystemExit | GeneratorExit):
            raise
        if os.environ.get("CLBTOOL_DEBUG"):
            raise
        if isinstance(exc, OSError):  # the system refused (permission, disk full...): its cause
            from clbtool.i18n import os_error_text

            lang = "en" if cli_vi.asked_english(sys.argv[1:]) else "vi"
            sys.stderr.write(os_error_text(exc, lang) + "\n")
            sys.exit(2)
        from clbtool.text import clean_text

        detail = clean_text(f"{type(exc).__name__}: {exc}")[:300]
        if cli_vi.asked_english(sys.argv[1:]):
            sys.stderr.write(
                f"Unexpected error: {detail}\n"
                "Run again with CLBTOOL_DEBUG=1 to see the details, and send them to the developers.\n"
            )
        else:
            sys.stderr.write(
                f"Lỗi không mong đợi: {detail}\n"
                "Chạy lại với CLBTOOL_DEBUG=1 để xem chi tiết, và gửi cho người phát triển.\n"
            )
        sys.exit(2)

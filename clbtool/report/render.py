"""Render the report context to .docx (docxtpl), printable A4 .html and .md, and .pdf through
LibreOffice when it is installed. Templates come from the user's --templates folder first,
then the package's own; they are rendered in a sandboxed Jinja environment, escaped
wherever the output is HTML or XML."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

from clbtool.i18n import Txt
from clbtool.output.sheets import atomic_write
from clbtool.report import charts
from clbtool.report.filters import FILTERS
from clbtool.text import clean_text

FORMATS = ("docx", "html", "md", "pdf")
CHART_MM = 160  # a chart's width on the page: inside the 165 mm between the margins
TEMPLATE_NAMES = {"docx": "report.docx", "html": "report.html.j2", "md": "report.md.j2"}


class RenderError(Exception):
    """A document cannot be made; the message says why, in Vietnamese."""


def builtin_templates() -> Path:
    return Path(str(resources.files("clbtool").joinpath("templates")))


def template_copies(folder: Path) -> list[Path]:
    """Where `report --copy-templates` puts the built-in templates."""
    return [folder / name for name in TEMPLATE_NAMES.values()]


def copy_builtin_templates(folder: Path) -> list[Path]:
    """Copy the built-in templates into ``folder`` for a user to edit (the caller has
    checked that none is there, or was told to replace them)."""
    folder.mkdir(parents=True, exist_ok=True)
    for target in template_copies(folder):
        shutil.copyfile(builtin_templates() / target.name, target)
    return template_copies(folder)


def find_template(name: str, templates: Path | None) -> Path:
    if templates is not None and (templates / name).is_file():
        return templates / name
    return builtin_templates() / name


def jinja_env(templates: Path | None, autoescape: bool):
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    folders = [str(templates)] if templates else []
    folders.append(str(builtin_templates()))
    env = SandboxedEnvironment(
        loader=FileSystemLoader(folders),
        autoescape=autoescape,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


def _clean(value):
    """The context without control characters, which .docx XML cannot hold."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _charts(context: dict, folder: Path, stem: str) -> dict[str, Path]:
    """The composition chart always; the chart by year when the report covers several."""
    images = {"chart_composition": charts.composition(context, folder / f"{stem}-co-cau.png")}
    if len(context["years_covered"]) > 1:
        images["chart_years"] = charts.clubs_by_year(context, folder / f"{stem}-so-clb.png")
    return images


def _with_pictures(images: dict) -> dict:
    """Every chart name a template may ask for; the ones this report has none of are None."""
    return {"chart_composition": None, "chart_years": None, **images}


_RUN = (
    '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:cs="Times New Roman"/>{mark}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
    '<w:t xml:space="preserve">{text}</w:t></w:r>'
)


def _rich(runs: list[dict]):
    """Runs of a paragraph as Word runs, the gaps for the office highlighted in yellow (the
    highlight of Word's toolbar, which the office removes when it has filled them)."""
    from xml.sax.saxutils import escape

    from docxtpl import RichText

    rt = RichText()
    for run in runs:
        mark = '<w:highlight w:val="yellow"/>' if run["mark"] else ""
        rt.xml += _RUN.format(mark=mark, text=escape(run["text"]))
    return rt


def report_stem(kind: str, year: int) -> str:
    """The report's file name without its extension: bao-cao-clb-annual-2020."""
    return f"bao-cao-clb-{kind}-{year}"


def render(
    context: dict,
    out_dir: Path,
    formats: list[str],
    templates: Path | None = None,
    stem: str | None = None,
) -> list[Path]:
    """Write the report in each of ``formats`` to ``out_dir``; returns the files written."""
    from jinja2 import TemplateError

    context = _clean(context)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = stem or report_stem(context["kind"], context["year"])
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        images = _charts(context, Path(tmp), stem)
        try:
            if "md" in formats:
                written.append(_render_md(context, out_dir, stem, images, templates))
            if "html" in formats:
                written.append(_render_html(context, out_dir, stem, images, templates))
            docx = None
            if "docx" in formats or "pdf" in formats:
                docx = _render_docx(context, out_dir, stem, images, templates)
                if "docx" in formats:
                    written.append(docx)
            if "pdf" in formats:
                written.append(to_pdf(docx, out_dir))
                if "docx" not in formats:
                    docx.unlink()
        except TemplateError as exc:
            raise RenderError(
                Txt(f"Mẫu báo cáo có lỗi: {exc}", f"The report template is wrong: {exc}")
            ) from exc
    return written


def _render_text(
    fmt: str, context: dict, pictures: dict, out: Path, templates: Path | None
) -> Path:
    """Render the Jinja text template of ``fmt`` ("md" or "html", escaped) to ``out``."""
    env = jinja_env(templates, autoescape=fmt == "html")
    text = env.get_template(TEMPLATE_NAMES[fmt]).render(**context, **_with_pictures(pictures))
    atomic_write(out, lambda tmp: Path(tmp).write_text(text, "utf-8"))
    return out


def _render_md(context, out_dir, stem, images, templates) -> Path:
    """Markdown, with the charts written beside it."""
    for image in images.values():
        shutil.copyfile(image, out_dir / image.name)
    names = {key: image.name for key, image in images.items()}
    return _render_text("md", context, names, out_dir / f"{stem}.md", templates)


def _render_html(context, out_dir, stem, images, templates) -> Path:
    """One printable A4 page file, the charts embedded as data URIs."""
    uris = {
        key: "data:image/png;base64," + base64.b64encode(p.read_bytes()).decode()
        for key, p in images.items()
    }
    return _render_text("html", context, uris, out_dir / f"{stem}.html", templates)


def _render_docx(context, out_dir, stem, images, templates) -> Path:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    template = find_template(TEMPLATE_NAMES["docx"], templates)
    doc = DocxTemplate(str(template))
    pictures = {
        key: InlineImage(doc, str(path), width=Mm(CHART_MM)) for key, path in images.items()
    }
    rich = {
        "opening_rt": _rich(context["opening"]),
        "notes": {
            key: [{**p, "rt": _rich(p["runs"])} for p in paragraphs]
            for key, paragraphs in context["notes"].items()
        },
    }
    doc.render(
        {**context, **_with_pictures(pictures), **rich},
        jinja_env=jinja_env(templates, autoescape=True),
        autoescape=True,
    )
    now = dt.datetime.now().replace(microsecond=0)
    props = doc.docx.core_properties
    props.created = props.modified = now
    props.last_modified_by = context["doc"]["issuer_name"]
    props.revision = 1
    out = out_dir / f"{stem}.docx"
    atomic_write(out, doc.save)
    return out


def to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice (soffice --headless); a clear message when it is missing."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RenderError(
            Txt(
                "Cần LibreOffice để xuất PDF (apt-get install libreoffice-writer); "
                "các định dạng docx, html, md không cần.",
                "PDF needs LibreOffice (apt-get install libreoffice-writer); docx, html and md do not.",
            )
        )
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        try:
            subprocess.run(cmd, check=True, capture_output=True, timeout=180)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise RenderError(
                Txt(
                    "LibreOffice không chuyển được sang PDF (quá thời gian hoặc lỗi).",
                    f"LibreOffice could not make the PDF: {exc}",
                )
            ) from exc
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RenderError(Txt("LibreOffice không tạo ra tệp PDF.", "LibreOffice made no PDF."))
    return pdf

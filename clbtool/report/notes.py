"""The office's own paragraphs: what numbers cannot say (how the plan was directed, the
strengths, the causes, the lessons, the next tasks, the requests), read from a file the
office fills, one entry per section of the report.

Two forms, the same sections:

- Markdown: a heading per section ("## Ưu điểm"), its paragraphs under it; a line starting
  with "-" or "+" is an item of a list. ``<!-- ... -->`` comments are hints, not text.
- TOML: ``uu_diem = "..."`` (a multi-line string; paragraphs split by a blank line) or a list of paragraphs.

The text is data, never a template: it is escaped into the document as it was typed.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from clbtool.i18n import Txt
from clbtool.text import clean_text, fold

MOST_BYTES = 1_000_000


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    hint: str


SECTIONS = (
    Section(
        "chi_dao",
        "Công tác chỉ đạo, triển khai",
        "Các văn bản đã ban hành (số, ngày, trích yếu); tuyên truyền, phổ biến Kế hoạch; "
        "tập huấn cho ban chủ nhiệm CLB; kiểm tra, giám sát; họp giao ban.",
    ),
    Section(
        "uu_diem",
        "Ưu điểm",
        "Những việc làm được, cách làm hay, CLB tiêu biểu; sự phối hợp của các cấp, các ngành.",
    ),
    Section(
        "ton_tai",
        "Tồn tại, hạn chế",
        "Bổ sung ngoài các số liệu báo cáo đã nêu (CLB chưa đạt cơ cấu, huyện chưa báo cáo): "
        "khó khăn về kinh phí, nguồn vốn, hoạt động chưa đều...",
    ),
    Section("nguyen_nhan", "Nguyên nhân", "Nguyên nhân khách quan và chủ quan của hạn chế."),
    Section(
        "bai_hoc",
        "Bài học kinh nghiệm",
        "Chỉ dùng trong báo cáo sơ kết, tổng kết.",
    ),
    Section(
        "phuong_huong",
        "Phương hướng, nhiệm vụ",
        "Chỉ tiêu, nhiệm vụ và giải pháp của kỳ tới: duy trì, nhân rộng CLB, nâng cao chất "
        "lượng hoạt động...",
    ),
    Section(
        "kien_nghi",
        "Đề xuất, kiến nghị",
        "Với Trung ương Hội, Ủy ban nhân dân tỉnh, các sở, ngành: kinh phí, cơ chế, tài liệu...",
    ),
    Section(
        "khen_thuong",
        "Khen thưởng",
        "Tập thể, cá nhân có thành tích đề nghị khen thưởng (nếu có); báo cáo năm có mục này "
        "khi mục được viết.",
    ),
)
BY_KEY = {s.key: s for s in SECTIONS}
_BY_NAME = {fold(s.title): s.key for s in SECTIONS} | {fold(s.key): s.key for s in SECTIONS}
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s*[-+*•]\s+")
_NUMBERING = re.compile(r"^(?:(?:[IVXLC]+|\d+|[a-zđ])[.)]\s*)+", re.IGNORECASE)  # "III.2. "


class NotesError(Exception):
    """The notes file cannot be used; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    item: bool = False  # an item of a list ("- ...")


def read_notes(path: Path) -> dict[str, list[Paragraph]]:
    """The sections the file fills, each a list of paragraphs (empty sections left out)."""
    try:
        size = path.stat().st_size
        if size > MOST_BYTES:
            raise NotesError(
                Txt(
                    f"Tệp ghi chú {path.name} quá lớn ({size:,} byte; tối đa 1 MB).",
                    f"The notes file {path.name} is too large ({size:,} bytes; 1 MB at most).",
                )
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesError(Txt(f"Không có tệp ghi chú {path}.", f"No notes file {path}.")) from None
    except PermissionError:
        raise NotesError(
            Txt(
                f"Không có quyền đọc tệp ghi chú {path}.",
                f"No permission to read the notes file {path}.",
            )
        ) from None
    except IsADirectoryError:
        raise NotesError(
            Txt(
                f"{path} là thư mục; --notes cần một tệp .md hoặc .toml.",
                f"{path} is a folder; --notes takes an .md or .toml file.",
            )
        ) from None
    except OSError as exc:
        raise NotesError(
            Txt(
                f"Không đọc được tệp ghi chú {path} (lỗi hệ thống {exc.errno}).",
                f"Cannot read the notes file {path} (system error {exc.errno}).",
            )
        ) from None
    try:
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16
            text = raw.decode("utf-16")
        else:
            text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotesError(
            Txt(
                f"Tệp ghi chú {path.name} không phải chữ Unicode (UTF-8): lưu lại tệp với bảng mã "
                "UTF-8 (trong Notepad: Lưu thành, Mã hóa UTF-8).",
                f"The notes file {path.name} is not Unicode text (UTF-8): save it again as UTF-8.",
            )
        ) from None
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if path.suffix.lower() == ".toml":
        sections = _from_toml(text, path.name)
    else:
        sections = _from_markdown(text, path.name)
    return {key: paras for key, paras in sections.items() if paras}


def _section_key(name: str, file: str) -> str:
    bare = _NUMBERING.sub("", name.strip().strip("*_ ")).rstrip(" :.")  # "**2. Ưu điểm:**"
    key = _BY_NAME.get(fold(bare).replace("_", " ")) or _BY_NAME.get(fold(name.strip()))
    if key is None:
        names = "; ".join(s.title for s in SECTIONS)
        raise NotesError(
            Txt(
                f'Tệp ghi chú {file}: không có mục "{name}" trong báo cáo. Các mục: {names}.',
                f'Notes file {file}: the report has no section "{name}". Its sections: {names}.',
            )
        )
    return key


def _from_markdown(text: str, file: str) -> dict[str, list[Paragraph]]:
    sections: dict[str, list[Paragraph]] = {}
    current: list[str] | None = None
    blocks: dict[str, list[str]] = {}
    for number, line in enumerate(_COMMENT.sub("", text).split("\n"), start=1):
        heading = _HEADING.match(line)
        if heading and heading.group(1):
            key = _section_key(heading.group(1), file)
            current = blocks.setdefault(key, [])
            continue
        if current is None:
            if line.strip():
                raise NotesError(
                    Txt(
                        f"Tệp ghi chú {file}, dòng {number}: chữ nằm trước tiêu đề mục đầu tiên; "
                        'mỗi đoạn phải nằm dưới tiêu đề mục của nó (ví dụ "## Ưu điểm").',
                        f"Notes file {file}, line {number}: text before the first section heading; "
                        'each paragraph goes under its heading (e.g. "## Ưu điểm").',
                    )
                )
            continue
        current.append(line)
    for key, lines in blocks.items():
        sections[key] = _paragraphs(lines)
    return sections


def _from_toml(text: str, file: str) -> dict[str, list[Paragraph]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NotesError(
            Txt(
                f"Tệp ghi chú {file} ghi sai cú pháp TOML (dòng {getattr(exc, 'lineno', '?')}).",
                f"The notes file {file} is not valid TOML: {exc}.",
            )
        ) from None
    sections: dict[str, list[Paragraph]] = {}
    for name, value in data.items():
        key = _section_key(name, file)
        if isinstance(value, str):
            sections[key] = _paragraphs(value.split("\n"))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            sections[key] = [p for v in value for p in _paragraphs(v.split("\n"))]
        else:
            raise NotesError(
                Txt(
                    f'Tệp ghi chú {file}: mục "{name}" phải là một đoạn chữ hoặc danh sách các đoạn.',
                    f'Notes file {file}: section "{name}" must be a text or a list of texts.',
                )
            )
    return sections


def _paragraphs(lines: list[str]) -> list[Paragraph]:
    """Lines → paragraphs: a blank line ends one, an item line starts one."""
    out: list[Paragraph] = []
    words: list[str] = []
    item = False

    def close() -> None:
        if words:
            out.append(Paragraph(clean_text(" ".join(words)).strip(), item))
        words.clear()

    for line in lines:
        if not line.strip():
            close()
            item = False
        elif _ITEM.match(line):
            close()
            item = True
            words.append(_ITEM.sub("", line).strip())
        else:
            words.append(line.strip())
    close()
    return [p for p in out if p.text]


def notes_template() -> str:
    """A blank notes file in Markdown: every heading, a hint under each."""
    lines = [
        "<!-- Phần do cơ quan viết trong báo cáo CLB liên thế hệ tự giúp nhau.",
        "     Viết dưới mỗi tiêu đề; bỏ trống mục nào thì báo cáo ghi [Nội dung do cơ quan bổ sung].",
        "     Dòng bắt đầu bằng dấu - là một ý gạch đầu dòng. Dùng: clbtool report --notes TỆP -->",
        "",
    ]
    for section in SECTIONS:
        lines += [f"## {section.title}", "", f"<!-- {section.hint} -->", "", ""]
    return "\n".join(lines)

"""Typer's and Click's own words in Vietnamese: the help's headings ("Tùy chọn", "[mặc định:
...]", "[bắt buộc]"), the usage line, the help option, and the errors of the command line
("Không có tùy chọn", "Thiếu đối số", "Giá trị của --year không hợp lệ").

Click writes these in English and (in the Click Typer ships) without gettext, so they are
translated where they are printed. English stays when the run asks for it (``--lang en`` or
CLBTOOL_LANG=en), decided for each run from its own arguments.
"""

from __future__ import annotations

import os
import re
import sys

_state = {"vi": True}

HELP_WORDS = {
    "ARGUMENTS_PANEL_TITLE": ("Arguments", "Đối số"),
    "OPTIONS_PANEL_TITLE": ("Options", "Tùy chọn"),
    "COMMANDS_PANEL_TITLE": ("Commands", "Lệnh"),
    "ERRORS_PANEL_TITLE": ("Error", "Lỗi"),
    "DEFAULT_STRING": ("[default: {}]", "[mặc định: {}]"),
    "ENVVAR_STRING": ("[env var: {}]", "[biến môi trường: {}]"),
    "REQUIRED_LONG_STRING": ("[required]", "[bắt buộc]"),
    "DEPRECATED_STRING": ("(deprecated) ", "(không dùng nữa) "),
    "ABORTED_TEXT": ("Aborted.", "Đã dừng."),
    "RICH_HELP": (
        "Try [blue]'{command_path} {help_option}'[/] for help.",
        "Xem hướng dẫn: [blue]{command_path} {help_option}[/]",
    ),
}
HELP_OPTION = ("Show this message and exit.", "Xem hướng dẫn này rồi thoát.")


def _quote(text: str) -> str:
    return text.strip("'\"")


_KINDS = {"int": "số nguyên", "integer": "số nguyên", "float": "số", "boolean": "có/không",
          "UUID": "mã UUID", "path": "đường dẫn"}  # fmt: skip
# The errors of the command line, most specific first: (pattern, Vietnamese).
_ERRORS: list[tuple[re.Pattern, object]] = [
    (re.compile(r"No such option: (\S+)(?: \(Possible options: (.+)\))?(?:\s*Did you mean (.+)\?)?"),
     lambda m: f"Không có tùy chọn {m.group(1)}"
     + (f" (có phải: {m.group(2) or m.group(3)}?)" if (m.group(2) or m.group(3)) else "")),
    (re.compile(r"Missing argument '?([^'.]+)'?\.?"), lambda m: f"Thiếu đối số {m.group(1)}."),
    (re.compile(r"Missing option '?([^'.]+)'?\.?"), lambda m: f"Thiếu tùy chọn {m.group(1)}."),
    (re.compile(r"Missing parameter '?([^'.]+)'?\.?"), lambda m: f"Thiếu tham số {m.group(1)}."),
    (re.compile(r"Invalid value for (.+?): (.+)", re.S),
     lambda m: f"Giá trị của {m.group(1).replace(chr(39), '')} không hợp lệ: {translate(m.group(2))}"),
    (re.compile(r"'(.*)' is not a valid (\w+)(?: range)?\.?(?: Recognized values: .*)?", re.S),
     lambda m: f'"{m.group(1)}" không phải là {_KINDS.get(m.group(2), m.group(2))}.'),
    (re.compile(r"'(.*)' is not one of (.+)\.?"),
     lambda m: f'"{m.group(1)}" không phải một trong các giá trị {m.group(2).rstrip(".")}.'),
    (re.compile(r"(.+) is not in the range (.+)\."),
     lambda m: f"{_quote(m.group(1))} nằm ngoài khoảng cho phép {m.group(2)}."),
    (re.compile(r"(?:Path|File|Directory) '(.+)' does not exist\.?"),
     lambda m: f"Không có {m.group(1)}."),
    (re.compile(r"Got unexpected extra arguments? \((.+)\)"),
     lambda m: f"Thừa đối số: {m.group(1)}."),
    (re.compile(r"Option '(.+)' requires an argument\.?"),
     lambda m: f"Tùy chọn {m.group(1)} cần một giá trị."),
    (re.compile(r"Option '(.+)' requires (\d+) arguments\.?"),
     lambda m: f"Tùy chọn {m.group(1)} cần {m.group(2)} giá trị."),
    (re.compile(r"Option '(.+)' does not take a value\.?"),
     lambda m: f"Tùy chọn {m.group(1)} không nhận giá trị."),
    (re.compile(r"No such command '(.+)'\.?"), lambda m: f"Không có lệnh {m.group(1)}."),
    (re.compile(r"Missing command\.?"), lambda m: "Thiếu lệnh."),
]  # fmt: skip


def translate(message: str) -> str:
    """A Click error message in Vietnamese (unchanged when no pattern knows it)."""
    for pattern, words in _ERRORS:
        found = pattern.fullmatch(message.strip())
        if found:
            return words(found)
    return message


def asked_english(args: list[str]) -> bool:
    """Whether these arguments (or CLBTOOL_LANG) ask for English."""
    lang = os.environ.get("CLBTOOL_LANG", "vi")
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang.strip().lower() == "en"


def _set_help_words(vi: bool) -> None:
    """The help's headings in the run's language, when Typer's help module is loaded (it
    costs 70 ms to import, so it is loaded only when help or an error is printed)."""
    rich_utils = sys.modules.get("typer.rich_utils")
    if rich_utils is None:
        return
    for name, (en, vi_text) in HELP_WORDS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, vi_text if vi else en)


def _patch_rich_utils(rich_utils) -> None:
    """The error panel's message translated, and the headings set, once the module loads."""
    format_error = rich_utils.rich_format_error

    def rich_format_error(self) -> None:
        if _state["vi"]:
            english = self.format_message
            self.format_message = lambda: translate(english())
        return format_error(self)

    rich_utils.rich_format_error = rich_format_error
    if hasattr(rich_utils, "highlighter"):  # the usage line's colour for the Vietnamese word
        rich_utils.highlighter.highlights = [
            *rich_utils.highlighter.highlights,
            r"(?P<usage>Cách dùng: )",
        ]
    _set_help_words(_state["vi"])


class _WhenLoaded:
    """An import hook: patch typer.rich_utils right after Python first runs it."""

    def find_spec(self, name, path=None, target=None):
        if name != "typer.rich_utils":
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        run = loader.exec_module

        def exec_module(module):
            run(module)
            _patch_rich_utils(module)

        loader.exec_module = exec_module
        return spec


def install() -> None:
    """Wrap the places where Typer and Click print their own words (once per process)."""
    if getattr(install, "done", False):
        return
    install.done = True
    import typer.core

    click = getattr(typer, "_click", None)
    if click is None:  # an older Typer, on the separate Click package
        import click
    main = typer.core._main

    def _main(self, *a, args=None, **kw):
        vi = not asked_english(list(sys.argv[1:] if args is None else args))
        _state["vi"] = vi
        _set_help_words(vi)
        return main(self, *a, args=args, **kw)

    typer.core._main = _main
    if "typer.rich_utils" in sys.modules:
        _patch_rich_utils(sys.modules["typer.rich_utils"])
    else:
        sys.meta_path.insert(0, _WhenLoaded())

    formatter = click.formatting.HelpFormatter
    write_usage = formatter.write_usage

    def usage(self, prog, args="", prefix=None):
        if prefix is None and _state["vi"]:
            prefix = "Cách dùng: "
            args = args.replace("[OPTIONS]", "[TÙY CHỌN]")
        return write_usage(self, prog, args, prefix)

    formatter.write_usage = usage
    command = click.core.Command
    get_help_option = command.get_help_option

    def help_option(self, ctx):
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION[1] if _state["vi"] else HELP_OPTION[0]
        return option

    command.get_help_option = help_option

"""Trying a .xls, .ods or .xlsb apart: a damaged one can make python-calamine abort the whole
process (it asks for terabytes, or a Rust panic ends it), so it is first opened in a child.

The child is spawned, not forked, so the same code runs on Windows, where most offices work,
and here, where it is tested. One child serves every file of a process (spawning costs a
Python start, ~0.2 s): it reads a file's bytes from its stdin, opens every sheet, and answers
with one byte. When a file kills it, the answer is missing: that file is refused, the text the
library printed (a panic, a backtrace) is kept for the finding and never shown, and the next
file gets a new child. Run as ``python -m clbtool.workbook.probe LIMIT_ROWS LIMIT_CELLS CAP``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import threading

OK, ERROR, TOO_BIG, PANIC = b"0", b"2", b"3", b"4"  # the child's answers
TIMEOUT = 30.0  # seconds for one file: a club workbook opens in milliseconds

_LENGTH = struct.Struct("<Q")


class ProbeDied(Exception):
    """The child ended (or was stopped) while opening the file; ``text`` is what it printed."""

    def __init__(self, text: str, timed_out: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.timed_out = timed_out


class Prober:
    """One child process, started when first needed, restarted after a file killed it."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.stderr = None
        self.key: tuple = ()

    def answer(self, data: bytes, rows: int, cells: int, memory: int) -> bytes:
        """OK, ERROR (an ordinary error the parent meets again) or TOO_BIG; ProbeDied when
        the file stopped the child, or made the library panic (then the parent must not
        open it: the panic's message would reach the user)."""
        key = (rows, cells, memory)
        if self.proc is None or self.proc.poll() is not None or key != self.key:
            self.start(key)
        proc = self.proc
        assert proc is not None and proc.stdin is not None and proc.stdout is not None
        self.stderr.seek(0)
        self.stderr.truncate()
        reply: list[bytes] = []

        def exchange() -> None:
            try:
                proc.stdin.write(_LENGTH.pack(len(data)) + data)
                proc.stdin.flush()
                reply.append(proc.stdout.read(1))
            except OSError:  # the child died while we wrote
                reply.append(b"")

        talker = threading.Thread(target=exchange, daemon=True)
        talker.start()
        talker.join(TIMEOUT)
        if talker.is_alive() or not reply or not reply[0]:
            timed_out = talker.is_alive()
            self.stop()
            raise ProbeDied(self.printed(), timed_out)
        if reply[0] == PANIC:
            raise ProbeDied(self.printed())
        return reply[0]

    def start(self, key: tuple) -> None:
        self.stop()
        self.key = key
        if self.stderr is not None:
            self.stderr.close()
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115  (lives as long as the child)
        env = {**os.environ, "RUST_BACKTRACE": "0"}  # one line of panic, not 154
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "clbtool.workbook.probe", *map(str, key)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
        )

    def printed(self) -> str:
        """The last lines the child printed (the library's panic message), cleaned."""
        if self.stderr is None:
            return ""
        self.stderr.seek(0)
        text = self.stderr.read()[-4000:].decode("utf-8", "replace")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return " ".join(lines[-2:])[:300]

    def stop(self) -> None:
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(5)
            except OSError:
                pass
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
        self.proc = None


_PROBER = Prober()


def try_apart(data: bytes, rows: int, cells: int, memory: int) -> bytes:
    """Open ``data`` in this process's probing child; see :class:`Prober`."""
    return _PROBER.answer(data, rows, cells, memory)


def _serve(rows: int, cells: int, memory: int) -> None:
    """The child: answer for each file sent on stdin until stdin closes."""
    import io

    die_with_parent()
    _cap_memory(memory)
    from python_calamine import CalamineWorkbook

    read, write = sys.stdin.buffer.read, sys.stdout.buffer.write
    while True:
        head = read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return  # the parent is done
        data = read(_LENGTH.unpack(head)[0])
        answer = OK
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
            for name in workbook.sheet_names:
                sheet = workbook.get_sheet_by_name(name)
                if sheet.height > rows or sheet.height * sheet.width > cells:
                    answer = TOO_BIG
                    break
                sheet.to_python(skip_empty_area=False)  # a date out of range panics only here
        except BaseException as exc:  # noqa: BLE001  (a Rust panic is a BaseException)
            if type(exc).__name__ != "PanicException" and not isinstance(exc, Exception):
                raise  # KeyboardInterrupt, SystemExit: the child ends
            answer = PANIC if type(exc).__name__ == "PanicException" else ERROR
        write(answer)
        sys.stdout.buffer.flush()


def _cap_memory(memory: int) -> None:
    """Cap the child's address space at what it uses now plus ``memory`` (where the system
    allows it), so a file that asks for terabytes fails in the child fast."""
    try:
        import resource
    except ImportError:  # Windows: the child may grow, but only it dies
        return
    try:
        with open("/proc/self/status") as status:
            size = next(
                int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:")
            )
    except (OSError, StopIteration):
        size = 2 << 30
    cap = size + memory
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def die_with_parent() -> None:
    """End this process when the one that started it ends, even by SIGKILL (Linux's
    PR_SET_PDEATHSIG); elsewhere a child ends when its parent closes its pipes."""
    if sys.platform.startswith("linux"):
        import contextlib
        import ctypes
        import signal

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


if __name__ == "__main__":
    _serve(*map(int, sys.argv[1:4]))

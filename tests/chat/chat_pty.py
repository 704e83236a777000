"""Driving ``python -m mentalens chat`` as a person would: in a pseudo-terminal (pty.fork, so the
chat has a real controlling terminal, line editing, echo and Ctrl-C), typing lines and reading
what the screen shows. No tmux needed.

The built-in models answer (MENTALENS_MODEL is unset): the crisis protocol depends on them.
"""
from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")
TIMEOUT = 60.0


class ChatPty:
    """One chat in a pty. ``screen`` is everything shown so far (escape codes and CRs removed)."""

    def __init__(self, *args: str, env: dict | None = None, cols: int = 100) -> None:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("MENTALENS_")}
        environ.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "PYTHONUNBUFFERED": "1",
                        "PYTHONIOENCODING": "utf-8", **(env or {})})
        pid, fd = pty.fork()
        if pid == 0:                                                  # the child: the chat itself
            try:
                os.execve(sys.executable, [sys.executable, "-m", "mentalens", "chat", *args], environ)
            finally:
                os._exit(127)
        self.pid, self.fd, self.raw, self.code = pid, fd, b"", None
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
        self.mark = 0                                                 # where the last wait ended

    @property
    def screen(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def _pump(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:                                               # EIO: the child has gone
            return False
        if not chunk:
            return False
        self.raw += chunk
        return True

    def wait_for(self, pattern: str, timeout: float = TIMEOUT) -> str:
        """Read until ``pattern`` (a regex) shows after the last mark; returns the new text up to
        and including it, and moves the mark past it."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        alive = True
        while True:
            text = self.screen
            m = rx.search(text, self.mark)
            if m:
                new = text[self.mark:m.end()]
                self.mark = m.end()
                return new
            left = deadline - time.monotonic()
            if left <= 0 or not alive:
                raise AssertionError(f"waited for {pattern!r}; the screen after the mark:\n{text[self.mark:]}")
            alive = self._pump(min(0.2, left))

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")

    def key(self, raw: bytes) -> None:
        os.write(self.fd, raw)

    def turn(self, line: str, prompt: str) -> str:
        """Type ``line`` and return what the chat shows until its next prompt."""
        self.type(line)
        return self.wait_for(re.escape(prompt) + "$")

    def exit_code(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self._pump(0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self._pump(0.05) and select.select([self.fd], [], [], 0)[0]:
                    pass
                self.code = os.waitstatus_to_exitcode(status)
                return self.code
        raise AssertionError(f"the chat did not exit; the screen:\n{self.screen[-2000:]}")

    def close(self) -> None:
        if self.code is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        os.close(self.fd)

"""Extraction in a child process that the caller can end.

The per-document deadline (base/patterns.py) is a CPU-time signal, and Python delivers signals to
a main thread only: a Dask worker's task thread or a web server's request thread extracts without
it. Here the extraction runs in the main thread of a child Python process, where the deadline works
as in the local batch, and the caller keeps a wall-clock limit of its own: a child that does not
answer in time (stuck in C code that never returns to Python, say) is killed and the next call starts
a new one. A child that crashes ends only itself.

A child is a plain `python -m extractor.commands.isolated` with pipes (not multiprocessing, which a
daemonic Dask worker process may not use): each request and answer is a length-prefixed pickle.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
from importlib import import_module
from pathlib import Path

_HEADER = struct.Struct("!Q")
# The wall-clock limit past the CPU deadline: time shared with other processes, OCR's extensions.
WALL_FACTOR, WALL_SLACK = 10.0, 60.0


class Overran(Exception):
    """The child did not answer within the wall-clock limit; it was killed."""


class Crashed(Exception):
    """The child died before it answered."""


def wall_limit(size: int) -> float:
    """Seconds to wait for the answer on a document of `size` bytes: far past its CPU deadline,
    which the child enforces itself; this only catches a child that no signal can stop."""
    from ..base.patterns import deadline_seconds

    return WALL_FACTOR * deadline_seconds(size) + WALL_SLACK


class Child:
    """One child process, started on the first call and again after it was killed or crashed."""

    def __init__(self, max_bytes: int, ocr_mode: str):
        self.limits = (max_bytes, ocr_mode)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        package_root = str(Path(__file__).resolve().parents[2])  # the same extractor as the caller's
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, environment.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "extractor.commands.isolated", str(self.limits[0]), self.limits[1]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, env=environment, start_new_session=True)

    def call(self, function: str, *arguments, wall_seconds: float):
        """`function` ("module:name") applied to the arguments in the child; what it returns, or
        Overran / Crashed. An exception raised in the child comes back as RuntimeError."""
        self.start()
        process = self.process
        try:
            _write_frame(process.stdin, (function, arguments))
            ready, _, _ = select.select([process.stdout], [], [], wall_seconds)
            if not ready:
                self.kill()
                raise Overran(f"no answer in {wall_seconds:g} s")
            answer = _read_frame(process.stdout)
        except (BrokenPipeError, ConnectionResetError):
            answer = None
        if answer is None:
            code = self.kill()
            raise Crashed(f"exit code {code}" if code is not None and code >= 0 else f"signal {-(code or 0)}")
        status, value = answer
        if status == "error":
            raise RuntimeError(value)
        return value

    def kill(self) -> int | None:
        """End the child (it runs in a process group of its own) and return its exit code."""
        process, self.process = self.process, None
        if process is None:
            return None
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        code = process.wait()
        for stream in (process.stdin, process.stdout):
            stream.close()
        return code

    close = kill


def _write_frame(stream, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exactly(stream, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_frame(stream):
    header = _read_exactly(stream, _HEADER.size)
    if header is None:
        return None
    data = _read_exactly(stream, _HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)


def _serve(max_bytes: int, ocr_mode: str) -> None:
    """The child's loop: one request at a time on standard input, each answer on standard output
    (anything else the code prints goes to standard error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    answers = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    requests = os.fdopen(0, "rb", buffering=0)
    from .. import read

    read.set_max_bytes(max_bytes)
    read.set_ocr_mode(ocr_mode)
    while True:
        request = _read_frame(requests)
        if request is None:  # the parent is gone or done
            return
        function, arguments = request
        module, name = function.split(":")
        try:
            answer = ("ok", getattr(import_module(module), name)(*arguments))
        except BaseException as error:  # noqa: BLE001 — the child answers, whatever happened
            answer = ("error", f"{type(error).__name__}: {error}")
        _write_frame(answers, answer)


if __name__ == "__main__":
    _serve(int(sys.argv[1]), sys.argv[2])

"""Load the pattern data files of patterns/ once, and compile what they describe.

Patterns are data so that a rule change is a reviewed edit of a small file with its own
examples, not a change hidden in code.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import marshal
import os
import re
import signal
import tempfile
import threading
import tomllib
from importlib import resources
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[2] / "patterns"


def _pattern_file(name: str):
    """patterns/ of the source tree when run from a checkout, else the installed copy."""
    if (_SOURCE_TREE / name).is_file():
        return _SOURCE_TREE / name
    return resources.files("extractor.pattern_data").joinpath(name)


@functools.cache
def load(name: str) -> dict:
    """The parsed TOML file patterns/<name>.toml."""
    with _pattern_file(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def user_dictionary_lines() -> list[str]:
    """Entries of patterns/userdict.txt without comments and blank lines."""
    return word_list("userdict.txt")


@functools.cache
def word_list(name: str) -> tuple[str, ...]:
    """The lines of a list file of patterns/ (userdict.txt, gazetteer.txt), without comments and blank lines."""
    text = _pattern_file(name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


_TEXT_CACHES: list = []


def text_cache(function):
    """Memoise a pure function of a text: a paragraph is asked about several times (as the line
    before and as the line after). Registered so that a benchmark can forget them all."""
    cached = functools.lru_cache(maxsize=8192)(function)
    _TEXT_CACHES.append(cached)
    return cached


def clear_text_caches() -> None:
    for cached in _TEXT_CACHES:
        cached.cache_clear()


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so that 人次 wins over 人; words of one
    length in their own order, so that the pattern is the same in every process (a set's order
    changes with the hash seed, and every changed pattern is compiled and stored again)."""
    return _alternation(tuple(words))


@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=lambda word: (-len(word), word)))


# The CPU time one document may take before its extraction is given up as runaway: generous
# (normal extraction runs at well over 0.1 MB/s on a slow machine), so that only a pattern that
# backtracks without end reaches it.
# $NOTICE_EXTRACT_DEADLINE and $NOTICE_EXTRACT_DEADLINE_PER_MB set other budgets (a service that
# must answer quickly, a test), for every process that extracts: local batch workers, a cluster's
# extraction processes, a service's pool.
def _seconds(variable: str, default: float) -> float:
    try:
        value = float(os.environ.get(variable, default))
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default


DEADLINE_SECONDS = _seconds("NOTICE_EXTRACT_DEADLINE", 10.0)
DEADLINE_SECONDS_PER_MEGABYTE = _seconds("NOTICE_EXTRACT_DEADLINE_PER_MB", 60.0)


def deadline_seconds(size: int) -> float:
    """The CPU seconds a document of `size` bytes may take."""
    return DEADLINE_SECONDS + DEADLINE_SECONDS_PER_MEGABYTE * size / 1e6

_armed = threading.local()


@contextlib.contextmanager
def deadline(size: int):
    """Run the body under one CPU-time deadline for the whole document, raising TimeoutError
    when it passes. One timer per document instead of a timeout on every match: re
    checks for signals while it matches, so even a match that never ends is interrupted.
    Python delivers signals to the main thread only; elsewhere (a caller's thread pool) the body
    runs without the deadline. A deadline already running (a nested call) stays as it is."""
    if getattr(_armed, "on", False) or not _can_arm():
        yield
        return
    seconds = deadline_seconds(size)
    previous = signal.signal(signal.SIGVTALRM, _expire)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    _armed.on = True
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
        _armed.on = False


def extend_deadline(seconds: float) -> None:
    """More time for work whose size only shows as it goes (each page read by OCR)."""
    if getattr(_armed, "on", False):
        remaining = signal.getitimer(signal.ITIMER_VIRTUAL)[0]
        if remaining > 0:
            signal.setitimer(signal.ITIMER_VIRTUAL, remaining + seconds)


def _can_arm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _expire(signal_number, frame):
    raise TimeoutError("document deadline passed")


# Script=Han as Unicode 17 has it (the regex module's \p{Han}); tests/test_patterns.py compares.
HAN = ("\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf"
       "\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6"
       "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead\U0002ceb0-\U0002ebe0"
       "\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d\U00030000-\U0003134a\U00031350-\U00033479")
_HAN_PROPERTY = "\\p{Han}"


def with_han_class(source: str) -> str:
    """Patterns are written with \\p{Han} (a Chinese character) for readability; Python's re has no
    Unicode properties, so it becomes the class of HAN's ranges (inside a set, the ranges alone)."""
    if _HAN_PROPERTY not in source:
        return source
    parts, position, in_set = [], 0, False
    while position < len(source):
        character = source[position]
        if source.startswith(_HAN_PROPERTY, position):
            parts.append(HAN if in_set else f"[{HAN}]")
            position += len(_HAN_PROPERTY)
            continue
        if character == "\\":
            parts.append(source[position:position + 2])
            position += 2
            continue
        if character == "[" and not in_set:
            in_set = True
            opening = source[position:position + 3]
            # A ] right after [ or [^ is a literal member, not the end of the set.
            length = 3 if opening == "[^]" else 2 if opening[:2] in ("[]", "[^") else 1
            parts.append(source[position:position + length])
            position += length
            continue
        if character == "]" and in_set:
            in_set = False
        parts.append(character)
        position += 1
    return "".join(parts)


def cache_folders() -> list[Path]:
    """Where files made once per machine are kept (the segmentation dictionary, compiled
    patterns): $NOTICE_EXTRACT_CACHE, else the user's cache folder, and the temporary folder for a
    machine where that is read-only."""
    folder = os.environ.get("NOTICE_EXTRACT_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "notice-extract")
    return [Path(folder), Path(tempfile.gettempdir()) / "notice-extract"]


def save_to_cache(name: str, data: bytes) -> None:
    """Whole or not at all: processes saving at once each rename a complete file into place."""
    for folder in cache_folders():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, folder / name)
            return
        except OSError:
            continue  # a read-only folder: the next, else made again next time


class _Programs:
    """re's compiled programs of our patterns, kept between runs. Compiling is pure Python (the
    parser and code generator of the re module) and takes most of a command-line run's start; what
    it makes is a list of integers, which loads in a millisecond. Each program is made by re's own
    parser and code generator, the way re.compile makes it, and handed to the same _sre.compile;
    stored per Python version and re engine, and rebuilt by re.compile itself whenever anything
    about a stored one fails (tests/test_patterns.py compares every one with re.compile's)."""

    LIMIT = 5000  # patterns made from a document's text must not grow the file without end
    # A store grown past this (programs of patterns an earlier version made, which no run asks
    # for again) is written back with what this run used: reading it would cost every start.
    MAX_BYTES = 4_000_000

    def __init__(self):
        import _sre
        import sys

        self.name = f"patterns-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"
        self.stored: dict = {}
        data = b""
        for folder in cache_folders():
            try:
                data = (folder / self.name).read_bytes()
                self.stored = marshal.loads(data)
                break
            except (OSError, ValueError, EOFError, TypeError):
                continue
        if not isinstance(self.stored, dict):
            self.stored = {}
        self.added: dict = {}
        self.used: set = set()
        self.oversized = len(data) > self.MAX_BYTES
        if self.oversized:
            atexit.register(self.save)

    def compile(self, source: str | bytes, flags: int) -> re.Pattern:
        import _sre

        self.used.add((source, flags))
        stored = self.stored.get((source, flags))
        if stored is not None:
            try:
                return _sre.compile(source, *marshal.loads(stored))
            except Exception:  # a stored program this engine does not take: compiled afresh
                self.stored.pop((source, flags), None)
        try:
            program = _program(source, flags)
            pattern = _sre.compile(source, *program)
        except re.error:
            raise
        except Exception:
            return re.compile(source, flags)
        if len(self.stored) + len(self.added) < self.LIMIT:
            self.added[(source, flags)] = marshal.dumps(program)  # each read only when asked for
            if len(self.added) == 1 and not self.oversized:
                atexit.register(self.save)
        return pattern

    def save(self) -> None:
        if not self.added and not self.oversized:
            return
        programs = {**self.stored, **self.added}
        data = marshal.dumps(programs)
        if len(data) > self.MAX_BYTES:
            programs = {key: program for key, program in programs.items() if key in self.used}
            data = marshal.dumps(programs)
        save_to_cache(self.name, data)
        self.stored, self.added, self.oversized = programs, {}, False


def _program(source: str | bytes, flags: int) -> tuple:
    """What re._compiler.compile hands to _sre.compile (Python 3.11 to 3.13)."""
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]  # its opcodes are int subclasses
    groups = parsed.state.groupdict
    names = [None] * parsed.state.groups
    for name, index in groups.items():
        names[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, dict(groups), tuple(names)


@functools.cache
def _programs() -> _Programs:
    return _Programs()


@functools.lru_cache(maxsize=1024)
def compiled(source: str | bytes, flags: int = 0) -> re.Pattern:
    """Python's re: it compiles in about half the regex module's time and matches as fast or
    faster; it checks for signals while it matches, so the document deadline interrupts it. Its
    programs are kept between runs (_Programs)."""
    return _programs().compile(with_han_class(source) if isinstance(source, str) else source, int(flags))


# re's functions, through the cache of compiled patterns.
def search(source, string, flags=0):
    return compiled(source, flags).search(string)


def match(source, string, flags=0):
    return compiled(source, flags).match(string)


def fullmatch(source, string, flags=0):
    return compiled(source, flags).fullmatch(string)


def finditer(source, string, flags=0):
    return compiled(source, flags).finditer(string)


def findall(source, string, flags=0):
    return compiled(source, flags).findall(string)


def split(source, string, maxsplit=0, flags=0):
    return compiled(source, flags).split(string, maxsplit)


def sub(source, replacement, string, count=0, flags=0):
    return compiled(source, flags).sub(replacement, string, count)

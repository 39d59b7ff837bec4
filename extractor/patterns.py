"""Load the pattern data files of patterns/ once, and compile what they describe.

Patterns are data so that a rule change is a reviewed edit of a small file with its own
examples, not a change hidden in code.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from pathlib import Path

import regex

# Every compiled pattern gets this timeout (seconds) so that no input makes matching run away.
MATCH_TIMEOUT = 2.0


_SOURCE_TREE = Path(__file__).resolve().parent.parent / "patterns"


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
    """A regex alternation of literal words, longest first so that 人次 wins over 人."""
    return _alternation(tuple(words))


@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(word) for word in sorted(set(words), key=len, reverse=True))


class TimedPattern:
    """A compiled pattern whose matches on long strings run with a timeout, so that no input can
    make matching run away; regex raises TimeoutError, which the pipeline reports as a clean
    error. Short strings (a line, a clause) go without: the timeout's clock costs more than the
    match there, and nothing short can run long with these patterns."""

    __slots__ = ("compiled",)

    def __init__(self, compiled_pattern: regex.Pattern):
        self.compiled = compiled_pattern

    @property
    def pattern(self):
        return self.compiled.pattern

    def sub(self, replacement, string, count=0):
        if len(string) > _SHORT:
            return self.compiled.sub(replacement, string, count=count, timeout=MATCH_TIMEOUT)
        return self.compiled.sub(replacement, string, count=count)


def _timed(name: str):
    def method(self, string, *args, **kwargs):
        if len(string) > _SHORT:
            kwargs["timeout"] = MATCH_TIMEOUT
        return getattr(self.compiled, name)(string, *args, **kwargs)

    method.__name__ = name
    return method


for _name in ("search", "match", "fullmatch", "finditer", "findall", "split"):
    setattr(TimedPattern, _name, _timed(_name))


# Strings longer than this are matched with the timeout.
_SHORT = 400


@functools.lru_cache(maxsize=1024)
def compiled(source: str | bytes, flags: int = 0) -> TimedPattern:
    return TimedPattern(regex.compile(source, flags | regex.V0))


# The regex module's functions, through the cache of compiled, timed patterns.
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

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
    return resources.files("extractor.patterns").joinpath(name)


@functools.cache
def load(name: str) -> dict:
    """The parsed TOML file patterns/<name>.toml."""
    with _pattern_file(f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def user_dictionary_lines() -> list[str]:
    """Entries of patterns/userdict.txt without comments and blank lines."""
    text = _pattern_file("userdict.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so that 人次 wins over 人."""
    return _alternation(tuple(words))


@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(regex.escape(word) for word in sorted(set(words), key=len, reverse=True))


@functools.cache
def compiled(source: str, flags: int = 0) -> regex.Pattern:
    return regex.compile(source, flags | regex.V0)

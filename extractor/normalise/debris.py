"""Web debris: what a site puts into a notice that its author did not write.

A page's source copied as text keeps its entities (&nbsp; &ldquo;); a news site puts a byline after
the text (…。（记者 张三）) and links or its own stamp inside sentences. Entities become the character
they stand for; bylines and injected debris are dropped (patterns/document.toml)."""

from __future__ import annotations

import functools
import html

from ..base import patterns
from .characters import TRANSLATION
from .offsets import Line


def drop_debris(line: Line, may_have_byline: bool, may_have_debris: bool) -> None:
    """A line's byline and injected debris dropped."""
    text = line.text
    byline = byline_pattern().search(text) if may_have_byline else None
    if byline and byline.start() > 0:
        line.keep(range(byline.start()))
    debris = [match.span() for match in inline_debris_pattern().finditer(line.text)] if may_have_debris else []
    if debris:  # a link or a site's stamp injected into a sentence
        line.keep([index for index in range(len(line.text)) if not any(start <= index < end for start, end in debris)])


_ENTITY = patterns.compiled(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5})[;；]")  # ; is ； by now


def decode_entities(line: Line) -> None:
    """A page's source copied as text keeps its entities (&nbsp; &ldquo; &#8220;): each becomes the
    one character it stands for, mapped to the entity's first raw character."""
    if "&" not in line.text:
        return
    keep, previous = [], 0
    for match in _ENTITY.finditer(line.text):
        character = html.unescape(match.group()[:-1] + ";")
        if len(character) != 1:
            continue
        keep.extend(range(previous, match.start() + 1))
        line.characters[match.start()] = character.translate(TRANSLATION)
        previous = match.end()
    if previous:
        keep.extend(range(previous, len(line.text)))
        line.keep(keep)


@functools.cache
def byline_pattern(flags: int = 0):
    return patterns.compiled(patterns.load("document")["byline"], flags)


@functools.cache
def inline_debris_pattern(flags: int = 0):
    return patterns.compiled("|".join(f"(?:{source})" for source in patterns.load("document")["inline_debris"]), flags)


"""Numbering labels inside a line: `（1）…。 （2）…。`, `一、… 1.… 2.… 二、…`.

A label is told from a number by its sequence, not by its place at a line start: a mid-line
candidate (after a sentence end, a kept space or a closing bracket) opens a block only if it
continues its style's count (2 after 1) or starts a count that goes on (1 with a 2 after it).
`1.5万`, `2.50个` and `3、5号楼` never qualify (patterns/layout.toml has the examples).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..base import labels, patterns


@dataclass(frozen=True)
class _Candidate:
    position: int
    style: str
    number: int
    line_start: bool
    glued: bool = False  # right after a word, no boundary between: counts only if it continues
    degraded: bool = False  # a spoilt shape (3， 4完善): counts only if it continues its family
    after: str = ""  # the boundary character before a mid-line candidate


@functools.cache
def _candidate_start() -> re.Pattern:
    boundary = re.escape(patterns.load("layout")["label_boundary"])
    return patterns.compiled(rf"(?<=[{boundary}])[0-9一二三四五六七八九十（①-⑳第⑴-⒇⒈-⒛㈠-㈩]")


def split_at_labels(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans cut before every mid-line label that continues a sequence."""
    candidates = _candidates(text, spans)
    cuts = _in_sequence(candidates)
    if not cuts:
        return spans
    result = []
    cuts_iter = iter(sorted(cuts))
    cut = next(cuts_iter, None)
    for start, end in spans:
        while cut is not None and cut <= start:
            cut = next(cuts_iter, None)
        while cut is not None and cut < end:
            result.append((start, cut))
            start = cut
            cut = next(cuts_iter, None)
        result.append((start, end))
    return result


def _candidates(text: str, spans: list[tuple[int, int]]) -> list[_Candidate]:
    found = []
    start_pattern = _candidate_start()
    for start, end in spans:
        paragraph = text[start:end]
        first = labels.find_label(paragraph)
        if first is not None:
            found.append(_Candidate(start, first.style, first.number, True))
        if "\t" in paragraph:
            continue  # a table row: numbering inside a cell (steps 1. 2., ①②) is no block
        inside = []
        for match in start_pattern.finditer(paragraph):
            label = labels.mid_line_label(paragraph[match.start():match.start() + 16])
            if label is not None:
                inside.append(_Candidate(start + match.start(), label.style, label.number, False,
                                         after=paragraph[match.start() - 1]))
            elif paragraph[match.start() - 1] in _degraded_boundary():
                label = labels.find_label(paragraph[match.start():match.start() + 16])
                if label is not None and label.style in _degraded_styles():
                    inside.append(_Candidate(start + match.start(), label.style, label.number, False, degraded=True))
        found.extend(_outside_fields(paragraph, first, inside))
        for match in _glued_start().finditer(paragraph):
            label = labels.mid_line_label(paragraph[match.start():match.start() + 16])
            if label is not None and label.style in _glued_styles():
                found.append(_Candidate(start + match.start(), label.style, label.number, False, glued=True))
    return sorted(found, key=lambda candidate: candidate.position)


def _outside_fields(paragraph: str, first: labels.Label | None, inside: list[_Candidate]) -> list[_Candidate]:
    """项目进展：1.东区：… 2.西区：…: steps counted from 1 inside a labelled field are no blocks; a
    count run on from the lines before (责任单位：… 3.新建…, on a page that lost its breaks) still is."""
    if first is not None or labels.field_at(paragraph) is None:
        return inside
    restarted = {candidate.style for candidate in inside if candidate.number == 1}
    return [candidate for candidate in inside if candidate.style not in restarted]


@functools.cache
def _glued_start() -> re.Pattern:
    """A label of a style that may be glued (its shape from patterns/headings.toml) right after a
    character that is no boundary, digit, dot or Latin letter: only label shapes are looked at, not
    every number of the text."""
    boundary = re.escape(patterns.load("layout")["label_boundary"])
    shapes = [style["regex"].removeprefix("^") for style in labels.heading_styles()
              if style["name"] in _glued_styles()]
    return patterns.compiled(rf"(?<=[^{boundary}0-9.．a-zA-Z\s])(?:{'|'.join(shapes)})")


@functools.cache
def _degraded_styles() -> frozenset[str]:
    return frozenset(patterns.load("layout")["degraded_label_styles"])


@functools.cache
def _degraded_boundary() -> str:
    return patterns.load("layout")["degraded_label_boundary"]


@functools.cache
def _glued_styles() -> frozenset[str]:
    return frozenset(patterns.load("layout")["glued_label_styles"])


def _in_sequence(candidates: list[_Candidate]) -> set[int]:
    """Positions of the mid-line candidates that are labels: each continues its style's count (or
    its family's: 1. 2. 3、, and 3， 4完善 after 2.), or is a 1 whose 2 follows before the style
    counts from 1 again. A spoilt shape only continues."""
    cuts: set[int] = set()
    last: dict[str, int] = {}
    run_in: set[str] = set()  # styles of a run-in list opened high after a `：` (…如下：28.…；29.…)
    for index, candidate in enumerate(candidates):
        family = labels.style_family(candidate.style)
        if candidate.line_start:
            last[candidate.style] = last[family] = candidate.number
            run_in.discard(candidate.style)
            continue
        continues = candidate.number > 1 and candidate.number - 1 in (
            (last.get(family),) if candidate.degraded else (last.get(candidate.style), last.get(family)))
        opens = not candidate.degraded and candidate.number == 1 and (
            _following_of_style(candidates, index, 2) == [2, 3] if candidate.glued
            else _next_of_style(candidates, index) == 2)
        skips_on = candidate.style in run_in and candidate.after in _RUN_IN_SEPARATORS \
            and candidate.number > last.get(candidate.style, candidate.number)
        if _opens_run_in(candidates, index, last):
            run_in.add(candidate.style)
            opens = True
        if continues or opens or skips_on:
            cuts.add(candidate.position)
            last[candidate.style] = last[family] = candidate.number
    return cuts


_RUN_IN_SEPARATORS = "；;"


def _opens_run_in(candidates: list[_Candidate], index: int, last: dict[str, int]) -> bool:
    """A run-in list a lead-in opens in its line at a high number (…如下：28.…；29.…；31.…): a label
    right after a `：`, its style not counting yet, whose next label of its style is its number + 1
    and stands after a `；` of the same line. Later labels after a `；` may skip on (31. then 43.)."""
    candidate = candidates[index]
    if candidate.glued or candidate.degraded or candidate.after not in "：:" or candidate.number < 2 \
            or candidate.style in last:
        return False
    following = next((later for later in candidates[index + 1:index + 200] if later.style == candidate.style), None)
    return following is not None and not following.line_start and following.after in _RUN_IN_SEPARATORS \
        and following.number == candidate.number + 1


def _following_of_style(candidates: list[_Candidate], index: int, count: int) -> list[int]:
    """The numbers of the next `count` candidates of the same style: a label glued to the word
    before it opens a list only if 2 and 3 follow it (统一、规范 is no list)."""
    style = candidates[index].style
    return [later.number for later in candidates[index + 1:index + 400] if later.style == style][:count]


def _next_of_style(candidates: list[_Candidate], index: int) -> int | None:
    style = candidates[index].style
    for later in candidates[index + 1:index + 200]:
        if later.style == style:
            return later.number
    return None

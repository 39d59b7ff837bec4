"""Closing remarks inside a line: `…新增普惠托位3000个。会议要求，各地各部门要细化实施方案。`

A news report or a page run together goes on after its last task with what the notice says to its
readers (下一步, 会议要求, 据介绍 … in patterns/document.toml, closing_words). Such a sentence opens
a block of its own, so that it never becomes part of the last item.
"""

from __future__ import annotations

import functools

import re

from ..base import patterns


@functools.cache
def _closing_start() -> re.Pattern:
    words = patterns.alternation(patterns.load("document")["closing_words"])
    return patterns.compiled(rf"(?<=[。！？])(?:{words})")


def split_at_closing_remarks(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result = []
    for start, end in spans:
        paragraph = text[start:end]
        cuts = [] if "\t" in paragraph else [start + match.start() for match in _closing_start().finditer(paragraph)]
        for cut in cuts:
            result.append((start, cut))
            start = cut
        result.append((start, end))
    return result

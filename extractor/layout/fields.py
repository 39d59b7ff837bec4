"""Field labels inside a line: `责任单位：市城管局 完成情况：已建成2100个`.

A progress report run together keeps its fields apart only by a space or a sentence end; each
field becomes a block of its own, so that the outline reads units, targets and progress alike
whatever the line breaks were. A label inside brackets (`（牵头单位：…；配合单位：…）`) is a
note of the item and stays where it is.
"""

from __future__ import annotations

import functools

from ..base import labels, names, patterns

_BOUNDARY = "。；！？ \t）"
# One statement of who is responsible stays one block: 主办：区住建局；协办：区城管局.
_RESPONSIBILITY = ("lead", "unit", "support", "ignored")


def split_at_fields(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    result = []
    for start, end in spans:
        paragraph = text[start:end]
        if "\t" not in paragraph and "：" in paragraph:
            for cut in _field_starts(paragraph):
                result.append((start, start + cut))
                start, paragraph = start + cut, paragraph[cut:]
        result.append((start, end))
    return result


def _may_be_glued(paragraph: str, key_start: int, match) -> bool:
    """A long field label glued to the word before it, on a page whose spaces were lost."""
    key = match.group().rstrip("：").strip()
    before = paragraph[key_start - 1]
    return len(key) >= _glued_least_length() and not before.isascii() and before not in "（【［《“"


@functools.cache
def _glued_least_length() -> int:
    return patterns.load("layout")["glued_field_least_length"]


def _field_starts(paragraph: str) -> list[int]:
    """Offsets (relative to the paragraph, increasing) where a field label opens a block."""
    starts, checked, depth = [], 0, 0
    current = labels.field_kind(paragraph)  # the kind of field the block being cut opens with
    position = paragraph.find("：")
    while position >= 0:
        match = labels.field_ending_at(paragraph, position, max(checked, 1), lambda match: (
            paragraph[match.start() - 1] in _BOUNDARY or _may_be_glued(paragraph, match.start(), match)))
        if match is not None:
            key_start = match.start()
            depth = names.bracket_depth(paragraph, checked, key_start, depth)  # one pass, forwards
            checked = key_start
            kind = labels.field_kinds()[match.group().rstrip("：").strip()]
            together = kind in _RESPONSIBILITY and current in _RESPONSIBILITY
            if depth == 0 and not together:
                starts.append(key_start)
                current = kind
        position = paragraph.find("：", position + 1)
    return [cut - previous for previous, cut in zip([0] + starts, starts)]

"""One block of a page: a span of the normalised text with what it opens with."""

from __future__ import annotations

from dataclasses import dataclass

from ..base import labels


@dataclass
class Block:
    start: int
    end: int
    text: str

    @property
    def label(self) -> labels.Label | None:
        return labels.find_label(self.text)

    @property
    def field(self) -> str | None:
        """The kind of field the block is (`完成情况：…` → progress), or None."""
        return labels.field_kind(self.text)

    @property
    def is_row(self) -> bool:
        return "\t" in self.text

    def cells(self) -> list[tuple[int, int]]:
        """Spans of a table row's non-empty cells (between tabs)."""
        cells, position = [], self.start
        for part in self.text.split("\t"):
            if part.strip():
                cells.append(trimmed(self.text, position - self.start, position - self.start + len(part), self.start))
            position += len(part) + 1
        return cells


_BLANK = " \t"


def trimmed(text: str, start: int, end: int, offset: int = 0) -> tuple[int, int]:
    """The span without the spaces and tabs at its ends (offset added to the result)."""
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return start + offset, end + offset

"""The normalised text and its offset map, and the raw line the repairs work on.

Every normalised character comes from one raw character (possibly substituted, as ％ → %), so the
map is a list of raw indices and every span can be traced back to the source. A repair never
writes text of its own: it keeps, drops or substitutes characters of a line, and the line keeps
the raw index of each."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field


@dataclass
class NormalisedText:
    text: str
    offsets: list[int] = field(repr=False)  # offsets[i]: raw index of text[i]; one extra entry for the end

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span that the normalised span [start, end) comes from."""
        if start >= end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of every line of the normalised text."""
        spans, start = [], 0
        for line in self.text.split("\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        return spans

class Line:
    """One raw line as its text and the raw index of each character, cleaned in place. Its
    characters are listed only when one of them is replaced: most lines are kept as they are."""

    __slots__ = ("_characters", "offsets", "end_offset", "blank_before", "dropped", "text", "bordered", "stands_alone")

    def __init__(self, text: str, offsets, end_offset: int):
        self.text, self.offsets, self.end_offset = text, offsets, end_offset
        self._characters = None
        self.blank_before = False
        self.dropped = False
        self.bordered = False  # its cells were separated by pipes
        self.stands_alone = False  # a bare numeral heading (一开展…行动) or its caption: joined to no line

    @property
    def characters(self) -> list[str]:
        if self._characters is None:
            self._characters = list(self.text)
        return self._characters

    @characters.setter
    def characters(self, characters: list[str]) -> None:
        self._characters = characters

    def keep(self, positions) -> None:
        if len(positions) == len(self.text):
            if self._characters is not None:
                self.text = "".join(self._characters)  # nothing dropped: perhaps a character replaced
            return
        if not positions:
            self._characters, self.offsets, self.text = [], [], ""
            return
        pick = operator.itemgetter(*positions)
        self._characters = list(pick(self.characters)) if len(positions) > 1 else [pick(self.characters)]
        self.offsets = list(pick(self.offsets)) if len(positions) > 1 else [pick(self.offsets)]
        self.text = "".join(self._characters)

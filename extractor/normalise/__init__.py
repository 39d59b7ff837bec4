"""Stage 2, normalise: raw text → one paragraph per line, layout repaired, with an offset map.

The repairs, in the order they run: characters and scripts (characters), lines and their lost
breaks (lines), web entities, bylines and debris (debris), table cells and spaces (cells), page
furniture (lines), and the joiner that makes paragraphs of lines (joiner). Each keeps the raw
index of every character it keeps (offsets)."""

from __future__ import annotations

import re

from . import cells, debris
from .characters import map_characters, to_simplified, unbracket_field_keys
from .joiner import join_lines
from .lines import drop_furniture, split_bare_numeral_headings, split_lines
from .offsets import NormalisedText

__all__ = ["NormalisedText", "normalise", "to_simplified"]


def normalise(raw: str) -> NormalisedText:
    text, offsets = map_characters(to_simplified(raw))
    lines = split_bare_numeral_headings(split_lines(text, offsets, len(raw)))
    for line in lines:
        debris.decode_entities(line)
        cells.mark_cell_borders(line)
        unbracket_field_keys(line)
    cells.mark_single_space_cells(lines)
    # Bylines and injected debris are rare: looked for line by line only in a text that has some.
    whole = "\n".join(line.text for line in lines)
    byline = debris.byline_pattern(re.MULTILINE).search(whole) is not None
    injected = debris.inline_debris_pattern(re.MULTILINE).search(whole) is not None
    for line in lines:
        debris.drop_debris(line, byline, injected)
        cells.repair_spaces(line)
    drop_furniture(lines)
    return join_lines(lines, len(raw))
